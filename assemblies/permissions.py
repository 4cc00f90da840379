"""Who may read and who may run the general assembly.

Everyone with a role in the council reads the assemblies and their reports (team members too: the
next assembly is on everyone's home page); only the secretariat schedules, moves and edits them. A
team's leads (and the secretariat) say when the team's input to the achievements report is ready.
"""

from assemblies.models import Assembly
from council.permissions import Access


def can_read_assemblies(access: Access) -> bool:
    return access.council_id is not None and bool(access.kinds)


def can_manage_assemblies(access: Access) -> bool:
    return access.can_manage_council()


def readable_assemblies(access: Access):
    return Assembly.objects.filter(council_id=access.council_id)


def can_mark_input(access: Access, assembly: Assembly, team) -> bool:
    in_council = assembly.council_id == access.council_id and team.council_id == assembly.council_id
    return in_council and access.can_manage_team(team)

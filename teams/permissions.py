"""Who may do what with a team's work: exchanges, plans and goals, opportunities.

The roles' rights: team leads create, edit and close their own team's work and read everything else;
secretariat staff may do anything; team members draft exchanges for their team (a lead approves)
and read their team; mayors' offices read.
"""

from django.db.models import QuerySet

from council.permissions import Access
from teams.models import Exchange, Team


def visible_team_ids(access: Access) -> QuerySet | frozenset:
    """Teams whose work this person may read."""
    if access.can_read_council():
        return Team.objects.filter(council_id=access.council_id).values("pk")
    return access.member_team_ids


def visible_exchanges(access: Access) -> QuerySet[Exchange]:
    # The team ids as literal values (one small query first): given a subquery instead, PostgreSQL
    # cannot tell how many exchanges match, and past the list's first page it sorts every one of them
    # rather than walking the start-date index (200 ms against 2 ms at 100,000 exchanges; make bench-load).
    teams = Team.objects.filter(council_id=access.council_id, pk__in=visible_team_ids(access))
    return Exchange.objects.filter(team_id__in=list(teams.values_list("pk", flat=True)))


def creatable_teams(access: Access) -> QuerySet[Team]:
    """Teams this person may record an exchange for (members as drafts)."""
    teams = Team.objects.filter(council_id=access.council_id)
    if access.is_secretariat:
        return teams
    return teams.filter(pk__in=access.lead_team_ids | access.member_team_ids)


def drafts_only(access: Access, team: Team) -> bool:
    """A team member's exchange waits as a draft until a lead of the team approves it."""
    return not access.can_manage_team(team)


def can_edit_exchange(access: Access, exchange: Exchange, user) -> bool:
    if access.can_manage_team(exchange.team):
        return True
    return (
        exchange.status == Exchange.Status.DRAFT
        and exchange.team_id in access.member_team_ids
        and exchange.created_by_id == user.pk
    )


def can_change_status(access: Access, exchange: Exchange) -> bool:
    """Approving a draft, moving it along, completing or cancelling it: leads and the secretariat."""
    return access.can_manage_team(exchange.team)


def can_manage_team_work(access: Access, team: Team) -> bool:
    """Plans, goals and opportunities of a team."""
    return access.can_manage_team(team)


def can_read_exchanges(access: Access) -> bool:
    """The exchange list and its exports; what each person gets is what `visible_exchanges` lets them read."""
    return access.council_id is not None and (access.can_read_council() or access.is_team_member)


def can_import_exchanges(access: Access) -> bool:
    """Team leads (rows of their own teams only: checked per row) and the secretariat (any team)."""
    return access.council_id is not None and (access.is_secretariat or access.is_team_lead)


def manageable_teams(access: Access) -> QuerySet[Team]:
    """Teams whose plans, goals and opportunities this person may write: leads their own, the secretariat all."""
    teams = Team.objects.filter(council_id=access.council_id).order_by("order", "pk")
    return teams if access.is_secretariat else teams.filter(pk__in=access.lead_team_ids)

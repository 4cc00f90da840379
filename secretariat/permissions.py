"""Who may do what with the secretariat's records: correspondence, action items, agreements.

Secretariat staff write everything. Correspondence: mayors' offices read all of it, team leads read
what concerns their team. Action items: everyone has "My actions"; the owner moves their own item;
team leads add and edit their team's; mayors' offices read all. Agreements: every council role reads.
"""

from django.db.models import Q, QuerySet

from council.permissions import Access
from secretariat.models import ActionItem, Agreement, Correspondence


def can_write(access: Access) -> bool:
    return access.council_id is not None and access.is_secretariat


# Correspondence ----------------------------------------------------------------------------------


def can_read_correspondence(access: Access) -> bool:
    return access.council_id is not None and (access.is_secretariat or access.is_mayor_office or access.is_team_lead)


def can_read_letter(access: Access, letter: Correspondence) -> bool:
    """The same rule as visible_correspondence, for one communication already loaded."""
    if access.council_id != letter.council_id or not can_read_correspondence(access):
        return False
    return access.is_secretariat or access.is_mayor_office or letter.team_id in access.lead_team_ids


def visible_correspondence(access: Access) -> QuerySet[Correspondence]:
    letters = Correspondence.objects.filter(council_id=access.council_id)
    if access.is_secretariat or access.is_mayor_office:
        return letters
    return letters.filter(team__in=access.lead_team_ids)


# Action items ------------------------------------------------------------------------------------


def can_list_actions(access: Access) -> bool:
    """The list of everyone's actions (each person's own are in "My actions")."""
    return access.council_id is not None and (access.is_secretariat or access.is_mayor_office or access.is_team_lead)


def visible_actions(access: Access) -> QuerySet[ActionItem]:
    items = ActionItem.objects.filter(council_id=access.council_id)
    if access.is_secretariat or access.is_mayor_office:
        return items
    return items.filter(Q(owner=access.person) | Q(team__in=access.lead_team_ids))


def can_read_action(access: Access, item: ActionItem) -> bool:
    """The same rule as visible_actions, for one item already loaded (links on a source's page)."""
    if access.council_id != item.council_id:
        return False
    if access.is_secretariat or access.is_mayor_office:
        return True
    own = access.person is not None and item.owner_id == access.person.pk
    return own or (item.team_id is not None and item.team_id in access.lead_team_ids)


def can_create_action(access: Access) -> bool:
    return access.council_id is not None and (access.is_secretariat or access.is_team_lead)


def can_edit_action(access: Access, item: ActionItem) -> bool:
    return access.council_id == item.council_id and (
        access.is_secretariat or (item.team_id is not None and item.team_id in access.lead_team_ids)
    )


def can_move_action(access: Access, item: ActionItem) -> bool:
    """Start, finish or drop it: its owner, and whoever may edit it."""
    return can_edit_action(access, item) or (access.person is not None and item.owner_id == access.person.pk)


# Agreements --------------------------------------------------------------------------------------


def can_read_agreements(access: Access) -> bool:
    return access.council_id is not None and bool(access.kinds)


def visible_agreements(access: Access) -> QuerySet[Agreement]:
    return Agreement.objects.filter(council_id=access.council_id)


# Translations ------------------------------------------------------------------------------------


def can_sign_off(access: Access, language: str) -> bool:
    """Make a text official in `language`: the secretariat of the city that speaks it, or an administrator."""
    if access.is_admin:
        return True
    return access.can_manage_council() and access.person.city.language == language

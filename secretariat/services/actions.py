"""Writes of action items: create one from where it came from, edit it, move it through its workflow.

open → in progress → done, or dropped with a reason from open or in progress; done and dropped are
final. Every item comes from exactly one place of its own council: an assembly resolution, a letter,
an exchange or an agreement commitment. Who may call these is the views' business
(secretariat.permissions).
"""

from typing import NoReturn

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import Person, Role
from secretariat.models import ActionItem
from translations.services import save_versions

S = ActionItem.Status
# Where each open status may go; done and dropped are final.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.OPEN: (S.IN_PROGRESS, S.DROPPED),
    S.IN_PROGRESS: (S.DONE, S.DROPPED),
}
FINAL_STATUSES = (S.DONE, S.DROPPED)
# What a person edits; status and the drop reason change only through the workflow. The source is
# fixed once given (the views show it read-only) unless it was deleted.
EDITABLE_FIELDS = ["language", "title", "description", "owner", "team", "due_on"]
# Set here, not typed: none when an item is made by a command rather than a person.
SERVICE_FIELDS = ["created_by"]

# How to reach the council of each kind of source.
_SOURCE_COUNCIL = {
    "resolution": lambda source: source.assembly.council_id,
    "correspondence": lambda source: source.council_id,
    "exchange": lambda source: source.team.council_id,
    "commitment": lambda source: source.agreement.council_id,
}


def allowed_next_statuses(item: ActionItem) -> tuple[str, ...]:
    return TRANSITIONS.get(item.status, ())


def default_team(owner: Person):
    """A team the owner leads, else one they belong to, else none (secretariat, mayors' offices)."""
    for kind in (Role.Kind.TEAM_LEAD, Role.Kind.TEAM_MEMBER):
        role = owner.roles.filter(kind=kind).select_related("team").order_by("team__order", "team_id").first()
        if role is not None:
            return role.team
    return None


def _check_links(item: ActionItem) -> None:
    """Rules across models the item's own validation does not know: one source, all of one council."""
    kinds = [name for name in ActionItem.SOURCES if getattr(item, f"{name}_id")]
    if len(kinds) != 1:
        raise ValidationError(
            _("An action item comes from exactly one place: a resolution, a letter, an exchange or a commitment.")
        )
    if _SOURCE_COUNCIL[kinds[0]](getattr(item, kinds[0])) != item.council_id:
        raise ValidationError(_("An action item must come from something of its own council."))
    errors = {}
    if item.owner.council_id != item.council_id:
        errors["owner"] = _("Choose a person of the council.")
    if item.team_id and item.team.council_id != item.council_id:
        errors["team"] = _("Choose a team of the council.")
    if errors:
        raise ValidationError(errors)


def _check_due_date(item: ActionItem, *, kept: bool) -> None:
    """A new due date is today or later; an overdue item may keep the date it has."""
    if not kept and item.due_on < timezone.localdate():
        raise ValidationError({"due_on": _("The due date cannot be in the past.")})


def _status_label(value: str) -> str:
    return str(S(value).label) if value in S.values else value


def _refuse_move(item: ActionItem, to: str) -> NoReturn:
    raise ValidationError(
        _("An action item that is “%(current)s” cannot become “%(new)s”.")
        % {"current": item.get_status_display(), "new": _status_label(to)}
    )


@transaction.atomic
def create_action(*, item: ActionItem, by, versions: dict | None = None) -> ActionItem:
    """Save a new action item, and its texts' `versions` in other languages ((field, language) → text);
    it starts open, in the owner's team unless one is given. Raises ValidationError."""
    item.status = S.OPEN
    item.dropped_reason = ""
    item.created_by = by
    if item.team_id is None and item.owner_id is not None:
        item.team = default_team(item.owner)
    item.full_clean(exclude=SERVICE_FIELDS)
    _check_links(item)
    _check_due_date(item, kept=False)
    item.save()
    save_versions(item, versions or {}, by)
    return item


@transaction.atomic
def update_action(*, item: ActionItem, versions: dict | None = None, by=None) -> ActionItem:
    """Save edits to an item's details, never its status: a move made meanwhile is kept.

    Moving the due date into the past is refused; keeping the past date of an overdue item is not.
    """
    current = ActionItem.objects.select_for_update().get(pk=item.pk)
    item.full_clean(exclude=[*SERVICE_FIELDS, "status", "dropped_reason"])
    _check_links(item)
    _check_due_date(item, kept=item.due_on == current.due_on)
    # The source fields: an item whose source was deleted is given a new one when edited.
    item.save(update_fields=[*EDITABLE_FIELDS, *ActionItem.SOURCES, "updated_at"])
    save_versions(item, versions or {}, by)
    return item


@transaction.atomic
def move_action(*, item: ActionItem, to: str, reason: str = "") -> ActionItem:
    """Move an item one step along its workflow; dropping it needs a reason.

    Locks the row so two people moving the same item at once cannot skip a step. Raises
    ValidationError and changes nothing when the move is not allowed.
    """
    item = ActionItem.objects.select_for_update().get(pk=item.pk)
    if to not in allowed_next_statuses(item):
        _refuse_move(item, to)
    if to == S.DROPPED:
        reason = reason.strip()
        if not reason:
            raise ValidationError({"reason": _("Say why the action item is dropped.")})
        item.dropped_reason = reason
    item.status = to
    item.full_clean(exclude=SERVICE_FIELDS)
    item.save(update_fields=["status", "dropped_reason", "updated_at"])
    return item

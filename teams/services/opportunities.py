"""Writes of cooperation potential: record an opportunity, edit it, move it through its workflow.

identified → under review → approved → became an exchange (linked to it), or dropped with a reason
from any status that is not final. Who may call these is the views' business (teams.permissions).
"""

from typing import NoReturn

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.forms import TEXT_MAX
from council.models import CouncilCity
from teams.models import Exchange, Opportunity
from translations.services import save_versions

S = Opportunity.Status
# Where each open status may go. Became an exchange and dropped are final.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.IDENTIFIED: (S.UNDER_REVIEW, S.DROPPED),
    S.UNDER_REVIEW: (S.APPROVED, S.DROPPED),
    S.APPROVED: (S.BECAME_EXCHANGE, S.DROPPED),
}
FINAL_STATUSES = (S.BECAME_EXCHANGE, S.DROPPED)
# What a person edits; status, the linked exchange and the drop reason change only through the workflow.
EDITABLE_FIELDS = ["team", "focus_area", "language", "title", "description", "proposed_by", "proposing_city"]


def allowed_next_statuses(opportunity: Opportunity) -> tuple[str, ...]:
    return TRANSITIONS.get(opportunity.status, ())


def _status_label(value: str) -> str:
    return str(S(value).label) if value in S.values else value


def _check_details(opportunity: Opportunity) -> None:
    """Rules across fields the model's own validation does not know: all within the team's council."""
    errors = {}
    team = opportunity.team
    if opportunity.focus_area_id and opportunity.focus_area.team_id != team.pk:
        errors["focus_area"] = _("Choose a focus area of this opportunity's team.")
    city_id = opportunity.proposing_city_id
    if city_id and not CouncilCity.objects.filter(council_id=team.council_id, city_id=city_id).exists():
        errors["proposing_city"] = _("Choose a member city of the council.")
    proposer = opportunity.proposed_by
    if proposer is not None:
        if proposer.council_id != team.council_id:
            errors["proposed_by"] = _("Choose a person of the council.")
        elif city_id and proposer.city_id != city_id:
            errors["proposing_city"] = _("%(person)s works in %(city)s: choose that city.") % {
                "person": proposer,
                "city": proposer.city,
            }
    if errors:
        raise ValidationError(errors)


def _refuse_move(opportunity: Opportunity, to: str) -> NoReturn:
    raise ValidationError(
        _("An opportunity that is “%(current)s” cannot become “%(new)s”.")
        % {"current": opportunity.get_status_display(), "new": _status_label(to)}
    )


@transaction.atomic
def create_opportunity(*, opportunity: Opportunity, versions: dict | None = None, by=None) -> Opportunity:
    """Save a new opportunity, and its texts' `versions` in other languages ((field, language) → text);
    every opportunity starts as identified. Raises ValidationError."""
    opportunity.status = S.IDENTIFIED
    opportunity.exchange = None
    opportunity.dropped_reason, opportunity.dropped_at, opportunity.dropped_by = "", None, None
    opportunity.full_clean()
    _check_details(opportunity)
    opportunity.save()
    save_versions(opportunity, versions or {}, by)
    return opportunity


@transaction.atomic
def update_opportunity(*, opportunity: Opportunity, versions: dict | None = None, by=None) -> Opportunity:
    """Save edits to an opportunity's details, never its status: a move made meanwhile is kept.

    An opportunity that became an exchange stays in that exchange's team.
    """
    current = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    if current.exchange_id and opportunity.team_id != current.team_id:
        raise ValidationError({"team": _("This opportunity became an exchange of its team; its team stays.")})
    opportunity.full_clean(exclude=["status", "exchange", "dropped_reason"])
    _check_details(opportunity)
    opportunity.save(update_fields=[*EDITABLE_FIELDS, "updated_at"])
    save_versions(opportunity, versions or {}, by)
    return opportunity


@transaction.atomic
def move_opportunity(
    *, opportunity: Opportunity, to: str, reason: str = "", by=None, versions: dict | None = None
) -> Opportunity:
    """Move an opportunity one step along its workflow; dropping it needs a reason, written in the
    opportunity's language (its `versions` in others beside it), kept with who dropped it and when.

    Locks the row so two people moving the same opportunity at once cannot skip a step. Becoming an
    exchange goes through `convert_to_exchange`, which links the exchange. Raises ValidationError and
    changes nothing when the move is not allowed.
    """
    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    if to not in allowed_next_statuses(opportunity):
        _refuse_move(opportunity, to)
    if to == S.BECAME_EXCHANGE:
        raise ValidationError(_("Say which exchange the opportunity became: create it, or choose an existing one."))
    if to == S.DROPPED:
        opportunity.dropped_reason = _drop_reason(reason)
        opportunity.dropped_at, opportunity.dropped_by = timezone.now(), by
    opportunity.status = to
    opportunity.full_clean()
    opportunity.save(update_fields=["status", "dropped_reason", "dropped_at", "dropped_by", "updated_at"])
    save_versions(opportunity, versions or {}, by)
    return opportunity


def _drop_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the opportunity is dropped.")})
    if len(reason) > TEXT_MAX:
        raise ValidationError({"reason": _("Keep the reason to %(limit)d characters.") % {"limit": TEXT_MAX}})
    return reason


@transaction.atomic
def convert_to_exchange(*, opportunity: Opportunity, exchange: Exchange) -> Opportunity:
    """Record that an approved opportunity became this exchange, and link them.

    The exchange must be of the opportunity's team, not cancelled, and not already what another
    opportunity became. Call it inside the transaction that creates the exchange, so that a refusal
    leaves no exchange behind. Raises ValidationError and changes nothing when refused.
    """
    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    if S.BECAME_EXCHANGE not in allowed_next_statuses(opportunity):
        raise ValidationError(
            _("Only an approved opportunity can become an exchange; this one is “%(current)s”.")
            % {"current": opportunity.get_status_display()}
        )
    if exchange.team_id != opportunity.team_id:
        raise ValidationError(_("Choose an exchange of the opportunity's team."))
    if exchange.status == Exchange.Status.CANCELLED:
        raise ValidationError(_("A cancelled exchange cannot be what an opportunity became."))
    if Opportunity.objects.filter(exchange=exchange).exclude(pk=opportunity.pk).exists():
        raise ValidationError(_("That exchange is already linked to another opportunity."))
    opportunity.exchange = exchange
    opportunity.status = S.BECAME_EXCHANGE
    opportunity.full_clean()
    opportunity.save(update_fields=["exchange", "status", "updated_at"])
    return opportunity

"""Writes of the agreements register: record and edit agreements, move them along, record their commitments.

draft → signed → in force → under review → in force again, or expired or terminated; an agreement in
force may also expire or be terminated directly. Expired and terminated are final. Who may call these
is the views' business (secretariat.permissions.can_write).
"""

from typing import NoReturn

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from secretariat.models import Agreement, Commitment
from teams.models import Exchange
from translations.services import save_versions

S = Agreement.Status
# Where each status may go. Expired and terminated are final.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.DRAFT: (S.SIGNED,),
    S.SIGNED: (S.IN_FORCE,),
    S.IN_FORCE: (S.UNDER_REVIEW, S.EXPIRED, S.TERMINATED),
    S.UNDER_REVIEW: (S.IN_FORCE, S.EXPIRED, S.TERMINATED),
}
FINAL_STATUSES = (S.EXPIRED, S.TERMINATED)
# Statuses an agreement may be recorded with: a draft being negotiated, or one signed before the
# register existed (the founding MOU is entered as in force).
INITIAL_STATUSES = (S.DRAFT, S.SIGNED, S.IN_FORCE)


def allowed_next_statuses(agreement: Agreement) -> tuple[str, ...]:
    return TRANSITIONS.get(agreement.status, ())


def _status_label(value: str) -> str:
    return str(S(value).label) if value in S.values else value


def _refuse_move(current: str, to: str) -> NoReturn:
    raise ValidationError(
        {
            "status": _("An agreement that is “%(current)s” cannot become “%(new)s”.")
            % {"current": _status_label(current), "new": _status_label(to)}
        }
    )


def _check_dates(agreement: Agreement) -> None:
    """Rules across fields: once signed it has a signing date in the past; review and expiry come after it."""
    errors = {}
    signed_on = agreement.signed_on
    if agreement.status != S.DRAFT:
        if signed_on is None:
            errors["signed_on"] = _("An agreement that is “%(status)s” needs the date it was signed.") % {
                "status": agreement.get_status_display()
            }
        elif signed_on > timezone.localdate():
            errors["signed_on"] = _("A signed agreement cannot have been signed in the future.")
    if signed_on is not None:
        signed = date_format(signed_on, "DATE_FORMAT")
        if agreement.review_on is not None and agreement.review_on < signed_on:
            errors["review_on"] = _("The review cannot come before the signing (%(date)s).") % {"date": signed}
        if agreement.expires_on is not None and agreement.expires_on < signed_on:
            errors["expires_on"] = _("The agreement cannot expire before it was signed (%(date)s).") % {"date": signed}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_agreement(*, agreement: Agreement, versions: dict | None = None, by=None) -> Agreement:
    """Save a new agreement, with its signed document if one is attached and its title's `versions` in
    other languages ((field, language) → text). Raises ValidationError."""
    if agreement.status not in INITIAL_STATUSES:
        raise ValidationError(
            {"status": _("A new agreement is recorded as a draft, as signed or as in force; it moves on from there.")}
        )
    agreement.full_clean()
    _check_dates(agreement)
    agreement.save()
    save_versions(agreement, versions or {}, by)
    return agreement


@transaction.atomic
def update_agreement(*, agreement: Agreement, versions: dict | None = None, by=None) -> Agreement:
    """Save edits to an agreement; a change of status must be one step the workflow allows.

    The step is checked against the status stored now, with the row locked, so that two people editing
    at once cannot skip a step. Raises ValidationError and changes nothing when refused.
    """
    stored = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status != stored.status and agreement.status not in TRANSITIONS.get(stored.status, ()):
        _refuse_move(stored.status, agreement.status)
    agreement.full_clean()
    _check_dates(agreement)
    agreement.save()
    save_versions(agreement, versions or {}, by)
    return agreement


@transaction.atomic
def change_status(*, agreement: Agreement, to: str) -> Agreement:
    """Move an agreement one step along its workflow, and nothing else. Raises ValidationError when refused."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if to not in allowed_next_statuses(agreement):
        _refuse_move(agreement.status, to)
    agreement.status = to
    agreement.full_clean()
    _check_dates(agreement)
    agreement.save(update_fields=["status", "updated_at"])
    return agreement


def _check_commitment(commitment: Commitment, exchanges) -> None:
    """The owner team and the exchanges belong to the agreement's council; with an owner team, to that team."""
    errors = {}
    council_id = commitment.agreement.council_id
    team = commitment.owner_team
    if team is not None and team.council_id != council_id:
        errors["owner_team"] = _("Choose a team of the council.")
    elif team is not None and any(exchange.team_id != team.pk for exchange in exchanges):
        errors["exchanges"] = _("Choose exchanges of the owner team, %(team)s.") % {"team": team}
    elif any(exchange.team.council_id != council_id for exchange in exchanges):
        errors["exchanges"] = _("Choose exchanges of the council.")
    if errors:
        raise ValidationError(errors)


def _save_commitment(commitment: Commitment, exchanges, versions: dict | None, by) -> Commitment:
    exchanges = list(Exchange.objects.filter(pk__in=[e.pk for e in exchanges]).select_related("team"))
    commitment.full_clean()
    _check_commitment(commitment, exchanges)
    commitment.save()
    commitment.exchanges.set(exchanges)
    save_versions(commitment, versions or {}, by)
    return commitment


@transaction.atomic
def create_commitment(*, commitment: Commitment, exchanges=(), versions: dict | None = None, by=None) -> Commitment:
    """Save a new commitment of an agreement and link the exchanges that carry it out. Raises ValidationError."""
    return _save_commitment(commitment, exchanges, versions, by)


@transaction.atomic
def update_commitment(*, commitment: Commitment, exchanges=(), versions: dict | None = None, by=None) -> Commitment:
    """Save edits to a commitment; its agreement stays. The linked exchanges become exactly `exchanges`."""
    stored = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if commitment.agreement_id != stored.agreement_id:
        raise ValidationError(_("A commitment stays with its agreement."))
    return _save_commitment(commitment, exchanges, versions, by)

"""Writes of the exchange log: record, edit, move through the workflow, attach files."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.forms import TEXT_MAX
from teams.models import DraftReview, Exchange, ExchangeAttachment, ExchangeParticipation
from translations.reading import versions_of
from translations.services import save_versions

S = Exchange.Status
# Where each open status may go. Completed is final; cancelling takes a reason (`cancel_exchange`), and
# a cancelled exchange may be reopened (`reopen_exchange`).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.DRAFT: (S.PROPOSED, S.CANCELLED),
    S.PROPOSED: (S.PLANNED, S.CANCELLED),
    S.PLANNED: (S.IN_PROGRESS, S.CANCELLED),
    S.IN_PROGRESS: (S.COMPLETED, S.CANCELLED),
}
Step = DraftReview.Step
# The longest reason a lead may give for returning a draft.
REASON_LENGTH = DraftReview._meta.get_field("reason").max_length
REFERENCES = {"team", "focus_area", "host_city", "visiting_city", "created_by"}
# Statuses an exchange may be recorded with directly (a past exchange is logged as completed).
INITIAL_STATUSES = (S.PROPOSED, S.PLANNED, S.IN_PROGRESS, S.COMPLETED)


def _require_outcomes(exchange: Exchange) -> None:
    if exchange.status == S.COMPLETED and not exchange.outcomes.strip():
        raise ValidationError({"outcomes": _("A completed exchange needs its outcomes.")})


def _save_related(exchange: Exchange, *, departments, people, participants: dict, goals) -> None:
    exchange.departments.set(departments)
    exchange.people.set(people)
    for city, count in participants.items():
        ExchangeParticipation.objects.update_or_create(
            exchange=exchange, city=city, defaults={"participants": count or 0}
        )
    if goals is not None:
        exchange.goals.set(goals)


def prepare_new_exchange(*, exchange: Exchange, by, drafts_only: bool, references_checked: bool = False) -> Exchange:
    """Set who recorded a new exchange and its starting status, and validate it, without saving.

    A team member's exchange is kept as a draft until a lead approves it. Raises ValidationError.
    `references_checked`: the caller resolved team, focus area and cities from the council's own rows
    (the import does, for thousands of rows), so the per-row lookups of full_clean are skipped; the
    model's clean() and the database's constraints still hold.
    """
    if drafts_only:
        exchange.status = S.DRAFT
    elif exchange.status not in INITIAL_STATUSES:
        raise ValidationError({"status": _("A new exchange starts as proposed, planned, in progress or completed.")})
    exchange.created_by = by
    _require_outcomes(exchange)
    if references_checked:
        exchange.full_clean(exclude=REFERENCES, validate_constraints=False)
    else:
        exchange.full_clean()
    return exchange


@transaction.atomic
def record_exchange(
    *,
    exchange: Exchange,
    by,
    drafts_only: bool,
    departments=(),
    people=(),
    participants=None,
    goals=None,
    versions=None,
) -> Exchange:
    """Save a new exchange with its people, departments, participants per city, goals and its texts'
    versions in other languages ((field, language) → text, as `VersionsFormMixin.version_texts` gives)."""
    prepare_new_exchange(exchange=exchange, by=by, drafts_only=drafts_only)
    exchange.save()
    _save_related(exchange, departments=departments, people=people, participants=participants or {}, goals=goals)
    save_versions(exchange, versions or {}, by)
    if exchange.status == S.DRAFT:
        DraftReview.objects.create(exchange=exchange, step=Step.SUBMITTED, by=by)
    return exchange


@transaction.atomic
def update_exchange(
    *, exchange: Exchange, departments=(), people=(), participants=None, goals=None, versions=None, by=None
) -> Exchange:
    """Save edits to an exchange's details and versions; its status moves only through `change_status`.
    A returned draft saved by its author goes back to the leads (submitted again)."""
    _require_outcomes(exchange)
    exchange.full_clean()
    exchange.save()
    _save_related(exchange, departments=departments, people=people, participants=participants or {}, goals=goals)
    save_versions(exchange, versions or {}, by)
    if is_returned(exchange) and by is not None and by.pk == exchange.created_by_id:
        DraftReview.objects.create(exchange=exchange, step=Step.SUBMITTED, by=by)
    return exchange


def last_review(exchange: Exchange) -> DraftReview | None:
    """The draft's latest step (prefetched `reviews` are used when there)."""
    reviews = list(exchange.reviews.all())
    return max(reviews, key=lambda review: (review.at, review.pk)) if reviews else None


def is_returned(exchange: Exchange) -> bool:
    if exchange.status != S.DRAFT:
        return False
    review = last_review(exchange)
    return review is not None and review.step == Step.RETURNED


@transaction.atomic
def return_draft(*, exchange: Exchange, reason: str, by) -> DraftReview:
    """Send a member's draft back to them with the lead's reason; it stays a draft they may edit."""
    exchange = Exchange.objects.select_for_update().get(pk=exchange.pk)
    reason = (reason or "").strip()
    if exchange.status != S.DRAFT:
        raise ValidationError(_("Only a draft can be returned; this exchange is %(status)s.")
                              % {"status": exchange.get_status_display()})  # fmt: skip
    if is_returned(exchange):
        raise ValidationError(_("This draft is already returned to its author."))
    if not reason:
        raise ValidationError({"reason": _("Say why the draft goes back, so that its author can put it right.")})
    if len(reason) > REASON_LENGTH:
        raise ValidationError({"reason": _("Keep the reason within %(limit)s characters.") % {"limit": REASON_LENGTH}})
    return DraftReview.objects.create(exchange=exchange, step=Step.RETURNED, reason=reason, by=by)


def allowed_next_statuses(exchange: Exchange) -> tuple[str, ...]:
    return TRANSITIONS.get(exchange.status, ())


@transaction.atomic
def change_status(*, exchange: Exchange, to: str, outcomes: dict | None = None, versions=None, by=None) -> Exchange:
    """Move an exchange one step along its workflow; completing it records its outcomes.

    Locks the row so two people moving the same exchange at once cannot skip a step.
    """
    exchange = Exchange.objects.select_for_update().get(pk=exchange.pk)
    _require_move(exchange, to)
    if to == S.CANCELLED:
        raise ValidationError({"cancel_reason": _("Say why the exchange is cancelled.")})
    approving = exchange.status == S.DRAFT and to == S.PROPOSED
    exchange.status = to
    for field, value in (outcomes or {}).items():
        setattr(exchange, field, value)
    _require_outcomes(exchange)
    exchange.full_clean()
    exchange.save()
    save_versions(exchange, versions or {}, by)
    if approving:
        DraftReview.objects.create(exchange=exchange, step=Step.APPROVED, by=by)
    return exchange


def _require_move(exchange: Exchange, to: str) -> None:
    if to not in allowed_next_statuses(exchange):
        raise ValidationError(
            _("An exchange that is %(current)s cannot become %(new)s.")
            % {"current": exchange.get_status_display(), "new": S(to).label if to in S.values else to}
        )


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"cancel_reason": _("Say why the exchange is cancelled.")})
    if len(reason) > TEXT_MAX:
        raise ValidationError({"cancel_reason": _("Keep the reason to %(limit)d characters.") % {"limit": TEXT_MAX}})
    return reason


@transaction.atomic
def cancel_exchange(*, exchange: Exchange, reason: str, by, versions=None) -> Exchange:
    """Cancel an open exchange with the reason, written in the exchange's language (its `versions` in
    others beside it); who and when are kept, and the status it had, to which reopening returns.

    The exchange stays in the log. Saving it sends post_save: reminders withdraw their unsent rows for it,
    and the calendar feed and the dashboard's upcoming list leave cancelled exchanges out.
    """
    exchange = Exchange.objects.select_for_update().get(pk=exchange.pk)
    _require_move(exchange, S.CANCELLED)
    exchange.cancel_reason = _require_reason(reason)
    exchange.status_before_cancel, exchange.status = exchange.status, S.CANCELLED
    exchange.cancelled_at, exchange.cancelled_by = timezone.now(), by
    exchange.full_clean()
    exchange.save()
    save_versions(exchange, versions or {}, by)
    return exchange


def status_after_reopening(exchange: Exchange) -> str:
    """The status it had when it was cancelled; planned for one cancelled before that was kept."""
    return exchange.status_before_cancel or S.PLANNED


@transaction.atomic
def reopen_exchange(*, exchange: Exchange, by) -> Exchange:
    """Undo a cancellation: the exchange takes back the status it had. The reason, who cancelled it and
    when are cleared from the record and stay in its history, beside who reopened it and when."""
    exchange = Exchange.objects.select_for_update().get(pk=exchange.pk)
    if exchange.status != S.CANCELLED:
        raise ValidationError(
            _("Only a cancelled exchange can be reopened; this one is %(current)s.")
            % {"current": exchange.get_status_display()}
        )
    exchange.status = status_after_reopening(exchange)
    exchange.cancel_reason, exchange.cancelled_at, exchange.cancelled_by = "", None, None
    exchange.status_before_cancel = ""
    exchange.full_clean()
    exchange.save()
    # The reason's translations go with it: a later cancellation's reason is a new text.
    save_versions(exchange, {key: "" for key in versions_of(exchange) if key[0] == "cancel_reason"}, by)
    return exchange


@transaction.atomic
def attach_file(*, exchange: Exchange, upload, content_type: str, by) -> ExchangeAttachment:
    attachment = ExchangeAttachment(
        exchange=exchange,
        original_name=upload.name[:255],
        content_type=content_type,
        size=upload.size,
        uploaded_by=by,
    )
    attachment.file.save(upload.name, upload, save=False)
    attachment.save()
    return attachment

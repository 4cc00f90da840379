"""Sending reminders exactly once.

- The sweep claims each due row with a conditional UPDATE (status due → queued): of two sweeps at
  once, only one gets a row. The send is enqueued after the claim commits.
- The send locks its row (waiting for another worker sending it), skips it unless it is still
  queued, sends, and marks it sent in the same transaction. A worker that dies mid-send leaves the
  row queued and its task unacknowledged (acks_late): another worker gets the task again. A queued
  row whose task was lost altogether (a broker outage between commit and enqueue) is claimed again
  by a later sweep.
- SMTP errors are retried by the task (tasks.py); the last one is kept on the row as failed, shown to
  the secretariat, who can resend it. Database errors are retried too: the row's transaction rolled
  back, so it is still queued, and is sent (again, if the mail server had accepted it) and marked.
- A message that can never be sent as it stands (an address or a header that Django's mail refuses)
  is found before any SMTP session and fails at once, with its reason: trying again would not help.
  Once the address is corrected, the secretariat resends it.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.mail.message import sanitize_address
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from common.validators import validate_sendable_email
from reminders.messages import compose
from reminders.models import Delivery, Notification, ReminderRule, SweepRecord
from reminders.planning import sync

S = Delivery.Status
SWEEP_BATCH = 500


def lost_after() -> dt.timedelta:
    """How long after its claim a queued row not sent has lost its task (REMINDER_LOST_AFTER_MINUTES):
    longer than a task's whole retry schedule (tasks.check_lost_after)."""
    return dt.timedelta(minutes=settings.REMINDER_LOST_AFTER_MINUTES)


def sweep(*, now: dt.datetime | None = None, enqueue) -> int:
    """Claim every due row and hand each to `enqueue(pk)` after its claim is committed."""
    now = now or timezone.now()
    claimed = 0
    while batch := _claim_batch(now, enqueue):
        claimed += batch
    return claimed


def record_sweep(*, now: dt.datetime | None = None) -> None:
    """Note that the beat's sweep ran (tasks.sweep, once it is done): /healthz and the metrics watch it.
    Two statements, no lock held: sweeps at once only write the same moment twice."""
    now = now or timezone.now()
    _record, created = SweepRecord.objects.get_or_create(
        pk=SweepRecord.ONLY, defaults={"watched_since": now, "swept_at": now}
    )
    if not created:
        SweepRecord.objects.filter(pk=SweepRecord.ONLY).update(swept_at=now)


@transaction.atomic
def _claim_batch(now: dt.datetime, enqueue) -> int:
    due = Delivery.objects.filter(status=S.DUE, due_at__lte=now).order_by("due_at")
    lost = Delivery.objects.filter(status=S.QUEUED, claimed_at__lt=now - lost_after())
    claimed = 0
    for pk, status, claimed_at in [
        *due.values_list("pk", "status", "claimed_at")[:SWEEP_BATCH],
        *lost.values_list("pk", "status", "claimed_at")[:SWEEP_BATCH],
    ]:
        # 0 rows: another sweep claimed it first.
        if Delivery.objects.filter(pk=pk, status=status, claimed_at=claimed_at).update(status=S.QUEUED, claimed_at=now):
            # robust: one failed enqueue (broker down) does not stop the others; its row is claimed again later.
            transaction.on_commit(lambda pk=pk: enqueue(pk), robust=True)
            claimed += 1
    return claimed


def deliver(*, delivery_id: int) -> str:
    """Send one claimed row once. Returns what happened: sent, skipped or withdrawn."""
    with transaction.atomic():
        # Another worker sending this very row (a redelivered task) holds the lock: wait for it, then
        # find the row sent — or, if that worker died, take the row over.
        delivery = (
            Delivery.objects.select_for_update(of=("self",))
            .select_related("rule__council", "recipient__city", "recipient__council")
            .filter(pk=delivery_id, status=S.QUEUED)
            .first()
        )
        if delivery is None:
            return "skipped"
        if delivery.target is None:  # the record was deleted after the row was claimed
            delivery.delete()
            return "withdrawn"
        try:
            _send(delivery)
        except Unsendable as error:
            _settle(delivery, status=S.FAILED, error=str(error))
            return "failed"
        _settle(delivery, status=S.SENT)
        return "sent"


class Unsendable(Exception):
    """The message cannot be sent as it stands, however often it is tried."""


def _settle(delivery: Delivery, *, status: str, error: str = "") -> None:
    delivery.status, delivery.last_error = status, error[:2000]
    delivery.sent_at = timezone.now() if status == S.SENT else None
    delivery.attempts += 1
    delivery.save(update_fields=["status", "sent_at", "attempts", "last_error"])


def _send(delivery: Delivery) -> None:
    text = compose(delivery)
    if delivery.channel == Delivery.Channel.APP:
        Notification.objects.create(
            recipient=delivery.recipient, delivery=delivery, subject=text.subject, body=text.body, url=text.url
        )
        return
    _email(delivery, text).send()


def email_for(delivery: Delivery) -> EmailMessage:
    """The e-mail of an e-mail row, as a worker would send it (the bench renders them with this)."""
    return _email(delivery, compose(delivery))


def _email(delivery: Delivery, text) -> EmailMessage:
    """The e-mail, checked in full before any connection is opened: what Django's mail would refuse
    mid-send (an address, a header with a line break) raises Unsendable here."""
    address = delivery.recipient.email
    try:
        validate_sendable_email(address)
    except ValidationError as error:
        raise Unsendable(f"Unsendable address {address!r}: {' '.join(error.messages)}") from error
    email = EmailMessage(
        subject=text.subject,
        body=text.email_body,
        to=[address],
        # The same Message-ID on every attempt lets a receiving mail system drop a repeat.
        headers={"Message-ID": f"<reminder-{delivery.pk}@council-desk>"},
    )
    try:
        email.message()  # every header, as the backend will build them
        sanitize_address(email.from_email, settings.DEFAULT_CHARSET)  # the envelope's sender, as it parses it
    except ValueError as error:  # Django's BadHeaderError is one
        raise Unsendable(f"Unsendable message: {error}") from error
    return email


def record_attempt(*, delivery_id: int, error: str, final: bool) -> None:
    """Keep a failed attempt's error on the row; the last one marks it failed."""
    changes = {"attempts": F("attempts") + 1, "last_error": error[:2000]}
    if final:
        changes["status"] = S.FAILED
    Delivery.objects.filter(pk=delivery_id, status=S.QUEUED).update(**changes)


@transaction.atomic
def resend(*, delivery: Delivery, enqueue) -> bool:
    """Queue a failed row again (the secretariat's resend). False if it is no longer failed."""
    if not Delivery.objects.filter(pk=delivery.pk, status=S.FAILED).update(status=S.QUEUED, claimed_at=timezone.now()):
        return False
    transaction.on_commit(lambda: enqueue(delivery.pk), robust=True)
    return True


def mark_read(*, person, notification_ids=None) -> int:
    """Mark the person's notifications read: these ones, or all of them."""
    unread = Notification.objects.filter(recipient=person, read_at=None)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    return unread.update(read_at=timezone.now())


@transaction.atomic
def update_rule(
    *, rule: ReminderRule, days: list[int], repeat_every_days: int | None, send_hour: int, active: bool
) -> ReminderRule:
    """Change when a kind of reminder goes out; its unsent reminders move at once."""
    rule.days = sorted(set(days), reverse=not rule.reminder_kind.after)
    rule.repeat_every_days, rule.send_hour, rule.active = repeat_every_days, send_hour, active
    rule.full_clean()
    rule.save()
    sync(rule)
    return rule

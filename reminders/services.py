"""Sending reminders exactly once.

- The sweep claims each due row with a conditional UPDATE (status due → queued): of two sweeps at
  once, only one gets a row. The send is enqueued after the claim commits.
- The send locks its row (waiting for another worker sending it), skips it unless it is still
  queued, sends, and marks it sent in the same transaction. A worker that dies mid-send leaves the
  row queued and its task unacknowledged (acks_late): another worker gets the task again. A queued
  row whose task was lost altogether (a broker outage between commit and enqueue) is claimed again
  by a later sweep.
- SMTP errors are retried by the task (tasks.py); the last one is kept on the row as failed, shown to
  the secretariat, who can resend it.
"""

import datetime as dt

from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from reminders.messages import compose
from reminders.models import Delivery, Notification, ReminderRule
from reminders.planning import sync

S = Delivery.Status
SWEEP_BATCH = 500
# A queued row not sent after this long lost its task; longer than a task's whole retry schedule.
LOST_AFTER = dt.timedelta(minutes=30)


def sweep(*, now: dt.datetime | None = None, enqueue) -> int:
    """Claim every due row and hand each to `enqueue(pk)` after its claim is committed."""
    now = now or timezone.now()
    claimed = 0
    while batch := _claim_batch(now, enqueue):
        claimed += batch
    return claimed


@transaction.atomic
def _claim_batch(now: dt.datetime, enqueue) -> int:
    due = Delivery.objects.filter(status=S.DUE, due_at__lte=now).order_by("due_at")
    lost = Delivery.objects.filter(status=S.QUEUED, claimed_at__lt=now - LOST_AFTER)
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
        _send(delivery)
        delivery.status, delivery.sent_at = S.SENT, timezone.now()
        delivery.attempts += 1
        delivery.last_error = ""
        delivery.save(update_fields=["status", "sent_at", "attempts", "last_error"])
        return "sent"


def _send(delivery: Delivery) -> None:
    text = compose(delivery)
    if delivery.channel == Delivery.Channel.APP:
        Notification.objects.create(
            recipient=delivery.recipient, delivery=delivery, subject=text.subject, body=text.body, url=text.url
        )
        return
    EmailMessage(
        subject=text.subject,
        body=text.email_body,
        to=[delivery.recipient.email],
        # The same Message-ID on every attempt lets a receiving mail system drop a repeat.
        headers={"Message-ID": f"<reminder-{delivery.pk}@council-desk>"},
    ).send()


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

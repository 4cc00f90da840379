"""Sending reminders exactly once.

- The sweep claims due rows (status due → queued) so that of two sweeps at once only one gets a row:
  on PostgreSQL 500 at a time, locked (SELECT … FOR UPDATE: a second sweep waits, then finds them
  queued) and marked by one UPDATE; elsewhere with one conditional UPDATE per row. The sends are
  enqueued after the claim commits: the beat's sweep enqueues one task per batch of rows.
- A send locks its row (waiting for another worker sending it), skips it unless it is still
  queued, sends, and marks it sent in the same transaction: one transaction per row, also inside a
  batch, so a row is marked sent as soon as the mail server has it. A batch's e-mails share one SMTP
  connection, opened at the first e-mail and opened anew after any error. A worker that dies
  mid-send leaves the row queued and its task unacknowledged (acks_late): another worker gets the task
  again, and skips the rows already sent. A queued row whose task was lost altogether (a broker
  outage between commit and enqueue) is claimed again by a later sweep.
- SMTP errors are retried by the task (tasks.py); the last one is kept on the row as failed, shown to
  the secretariat, who can resend it. Database errors are retried too: the row's transaction rolled
  back, so it is still queued, and is sent (again, if the mail server had accepted it) and marked.
- A message that can never be sent as it stands (an address or a header that Django's mail refuses)
  is found before any SMTP session and fails at once, with its reason: trying again would not help.
  Once the address is corrected, the secretariat resends it.
"""

import datetime as dt
import functools
import smtplib
from collections.abc import Callable
from contextlib import suppress

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.mail.message import sanitize_address
from django.db import connection, transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone

from common.validators import validate_sendable_email
from reminders.kinds import KINDS
from reminders.messages import Composed, compose
from reminders.models import Delivery, Notification, ReminderRule, SweepRecord
from reminders.planning import sync
from translations.reading import load_versions

S = Delivery.Status
SWEEP_BATCH = 500
# Rows per delivery task from the beat's sweep: few enough that a sweep's rows spread over the
# worker's processes, many enough that a task's and a connection's cost is shared.
DELIVERY_BATCH = 100


def lost_after() -> dt.timedelta:
    """How long after its claim a queued row not sent has lost its task (REMINDER_LOST_AFTER_MINUTES):
    longer than a task's whole retry schedule (tasks.check_lost_after)."""
    return dt.timedelta(minutes=settings.REMINDER_LOST_AFTER_MINUTES)


def sweep(
    *, now: dt.datetime | None = None, enqueue: Callable[[int], object] | None = None,
    enqueue_batch: Callable[[list[int]], object] | None = None,
) -> int:  # fmt: skip
    """Claim every due row and, once its claim is committed, hand each to `enqueue(pk)` — or the rows,
    DELIVERY_BATCH at a time, to `enqueue_batch(pks)`."""
    now = now or timezone.now()
    if enqueue_batch is None:
        enqueue_batch = lambda pks: [enqueue(pk) for pk in pks]  # noqa: E731
    claim = _claim_locked if connection.vendor == "postgresql" else _claim_one_by_one
    claimed = 0
    while batch := claim(now, enqueue_batch):
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


def _claimable(now: dt.datetime):
    """Due rows, and queued rows whose task was lost, in due order."""
    due = Delivery.objects.filter(status=S.DUE, due_at__lte=now).order_by("due_at")
    lost = Delivery.objects.filter(status=S.QUEUED, claimed_at__lt=now - lost_after()).order_by("due_at")
    return due, lost


@transaction.atomic
def _claim_locked(now: dt.datetime, enqueue_batch) -> int:
    """PostgreSQL: lock a batch of claimable rows and claim them with one UPDATE. A sweep running at the
    same moment waits on the locks, then reads the rows again: queued by now, they are no longer its."""
    due, lost = _claimable(now)
    pks = [
        *due.select_for_update(of=("self",)).values_list("pk", flat=True)[:SWEEP_BATCH],
        *lost.select_for_update(of=("self",)).values_list("pk", flat=True)[:SWEEP_BATCH],
    ]
    Delivery.objects.filter(pk__in=pks).update(status=S.QUEUED, claimed_at=now)
    _enqueue_on_commit(pks, enqueue_batch)
    return len(pks)


@transaction.atomic
def _claim_one_by_one(now: dt.datetime, enqueue_batch) -> int:
    """Elsewhere (SQLite): one conditional UPDATE per row; 0 rows updated: another sweep claimed it first."""
    due, lost = _claimable(now)
    pks = [
        pk
        for pk, status, claimed_at in [
            *due.values_list("pk", "status", "claimed_at")[:SWEEP_BATCH],
            *lost.values_list("pk", "status", "claimed_at")[:SWEEP_BATCH],
        ]
        if Delivery.objects.filter(pk=pk, status=status, claimed_at=claimed_at).update(status=S.QUEUED, claimed_at=now)
    ]
    _enqueue_on_commit(pks, enqueue_batch)
    return len(pks)


def _enqueue_on_commit(pks: list[int], enqueue_batch) -> None:
    for start in range(0, len(pks), DELIVERY_BATCH):
        chunk = pks[start : start + DELIVERY_BATCH]
        # robust: one failed enqueue (broker down) does not stop the others; its rows are claimed again later.
        transaction.on_commit(lambda chunk=chunk: enqueue_batch(chunk), robust=True)


def deliver(*, delivery_id: int, mail: "MailConnection | None" = None, loaded: Delivery | None = None) -> str:
    """Send one claimed row once (over `mail`, or a connection of its own). Returns what happened:
    sent, skipped, withdrawn or failed. `loaded`: the row as `load` read it for a batch."""
    delivery = loaded or load([delivery_id]).get(delivery_id)
    if delivery is None:
        return "skipped"
    if delivery.target is None:  # the record was deleted after the row was claimed
        queued = Delivery.objects.filter(pk=delivery.pk, status=S.QUEUED)
        return "withdrawn" if queued.delete()[0] else "skipped"
    try:
        text, email = _prepare(delivery)
    except Unsendable as error:
        return "failed" if settle(delivery.pk, status=S.FAILED, error=str(error)) else "skipped"
    with transaction.atomic():
        # The row is marked sent before the send, in the transaction that the send's success commits
        # and its failure (or the worker's death) rolls back. The UPDATE locks the row: another worker
        # sending this very row (a redelivered task) waits here, then finds the row sent — or, if that
        # worker died, takes it over.
        if not settle(delivery.pk, status=S.SENT):
            return "skipped"
        if email is None:
            Notification.objects.create(
                recipient=delivery.recipient, delivery=delivery, subject=text.subject, body=text.body, url=text.url
            )
        elif mail is None:
            email.send()
        else:
            mail.send(email)
    return "sent"


def load(delivery_ids: list[int]) -> dict[int, Delivery]:
    """Queued rows with everything their messages need, read without a lock in a few queries however
    many rows there are: `deliver` reads each row's status again when it locks it."""
    rows = list(
        Delivery.objects.select_related("rule__council", "recipient__city", "recipient__council")
        .prefetch_related("target")
        .filter(pk__in=delivery_ids, status=S.QUEUED)
    )
    _load_message_reads(rows)
    return {row.pk: row for row in rows}


def _load_message_reads(rows: list[Delivery]) -> None:
    """What each kind's message reads of its targets (their team, their texts' versions …), for all the
    rows' targets of that kind at once, and every text's versions in one query: composing a row then
    reads nothing more."""
    targets_by_kind: dict[str, dict[int, object]] = {}
    for row in rows:
        if row.target is not None:  # a record deleted after the claim: `deliver` withdraws its row
            targets_by_kind.setdefault(row.rule.kind, {})[id(row.target)] = row.target
    texts = []
    for key, targets in targets_by_kind.items():
        kind = KINDS.get(key)
        if kind is None:  # a rule of no known kind: its rows fail one by one, each with its error
            continue
        prefetch_related_objects(list(targets.values()), *kind.message_reads)
        texts += [record for target in targets.values() for record in kind.texts_read(target)]
    load_versions(texts)


class Unsendable(Exception):
    """The message cannot be sent as it stands, however often it is tried."""


def settle(pk: int, *, status: str, error: str = "") -> int:
    """Mark the row (if still queued) with one more attempt: 1, or 0 if another worker has settled it.

    The one statement of a row's send written in SQL: building the ORM's UPDATE cost more than running
    it (a fifth of a row's time in a worker, `make bench-reminders`). The same statement as
    `Delivery.objects.filter(pk=pk, status=QUEUED).update(…, attempts=F("attempts") + 1)`."""
    sent_at = connection.ops.adapt_datetimefield_value(timezone.now()) if status == S.SENT else None
    with connection.cursor() as cursor:
        cursor.execute(_SETTLE, [status, error[:2000], sent_at, pk, S.QUEUED])
        return cursor.rowcount


_SETTLE = (
    f'UPDATE "{Delivery._meta.db_table}" SET "status" = %s, "last_error" = %s, "sent_at" = %s,'  # noqa: S608 (its table)
    ' "attempts" = "attempts" + 1 WHERE "id" = %s AND "status" = %s'
)


class MailConnection:
    """One connection to the mail server for a batch's e-mails: opened at the first e-mail (a batch with
    none opens none), closed after any error so that the next e-mail opens a new one — an error may
    leave the SMTP conversation in any state — and closed at the end (`with MailConnection() as mail`)."""

    def __init__(self) -> None:
        self.backend = get_connection()
        self.opened = False

    def send(self, email: EmailMessage) -> None:
        try:
            if not self.opened:
                self.backend.open()
                self.opened = True
            self.backend.send_messages([email])
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if self.opened:
            self.opened = False
            with suppress(smtplib.SMTPException, OSError):  # a connection already broken
                self.backend.close()

    def __enter__(self) -> "MailConnection":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def _prepare(delivery: Delivery) -> tuple[Composed, EmailMessage | None]:
    """The row's text, and its e-mail (None for an in-app notification), checked before any lock or
    connection."""
    text = compose(delivery)
    if delivery.channel == Delivery.Channel.APP:
        return text, None
    return text, _email(delivery, text)


def email_for(delivery: Delivery) -> EmailMessage:
    """The e-mail of an e-mail row, as a worker would send it (the bench renders them with this)."""
    return _email(delivery, compose(delivery))


class _CheckedEmail(EmailMessage):
    """Built once: the check before any connection builds the very message the backend then sends."""

    _built = None

    def message(self):
        if self._built is None:
            self._built = super().message()
        return self._built


def _email(delivery: Delivery, text) -> EmailMessage:
    """The e-mail, checked in full before any connection is opened: what Django's mail would refuse
    mid-send (an address, a header with a line break) raises Unsendable here."""
    address = delivery.recipient.email
    try:
        _check_recipient(address)
    except ValidationError as error:
        raise Unsendable(f"Unsendable address {address!r}: {' '.join(error.messages)}") from error
    email = _CheckedEmail(
        subject=text.subject,
        body=text.email_body,
        to=[address],
        # The same Message-ID on every attempt lets a receiving mail system drop a repeat.
        headers={"Message-ID": f"<reminder-{delivery.pk}@council-desk>"},
    )
    try:
        email.message()  # every header, as the backend will build them
        _check_sender(email.from_email, settings.DEFAULT_CHARSET)
    except ValueError as error:  # Django's BadHeaderError is one
        raise Unsendable(f"Unsendable message: {error}") from error
    return email


@functools.lru_cache(maxsize=1024)
def _check_recipient(address: str) -> None:
    """The address checked as every kept one is (a person's reminders share it): once per process (a
    refusal raises, and is not kept)."""
    validate_sendable_email(address)


@functools.lru_cache(maxsize=4)
def _check_sender(address: str, charset: str) -> None:
    """The envelope's sender, parsed as the backend will: every row has the same one, so it is parsed
    once (a refusal raises, and is not kept)."""
    sanitize_address(address, charset)


def record_attempt(*, delivery_id: int, error: str, final: bool) -> None:
    """Keep a failed attempt's error on the row (if still queued); the last one marks it failed."""
    settle(delivery_id, status=S.FAILED if final else S.QUEUED, error=error)


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

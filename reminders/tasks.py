"""Thin Celery tasks: the beat runs `sweep` every minute and `plan` every quarter hour; workers deliver.

No task waits on a long ETA: what is due lives in rows (models.Delivery), not in the broker.
"""

import datetime as dt
import logging
import random
import smtplib

from celery import shared_task
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import InterfaceError, OperationalError, close_old_connections

from reminders import planning, services

logger = logging.getLogger(__name__)

MAX_RETRIES = 5
BACKOFF_CAP = 300  # seconds


def backoff(retries: int) -> float:
    """Exponential backoff with full jitter: 10 s, 20 s, 40 s … capped, each drawn at random below."""
    return random.uniform(1, _longest_wait(retries))


def _longest_wait(retries: int) -> int:
    return min(BACKOFF_CAP, 10 * 2**retries)


def longest_retry_schedule() -> dt.timedelta:
    """The longest a task keeps its row queued: every wait between attempts, and every attempt's SMTP
    conversation running to EMAIL_TIMEOUT."""
    waits = sum(_longest_wait(retries) for retries in range(MAX_RETRIES))
    return dt.timedelta(seconds=waits + (MAX_RETRIES + 1) * settings.EMAIL_TIMEOUT)


def check_lost_after() -> None:
    """Refuse to start when the sweep would queue a row again while its task may still be retrying."""
    schedule = longest_retry_schedule()
    if services.lost_after() <= schedule:
        minutes, seconds = divmod(int(schedule.total_seconds()), 60)
        raise ImproperlyConfigured(
            f"REMINDER_LOST_AFTER_MINUTES ({settings.REMINDER_LOST_AFTER_MINUTES}) must be longer than a reminder"
            f" task's whole retry schedule ({minutes} min {seconds} s)."
        )


def is_permanent(error: Exception) -> bool:
    """A 5xx answer (the address is refused, the message rejected): trying again will not help."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _message in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


@shared_task(name="reminders.sweep", ignore_result=True)
def sweep() -> int:
    claimed = services.sweep(enqueue_batch=deliver_batch.delay)
    services.record_sweep()  # only a sweep that finished counts for /healthz
    return claimed


@shared_task(name="reminders.plan", ignore_result=True)
def plan() -> int:
    return planning.plan_all()


@shared_task(bind=True, name="reminders.deliver", acks_late=True, ignore_result=True, max_retries=MAX_RETRIES)
def deliver(self, delivery_id: int) -> str:
    try:
        return _deliver(self, delivery_id)
    except (OperationalError, InterfaceError) as error:
        # The database went away (restarted, failed over, the connection ended), perhaps after the mail
        # server accepted the message: the row's transaction rolled back, so the row is still queued and
        # a later attempt sends it again (with the same Message-ID) and marks it. Nothing can be recorded
        # now; the broken connection is dropped so that the retry opens a new one.
        close_old_connections()
        raise self.retry(exc=error, countdown=backoff(self.request.retries)) from error


def _deliver(task, delivery_id: int) -> str:
    try:
        return services.deliver(delivery_id=delivery_id)
    except (smtplib.SMTPException, OSError) as error:
        final = is_permanent(error) or task.request.retries >= MAX_RETRIES
        services.record_attempt(delivery_id=delivery_id, error=f"{type(error).__name__}: {error}", final=final)
        if final:
            return "failed"
        raise task.retry(exc=error, countdown=backoff(task.request.retries)) from error


@shared_task(bind=True, name="reminders.deliver_batch", acks_late=True, ignore_result=True, max_retries=MAX_RETRIES)
def deliver_batch(self, delivery_ids: list[int]) -> dict[str, int]:
    """The sweep's rows, in order, over one SMTP connection, each row sent and marked in a transaction of
    its own. A row's SMTP error is its own: it is recorded on the row, which is retried alone (the
    `deliver` task, its first retry), or failed if the error is permanent; the batch goes on. A database
    error retries the batch from that row on, on a new connection, like `deliver` does."""
    outcomes: dict[str, int] = {}
    remaining = list(delivery_ids)
    with services.MailConnection() as mail:
        try:
            loaded = services.load(remaining)
            while remaining:
                outcome = _deliver_in_batch(self, remaining[0], mail, loaded.get(remaining[0]))
                outcomes[outcome] = outcomes.get(outcome, 0) + 1
                remaining.pop(0)
        except (OperationalError, InterfaceError) as error:
            close_old_connections()
            raise self.retry(args=(remaining,), exc=error, countdown=backoff(self.request.retries)) from error
    return outcomes


def _deliver_in_batch(task, delivery_id: int, mail: services.MailConnection, loaded) -> str:
    try:
        return services.deliver(delivery_id=delivery_id, mail=mail, loaded=loaded)
    except (smtplib.SMTPException, OSError) as error:
        final = is_permanent(error)
        services.record_attempt(delivery_id=delivery_id, error=f"{type(error).__name__}: {error}", final=final)
        if final:
            return "failed"
        _retry_alone(task, delivery_id)
        return "retrying"
    except (OperationalError, InterfaceError):
        raise  # the batch's: retried from this row on (deliver_batch)
    except Exception as error:  # a fault of this row alone (a bug): fail it, visibly, and go on with the others
        logger.exception("Reminder delivery %s failed", delivery_id)
        services.record_attempt(delivery_id=delivery_id, error=f"{type(error).__name__}: {error}", final=True)
        return "failed"


def _retry_alone(task, delivery_id: int) -> None:
    """The row's first retry, as a `deliver` task on the batch's queue: its later retries follow
    `deliver`'s schedule, so a row gets as many attempts in a batch as alone."""
    # Each queue is bound by its own name (Celery's default), so the batch's routing key names its queue.
    queue = (task.request.delivery_info or {}).get("routing_key") or None
    try:
        deliver.apply_async((delivery_id,), countdown=backoff(0), retries=1, queue=queue)
    except Exception:  # the broker away: the row stays queued, and a later sweep claims it again
        logger.exception("Could not queue the retry of reminder delivery %s", delivery_id)

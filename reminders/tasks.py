"""Thin Celery tasks: the beat runs `sweep` every minute and `plan` every quarter hour; workers deliver.

No task waits on a long ETA: what is due lives in rows (models.Delivery), not in the broker.
"""

import datetime as dt
import random
import smtplib

from celery import shared_task
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import InterfaceError, OperationalError, close_old_connections

from reminders import planning, services

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
    claimed = services.sweep(enqueue=deliver.delay)
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

"""Sign-in housekeeping on the beat (config/settings.py, CELERY_BEAT_SCHEDULE)."""

from axes.handlers.proxy import AxesProxyHandler
from celery import shared_task
from django.conf import settings


@shared_task(name="accounts.prune_sign_in_log", ignore_result=True)
def prune_sign_in_log() -> int:
    """django-axes writes a row for every sign-in and keeps it for good: keep SIGN_IN_LOG_DAYS of them.
    (Failed attempts are its other table; they end with the lockout's cool-off or a good sign-in.)"""
    return AxesProxyHandler.reset_logs(age_days=settings.SIGN_IN_LOG_DAYS)

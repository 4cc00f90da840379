"""The beat's daily pruning of django-axes' record of sign-ins."""

import datetime as dt

from axes.models import AccessLog
from django.conf import settings
from django.utils import timezone

from accounts.tasks import prune_sign_in_log
from config.celery import app


def _sign_in(username: str, days_ago: float) -> AccessLog:
    entry = AccessLog.objects.create(username=username, ip_address="192.0.2.7", user_agent="test", path_info="/")
    AccessLog.objects.filter(pk=entry.pk).update(attempt_time=timezone.now() - dt.timedelta(days=days_ago))
    return entry


def test_sign_ins_older_than_the_kept_days_are_deleted_and_the_rest_kept(db, settings):
    settings.SIGN_IN_LOG_DAYS = 90
    _sign_in("old", days_ago=91)
    _sign_in("older", days_ago=400)
    _sign_in("recent", days_ago=89)
    _sign_in("today", days_ago=0)

    assert prune_sign_in_log() == 2

    assert sorted(AccessLog.objects.values_list("username", flat=True)) == ["recent", "today"]


def test_the_beat_prunes_once_a_day():
    assert settings.CELERY_BEAT_SCHEDULE["prune-sign-in-log"] == {
        "task": "accounts.prune_sign_in_log",
        "schedule": 24 * 3600,
    }


def test_the_beats_task_name_is_the_registered_task_and_goes_to_the_periodic_queue():
    """The schedule names a task by its string: a name no task is registered under would be sent daily
    and refused by every worker."""
    app.loader.import_default_modules()  # what a worker does at startup: autodiscovers tasks.py

    assert app.tasks["accounts.prune_sign_in_log"].run is prune_sign_in_log.run
    assert settings.CELERY_TASK_ROUTES["accounts.prune_sign_in_log"] == {"queue": "periodic"}

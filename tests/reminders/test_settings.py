"""The reminders' settings are checked when any process starts: a wrong value stops it with its reason."""

import os
import subprocess
import sys

from django.conf import settings

from reminders import tasks


def start(**env: str) -> subprocess.CompletedProcess:
    """`manage.py check` with the embedded default's settings and `env` on top, as any process starts."""
    clean = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL"}}
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=settings.BASE_DIR, capture_output=True, text=True,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "1", **env},
    )  # fmt: skip


def test_the_whole_retry_schedule_is_what_the_reclaim_must_outlast():
    # 10 + 20 + 40 + 80 + 160 s of waits at most, and six SMTP conversations of EMAIL_TIMEOUT (30 s).
    assert tasks.longest_retry_schedule().total_seconds() == 310 + 6 * 30


def test_a_reclaim_shorter_than_a_tasks_retries_stops_every_process_at_startup():
    result = start(REMINDER_LOST_AFTER_MINUTES="8")
    assert result.returncode == 1
    assert (
        "REMINDER_LOST_AFTER_MINUTES (8) must be longer than a reminder task's whole retry schedule (8 min 10 s)"
        in result.stderr
    )


def test_a_reclaim_longer_than_a_tasks_retries_starts():
    result = start(REMINDER_LOST_AFTER_MINUTES="9")
    assert (result.returncode, result.stderr) == (0, "")

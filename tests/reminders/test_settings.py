"""The reminders' settings are checked when any process starts: a wrong value stops it with its reason."""

import datetime as dt
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from config import durations
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


def alerts(**env: str) -> tuple[float, float]:
    """REMINDER_SWEEP_ALERT and REMINDER_LAG_ALERT in seconds, as a process started with `env` reads them."""
    clean = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL"}}
    printed = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c",
         "from django.conf import settings as s;"
         " print(s.REMINDER_SWEEP_ALERT.total_seconds(), s.REMINDER_LAG_ALERT.total_seconds())"],
        cwd=settings.BASE_DIR, capture_output=True, text=True, check=True,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "1", **env},
    ).stdout  # fmt: skip
    sweep, lag = printed.split()
    return float(sweep), float(lag)


def test_the_health_checks_thresholds_default_to_three_sweeps_at_least_3_minutes_and_15_minutes():
    assert alerts() == (180, 900)
    assert alerts(REMINDER_SWEEP_SECONDS="120") == (360, 900)
    assert alerts(REMINDER_SWEEP_SECONDS="5", REMINDER_SWEEP_ALERT="90s", REMINDER_LAG_ALERT="PT20M") == (90, 1200)


def test_a_threshold_that_is_no_duration_stops_every_process_at_startup():
    result = start(REMINDER_LAG_ALERT="soon")
    assert result.returncode == 1
    assert (
        "REMINDER_LAG_ALERT must be a positive duration: seconds (900), with a unit (90s, 15m, 2h) or ISO 8601"
        " (PT15M), not 'soon'." in result.stderr
    )


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("900", 900), ("90s", 90), ("15m", 900), ("15 min", 900), ("1.5h", 5400), ("00:15:00", 900), ("pt15m", 900)],
)
def test_durations_are_read_in_seconds_with_a_unit_or_as_iso_8601(value, seconds):
    assert durations.parse("REMINDER_LAG_ALERT", value) == dt.timedelta(seconds=seconds)


@pytest.mark.parametrize("value", ["0", "-60", "soon", "15 minutes", "15d", "PT0S"])
def test_a_duration_that_is_not_positive_or_not_understood_is_refused(value):
    with pytest.raises(ImproperlyConfigured, match=f"REMINDER_LAG_ALERT must be a positive duration.*not {value!r}"):
        durations.parse("REMINDER_LAG_ALERT", value)

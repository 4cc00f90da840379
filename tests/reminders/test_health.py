"""/healthz watches the reminders (reminders.health) at a pinned clock: the sweep's age and a due
reminder's wait, each against its threshold, and a fresh install's first minutes."""

import datetime as dt

import pytest

from reminders import services, tasks
from reminders.models import Delivery, SweepRecord
from tests.fixtures.reminders import make_delivery, person_of

NOW = dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.UTC)
S = Delivery.Status
SECONDS = dt.timedelta(seconds=1)
SWEEP_DOWN = "longer than REMINDER_SWEEP_ALERT (180 s): the beat, or every worker, is down"
WORKERS_DOWN = "longer than REMINDER_LAG_ALERT (900 s): are the workers running?"


@pytest.fixture(autouse=True)
def clock(db, time_machine, settings):
    """No deliveries and no sweep yet, the thresholds at their defaults (REMINDER_SWEEP_SECONDS 60), and
    the clock at NOW, moved by the test."""
    Delivery.objects.all().delete()  # the demo council's
    SweepRecord.objects.all().delete()
    settings.REMINDER_SWEEP_ALERT = dt.timedelta(minutes=3)
    settings.REMINDER_LAG_ALERT = dt.timedelta(minutes=15)
    time_machine.move_to(NOW, tick=False)
    return time_machine


def health(client) -> tuple[int, str, str]:
    response = client.get("/healthz")
    body = response.json()
    assert (body["database"], body["broker"]) == ("ok", "ok")
    return response.status_code, body["reminders"], body["status"]


def a_row(*, due_at: dt.datetime, status: str = S.DUE, claimed_at: dt.datetime | None = None) -> Delivery:
    target = person_of("secretariat-seoul").council.assemblies.order_by("pk").first()
    rule = target.council.reminder_rules.get(kind="assembly")
    return make_delivery(
        rule, target, person_of("secretariat-seoul"), due_at=due_at, status=status, claimed_at=claimed_at,
        offset=-400 - Delivery.objects.count(),
    )  # fmt: skip


def test_a_fresh_install_is_healthy_for_its_first_minutes_and_503_when_no_sweep_comes(client, clock):
    a_row(due_at=NOW - dt.timedelta(hours=20))  # planned late, within planning.GRACE, as load_demo leaves some

    assert health(client) == (200, "ok", "ok")
    assert SweepRecord.objects.values_list("watched_since", "swept_at").get() == (NOW, None)
    clock.move_to(NOW + 180 * SECONDS)
    assert health(client) == (200, "ok", "ok")
    clock.move_to(NOW + 181 * SECONDS)
    assert health(client) == (
        503, f"no sweep yet, 181 s after watching began at 2026-11-26T10:00:00+00:00, {SWEEP_DOWN}", "unavailable",
    )  # fmt: skip

    services.record_sweep()
    assert health(client) == (200, "ok", "ok")


def test_the_beats_sweep_records_when_it_ran(client, clock):
    assert tasks.sweep() == 0

    assert SweepRecord.objects.values_list("watched_since", "swept_at").get() == (NOW, NOW)
    clock.move_to(NOW + 90 * SECONDS)
    tasks.sweep()
    assert SweepRecord.objects.values_list("watched_since", "swept_at").get() == (NOW, NOW + 90 * SECONDS)


def test_no_sweep_for_longer_than_the_alert_is_503_with_when_the_last_one_ran(client, clock):
    services.record_sweep()
    clock.move_to(NOW + 180 * SECONDS)
    assert health(client) == (200, "ok", "ok")

    clock.move_to(NOW + 412 * SECONDS)

    assert health(client) == (
        503, f"not swept since 2026-11-26T10:00:00+00:00, 412 s ago, {SWEEP_DOWN}", "unavailable"
    )  # fmt: skip


def test_a_queued_reminder_not_sent_for_longer_than_the_alert_is_503_while_the_sweep_runs(client, clock):
    a_row(due_at=NOW - dt.timedelta(hours=1), status=S.QUEUED, claimed_at=NOW)  # waits from its claim
    a_row(due_at=NOW + dt.timedelta(minutes=5), status=S.QUEUED, claimed_at=NOW)  # a resend: not due yet
    a_row(due_at=NOW - dt.timedelta(days=3), status=S.SENT)
    a_row(due_at=NOW - dt.timedelta(days=2), status=S.FAILED)

    clock.move_to(NOW + 900 * SECONDS)
    services.record_sweep()
    assert health(client) == (200, "ok", "ok")
    clock.move_to(NOW + 901 * SECONDS)

    assert health(client) == (
        503, f"a due reminder has waited 901 s since 2026-11-26T10:00:00+00:00, {WORKERS_DOWN}", "unavailable"
    )  # fmt: skip


def test_a_due_reminder_waits_from_its_due_time_or_from_the_sweep_that_could_first_see_it(client, clock, settings):
    settings.REMINDER_SWEEP_ALERT = dt.timedelta(hours=1)  # the lag alone
    services.record_sweep()
    a_row(due_at=NOW - dt.timedelta(hours=20))  # planned after that sweep, due in the past (planning.GRACE)
    a_row(due_at=NOW + 60 * SECONDS)

    clock.move_to(NOW + 900 * SECONDS)
    assert health(client) == (200, "ok", "ok")  # waited since the sweep, not for 20 hours
    clock.move_to(NOW + 901 * SECONDS)

    assert health(client) == (
        503, f"a due reminder has waited 901 s since 2026-11-26T10:00:00+00:00, {WORKERS_DOWN}", "unavailable"
    )  # fmt: skip


def test_a_due_reminder_swept_in_time_is_healthy(client, clock):
    a_row(due_at=NOW - dt.timedelta(hours=20))
    services.record_sweep(now=NOW - 30 * SECONDS)  # sweeping every minute, as the beat does

    assert health(client) == (200, "ok", "ok")


def test_both_problems_are_named(client, clock):
    services.record_sweep()
    a_row(due_at=NOW + 10 * SECONDS)

    clock.move_to(NOW + 1000 * SECONDS)

    assert health(client) == (
        503,
        f"not swept since 2026-11-26T10:00:00+00:00, 1000 s ago, {SWEEP_DOWN}; "
        f"a due reminder has waited 990 s since 2026-11-26T10:00:10+00:00, {WORKERS_DOWN}",
        "unavailable",
    )


def test_health_reads_two_rows_of_the_reminders_however_many_wait(client, clock, django_assert_num_queries):
    services.record_sweep()
    for n in range(3):
        a_row(due_at=NOW - n * SECONDS)

    # the database's SELECT 1; the sweep's row; the due and queued rows grouped by status
    with django_assert_num_queries(3):
        assert health(client) == (200, "ok", "ok")

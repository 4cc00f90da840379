"""/healthz watches a real beat and real workers: killed, it answers 503 with the reason; back, 200.

A worker and `celery -A config beat` run as processes of their own on PostgreSQL and Redis (as in
test_worker_delivery.py, whose skip rule this follows: CI runs them), the beat sweeping every second
with its schedule file in the test's folder; the thresholds are seconds, not minutes. /healthz is
asked through the test client, which reads the same database.
"""

import datetime as dt
import re
import time
from collections.abc import Callable

import pytest
from django.utils import timezone

from bench.smtp_sink import SmtpSink
from bench.worker_process import BeatProcess, WorkerProcess, forget
from reminders.models import Delivery, SweepRecord
from reminders.planning import ensure_rules
from tests.concurrency import on_postgresql_and_redis, with_a_worker, worker_env  # noqa: F401 (the fixture)
from tests.factories import CouncilFactory, PersonFactory
from tests.fixtures.actions import ActionItemFactory

pytestmark = with_a_worker
SWEEP_ALERT, LAG_ALERT = 10, 3  # seconds; the lag's shorter, so that a dead worker shows as the lag first
NOT_SWEPT = re.compile(
    rf"not swept since \S+, \d+ s ago, longer than REMINDER_SWEEP_ALERT \({SWEEP_ALERT} s\): the beat, or every"
    r" worker, is down"
)


@pytest.fixture
def processes(transactional_db, settings, tmp_path) -> dict[str, Callable]:
    """Starters of a worker on the production queues (periodic, then celery) and of the beat, sending
    to an SMTP sink; each started one is killed at teardown, and the queues emptied before and after."""
    settings.REMINDER_SWEEP_ALERT = dt.timedelta(seconds=SWEEP_ALERT)
    settings.REMINDER_LAG_ALERT = dt.timedelta(seconds=LAG_ALERT)
    queues = ("periodic", "celery")
    for name in queues:
        forget(name, bindings=False)
    started: list[WorkerProcess | BeatProcess] = []
    with SmtpSink() as sink:
        env = worker_env(sink.url, CELERY_VISIBILITY_TIMEOUT="5", REMINDER_SWEEP_SECONDS="1")

        def worker() -> WorkerProcess:
            number = len(started) + 1
            process = WorkerProcess(
                queue=",".join(queues), name=f"health-{number}", env=env, log_path=tmp_path / f"{number}.log"
            )
            started.append(process)
            return process.start().wait_ready()

        def beat() -> BeatProcess:
            number = len(started) + 1
            process = BeatProcess(env=env, log_path=tmp_path / f"{number}.log", schedule_path=tmp_path / "schedule")
            started.append(process)
            return process.start()

        try:
            yield {"worker": worker, "beat": beat, "sink": sink, "started": started}
        finally:
            for process in started:
                process.kill()
            for name in queues:
                forget(name, bindings=False)


def wait_for_health(client, status: int, *, timeout: float, processes) -> dict:
    deadline = time.monotonic() + timeout
    while (response := client.get("/healthz")).status_code != status:
        if time.monotonic() > deadline:
            logs = "\n\n".join(f"--- {p.name}\n{p.log(30)}" for p in processes["started"])
            raise AssertionError(f"/healthz still {response.status_code} after {timeout} s: {response.json()}\n{logs}")
        time.sleep(0.2)
    body = response.json()
    assert (body["database"], body["broker"]) == ("ok", "ok")
    return body


def wait_for_sweep(processes, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not SweepRecord.objects.filter(swept_at__isnull=False).exists():
        if time.monotonic() > deadline:
            logs = "\n\n".join(f"--- {p.name}\n{p.log(30)}" for p in processes["started"])
            raise AssertionError(f"no sweep within {timeout} s\n{logs}")
        time.sleep(0.2)


def a_reminder_due_now() -> Delivery:
    council = CouncilFactory()
    owner = PersonFactory(council=council, email="owner@example.test")
    item = ActionItemFactory(owner=owner, title="Send the programme to the partner city")  # no rules yet: no rows
    rule = next(rule for rule in ensure_rules(council) if rule.kind == "action_due")
    return Delivery.objects.create(
        rule=rule, target=item, offset=-1, recipient=owner, channel="email", due_at=timezone.now()
    )


def test_healthz_answers_503_while_the_beat_or_the_workers_are_dead_and_200_once_they_are_back(client, processes):
    Delivery.objects.all().delete()  # the demo council's, until the first transactional test's flush
    SweepRecord.objects.all().delete()
    worker, beat = processes["worker"](), processes["beat"]()
    assert wait_for_health(client, 200, timeout=30, processes=processes)["reminders"] == "ok"  # watching begins
    wait_for_sweep(processes)

    beat.kill()
    body = wait_for_health(client, 503, timeout=SWEEP_ALERT + 20, processes=processes)
    assert NOT_SWEPT.fullmatch(body["reminders"]), body

    beat = processes["beat"]()
    wait_for_health(client, 200, timeout=30, processes=processes)

    worker.kill()
    due = a_reminder_due_now()
    body = wait_for_health(client, 503, timeout=LAG_ALERT + 20, processes=processes)
    since = due.due_at.astimezone(dt.UTC).isoformat(timespec="seconds")
    lag = re.compile(
        rf"a due reminder has waited \d+ s since {re.escape(since)}, longer than REMINDER_LAG_ALERT \({LAG_ALERT} s\):"
        r" are the workers running\?"
    )
    # The lag's reason; on a slow machine the sweep's may have come due beside it (no worker sweeps either).
    assert any(lag.fullmatch(reason) for reason in body["reminders"].split("; ")), body

    processes["worker"]()
    wait_for_health(client, 200, timeout=60, processes=processes)
    # 200 once the sweep has claimed the row (its wait counts from the claim): the send follows.
    deadline = time.monotonic() + 30
    while Delivery.objects.get(pk=due.pk).status != Delivery.Status.SENT and time.monotonic() < deadline:
        time.sleep(0.2)
    assert Delivery.objects.get(pk=due.pk).status == Delivery.Status.SENT
    assert processes["sink"].message_ids() == [f"<reminder-{due.pk}@council-desk>"]

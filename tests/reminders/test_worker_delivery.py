"""Reminders through a real worker process, real Redis and a real SMTP server: each sent once, crash or not.

The worker is a separate process that reads the test database, so the rows must be committed
(transactional tests) and the database must be one it can reach: PostgreSQL, with Redis as the
broker. CI runs the suite with both (DATABASE_URL, REDIS_URL), so in CI these tests fail rather
than skip when one is missing.

Each test has a queue of its own; the sweep runs in the test and hands every claimed row to that
queue. (The test of the beat's queue uses the production queues instead, periodic and celery, emptied
before and after it.) The SMTP server (bench/smtp_sink.py) runs in a thread of the test.
"""

import collections
import datetime as dt
import re
import time
import uuid
from collections.abc import Callable

import psycopg2
import pytest
from celery import beat
from django.conf import settings
from django.db import connection
from django.utils import timezone

from bench.smtp_sink import Received, SmtpSink
from bench.worker_process import WorkerProcess, forget, purge, unacked
from config.celery import app
from council.models import Person
from reminders import services, tasks
from reminders.models import Delivery
from reminders.planning import ensure_rules
from tests.concurrency import on_postgresql_and_redis, with_a_worker, worker_env  # noqa: F401 (the fixture)
from tests.factories import CouncilFactory, PersonFactory
from tests.fixtures.actions import ActionItemFactory

pytestmark = with_a_worker
# An unacknowledged task of a dead worker goes back to its queue after this long (production: 900 s).
VISIBILITY_TIMEOUT = 5
S = Delivery.Status
SECOND = dt.timedelta(seconds=1)


@pytest.fixture
def queue() -> str:
    name = f"test-reminders-{uuid.uuid4().hex[:12]}"
    purge(name)
    yield name
    forget(name)  # after start_worker's teardown: its workers are dead


@pytest.fixture
def sink() -> SmtpSink:
    with SmtpSink() as sink:
        yield sink


@pytest.fixture
def start_worker(transactional_db, queue, sink, tmp_path) -> Callable[[], WorkerProcess]:
    """Starts a worker on the test's queue (or the queues named), sending to the sink; every one is
    killed at teardown (before the database is flushed: a worker holding a row lock would block the
    flush)."""
    env = worker_env(sink.url, CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY_TIMEOUT))
    started: list[WorkerProcess] = []

    def start(queues: str = queue) -> WorkerProcess:
        number = len(started) + 1
        worker = WorkerProcess(
            queue=queues, name=f"{queue}-{number}", env=env, log_path=tmp_path / f"worker-{number}.log"
        )
        started.append(worker)
        return worker.start().wait_ready()

    yield start
    for worker in started:
        worker.kill()


@pytest.fixture
def enqueue(queue) -> Callable[[int], None]:
    return lambda pk: tasks.deliver.apply_async((pk,), queue=queue)


def due_emails(count: int) -> list[Delivery]:
    """`count` e-mail reminders due now, one per person, in due order: an action item's, to many people."""
    # The demo council's own due rows are in the database until the first transactional test's flush.
    Delivery.objects.all().delete()
    council = CouncilFactory()
    owner = PersonFactory(council=council, email="owner@example.test")
    item = ActionItemFactory(owner=owner, title="Send the programme to the partner city")  # no rules yet: no rows
    rule = next(rule for rule in ensure_rules(council) if rule.kind == "action_due")
    people = [PersonFactory(council=council, email=f"recipient-{n:03d}@example.test") for n in range(count)]
    first_due = timezone.now() - dt.timedelta(seconds=count)
    return Delivery.objects.bulk_create(
        Delivery(rule=rule, target=item, offset=-1, recipient=person, channel="email", due_at=first_due + n * SECOND)
        for n, person in enumerate(people)
    )


def message_id(delivery: Delivery) -> str:
    return f"<reminder-{delivery.pk}@council-desk>"


def wait_until(condition: Callable[[], object], *, timeout: float, what: str, state=None, workers=()) -> object:
    """Poll until the condition holds; on time-out fail with what was awaited, the state and the workers' logs."""
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        if time.monotonic() > deadline:
            logs = "\n\n".join(f"--- {worker.name}\n{worker.log(30)}" for worker in workers)
            raise AssertionError(f"Timed out after {timeout} s waiting for {what}; {state() if state else ''}\n{logs}")
        time.sleep(0.1)
    return result


def statuses(deliveries: list[Delivery]) -> collections.Counter:
    return collections.Counter(
        Delivery.objects.filter(pk__in=[d.pk for d in deliveries]).values_list("status", flat=True)
    )


def test_a_worker_sends_each_due_reminder_once(start_worker, sink, enqueue):
    deliveries = due_emails(50)
    worker = start_worker()

    assert services.sweep(enqueue=enqueue) == 50

    wait_until(
        lambda: statuses(deliveries) == {S.SENT: 50}, timeout=30, what="50 rows sent",
        state=lambda: statuses(deliveries), workers=[worker],
    )  # fmt: skip
    assert sorted(sink.message_ids()) == sorted(message_id(d) for d in deliveries)  # each exactly once
    assert sorted(m.recipients for m in sink.received) == [(f"recipient-{n:03d}@example.test",) for n in range(50)]
    assert set(Delivery.objects.filter(pk__in=[d.pk for d in deliveries]).values_list("attempts", "last_error")) == {
        (1, "")
    }
    assert services.sweep(enqueue=enqueue) == 0


def test_a_worker_killed_mid_send_loses_nothing_and_sends_nothing_twice(start_worker, sink, enqueue, queue):
    deliveries = due_emails(300)
    trapped = deliveries[99]  # the 100th in due order: the worker is caught sending it
    sink.set_trap(trapped.recipient.email)
    first = start_worker()

    assert services.sweep(enqueue=enqueue) == 300
    assert sink.trap_hit.wait(timeout=30), first.log()
    sent_before = statuses(deliveries)[S.SENT]
    taken = unacked(queue)
    first.kill()
    sink.release_trap()

    assert sent_before == 99, statuses(deliveries)  # one worker process takes the queue in order
    assert len(taken) == 1  # the trapped send's task (acks_late): taken, not acknowledged, kept in Redis
    assert Delivery.objects.get(pk=trapped.pk).status == S.QUEUED  # its transaction died with the worker
    # A starting worker puts back the tasks left unacknowledged for longer than the visibility timeout
    # (then only every ~100 s): start the next one once that much has passed since the task was taken.
    time.sleep(max(0.0, max(taken) + VISIBILITY_TIMEOUT + 0.2 - time.time()))
    second = start_worker()

    wait_until(
        lambda: statuses(deliveries) == {S.SENT: 300}, timeout=90, what="300 rows sent",
        state=lambda: statuses(deliveries), workers=[first, second],
    )  # fmt: skip
    received = collections.Counter(sink.message_ids())
    assert set(received) == {message_id(d) for d in deliveries}  # none lost
    assert set(received.values()) == {1}  # none twice
    assert set(Delivery.objects.filter(pk__in=[d.pk for d in deliveries]).values_list("attempts", flat=True)) == {1}
    assert services.sweep(enqueue=enqueue) == 0
    # The last task is acknowledged a moment after its row is marked sent; then nothing is left taken.
    wait_until(lambda: unacked(queue) == [], timeout=10, what="every task acknowledged", state=lambda: unacked(queue))


def test_a_refused_address_fails_for_good_and_a_deferred_one_is_retried(start_worker, sink, enqueue):
    refused, deferred, accepted = due_emails(3)
    sink.refuse("recipient-000@example.test", "550 5.1.1 No such mailbox")
    sink.refuse_once("recipient-001@example.test", "451 4.3.0 Try again later")
    worker = start_worker()

    assert services.sweep(enqueue=enqueue) == 3

    # The retry waits up to 10 s (tasks.backoff).
    wait_until(
        lambda: S.QUEUED not in statuses([refused, deferred, accepted]), timeout=40, what="no row queued",
        state=lambda: statuses([refused, deferred, accepted]), workers=[worker],
    )  # fmt: skip
    rows = {d.pk: d for d in Delivery.objects.filter(pk__in=[refused.pk, deferred.pk, accepted.pk])}
    assert (rows[refused.pk].status, rows[refused.pk].attempts, rows[refused.pk].last_error) == (
        S.FAILED, 1, "SMTPRecipientsRefused: {'recipient-000@example.test': (550, b'5.1.1 No such mailbox')}",
    )  # fmt: skip
    assert (rows[deferred.pk].status, rows[deferred.pk].attempts, rows[deferred.pk].last_error) == (S.SENT, 2, "")
    assert (rows[accepted.pk].status, rows[accepted.pk].attempts) == (S.SENT, 1)
    assert sorted(sink.message_ids()) == sorted([message_id(deferred), message_id(accepted)])
    assert sorted(sink.refusals) == [("recipient-000@example.test", 550), ("recipient-001@example.test", 451)]


# --- what a crash run found ---------------------------------------------------------------------------------

UNSENDABLE = "Enter an e-mail address that mail can be sent to: one address, without spaces or line breaks."


def test_a_row_whose_address_cannot_be_sent_fails_at_once_and_is_sent_once_the_address_is_fixed(
    start_worker, sink, enqueue
):
    deliveries = due_emails(4)
    bad = {0: "two@@example.org", 1: "x@exa mple.org", 2: "lee@example.org\nBcc: everyone@example.org"}
    for n, address in bad.items():  # as data written before addresses were checked would have them
        Person.objects.filter(pk=deliveries[n].recipient_id).update(email=address)
    worker = start_worker()

    assert services.sweep(enqueue=enqueue) == 4

    wait_until(
        lambda: S.QUEUED not in statuses(deliveries), timeout=30, what="no row queued",
        state=lambda: statuses(deliveries), workers=[worker],
    )  # fmt: skip
    rows = Delivery.objects.in_bulk([d.pk for d in deliveries])
    assert [(rows[d.pk].status, rows[d.pk].attempts, rows[d.pk].last_error) for d in deliveries] == [
        *[(S.FAILED, 1, f"Unsendable address {bad[n]!r}: {UNSENDABLE}") for n in range(3)],
        (S.SENT, 1, ""),
    ]
    assert (sink.message_ids(), sink.sessions) == ([message_id(deliveries[3])], 1)  # no session for the others

    fixed = deliveries[2].recipient
    fixed.email = "lee@example.org"
    fixed.full_clean()
    fixed.save()
    assert services.resend(delivery=deliveries[2], enqueue=enqueue) is True

    wait_until(
        lambda: statuses(deliveries) == {S.FAILED: 2, S.SENT: 2}, timeout=30, what="the fixed row sent",
        state=lambda: statuses(deliveries), workers=[worker],
    )  # fmt: skip
    assert sink.received[-1] == Received(message_id(deliveries[2]), ("lee@example.org",))
    assert Delivery.objects.get(pk=deliveries[2].pk).attempts == 2


def terminate_other_connections(killed: list[int]) -> Callable[[], None]:
    """An action that ends every connection to the test database but this test's own, and waits until
    they are gone; it adds how many it ended to `killed`."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        own = cursor.fetchone()[0]
    params = connection.get_connection_params()

    def terminate() -> None:
        other = psycopg2.connect(**params)
        try:
            with other.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid NOT IN (pg_backend_pid(), %s)",
                    [own],
                )
                killed.append(len(cursor.fetchall()))
        finally:
            other.close()

    return terminate


def test_a_row_whose_commit_fails_after_the_mail_server_accepted_it_is_sent_again_and_settled(
    start_worker, sink, enqueue
):
    deliveries = due_emails(3)
    worker = start_worker()
    killed: list[int] = []
    # The first message is accepted; before the worker hears so, its database connection is ended: the
    # row cannot be marked sent.
    sink.on_next_accept(terminate_other_connections(killed))

    assert services.sweep(enqueue=enqueue) == 3

    # The first retry waits at most 10 s (tasks.backoff).
    wait_until(
        lambda: statuses(deliveries) == {S.SENT: 3}, timeout=60, what="3 rows sent",
        state=lambda: statuses(deliveries), workers=[worker],
    )  # fmt: skip
    assert killed and killed[0] >= 1  # the worker's connection at least
    received = collections.Counter(sink.message_ids())
    assert received == {message_id(deliveries[0]): 2, message_id(deliveries[1]): 1, message_id(deliveries[2]): 1}
    assert set(Delivery.objects.filter(pk__in=[d.pk for d in deliveries]).values_list("attempts", flat=True)) == {1}


@pytest.fixture
def production_queues() -> tuple[str, str]:
    """The beat's queue and the default one, as a production worker consumes them (-Q periodic,celery):
    emptied before and after the test."""
    names = ("periodic", "celery")
    for name in names:
        forget(name, bindings=False)
    yield names
    for name in names:
        forget(name, bindings=False)


RECEIVED = re.compile(r"Task ([\w.]+)\[[-\w]+\] received")


def send_as_the_beat(entry: str) -> None:
    """What the beat does when an entry of its schedule is due (celery.beat.Scheduler.apply_async)."""
    scheduled = beat.ScheduleEntry(name=entry, app=app, **settings.CELERY_BEAT_SCHEDULE[entry])
    beat.Scheduler(app, lazy=True).apply_async(scheduled, advance=False)


def test_the_beats_sweep_runs_before_a_backlog_of_deliveries_drains(production_queues, start_worker, sink):
    *backlog, waiting = due_emails(401)
    Delivery.objects.filter(pk__in=[d.pk for d in backlog]).update(status=S.QUEUED, claimed_at=timezone.now())
    worker = start_worker(",".join(production_queues))
    for delivery in backlog:
        tasks.deliver.delay(delivery.pk)  # the default queue, as the sweep enqueues
    wait_until(lambda: sink.count() >= 20, timeout=30, what="the backlog being sent", workers=[worker])
    sent_when_the_beat_sent = statuses(backlog)[S.SENT]

    for _ in range(3):  # a late beat catching up: three sweeps waiting at once
        send_as_the_beat("send-due-reminders")

    wait_until(
        lambda: Delivery.objects.get(pk=waiting.pk).status != S.DUE, timeout=60, what="the sweep",
        state=lambda: statuses(backlog), workers=[worker],
    )  # fmt: skip
    swept_at = Delivery.objects.get(pk=waiting.pk).claimed_at
    sent_before_the_sweep = Delivery.objects.filter(pk__in=[d.pk for d in backlog], sent_at__lt=swept_at).count()
    # The sweep waited for the send in progress (and the one taken with it), not for the backlog.
    assert sent_before_the_sweep <= sent_when_the_beat_sent + 3, (sent_when_the_beat_sent, sent_before_the_sweep)
    wait_until(
        lambda: statuses([*backlog, waiting]) == {S.SENT: 401}, timeout=120, what="every row sent",
        state=lambda: statuses([*backlog, waiting]), workers=[worker],
    )  # fmt: skip
    # The worker took the three sweeps one after another, not in turn with sends: the beat's queue first
    # while it holds anything (the broker's "priority" order; its default would alternate the queues).
    taken = [found[1] for line in worker.log(lines=100_000).splitlines() if (found := RECEIVED.search(line))]
    first_sweep = taken.index("reminders.sweep")
    assert taken[first_sweep : first_sweep + 3] == ["reminders.sweep"] * 3, taken[first_sweep - 2 : first_sweep + 6]

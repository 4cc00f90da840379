"""`make bench-reminders`: what sending a reminder costs next to a bare Celery task and to plain smtplib.

Two runs go through the same worker process (as many pool processes as CPUs), Redis and queue: first
N no-op tasks, then the sweep over N due e-mail reminders, each claimed, composed, sent over SMTP to a
local server (bench/smtp_sink.py) and marked sent. Wall time from the first message enqueued to
the last one done. The floor: the same N messages, rendered beforehand, sent by plain smtplib to the
same kind of server, over one connection in each of as many processes as the worker has — what the
mail server and the machine allow at best. Beside it the floor once more, each message inside the
transaction the worker wraps a row's send in (its row locked and marked, committed once the server
has the message): what the guarantee "each row sent once, marked as soon as it is" costs alone, with
nothing composed, built or loaded. And the floor a third time, each row marked by one UPDATE committed on
its own after its send (no transaction around the send, so no lock: not a guarantee this app could
keep): the least that any durable mark per message costs. Needs PostgreSQL and Redis (DATABASE_URL,
REDIS_URL) and the dev requirements.
"""

import collections
import datetime as dt
import multiprocessing
import os
import platform
import secrets
import signal
import smtplib
import sys
import tempfile
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, transaction
from django.utils import timezone

from bench.tasks import noop
from bench.worker_process import WorkerProcess, database_url, forget, purge
from council.models import City, Council, CouncilCity, Person
from reminders import services, tasks
from reminders.models import Delivery
from reminders.planning import ensure_rules
from secretariat.models import ActionItem

BENCH_COUNCIL = "Bench council"
PEOPLE = 100
POLL_SECONDS = 0.25
FLOOR_TARGET = 2
SECOND = dt.timedelta(seconds=1)
# How the floor's messages mark their rows: in the transaction a worker sends a row in, or after the send.
MARK_AROUND, MARK_AFTER = "around", "after"


class Command(BaseCommand):
    help = "Time N reminder deliveries against N no-op Celery tasks on a real worker (PostgreSQL, Redis, SMTP)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=10_000, help="Messages of each kind (default 10,000).")
        parser.add_argument("--concurrency", type=int, default=os.cpu_count() or 1, help="Worker pool processes.")
        parser.add_argument("--timeout", type=float, default=600, help="Seconds to wait for each run.")

    def handle(self, *args, count: int, concurrency: int, timeout: float, **options) -> None:
        if connection.vendor != "postgresql" or not settings.REDIS_URL:
            raise CommandError("The bench needs PostgreSQL and Redis: set DATABASE_URL and REDIS_URL (`make bench`).")
        try:
            from bench.smtp_sink import SmtpSink
        except ImportError as error:
            raise CommandError(f"The bench needs the dev requirements ({error}): `make bench` installs them.") from None
        # `kill` (SIGTERM) unwinds like Ctrl-C does, through the finally that kills the worker.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

        self.stdout.write(f"Creating {count:,} due e-mail reminders …")
        expected = {f"<reminder-{pk}@council-desk>" for pk in make_due_deliveries(count)}
        self.stdout.write(f"Rendering them, then sending them by plain smtplib ({concurrency} processes) …")
        messages = render_messages()
        floor = run_smtplib_floor(messages, concurrency, SmtpSink, timeout)
        self.stdout.write("… and again, each in a transaction that locks, marks and commits its row …")
        guarantee = run_guarantee_alone(messages, concurrency, SmtpSink, timeout)
        self.stdout.write("… and again, each row marked by one UPDATE of its own after its send …")
        least = run_guarantee_alone(messages, concurrency, SmtpSink, timeout, mark=MARK_AFTER)
        queue = f"bench-{uuid.uuid4().hex[:12]}"
        purge(queue)
        with SmtpSink() as sink, tempfile.TemporaryDirectory(prefix="bench-reminders-") as folder:
            worker = WorkerProcess(
                queue=queue, name=queue, env=worker_env(sink.url), log_path=Path(folder) / "worker.log",
                concurrency=concurrency,
            )  # fmt: skip
            try:
                worker.start().wait_ready(timeout=60)
                self.stdout.write(f"Worker ready ({concurrency} processes). {count:,} no-op tasks …")
                noop, noop_enqueueing = run_noops(worker, queue, count, timeout)
                self.stdout.write(f"{count:,} reminder deliveries …")
                delivery, sweep, enqueueing = run_deliveries(queue, count, sink, timeout)
            except (TimeoutError, RuntimeError) as error:
                raise CommandError(f"{error}\n--- worker log\n{worker.log()}") from None
            except KeyboardInterrupt:
                raise CommandError("Interrupted; the worker is stopped.") from None
            finally:
                worker.kill()
                forget(queue)
            received = collections.Counter(sink.message_ids())
        noops, deliveries, floors = (noop, noop_enqueueing), (delivery, sweep, enqueueing), (floor, guarantee, least)
        self.report(count, concurrency, noops, deliveries, floors, received, expected)

    def report(self, count, concurrency, noops, deliveries, floors, received, expected) -> None:
        (noop, noop_enqueueing), (delivery, sweep, enqueueing) = noops, deliveries
        floor, guarantee, least = floors

        def row(name: str, seconds: float) -> str:
            return f"{name:<42}{count:>8,}{seconds:>10.2f}{seconds / count * 1000:>14.3f}{count / seconds:>13,.0f}"

        duplicates = sum(n - 1 for n in received.values())
        complete = set(received) == expected and not duplicates
        write = self.stdout.write
        write("")
        write(f"Machine: {os.cpu_count()} CPUs, {platform.platform()}, Python {platform.python_version()}")
        write(f"Worker: {concurrency} prefork processes, DEBUG off; PostgreSQL, Redis and SMTP on this machine")
        write("")
        write(f"{'':<42}{'count':>8}{'total s':>10}{'ms/message':>14}{'messages/s':>13}")
        write(row("no-op Celery task", noop))
        write(row("smtplib floor (one connection a process)", floor))
        write(row("floor, each row locked, marked, committed", guarantee))
        write(row("floor, each row marked after its send", least))
        write(row("reminder delivery (claim + send + mark)", delivery))
        write(f"{'ratio delivery / no-op':<42}{'':>8}{delivery / noop:>9.1f}x")
        write("")
        write(f"reminder delivery / smtplib floor: {delivery / floor:.2f}× (target ≤ {FLOOR_TARGET}×)")
        write(
            f"of which the guarantee alone (each row's transaction around its send): {guarantee / floor:.2f}×; "
            f"composing, building, loading and the task: {(delivery - guarantee) / floor:.2f}×"
        )
        write(f"the least any durable mark a message costs (one UPDATE after its send): {least / floor:.2f}×")
        write("")
        write(f"No-op: enqueueing the {count:,} tasks took {noop_enqueueing:.2f} s of it (one process publishing)")
        write(
            f"Sweep: claimed {count:,} rows and enqueued their sends in {sweep:.2f} s "
            f"(claiming {sweep - enqueueing:.2f} s, enqueueing {enqueueing:.2f} s)"
        )
        write(
            f"Check: the SMTP server got {received.total():,} messages, {len(received):,} distinct Message-IDs, "
            f"{duplicates} duplicates, {len(expected - set(received))} missing: " + ("OK" if complete else "FAILED")
        )
        if not complete:
            raise CommandError("Not every reminder arrived exactly once.")


def worker_env(email_url: str) -> dict[str, str]:
    """The worker as in production (DEBUG off), on this database and Redis, sending to the local server;
    with the bench app installed (config.settings_dev), whose no-op task production does not register."""
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings_dev",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": database_url(settings.DATABASES["default"]),
        "REDIS_URL": settings.REDIS_URL,
        "EMAIL_URL": email_url,
    }


def make_due_deliveries(count: int) -> list[int]:
    """A council of its own with PEOPLE people owning `count` open action items, each item's "due" e-mail
    reminder due now. The bench's database holds nothing else: the sweep claims every due row it finds."""
    if Council.objects.exclude(name_en=BENCH_COUNCIL).exists():
        raise CommandError("The bench needs a database of its own: it empties it, and the sweep sends what is due.")
    call_command("flush", interactive=False, verbosity=0)  # the previous run's rows
    council = Council.objects.create(
        name_en=BENCH_COUNCIL, name_ko=BENCH_COUNCIL, name_zh_hans=BENCH_COUNCIL, founded_on=dt.date(2020, 1, 1)
    )
    city = City.objects.create(
        code="BENCH", name_en="Bench city", name_ko="Bench city", name_zh_hans="Bench city", country="KR",
        time_zone="Asia/Seoul",
    )  # fmt: skip
    CouncilCity.objects.create(council=council, city=city, rotation_order=1)
    people = [
        Person(council=council, city=city, name=f"Bench person {n}", email=f"person-{n}@bench.example")
        for n in range(PEOPLE)
    ]
    for person in people:  # bulk_create checks nothing
        person.full_clean()
    Person.objects.bulk_create(people)
    # bulk_create sends no post_save, so nothing plans these items: their rows are made below.
    items = ActionItem.objects.bulk_create(
        (
            ActionItem(council=council, title=f"Bench item {n}", owner=people[n % PEOPLE], due_on=timezone.localdate())
            for n in range(count)
        ),
        batch_size=1000,
    )
    rule = next(rule for rule in ensure_rules(council) if rule.kind == "action_due")
    due = timezone.now() - dt.timedelta(seconds=count)
    rows = (
        Delivery(rule=rule, target=item, offset=-1, recipient=item.owner, channel="email", due_at=due + n * SECOND)
        for n, item in enumerate(items)
    )
    return [row.pk for row in Delivery.objects.bulk_create(rows, batch_size=1000)]


def render_messages() -> list[tuple[int, str, list[str], bytes]]:
    """Every due row's e-mail as the worker renders it: (row, envelope sender, recipients, bytes on the wire)."""
    rendered = []
    rows = Delivery.objects.select_related("rule__council", "recipient__city", "recipient__council").order_by("due_at")
    for delivery in rows:
        email = services.email_for(delivery)
        rendered.append((delivery.pk, email.from_email, email.recipients(), email.message().as_bytes(linesep="\r\n")))
    return rendered


def run_guarantee_alone(messages, processes: int, sink_class, timeout: float, *, mark: str = MARK_AROUND) -> float:
    """The floor with each message sent as the worker sends a row (`services.deliver`): in a transaction
    whose UPDATE locks and marks the queued row, committed once the server has the message — or, with
    MARK_AFTER, marked by that UPDATE alone once the server has it. The rows are due again afterwards,
    for the worker's run."""
    rows = Delivery.objects.filter(pk__in=[pk for pk, *_ in messages])
    rows.update(status=Delivery.Status.QUEUED)
    seconds = run_smtplib_floor(messages, processes, sink_class, timeout, mark=mark)
    if rows.filter(status=Delivery.Status.SENT, attempts=1).count() != len(messages):
        raise CommandError("The guarantee's run did not mark every row sent once.")
    rows.update(status=Delivery.Status.DUE, sent_at=None, attempts=0)
    return seconds


def run_smtplib_floor(messages, processes: int, sink_class, timeout: float, *, mark: str | None = None) -> float:
    """Seconds for `processes` processes, each with one SMTP connection, to send their share of the
    messages to a server of their own; timed from the moment all are connected and released at once.
    `mark`: each message's row marked too (run_guarantee_alone)."""
    context = multiprocessing.get_context("fork")  # the messages are inherited, not pickled
    ready, go, done = context.Barrier(processes + 1), context.Event(), context.Queue()
    connections.close_all()  # each sender opens a database connection of its own, not this one's
    with sink_class() as sink:
        shares = [messages[n::processes] for n in range(processes)]
        senders = [
            context.Process(target=_send_share, args=(share, sink.port, mark, ready, go, done), daemon=True)
            for share in shares
        ]
        for sender in senders:
            sender.start()
        try:
            ready.wait(timeout=60)
            started = time.monotonic()
            go.set()
            finished = [done.get(timeout=timeout) for _ in senders]
        finally:
            for sender in senders:
                sender.join(timeout=10)
                if sender.is_alive():
                    sender.kill()
        if sink.count() != len(messages):
            raise CommandError(f"The smtplib floor: the server got {sink.count()} messages, not {len(messages)}.")
    return max(finished) - started


def _send_share(share, port: int, mark: str | None, ready, go, done) -> None:
    from bench.smtp_sink import HOST

    if mark:
        connection.ensure_connection()
    with smtplib.SMTP(HOST, port, timeout=30) as smtp:
        ready.wait(timeout=60)
        go.wait()
        for pk, sender, recipients, message in share:
            if mark == MARK_AROUND:
                with transaction.atomic():
                    services.settle(pk, status=Delivery.Status.SENT)
                    smtp.sendmail(sender, recipients, message)
            else:
                smtp.sendmail(sender, recipients, message)
                if mark == MARK_AFTER:  # autocommit: the UPDATE is its own transaction
                    services.settle(pk, status=Delivery.Status.SENT)
    done.put(time.monotonic())


def wait_until(condition, *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"Timed out after {timeout} s waiting for {what}.")
        time.sleep(POLL_SECONDS)


def run_noops(worker: WorkerProcess, queue: str, count: int, timeout: float) -> tuple[float, float]:
    """Seconds until the worker has run them all; of which enqueueing them (the worker runs them meanwhile)."""
    started = time.perf_counter()
    for n in range(count):
        noop.apply_async((n,), queue=queue)
    enqueueing = time.perf_counter() - started
    wait_until(lambda: worker.executed("bench.noop") >= count, timeout=timeout, what=f"{count} no-op tasks")
    return time.perf_counter() - started, enqueueing


def run_deliveries(queue: str, count: int, sink, timeout: float) -> tuple[float, float, float]:
    """Seconds until every row is sent and every message arrived; the sweep's; its enqueueing's."""
    enqueueing = 0.0

    def enqueue_batch(pks: list[int]) -> None:  # as the beat's sweep does (tasks.sweep), on the bench's queue
        nonlocal enqueueing
        before = time.perf_counter()
        tasks.deliver_batch.apply_async((pks,), queue=queue)
        enqueueing += time.perf_counter() - before

    started = time.perf_counter()
    claimed = services.sweep(enqueue_batch=enqueue_batch)
    sweep = time.perf_counter() - started
    if claimed != count:
        raise RuntimeError(f"The sweep claimed {claimed} rows, not {count}.")
    sent = Delivery.objects.filter(rule__council__name_en=BENCH_COUNCIL, status=Delivery.Status.SENT)
    wait_until(lambda: sink.count() >= count and sent.count() >= count, timeout=timeout, what=f"{count} sent")
    return time.perf_counter() - started, sweep, enqueueing

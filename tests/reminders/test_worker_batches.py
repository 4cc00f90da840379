"""The beat's sweep hands rows to a real worker in batches (reminders.deliver_batch), each batch over one
SMTP connection: every row is still sent once, crash or not, and each error stays the row's own.

As in test_worker_delivery (whose fixtures these are): PostgreSQL, Redis, a worker process and the SMTP
server of bench/smtp_sink.py; in CI these tests fail rather than skip when one is missing.
"""

import collections
import time
from collections.abc import Callable

import pytest

from reminders import services, tasks
from reminders.models import Delivery
from tests.concurrency import on_postgresql_and_redis, with_a_worker  # noqa: F401 (the fixture)
from tests.reminders import test_worker_delivery as worker_tests
from tests.reminders.test_worker_delivery import (
    VISIBILITY_TIMEOUT,
    due_emails,
    message_id,
    statuses,
    terminate_other_connections,
    unacked,
    wait_until,
)

pytestmark = with_a_worker
queue, sink, start_worker = worker_tests.queue, worker_tests.sink, worker_tests.start_worker

S = Delivery.Status


@pytest.fixture
def enqueue_batch(queue) -> Callable[[list[int]], None]:
    """As the beat's sweep enqueues (tasks.sweep), on the test's queue."""
    return lambda pks: tasks.deliver_batch.apply_async((pks,), queue=queue)


def rows(deliveries: list[Delivery]) -> list[tuple[str, int, str]]:
    found = Delivery.objects.in_bulk([d.pk for d in deliveries])
    return [(found[d.pk].status, found[d.pk].attempts, found[d.pk].last_error) for d in deliveries]


def test_a_batch_is_sent_over_one_connection_each_row_once(start_worker, sink, enqueue_batch):
    deliveries = due_emails(services.DELIVERY_BATCH)
    worker = start_worker()

    assert services.sweep(enqueue_batch=enqueue_batch) == services.DELIVERY_BATCH

    wait_until(
        lambda: statuses(deliveries) == {S.SENT: len(deliveries)}, timeout=30, what="every row sent",
        state=lambda: statuses(deliveries), workers=[worker],
    )  # fmt: skip
    assert sorted(sink.message_ids()) == sorted(message_id(d) for d in deliveries)
    assert sink.sessions == 1
    assert set(rows(deliveries)) == {(S.SENT, 1, "")}
    assert services.sweep(enqueue_batch=enqueue_batch) == 0


def test_a_worker_killed_mid_batch_loses_nothing_and_sends_nothing_twice(start_worker, sink, enqueue_batch, queue):
    deliveries = due_emails(300)  # three batches
    trapped = deliveries[149]  # the second batch's 50th row
    sink.set_trap(trapped.recipient.email)
    first = start_worker()

    assert services.sweep(enqueue_batch=enqueue_batch) == 300
    assert sink.trap_hit.wait(timeout=30), first.log()
    sent_before = statuses(deliveries)[S.SENT]
    taken = unacked(queue)
    first.kill()
    sink.release_trap()

    assert sent_before == 149, statuses(deliveries)  # each row marked sent before the next is sent
    assert len(taken) == 1  # the second batch's task (acks_late): taken, not acknowledged, kept in Redis
    assert Delivery.objects.get(pk=trapped.pk).status == S.QUEUED
    time.sleep(max(0.0, max(taken) + VISIBILITY_TIMEOUT + 0.2 - time.time()))
    second = start_worker()

    wait_until(
        lambda: statuses(deliveries) == {S.SENT: 300}, timeout=90, what="300 rows sent",
        state=lambda: statuses(deliveries), workers=[first, second],
    )  # fmt: skip
    received = collections.Counter(sink.message_ids())
    assert set(received) == {message_id(d) for d in deliveries}  # none lost
    assert set(received.values()) == {1}  # none twice: the batch taken again skips the rows already sent
    assert set(Delivery.objects.filter(pk__in=[d.pk for d in deliveries]).values_list("attempts", flat=True)) == {1}
    wait_until(lambda: unacked(queue) == [], timeout=10, what="every task acknowledged", state=lambda: unacked(queue))


def test_in_a_batch_a_refused_row_fails_a_deferred_one_is_retried_alone_and_the_others_go_on(
    start_worker, sink, enqueue_batch
):
    deliveries = due_emails(5)
    refused, deferred, dropped = deliveries[0], deliveries[1], deliveries[3]
    sink.refuse(refused.recipient.email, "550 5.1.1 No such mailbox")
    sink.refuse_once(deferred.recipient.email, "451 4.3.0 Try again later")
    # 421: the server ends the session (smtplib closes the connection); the next row opens a new one.
    sink.refuse_once(dropped.recipient.email, "421 4.3.2 Shutting down")
    worker = start_worker()

    assert services.sweep(enqueue_batch=enqueue_batch) == 5

    # The retries wait up to 10 s (tasks.backoff).
    wait_until(
        lambda: S.QUEUED not in statuses(deliveries), timeout=40, what="no row queued",
        state=lambda: statuses(deliveries), workers=[worker],
    )  # fmt: skip
    assert rows(deliveries) == [
        (S.FAILED, 1, "SMTPRecipientsRefused: {'recipient-000@example.test': (550, b'5.1.1 No such mailbox')}"),
        (S.SENT, 2, ""),
        (S.SENT, 1, ""),
        (S.SENT, 2, ""),
        (S.SENT, 1, ""),
    ]
    received = collections.Counter(sink.message_ids())
    assert received == {message_id(d): 1 for d in deliveries[1:]}
    assert sorted(sink.refusals) == [
        ("recipient-000@example.test", 550), ("recipient-001@example.test", 451), ("recipient-003@example.test", 421),
    ]  # fmt: skip


def test_in_a_batch_a_commit_failing_after_acceptance_is_sent_again_and_the_rest_once(
    start_worker, sink, enqueue_batch
):
    deliveries = due_emails(3)
    worker = start_worker()
    killed: list[int] = []
    sink.on_next_accept(terminate_other_connections(killed))

    assert services.sweep(enqueue_batch=enqueue_batch) == 3

    wait_until(
        lambda: statuses(deliveries) == {S.SENT: 3}, timeout=60, what="3 rows sent",
        state=lambda: statuses(deliveries), workers=[worker],
    )  # fmt: skip
    assert killed and killed[0] >= 1
    received = collections.Counter(sink.message_ids())
    assert received == {message_id(deliveries[0]): 2, message_id(deliveries[1]): 1, message_id(deliveries[2]): 1}
    assert set(rows(deliveries)) == {(S.SENT, 1, "")}

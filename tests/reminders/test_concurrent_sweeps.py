"""Two sweeps at the same moment: each due row is claimed by exactly one (PostgreSQL, real connections)."""

import datetime as dt
import threading
import time

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from reminders import services
from reminders.models import Delivery, ReminderRule
from secretariat.models import ActionItem
from tests.concurrency import on_postgresql, postgresql_only, run_in_threads  # noqa: F401
from tests.factories import CouncilFactory, PersonFactory

pytestmark = postgresql_only
ROWS = 300


def due_rows(count: int) -> list[int]:
    """`count` due rows, the only ones (a sweep is for every council)."""
    Delivery.objects.all().delete()
    council = CouncilFactory()
    rule = ReminderRule.objects.create(council=council, kind="action_due", days=[1])
    people = PersonFactory.create_batch(count, council=council, email="p@example.org")
    target_type = ContentType.objects.get_for_model(ActionItem)
    due_at = timezone.now() - dt.timedelta(minutes=1)
    Delivery.objects.bulk_create(
        Delivery(
            rule=rule, target_type=target_type, target_id=1, offset=-1, recipient=person, channel="email", due_at=due_at
        )  # fmt: skip
        for person in people
    )
    return sorted(Delivery.objects.filter(rule=rule).values_list("pk", flat=True))


def test_a_sweep_waiting_on_anothers_claims_gets_none_of_them():
    expected = due_rows(ROWS)
    barrier = threading.Barrier(2, timeout=10)
    enqueued = {"first": [], "second": []}
    moments = {}

    def first() -> None:
        with transaction.atomic():  # holds its claims uncommitted while the second sweep runs
            services.sweep(enqueue=enqueued["first"].append)
            barrier.wait()
            time.sleep(0.5)
            moments["first_commits"] = time.monotonic()

    def second() -> None:
        barrier.wait()
        services.sweep(enqueue=enqueued["second"].append)
        moments["second_done"] = time.monotonic()

    assert run_in_threads(first, second) == [None, None]
    assert (sorted(enqueued["first"]), enqueued["second"]) == (expected, [])
    assert moments["second_done"] >= moments["first_commits"]  # it waited on the row locks
    assert set(Delivery.objects.filter(pk__in=expected).values_list("status", flat=True)) == {"queued"}


def test_many_sweeps_at_once_claim_every_row_exactly_once():
    expected = due_rows(ROWS)
    sweeps = 4
    barrier = threading.Barrier(sweeps, timeout=10)

    def sweeper() -> list[int]:
        claimed: list[int] = []
        barrier.wait()
        services.sweep(enqueue=claimed.append)
        return claimed

    results = run_in_threads(*([sweeper] * sweeps))
    assert all(isinstance(claimed, list) for claimed in results), results
    assert sorted(pk for claimed in results for pk in claimed) == expected

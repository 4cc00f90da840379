"""Two people saving at the same moment never get the same reference number (PostgreSQL, real connections)."""

import datetime as dt
import threading
import time

import pytest
from django.db import transaction

from council.models import Council
from secretariat.models import Correspondence, ReferenceCounter
from secretariat.services.correspondence import log_correspondence
from tests.concurrency import on_postgresql, postgresql_only, run_in_threads  # noqa: F401
from tests.factories import CouncilFactory

pytestmark = postgresql_only
# Long enough for the second saver to reach the lock and wait on it.
HOLD_SECONDS = 0.5


@pytest.fixture
def council() -> Council:
    return CouncilFactory()


def letter(council: Council, subject: str, sent_at: dt.datetime) -> Correspondence:
    first, second = council.rotation()
    return Correspondence(
        council=council, from_city=first, to_city=second, channel="email", subject=subject, sent_at=sent_at
    )


def holder_and_waiter(council: Council, sent_at: dt.datetime):
    """The first saver takes the number and keeps its transaction open a moment; the second saves meanwhile."""
    barrier = threading.Barrier(2, timeout=10)
    moments = {}

    def first() -> Correspondence:
        with transaction.atomic():
            saved = log_correspondence(correspondence=letter(council, "First", sent_at), by=None)
            barrier.wait()  # the number is taken and the counter locked: let the second one go
            time.sleep(HOLD_SECONDS)
            moments["first_commits"] = time.monotonic()
        return saved

    def second() -> Correspondence:
        barrier.wait()
        saved = log_correspondence(correspondence=letter(council, "Second", sent_at), by=None)
        moments["second_saved"] = time.monotonic()
        return saved

    results = run_in_threads(first, second)
    return results, moments


def test_a_second_saver_waits_for_the_first_and_takes_the_next_number(council):
    sent_at = dt.datetime(2030, 5, 1, 1, 0, tzinfo=dt.UTC)
    log_correspondence(correspondence=letter(council, "Earlier", sent_at), by=None)  # the counter row exists

    (first, second), moments = holder_and_waiter(council, sent_at)

    assert isinstance(first, Correspondence) and isinstance(second, Correspondence), (first, second)
    assert (first.number, second.number) == (2, 3)
    assert first.reference != second.reference
    assert moments["second_saved"] >= moments["first_commits"]  # it waited on the lock
    assert ReferenceCounter.objects.get(council=council, year=2030).last_number == 3
    assert sorted(Correspondence.objects.filter(council=council).values_list("number", flat=True)) == [1, 2, 3]


def test_two_first_uses_of_a_year_make_one_counter(council):
    """No counter row yet: both try to create it; the unique constraint lets one through, the other retries."""
    sent_at = dt.datetime(2031, 5, 1, 1, 0, tzinfo=dt.UTC)

    (first, second), moments = holder_and_waiter(council, sent_at)

    assert isinstance(first, Correspondence) and isinstance(second, Correspondence), (first, second)
    assert (first.number, second.number) == (1, 2)
    assert moments["second_saved"] >= moments["first_commits"]
    assert list(ReferenceCounter.objects.filter(council=council).values_list("year", "last_number")) == [(2031, 2)]


def test_many_savers_at_once_fill_the_year_without_gaps_or_repeats(council):
    sent_at = dt.datetime(2032, 5, 1, 1, 0, tzinfo=dt.UTC)
    savers, letters_each = 4, 5
    barrier = threading.Barrier(savers, timeout=10)

    def saver(name: str) -> list[int]:
        barrier.wait()
        return [
            log_correspondence(correspondence=letter(council, f"{name} {n}", sent_at), by=None).number
            for n in range(letters_each)
        ]

    results = run_in_threads(*(lambda name=f"saver {i}": saver(name) for i in range(savers)))

    assert all(isinstance(numbers, list) for numbers in results), results
    numbers = sorted(number for numbers in results for number in numbers)
    assert numbers == list(range(1, savers * letters_each + 1))
    references = Correspondence.objects.filter(council=council).values_list("reference", flat=True)
    assert len(set(references)) == savers * letters_each
    assert ReferenceCounter.objects.get(council=council, year=2032).last_number == savers * letters_each

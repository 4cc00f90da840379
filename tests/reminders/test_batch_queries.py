"""A batch of rows (reminders.deliver_batch) reads what its messages need in a few queries, however many
rows it has: composing a row reads nothing more, whatever its kind and its reader's language."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from council.models import Person
from reminders import services
from reminders.messages import compose
from reminders.models import Delivery

LANGUAGES = ("en", "ko", "zh-hans")


@pytest.fixture
def queued(db) -> list[int]:
    """The demo's planned rows (every kind it plans), claimed, to readers of each council language."""
    people = Person.objects.filter(deliveries__isnull=False).distinct().order_by("pk")
    for n, person in enumerate(people):
        Person.objects.filter(pk=person.pk).update(preferred_language=LANGUAGES[n % len(LANGUAGES)])
    Delivery.objects.update(status=Delivery.Status.QUEUED)
    return list(Delivery.objects.order_by("due_at", "pk").values_list("pk", flat=True))


def one_of_each_kind(pks: list[int]) -> list[int]:
    firsts: dict[str, int] = {}
    for pk, kind in Delivery.objects.filter(pk__in=pks).order_by("pk").values_list("pk", "rule__kind"):
        firsts.setdefault(kind, pk)
    return list(firsts.values())


def test_composing_a_loaded_row_reads_nothing(queued, django_assert_num_queries):
    loaded = services.load(queued)
    # Every kind the demo plans on the day the suite runs (which kinds are due depends on the day).
    kinds = {row.rule.kind for row in loaded.values()}
    assert kinds == set(Delivery.objects.values_list("rule__kind", flat=True)) and len(kinds) > 1

    with django_assert_num_queries(0):
        texts = [compose(row) for row in loaded.values()]
        emails = [services.email_for(row) for row in loaded.values() if row.channel == Delivery.Channel.EMAIL]

    assert len(texts) == len(queued)
    assert emails


def test_loading_a_batch_reads_as_much_for_many_rows_as_for_one_of_each_kind(queued):
    few = one_of_each_kind(queued)
    assert len(queued) > 3 * len(few)

    with CaptureQueriesContext(connection) as of_few:
        services.load(few)
    with CaptureQueriesContext(connection) as of_all:
        services.load(queued)

    assert len(of_all) == len(of_few)

"""`seed_bulk`: generated exchanges in the demo council, valid, within their dates, the same for a seed."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Max, Min
from django.utils import timezone

from bench.bulk import FUTURE_DAYS, MARKER_USERNAME
from council.models import Council
from teams.models import Exchange

S = Exchange.Status
DEMO_COUNCIL = "Seoul–Beijing Integration Council"


def seed(**options) -> None:
    call_command("seed_bulk", **{"exchanges": 500, "years": 3, "seed": 7, **options}, stdout=io.StringIO())


def generated():
    return Exchange.objects.filter(created_by__username=MARKER_USERNAME).order_by("pk")


def fingerprint() -> list[tuple]:
    return list(generated().values_list("team__code", "title", "starts_on", "status", "host_city__code", "kind"))


@pytest.fixture
def demo_exchanges(db) -> list[int]:
    return list(Exchange.objects.filter(team__council__name_en=DEMO_COUNCIL).values_list("pk", flat=True))


def test_creates_the_number_asked_for_in_the_demo_council_within_the_years(demo_exchanges):
    seed()

    today = timezone.localdate()
    assert generated().count() == 500
    assert Exchange.objects.filter(team__council__name_en=DEMO_COUNCIL).count() == len(demo_exchanges) + 500
    span = generated().aggregate(first=Min("starts_on"), last=Max("starts_on"))
    assert today - dt.timedelta(days=3 * 366) <= span["first"] < today - dt.timedelta(days=2 * 365)
    assert today < span["last"] <= today + dt.timedelta(days=FUTURE_DAYS)
    assert {e.language for e in generated() if e.host_city.code == "SEL"} == {"ko"}
    assert {e.language for e in generated() if e.host_city.code == "BJS"} == {"zh-hans"}


def test_a_sample_passes_full_clean(demo_exchanges):
    seed()

    sample = list(generated().select_related("team", "focus_area", "host_city"))[::10]
    assert len(sample) == 50
    for exchange in sample:
        exchange.full_clean()


def test_the_status_follows_the_date_and_results_only_on_completed_ones(demo_exchanges):
    seed()

    today = timezone.localdate()
    three_weeks_ago = today - dt.timedelta(days=21)

    def statuses(**dates) -> list[str]:
        return list(generated().filter(**dates).values_list("status", flat=True))

    future = set(statuses(starts_on__gt=today))
    past = statuses(starts_on__lte=three_weeks_ago)
    recent = set(statuses(starts_on__gt=three_weeks_ago, starts_on__lte=today))
    assert future <= {S.DRAFT, S.PROPOSED, S.PLANNED} and future
    assert set(past) == {S.COMPLETED, S.CANCELLED}
    assert past.count(S.COMPLETED) / len(past) > 0.85
    assert recent <= {S.IN_PROGRESS}
    others = generated().exclude(status=S.COMPLETED)
    assert not others.exclude(agreements_signed=0, investment_amount=None, participants_reached=None, outcomes="")
    completed = generated().filter(status=S.COMPLETED)
    assert 0.8 < completed.exclude(outcomes="").count() / completed.count() < 1
    assert set(completed.exclude(investment_amount=None).values_list("investment_currency", flat=True)) == {
        "USD",
        "KRW",
        "CNY",
    }


def test_the_same_seed_gives_the_same_rows_and_replace_keeps_the_demo_ones(demo_exchanges):
    seed()
    first = fingerprint()

    seed(replace=True)

    assert fingerprint() == first
    assert generated().count() == 500
    assert Exchange.objects.filter(pk__in=demo_exchanges).count() == len(demo_exchanges)
    seed(replace=True, seed=8)
    assert fingerprint() != first
    assert generated().count() == 500


def test_the_marker_account_cannot_sign_in(demo_exchanges):
    seed(exchanges=1)

    marker = generated().get().created_by
    assert (marker.is_active, marker.has_usable_password(), hasattr(marker, "person")) == (False, False, False)


def test_refuses_without_the_demo_council(db):
    Council.objects.filter(name_en=DEMO_COUNCIL).update(name_en="Another council")

    with pytest.raises(CommandError, match="demo council .* is missing: run `manage.py load_demo` first"):
        seed()

    assert not generated().exists()

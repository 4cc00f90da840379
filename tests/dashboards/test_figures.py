"""The dashboard's numbers equal the same figures computed here, independently, from the rows in Python."""

import datetime as dt
from collections import Counter, defaultdict
from decimal import Decimal

import pytest
from django.utils import timezone

from assemblies.cycles import cycle_periods, next_assembly
from council.models import City, Council
from dashboards.dashboard import build
from dashboards.selectors import Scope, reporting_rates
from teams.models import Exchange, Team
from tests.factories import ExchangeFactory, TeamFactory

S = Exchange.Status


@pytest.fixture
def today() -> dt.date:
    """The day the figures are as of: the demo data is laid out around the day it was loaded."""
    return timezone.localdate()


@pytest.fixture
def council(db) -> Council:
    return Council.objects.get(name_en="Seoul–Beijing Integration Council")


def scope_for(council, *, cycle="current", team=None, city=None) -> Scope:
    periods = cycle_periods(council=council)
    upcoming = next_assembly(council_id=council.pk)
    period = {
        "current": next(p for p in periods if p.assembly.pk == upcoming.pk),
        "all": None,
        "previous": next(p for p in periods if p.assembly.sequence == upcoming.sequence - 1),
    }[cycle]
    teams = list(Team.objects.filter(council=council).order_by("order", "code"))
    return Scope(council=council, teams=teams, period=period, team=team, city=city)


def rows_in(scope: Scope, *, all_time=False) -> list[Exchange]:
    """The scope's exchanges, chosen in Python from every exchange of the council."""
    chosen = []
    for exchange in Exchange.objects.filter(team__council=scope.council):
        if exchange.status == S.DRAFT:
            continue
        if scope.team and exchange.team_id != scope.team.pk:
            continue
        if scope.city and scope.city.pk not in (exchange.host_city_id, exchange.visiting_city_id):
            continue
        if scope.period and not all_time and not (scope.period.after < exchange.starts_on <= scope.period.until):
            continue
        chosen.append(exchange)
    return chosen


PLANNED = {S.PLANNED, S.IN_PROGRESS}  # agreed, not yet completed: not a proposal, not a draft
UPCOMING = {S.PROPOSED, S.PLANNED, S.IN_PROGRESS}  # the upcoming list shows proposals too, with their status


def scopes(council):
    economy = Team.objects.get(council=council, code="economy")
    beijing = City.objects.get(code="BJS")
    return [
        scope_for(council),
        scope_for(council, cycle="all"),
        scope_for(council, cycle="previous"),
        scope_for(council, cycle="all", team=economy),
        scope_for(council, cycle="previous", city=beijing),
    ]


@pytest.mark.parametrize("which", range(5))
def test_exchanges_per_year_and_team(council, which, today):
    scope = scopes(council)[which]
    expected = defaultdict(lambda: [0, 0])
    for exchange in rows_in(scope):
        cell = expected[(exchange.team.code, exchange.starts_on.year)]
        cell[0] += exchange.status == S.COMPLETED
        cell[1] += exchange.status in PLANNED
    dashboard = build(scope, today=today)
    shown = {
        (row["team"].code, year): list(pair)
        for row in dashboard.activity
        for year, pair in zip(dashboard.years, row["years"], strict=True)
        if pair != (0, 0)
    }
    assert shown == {key: value for key, value in expected.items() if value != [0, 0]}
    assert sum(row["completed"] for row in dashboard.year_totals) == sum(v[0] for v in expected.values())
    assert len(expected) > 0


@pytest.mark.parametrize("which", range(5))
def test_exchanges_per_focus_area(council, which, today):
    scope = scopes(council)[which]
    expected = Counter()
    for exchange in rows_in(scope):
        expected[(exchange.focus_area_id, "completed")] += exchange.status == S.COMPLETED
        expected[(exchange.focus_area_id, "planned")] += exchange.status in PLANNED
    shown = Counter()
    for row in build(scope, today=today).focus_areas:
        shown[(row["area"].pk, "completed")] += row["completed"]
        shown[(row["area"].pk, "planned")] += row["planned"]
    assert +shown == +expected


@pytest.mark.parametrize("which", range(5))
def test_measurable_results_this_cycle_and_all_time(council, which, today):
    scope = scopes(council)[which]
    dashboard = build(scope, today=today)
    for result, rows in ((dashboard.now, rows_in(scope)), (dashboard.ever, rows_in(scope, all_time=True))):
        completed = [e for e in rows if e.status == S.COMPLETED]
        invested = defaultdict(Decimal)
        for exchange in completed:
            if exchange.investment_amount and exchange.investment_currency:
                invested[exchange.investment_currency] += exchange.investment_amount
        assert result.exchanges == len(completed)
        assert result.agreements == sum(e.agreements_signed for e in completed)
        assert result.participants == sum(e.participants_reached or 0 for e in completed)
        assert result.investment == dict(invested)


@pytest.mark.parametrize("which", range(5))
def test_reciprocity_hosted_and_sent_per_city(council, which, today):
    scope = scopes(council)[which]
    expected = Counter()
    for exchange in rows_in(scope):
        if exchange.status == S.COMPLETED:
            expected[(exchange.team.code, exchange.host_city_id, "hosted")] += 1
            expected[(exchange.team.code, exchange.visiting_city_id, "sent")] += 1
    dashboard = build(scope, today=today)
    shown = Counter()
    for row in dashboard.reciprocity:
        for city, (hosted, sent) in zip(dashboard.cities, row["cities"], strict=True):
            shown[(row["team"].code, city.pk, "hosted")] += hosted
            shown[(row["team"].code, city.pk, "sent")] += sent
    expected = Counter({key: n for key, n in expected.items() if key[1] is not None})
    assert +shown == +expected


def test_upcoming_and_latest_lists(council, today):
    scope = scope_for(council, cycle="all")
    rows = rows_in(scope)
    upcoming = sorted(
        (e for e in rows if e.status in UPCOMING and today <= e.starts_on <= today + dt.timedelta(days=60)),
        key=lambda e: (e.starts_on, e.pk),
    )[:10]
    latest = sorted((e for e in rows if e.status == S.COMPLETED and e.outcomes), key=lambda e: (e.starts_on, e.pk))
    dashboard = build(scope, today=today)
    assert [e.pk for e in dashboard.upcoming] == [e.pk for e in upcoming]
    assert [e.pk for e in dashboard.latest] == [e.pk for e in reversed(latest)][:10]
    assert dashboard.latest


def test_the_total_in_the_reporting_currency_converts_at_the_plans_rates(council, settings, today):
    settings.REPORTING_CURRENCY = "USD"
    dashboard = build(scope_for(council, cycle="all"), today=today)
    rates = reporting_rates(council, "USD")
    expected = sum(
        (amount * (Decimal(1) if code == "USD" else rates[code]) for code, amount in dashboard.ever.investment.items()
         if code == "USD" or code in rates),
        Decimal(0),
    )  # fmt: skip
    assert dashboard.ever.total == expected.quantize(Decimal("0.01"))
    assert dashboard.ever.unconverted == sorted(c for c in dashboard.ever.investment if c != "USD" and c not in rates)


def test_next_assembly_countdown_and_inputs(council, today):
    dashboard = build(scope_for(council), today=today)
    upcoming = next_assembly(council_id=council.pk)
    assert dashboard.next_assembly.assembly == upcoming
    opening = timezone.localtime(upcoming.starts_at, upcoming.host_city.zone).date()
    assert dashboard.next_assembly.days_left == (opening - today).days
    assert dashboard.next_assembly.ready_team_ids == set()


def test_the_demo_data_gives_these_tests_something_to_compare(council, today):
    dashboard = build(scope_for(council, cycle="all"), today=today)
    """Guards the comparisons above against comparing empty with empty."""
    assert dashboard.upcoming and len(dashboard.latest) == 10
    assert dashboard.ever.exchanges > 100 and dashboard.ever.total > 0 and len(dashboard.ever.investment) == 3
    assert all(hosted and sent for hosted, sent in dashboard.reciprocity_totals)


def test_planned_counts_the_agreed_exchanges_not_yet_completed(council, today):
    """Planned or in progress; not a proposal or a draft (not agreed yet), nor a completed or cancelled one."""
    team = TeamFactory(council=council, order=99)
    for status in (S.DRAFT, S.PROPOSED, S.PLANNED, S.IN_PROGRESS, S.IN_PROGRESS, S.COMPLETED, S.CANCELLED):
        ExchangeFactory(team=team, status=status, starts_on=dt.date(2024, 5, 20))

    dashboard = build(Scope(council=council, teams=[team], team=team), today=today)

    assert dashboard.year_totals == [{"year": 2024, "completed": 1, "planned": 3}]
    assert [(row["team"], row["completed"], row["planned"]) for row in dashboard.activity] == [(team, 1, 3)]
    assert [(row["completed"], row["planned"]) for row in dashboard.focus_areas] == [(1, 3)]
    assert dashboard.charts()["activity"]["series"][1]["data"] == [3]


@pytest.mark.parametrize("which", range(5))
def test_the_all_teams_all_years_total_adds_up_every_cell(council, which, today):
    scope = scopes(council)[which]
    rows = rows_in(scope)

    dashboard = build(scope, today=today)

    expected = {
        "completed": sum(e.status == S.COMPLETED for e in rows),
        "planned": sum(e.status in PLANNED for e in rows),
    }
    assert dashboard.total == expected
    assert dashboard.total["completed"] == sum(row["completed"] for row in dashboard.activity)
    assert dashboard.total["planned"] == sum(row["planned"] for row in dashboard.activity)

"""The achievements report's numbers equal the numbers counted here, by hand, from the same exchanges."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.urls import reverse

from assemblies.report import Money, compile_report
from dashboards.dashboard import build
from dashboards.selectors import Scope
from teams.models import Exchange, ExchangeParticipation, ExchangeRate, Goal, GoalUpdate, Plan
from tests.assemblies.test_report_pages import signed_in
from tests.factories import ExchangeFactory
from tests.fixtures.report import IN_PERIOD, PERIOD_AFTER, PERIOD_UNTIL

S = Exchange.Status
KRW_RATE = Decimal("0.00075")


@dataclass
class Spec:
    """One exchange of the test team: where, when, how it went, what it brought."""

    area: int  # 0: Harbours, 1: Shipping
    status: str = S.COMPLETED
    starts_on: dt.date = IN_PERIOD
    host: str | None = "SEL"  # None: a joint online event
    agreements: int = 0
    invested: tuple[str, Decimal] | None = None
    reached: int | None = None
    people: dict[str, int] = field(default_factory=dict)
    outcomes: str = ""

    @property
    def in_period(self) -> bool:
        return PERIOD_AFTER < self.starts_on <= PERIOD_UNTIL

    @property
    def counts(self) -> bool:
        return self.in_period and self.status == S.COMPLETED

    @property
    def visitor(self) -> str | None:
        return {"SEL": "BJS", "BJS": "SEL"}.get(self.host)


SPECS = [
    Spec(0, agreements=2, invested=("USD", Decimal("1000000")), reached=300, people={"SEL": 12, "BJS": 30}),
    Spec(0, host="BJS", agreements=1, invested=("KRW", Decimal("2000000000")), people={"SEL": 25, "BJS": 8}),
    Spec(0, host="BJS", reached=50, people={"SEL": 4}, outcomes="A port twinning letter."),
    Spec(1, host=None, invested=("EUR", Decimal("300000")), reached=1200, people={"SEL": 40, "BJS": 60}),
    Spec(1, starts_on=PERIOD_UNTIL, agreements=3, people={"BJS": 9}),  # the assembly's own day counts
    Spec(1, host="BJS", invested=("USD", Decimal("250000.50"))),
    Spec(1, host="BJS"),  # completed without any result: counted, never a highlight
    Spec(0, status=S.CANCELLED, agreements=9, people={"SEL": 99}),  # agreed, then cancelled
    Spec(1, status=S.IN_PROGRESS, reached=999),
    Spec(1, status=S.PLANNED),
    Spec(0, status=S.PROPOSED),  # not agreed yet: not planned
    Spec(0, status=S.DRAFT),
    Spec(0, starts_on=PERIOD_AFTER, agreements=50, people={"SEL": 500}),  # the 5th assembly's day: not ours
    Spec(1, starts_on=PERIOD_UNTIL + dt.timedelta(days=1), agreements=50),  # the next cycle's
]


def create(team, cities, spec: Spec) -> Exchange:
    currency, invested = spec.invested or ("", None)
    exchange = ExchangeFactory(
        team=team,
        focus_area=list(team.focus_areas.order_by("order"))[spec.area],
        status=spec.status,
        starts_on=spec.starts_on,
        host_city=cities.get(spec.host),
        visiting_city=cities.get(spec.visitor),
        joint_online=spec.host is None,
        agreements_signed=spec.agreements,
        investment_amount=invested,
        investment_currency=currency,
        participants_reached=spec.reached,
        outcomes=spec.outcomes,
    )
    for code, people in spec.people.items():
        ExchangeParticipation.objects.create(exchange=exchange, city=cities[code], participants=people)
    return exchange


@pytest.fixture
def made(report_team, report_cities) -> list[tuple[Spec, Exchange]]:
    return [(spec, create(report_team, report_cities, spec)) for spec in SPECS]


def team_report(assembly, team):
    report = compile_report(assembly=assembly)
    return next(t for t in report.teams if t.team.pk == team.pk)


def test_the_period_is_after_the_previous_assembly_up_to_this_ones_day(held_assembly):
    report = compile_report(assembly=held_assembly)

    assert (report.period.after, report.period.until) == (PERIOD_AFTER, PERIOD_UNTIL)


def test_counts_per_focus_area_and_team(held_assembly, report_team, made):
    result = team_report(held_assembly, report_team)

    for index, row in enumerate(result.areas):
        specs = [s for s in SPECS if s.area == index and s.in_period]
        assert (row.results.completed, row.results.planned, row.results.cancelled) == (
            sum(s.status == S.COMPLETED for s in specs),
            sum(s.status in (S.PLANNED, S.IN_PROGRESS) for s in specs),
            sum(s.status == S.CANCELLED for s in specs),
        )
    assert [row.focus_area.name_en for row in result.areas] == ["Harbours", "Shipping"]
    # planned: agreed and not yet completed; the proposal and the draft are on nobody's programme
    assert (result.results.completed, result.results.planned, result.results.cancelled) == (7, 2, 1)
    assert result.results.programme == 10
    assert result.results.completion_percent == 70  # 7 of the 10 agreed: a cancelled one counts against


def test_measurable_results_count_completed_exchanges_only(held_assembly, report_team, made):
    result = team_report(held_assembly, report_team)

    counted = [s for s in SPECS if s.counts]
    assert result.results.agreements == sum(s.agreements for s in counted) == 6
    # People reached left empty count the participants from each city (33 and 9 here).
    reached = sum(s.reached if s.reached is not None else sum(s.people.values()) for s in counted)
    assert result.results.reached == reached == 1592
    invested: dict[str, Decimal] = {}
    for spec in counted:
        if spec.invested:
            invested[spec.invested[0]] = invested.get(spec.invested[0], 0) + spec.invested[1]
    assert result.results.investment == invested
    assert [str(money) for money in result.results.money] == ["EUR 300,000", "KRW 2B", "USD 1.3M"]
    harbours = result.areas[0].results
    assert harbours.investment == {"USD": Decimal("1000000"), "KRW": Decimal("2000000000")}


def test_participants_per_city_and_focus_area(held_assembly, report_team, report_cities, made):
    result = team_report(held_assembly, report_team)

    for index, row in enumerate(result.areas):
        expected = [sum(s.people.get(code, 0) for s in SPECS if s.counts and s.area == index) for code in report_cities]
        assert [figure.value for figure in row.participants] == expected
    assert [(f.city.code, f.value) for f in result.participants] == [("SEL", 81), ("BJS", 107)]


def test_reciprocity_per_city(held_assembly, report_team, report_cities, made):
    result = team_report(held_assembly, report_team)

    counted = [s for s in SPECS if s.counts]
    expected = [
        (
            code,
            sum(s.host == code for s in counted),
            sum(s.visitor == code for s in counted),
            # people sent: at an exchange the other city hosted (a joint online event is nobody's trip)
            sum(s.people.get(code, 0) for s in counted if s.host not in (None, code)),
            sum(s.people.get(code, 0) for s in counted),
        )
        for code in report_cities
    ]
    assert [(c.city.code, c.hosted, c.visited, c.sent, c.participants) for c in result.reciprocity] == expected
    assert expected == [("SEL", 2, 4, 29, 81), ("BJS", 4, 2, 39, 107)]
    assert result.results.online == 1


def test_council_totals_add_up_the_teams(held_assembly, report_team, made):
    report = compile_report(assembly=held_assembly)

    completed = Exchange.objects.filter(
        team__council=held_assembly.council, status=S.COMPLETED, starts_on__gt=PERIOD_AFTER, starts_on__lte=PERIOD_UNTIL
    )
    assert report.results.completed == completed.count()
    assert report.results.agreements == sum(e.agreements_signed for e in completed)
    assert [t.team.code for t in report.teams] == ["economy", "culture", "education", "ports"]
    for side in report.reciprocity:
        assert side.hosted == completed.filter(host_city=side.city).count()
        assert side.visited == completed.filter(visiting_city=side.city).count()


def test_highlights_are_the_largest_results_then_outcomes(held_assembly, report_team, made):
    result = team_report(held_assembly, report_team)

    by_spec = {id(spec): exchange for spec, exchange in made}
    expected = [by_spec[id(SPECS[i])] for i in (4, 0, 1, 3, 2)]  # agreements 3, 2, 1; then reached 1200, 50
    assert [h.exchange.pk for h in result.highlights] == [e.pk for e in expected]
    assert result.highlights[1].results == ["2 agreements signed", "USD 1M committed", "300 participants reached"]


def make_plan(team, made) -> Plan:
    plan = Plan.objects.create(team=team, cycle=2025, title="Ports plan 2023–2025", currency="USD")
    ExchangeRate.objects.create(plan=plan, currency="KRW", rate=KRW_RATE)
    completed = [exchange for spec, exchange in made if spec.counts]

    def goal(title, metric, target, linked=()):
        created = Goal.objects.create(plan=plan, title=title, metric=metric, target=target)
        created.exchanges.set(linked)
        return created

    goal("Seven exchanges", Goal.Metric.EXCHANGES, 7, completed)  # 7 of 7: met
    goal("Ten agreements", Goal.Metric.AGREEMENTS, 10, completed)  # 6 of 10: missed
    # USD 1,000,000 + KRW 2,000,000,000 × 0.00075 + USD 250,000.50 = USD 2,750,000.50 (EUR has no rate)
    goal("Investment", Goal.Metric.INVESTMENT, Decimal("2750000.50"), completed)  # exactly the target: met
    goal("A little more investment", Goal.Metric.INVESTMENT, Decimal("2750000.51"), completed)  # missed
    GoalUpdate.objects.create(goal=goal("Ships", Goal.Metric.MANUAL, 5), value=5, note="Counted at the port")
    goal("Berths", Goal.Metric.MANUAL, 5)  # no figure yet: missed
    return plan


def test_goals_met_and_missed_by_the_plans_progress(held_assembly, report_team, made):
    make_plan(report_team, made)

    result = team_report(held_assembly, report_team)

    assert [p.goal.title for p in result.goals_met] == ["Seven exchanges", "Investment", "Ships"]
    assert [p.goal.title for p in result.goals_missed] == ["Ten agreements", "A little more investment", "Berths"]
    assert [p.achieved for p in result.goals_met] == [7, Decimal("2750000.50"), 5]


def test_investment_total_in_the_plans_currency(held_assembly, report_team, made):
    make_plan(report_team, made)

    total = team_report(held_assembly, report_team).plan_total

    usd = Decimal("1000000") + Decimal("250000.50")
    assert total.total.currency == "USD"
    assert total.total.value == usd + Decimal("2000000000") * KRW_RATE == Decimal("2750000.50")
    assert total.missing_rates == ("EUR",)


def test_the_report_and_the_dashboard_count_planned_alike(held_assembly, report_team, made):
    report = compile_report(assembly=held_assembly)
    ports = next(t for t in report.teams if t.team.pk == report_team.pk)
    scope = Scope(council=report_team.council, teams=[report_team], period=report.period, team=report_team)

    dashboard = build(scope, today=PERIOD_UNTIL)

    counted = {"completed": ports.results.completed, "planned": ports.results.planned}
    assert counted == {"completed": 7, "planned": 2}
    assert sum(row["completed"] for row in dashboard.year_totals) == counted["completed"]
    assert sum(row["planned"] for row in dashboard.year_totals) == counted["planned"]


def test_goals_that_count_the_teams_whole_total_get_no_note(held_assembly, report_team, made):
    make_plan(report_team, made)  # every completed exchange is linked to the investment goals

    assert team_report(held_assembly, report_team).investment_goals_apart == []


def test_an_investment_goal_apart_from_the_total_says_why(client, demo_user, held_assembly, report_team, made):
    """The demo's case: an exchange completed with its investment, not linked to the plan's investment goal."""
    make_plan(report_team, made)
    ExchangeFactory(
        team=report_team, status=S.COMPLETED, starts_on=IN_PERIOD,
        investment_amount=Decimal("1500000"), investment_currency="USD",
    )  # fmt: skip

    result = team_report(held_assembly, report_team)

    # USD 2,750,000.50 linked to each investment goal; USD 1,500,000 more in the team's total
    assert result.plan_total.total == Money("USD", Decimal("4250000.50"))
    assert [(a.goal.title, a.counted.value, a.total.value) for a in result.investment_goals_apart] == [
        ("Investment", Decimal("2750000.50"), Decimal("4250000.50")),
        ("A little more investment", Decimal("2750000.50"), Decimal("4250000.50")),
    ]
    signed_in(client, demo_user, "mayor-office-seoul")
    page = client.get(reverse("assemblies:report", args=[held_assembly.pk])).content.decode()
    assert (
        "Investment committed by all the team's completed exchanges of the period, at the exchange rates of "
        "the team's plan: USD 4.3M."
    ) in page
    assert (
        'The goal “<span lang="en">Investment</span>” counts only the completed exchanges linked to it (USD 2.8M); '
        "the total above counts every completed exchange of the team in the period (USD 4.3M)."
    ) in page


def test_a_team_without_a_plan_has_no_goals_and_no_total(held_assembly, report_team, made):
    result = team_report(held_assembly, report_team)

    assert (result.plan, result.plan_total, result.goals_met, result.goals_missed) == (None, None, [], [])


def test_a_cancelled_assembly_has_no_report(cancelled_assembly):
    assert compile_report(assembly=cancelled_assembly) is None

"""The achievements report of a general assembly, compiled from the exchanges and goals of its cycle.

Nobody writes it: it counts the exchanges that started in the assembly's period (after the previous
assembly, up to and including this one's day; see `cycle_periods`), per team and focus area, and
reads the goals of each team's plan for the cycle through the plans' own progress rule. The sums are
taken in the database, grouped by team, focus area and city, so the report costs the same number of
queries for one exchange or a thousand; the roll-ups from focus area to team to council happen here,
over those few grouped rows. Names read in the reader's language (`.name`), and so do the texts of
the exchanges, plans and goals shown, whose versions are loaded with them (one query per kind).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DecimalField, F, Prefetch, Q, QuerySet, Sum, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy

from assemblies.cycles import CyclePeriod, cycle_periods
from assemblies.models import Assembly
from common.numbers import amount, figure
from council.models import City
from teams.models import Exchange, ExchangeParticipation, FocusArea, Goal, Plan, Team, people_reached_expression
from teams.selectors.plans import RATES, Progress, attach_progress, goals_with_latest_update
from translations.reading import with_versions

DONE = Exchange.Status.COMPLETED
PLANNED = Exchange.PLANNED_STATUSES  # agreed, not yet completed: the dashboard counts the same
HIGHLIGHTS_PER_TEAM = 5
# A highlight's results in words; `count` picks the plural form, `number` is shown in the reader's locale.
AGREEMENTS_SIGNED = ngettext_lazy("%(number)s agreement signed", "%(number)s agreements signed", "count")
PARTICIPANTS_REACHED = ngettext_lazy("%(number)s participant reached", "%(number)s participants reached", "count")
# Sums of many large amounts must not overflow the column's own precision.
WIDE_DECIMAL = DecimalField(max_digits=30, decimal_places=2)


@dataclass(frozen=True)
class Money:
    currency: str
    value: Decimal

    def __str__(self) -> str:
        return f"{self.currency} {amount(self.value)}"


@dataclass(frozen=True)
class CityFigure:
    city: City
    value: int


@dataclass
class Results:
    """What a group of exchanges (a focus area, a team, the council) achieved; results count completed ones.

    Every exchange agreed in the period is completed, planned (still to come) or cancelled: those three
    add up to the programme, of which the completed share is taken. Drafts and proposals were never on it.
    """

    completed: int = 0
    planned: int = 0
    cancelled: int = 0
    agreements: int = 0
    reached: int = 0
    online: int = 0
    investment: dict[str, Decimal] = field(default_factory=dict)
    participants: dict[int, int] = field(default_factory=dict)  # city id → people of that city
    hosted: dict[int, int] = field(default_factory=dict)  # city id → completed exchanges it hosted
    visited: dict[int, int] = field(default_factory=dict)  # city id → completed exchanges it travelled to
    sent: dict[int, int] = field(default_factory=dict)  # city id → its people at exchanges hosted elsewhere

    def add(self, other: "Results") -> None:
        for name in ("completed", "planned", "cancelled", "agreements", "reached", "online"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("investment", "participants", "hosted", "visited", "sent"):
            _add_into(getattr(self, name), getattr(other, name))

    @property
    def programme(self) -> int:
        """The exchanges agreed in the period, whatever became of them."""
        return self.completed + self.planned + self.cancelled

    @property
    def completion_percent(self) -> int | None:
        return round(self.completed * 100 / self.programme) if self.programme else None

    @property
    def money(self) -> list[Money]:
        return [Money(currency, value) for currency, value in sorted(self.investment.items())]


def _add_into(total: dict, part: dict) -> None:
    for key, value in part.items():
        total[key] = total.get(key, 0) + value


@dataclass(frozen=True)
class CitySide:
    """One city's side of the exchanges: hosted, travelled to, people sent; per team or overall."""

    city: City
    hosted: int
    visited: int
    sent: int
    participants: int


@dataclass
class AreaRow:
    focus_area: FocusArea
    results: Results
    participants: list[CityFigure] = field(default_factory=list)


@dataclass(frozen=True)
class Highlight:
    """A completed exchange worth telling at the assembly, with its results in words."""

    exchange: Exchange

    @property
    def results(self) -> list[str]:
        exchange, told = self.exchange, []
        if count := exchange.agreements_signed:
            told.append(AGREEMENTS_SIGNED % {"count": count, "number": figure(count)})
        if exchange.investment_amount:
            money = Money(exchange.investment_currency, exchange.investment_amount)
            told.append(_("%(money)s committed") % {"money": money})
        if count := exchange.reached:
            told.append(PARTICIPANTS_REACHED % {"count": count, "number": figure(count)})
        return told


@dataclass
class PlanTotal:
    """The team's investment in its plan's reporting currency, at the rates the plan records."""

    plan: Plan
    total: Money | None
    missing_rates: tuple[str, ...] = ()


@dataclass
class TeamReport:
    team: Team
    areas: list[AreaRow]
    results: Results
    participants: list[CityFigure]
    reciprocity: list[CitySide]
    highlights: list[Highlight]
    plan: Plan | None = None
    plan_total: PlanTotal | None = None
    goals_met: list[Progress] = field(default_factory=list)
    goals_missed: list[Progress] = field(default_factory=list)

    @property
    def investment_goals_apart(self) -> list["GoalApart"]:
        """Investment goals whose figure is not the team's total: a goal counts only the exchanges linked
        to it, the total every completed exchange of the team in the period, so the two part when an
        exchange is not linked to the goal (or a linked one moved out of the period)."""
        if self.plan is None:
            return []
        currency = self.plan.currency
        total = self.plan_total.total if self.plan_total.total else Money(currency, Decimal(0))
        apart = []
        for progress in self.goals_met + self.goals_missed:
            counted = Money(currency, progress.achieved or Decimal(0))
            if progress.goal.metric == Goal.Metric.INVESTMENT and counted != total:
                apart.append(GoalApart(progress.goal, counted, total))
        return apart


@dataclass(frozen=True)
class GoalApart:
    """An investment goal and the team's total, told side by side because they differ."""

    goal: Goal
    counted: Money  # what the goal counts: its linked exchanges
    total: Money  # every completed exchange of the team in the period


@dataclass
class AchievementsReport:
    assembly: Assembly
    period: CyclePeriod
    cities: list[City]
    teams: list[TeamReport]
    results: Results
    participants: list[CityFigure]
    reciprocity: list[CitySide]

    @property
    def final(self) -> bool:
        """Held: the cycle is closed. Before that the report shows the work so far."""
        return self.assembly.status == Assembly.Status.HELD


# The compilation ------------------------------------------------------------------------------------


def compile_report(*, assembly: Assembly) -> AchievementsReport | None:
    """The report of one assembly, or None for a cancelled one (its cycle is reported at the next)."""
    period = next((p for p in cycle_periods(council=assembly.council) if p.assembly.pk == assembly.pk), None)
    if period is None:
        return None
    cities = assembly.council.rotation()
    exchanges = period_exchanges(council_id=assembly.council_id, period=period)
    by_area = _results_by_area(exchanges)
    teams = [
        _team_report(team, by_area, cities)
        for team in Team.objects.filter(council_id=assembly.council_id)
        .prefetch_related(Prefetch("focus_areas", queryset=FocusArea.objects.order_by("order", "name_en")))
        .order_by("order", "code")
    ]
    _attach_highlights(teams, exchanges)
    _attach_plans(teams, assembly.cycle)
    overall = Results()
    for team_report in teams:
        overall.add(team_report.results)
    return AchievementsReport(
        assembly, period, cities, teams, overall, _per_city(overall.participants, cities), _sides(overall, cities)
    )


def period_exchanges(*, council_id: int, period: CyclePeriod) -> QuerySet[Exchange]:
    """The exchanges an assembly reviews: those of the council that started within its period."""
    return Exchange.objects.filter(
        team__council_id=council_id, starts_on__gt=period.after, starts_on__lte=period.until
    ).order_by()


def _results_by_area(exchanges: QuerySet[Exchange]) -> dict[tuple[int, int], Results]:
    """Per (team, focus area): counts, results, hosting and participation; three grouped queries."""
    by_area: dict[tuple[int, int], Results] = defaultdict(Results)
    for row in _count_rows(exchanges):
        results = by_area[row["team_id"], row["focus_area_id"]]
        results.add(_counted(row))
    for row in _investment_rows(exchanges):
        results = by_area[row["team_id"], row["focus_area_id"]]
        _add_into(results.investment, {row["investment_currency"]: row["invested"]})
    for row in _participation_rows(exchanges):
        results = by_area[row["exchange__team_id"], row["exchange__focus_area_id"]]
        _add_into(results.participants, {row["city_id"]: row["people"] or 0})
        _add_into(results.sent, {row["city_id"]: row["sent"] or 0})
    return by_area


def _count_rows(exchanges: QuerySet[Exchange]) -> QuerySet:
    done = Q(status=DONE)
    return exchanges.values("team_id", "focus_area_id", "host_city_id", "visiting_city_id", "joint_online").annotate(
        completed=Count("pk", filter=done),
        planned=Count("pk", filter=Q(status__in=PLANNED)),
        cancelled=Count("pk", filter=Q(status=Exchange.Status.CANCELLED)),
        agreements=Sum("agreements_signed", filter=done),
        reached=Sum(people_reached_expression(), filter=done),
    )


def _counted(row: dict) -> Results:
    """One group of exchanges with the same team, focus area, host and visiting city."""
    completed = row["completed"]
    results = Results(
        completed=completed,
        planned=row["planned"],
        cancelled=row["cancelled"],
        agreements=row["agreements"] or 0,
        reached=row["reached"] or 0,
        online=completed if row["joint_online"] else 0,
    )
    if completed and row["host_city_id"]:
        results.hosted[row["host_city_id"]] = completed
    if completed and row["visiting_city_id"]:
        results.visited[row["visiting_city_id"]] = completed
    return results


def _investment_rows(exchanges: QuerySet[Exchange]) -> QuerySet:
    return (
        exchanges.filter(status=DONE, investment_amount__isnull=False)
        .values("team_id", "focus_area_id", "investment_currency")
        .annotate(invested=Sum("investment_amount", output_field=WIDE_DECIMAL))
    )


def _participation_rows(exchanges: QuerySet[Exchange]) -> QuerySet:
    """People of each city per team and focus area; "sent" are those at an exchange another city hosted."""
    away = Q(exchange__host_city__isnull=False) & ~Q(exchange__host_city_id=F("city_id"))
    return (
        ExchangeParticipation.objects.filter(exchange__in=exchanges.filter(status=DONE).values("pk"))
        .values("exchange__team_id", "exchange__focus_area_id", "city_id")
        .annotate(people=Sum("participants"), sent=Sum("participants", filter=away))
        .order_by()
    )


def _team_report(team: Team, by_area: dict, cities: list[City]) -> TeamReport:
    areas, total = [], Results()
    for focus_area in team.focus_areas.all():
        results = by_area.get((team.pk, focus_area.pk), Results())
        areas.append(AreaRow(focus_area, results, _per_city(results.participants, cities)))
        total.add(results)
    return TeamReport(team, areas, total, _per_city(total.participants, cities), _sides(total, cities), [])


def _per_city(values: dict[int, int], cities: list[City]) -> list[CityFigure]:
    return [CityFigure(city, values.get(city.pk, 0)) for city in cities]


def _sides(results: Results, cities: list[City]) -> list[CitySide]:
    return [
        CitySide(
            city,
            hosted=results.hosted.get(city.pk, 0),
            visited=results.visited.get(city.pk, 0),
            sent=results.sent.get(city.pk, 0),
            participants=results.participants.get(city.pk, 0),
        )
        for city in cities
    ]


# Highlights -----------------------------------------------------------------------------------------


def _attach_highlights(teams: list[TeamReport], exchanges: QuerySet[Exchange]) -> None:
    """Each team's completed exchanges with the largest results, or an outcome told in words: one query,
    and one for their texts' versions.

    Largest first by agreements signed, then people reached, then investment recorded at all (amounts
    in different currencies do not compare), then the most recent.
    """
    worth_telling = Q(agreements_signed__gt=0) | Q(reached__gt=0) | Q(investment_amount__gt=0)
    ranked = (
        exchanges.annotate(reached=people_reached_expression())
        .filter(worth_telling | ~Q(outcomes=""), status=DONE)
        .select_related("focus_area", "host_city", "visiting_city")
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("team_id")],
                order_by=[
                    F("agreements_signed").desc(),
                    F("reached").desc(nulls_last=True),
                    F("investment_amount").desc(nulls_last=True),
                    F("starts_on").desc(),
                    F("pk").desc(),
                ],
            )
        )
        .filter(rank__lte=HIGHLIGHTS_PER_TEAM)
        .order_by("team_id", "rank")
    )
    by_team = defaultdict(list)
    for exchange in with_versions(ranked):
        by_team[exchange.team_id].append(Highlight(exchange))
    for team_report in teams:
        team_report.highlights = by_team[team_report.team.pk]


# Plans and goals ------------------------------------------------------------------------------------


def _attach_plans(teams: list[TeamReport], cycle: int) -> None:
    """Each team's plan for the cycle, its goals' progress by the plans' own rule: four queries, and
    one each for the versions of the plans' and the goals' texts."""
    plans = Plan.objects.filter(team__in=[t.team for t in teams], cycle=cycle).prefetch_related(
        RATES, Prefetch("goals", queryset=goals_with_latest_update())
    )
    plans = list(with_versions(with_versions(plans), "goals"))
    attach_progress(plans)
    by_team = {plan.team_id: plan for plan in plans}
    for team_report in teams:
        plan = by_team.get(team_report.team.pk)
        if plan is None:
            continue
        team_report.plan = plan
        team_report.plan_total = _plan_total(plan, team_report.results.investment)
        for goal in plan.goals.all():
            (team_report.goals_met if goal.progress.reached else team_report.goals_missed).append(goal.progress)


def _plan_total(plan: Plan, investment: dict[str, Decimal]) -> PlanTotal:
    """Investment in every currency the plan has a rate for, summed in the plan's currency."""
    rates = {rate.currency: rate.rate for rate in plan.rates.all()}
    rates[plan.currency] = Decimal(1)
    converted = [value * rates[currency] for currency, value in investment.items() if currency in rates]
    missing = tuple(sorted(currency for currency in investment if currency not in rates))
    total = Money(plan.currency, sum(converted, Decimal(0)).quantize(Decimal("0.01"))) if converted else None
    return PlanTotal(plan, total, missing)

"""The dashboard's figures, each computed in SQL in one query per group (never by loading rows).

Indexes that serve these queries (teams/models/exchanges.py): `exchange_team_status` (team, status,
starts_on, with the counted and summed columns included) for every figure, which filters on the
council's teams and a date range; the foreign-key indexes on host_city / visiting_city for the city
filter; `exchange_start_order` for the upcoming list, `exchange_status_start_order` for the latest.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DecimalField, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone

from assemblies.cycles import CyclePeriod
from assemblies.models import AchievementsInput, Assembly
from council.models import City, Council
from teams.models import Exchange, ExchangeParticipation, ExchangeRate, FocusArea, Plan, Team, people_reached_expression
from teams.selectors.plans import RATES, attach_progress, goals_with_latest_update

S = Exchange.Status
COMPLETED = Q(status=S.COMPLETED)
PLANNED = Q(status__in=Exchange.PLANNED_STATUSES)  # agreed, not yet completed: the report counts the same
# The upcoming list shows each exchange's status, so a proposal may stand in it beside the planned ones.
UPCOMING_STATUSES = (S.PROPOSED, *Exchange.PLANNED_STATUSES)
UPCOMING_DAYS = 60
LIST_LENGTH = 10
BIG_SUM = DecimalField(max_digits=30, decimal_places=2)  # a sum of many amounts must not overflow


@dataclass(frozen=True)
class Scope:
    """What the dashboard is filtered to: the council, and optionally one cycle, team and city."""

    council: Council
    teams: list[Team]
    period: CyclePeriod | None = None
    team: Team | None = None
    city: City | None = None

    def exchanges(self, *, all_time: bool = False) -> QuerySet[Exchange]:
        """The council's exchanges in scope; drafts are not yet part of the record."""
        team_ids = [self.team.pk] if self.team else [team.pk for team in self.teams]
        found = Exchange.objects.filter(team_id__in=team_ids).exclude(status=S.DRAFT)
        if self.city:
            found = found.filter(Q(host_city=self.city) | Q(visiting_city=self.city))
        if self.period and not all_time:
            found = found.filter(starts_on__gt=self.period.after, starts_on__lte=self.period.until)
        return found


def in_period(period: CyclePeriod | None, prefix: str = "") -> Q:
    """Exchanges of the period (`prefix` reaches them from another model: "exchange__")."""
    if period is None:
        return Q()
    return Q(**{f"{prefix}starts_on__gt": period.after, f"{prefix}starts_on__lte": period.until})


# Exchanges per team and year, per focus area ------------------------------------------------------


def activity(scope: Scope) -> list[dict]:
    """Per team, year and focus area: completed and planned exchanges (one grouped scan, which the
    dashboard sums into both its per-year and its per-focus-area tables)."""
    return list(
        scope.exchanges()
        .values("team_id", "focus_area_id", year=ExtractYear("starts_on"))
        .annotate(completed=Count("pk", filter=COMPLETED), planned=Count("pk", filter=PLANNED))
        .order_by()
    )


# Measurable results --------------------------------------------------------------------------------


@dataclass
class Results:
    """Completed exchanges' results in the scope's cycle and over all time."""

    exchanges: int = 0
    agreements: int = 0
    participants: int = 0
    investment: dict[str, Decimal] = field(default_factory=dict)  # per currency
    total: Decimal | None = None  # in the reporting currency
    unconverted: list[str] = field(default_factory=list)  # currencies without a rate


def results(scope: Scope, *, reporting_currency: str) -> tuple[Results, Results]:
    """This cycle's results and all time's: one grouped scan per currency of the completed exchanges,
    summed here; one query for the rates; one more only if some "people reached" is left empty."""
    completed = scope.exchanges(all_time=True).filter(COMPLETED)
    wheres = {"now": in_period(scope.period), "ever": Q()}
    empty = Q(participants_reached=None)
    aggregates = {}
    for key, where in wheres.items():
        aggregates |= {
            f"exchanges_{key}": Count("pk", filter=where),
            f"agreements_{key}": Sum("agreements_signed", filter=where),
            f"participants_{key}": Sum("participants_reached", filter=where),
            f"unreached_{key}": Count("pk", filter=where & empty),
            f"invested_{key}": Sum("investment_amount", filter=where, output_field=BIG_SUM),
        }
    # One row per currency (and one for exchanges without an investment, currency ""): few rows.
    rows = list(completed.values("investment_currency").annotate(**aggregates).order_by("investment_currency"))
    totals = {name: sum(row[name] or 0 for row in rows) for name in aggregates if not name.startswith("invested")}
    if totals["unreached_ever"]:
        # Left empty, "reached" counts the participants from each city (teams.models.people_reached_
        # expression); read apart, only when some are, so that the scan above stays on the index alone.
        unreached = ExchangeParticipation.objects.filter(exchange__in=completed.filter(empty).values("pk")).aggregate(
            participants_now=Sum("participants", filter=in_period(scope.period, "exchange__")),
            participants_ever=Sum("participants"),
        )
        for key in wheres:
            totals[f"participants_{key}"] += unreached[f"participants_{key}"] or 0
    rates = reporting_rates(scope.council, reporting_currency)
    found = []
    for key in wheres:
        invested = {row["investment_currency"]: row[f"invested_{key}"] for row in rows if row[f"invested_{key}"]}
        result = Results(
            exchanges=totals[f"exchanges_{key}"],
            agreements=totals[f"agreements_{key}"],
            participants=totals[f"participants_{key}"],
            investment=invested,
        )
        result.total, result.unconverted = convert(invested, rates, reporting_currency)
        found.append(result)
    return found[0], found[1]


def reporting_rates(council: Council, currency: str) -> dict[str, Decimal]:
    """Rates into the reporting currency, from the council's plans kept in it (the latest cycle's wins)."""
    rates = ExchangeRate.objects.filter(plan__team__council=council, plan__currency=currency).order_by("plan__cycle")
    return {rate.currency: rate.rate for rate in rates}


def convert(amounts: dict[str, Decimal], rates: dict[str, Decimal], currency: str) -> tuple[Decimal, list[str]]:
    total, missing = Decimal(0), []
    for code, value in amounts.items():
        rate = Decimal(1) if code == currency else rates.get(code)
        if rate is None:
            missing.append(code)
        else:
            total += value * rate
    return total.quantize(Decimal("0.01")), missing


# Reciprocity ---------------------------------------------------------------------------------------


def reciprocity(scope: Scope, cities: list[City]) -> list[dict]:
    """Per team: completed exchanges each city hosted and each city sent a delegation to (one query)."""
    counts = {}
    for city in cities:
        counts[f"hosted_{city.pk}"] = Count("pk", filter=Q(host_city=city))
        counts[f"sent_{city.pk}"] = Count("pk", filter=Q(visiting_city=city))
    return list(scope.exchanges().filter(COMPLETED).values("team_id").annotate(**counts).order_by("team_id"))


# Plans, upcoming and latest exchanges, the next assembly --------------------------------------------


def current_plans(scope: Scope, cycle: int | None) -> list[Plan]:
    """Each team's plan for the cycle, with its goals' progress (a fixed number of queries). The texts'
    versions of everything the dashboard shows are loaded together, in one query (dashboard.build)."""
    if cycle is None:
        return []
    plans = Plan.objects.filter(team__in=[scope.team] if scope.team else scope.teams, cycle=cycle)
    goals = Prefetch("goals", queryset=goals_with_latest_update())
    plans = plans.select_related("team").prefetch_related(RATES, goals)
    return attach_progress(list(plans.order_by("team__order", "team__code")))


def upcoming_exchanges(scope: Scope, today: dt.date) -> list[Exchange]:
    until = today + dt.timedelta(days=UPCOMING_DAYS)
    found = scope.exchanges(all_time=True).filter(
        status__in=UPCOMING_STATUSES, starts_on__gte=today, starts_on__lte=until
    )
    return list(found.select_related("team", "host_city").order_by("starts_on", "pk")[:LIST_LENGTH])


def latest_completed(scope: Scope) -> list[Exchange]:
    found = scope.exchanges().filter(COMPLETED).exclude(outcomes="").annotate(reached=people_reached_expression())
    return list(found.select_related("team", "host_city").order_by("-starts_on", "-pk")[:LIST_LENGTH])


@dataclass
class NextAssembly:
    assembly: Assembly
    days_left: int | None
    ready_team_ids: set[int]


def next_assembly_state(assembly: Assembly | None, today: dt.date) -> NextAssembly | None:
    """The next assembly (assemblies.cycles.next_assembly, which the caller has read already)."""
    if assembly is None:
        return None
    ready = set(AchievementsInput.objects.filter(assembly=assembly).values_list("team_id", flat=True))
    return NextAssembly(assembly, days_until(assembly, today), ready)


def days_until(assembly: Assembly, today: dt.date) -> int | None:
    """Days from today to the assembly's day in its host city; None while its date is not set."""
    if not assembly.starts_at:
        return None
    return (timezone.localtime(assembly.starts_at, assembly.host_city.zone).date() - today).days


def focus_areas(scope: Scope) -> dict[int, FocusArea]:
    return {area.pk: area for area in FocusArea.objects.filter(team__in=scope.teams).select_related("team")}

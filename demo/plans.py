"""Demo plans with goals: one per team per assembly cycle, each goal linked to the exchanges that fit it.

Written against the models only, so it works with whatever exchanges the demo holds (none included).
Idempotent: rows are found by their natural key and M2M links are set(), so a second run writes nothing.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model

from assemblies.cycles import CyclePeriod, cycle_periods
from assemblies.models import Assembly
from council.models import Council
from demo.structure import upsert
from teams.models import Exchange, ExchangeRate, Goal, GoalUpdate, Plan, Team

M, K = Goal.Metric, Exchange.Kind
CURRENCY = "USD"
# What one unit was worth in US dollars, roughly, in each cycle (the plan records its own rate).
RATES = {
    "KRW": {2015: "0.00088", 2017: "0.00087", 2019: "0.00086", 2021: "0.00085", 2023: "0.00076", 2025: "0.00072"},
    "CNY": {2015: "0.1600", 2017: "0.1480", 2019: "0.1450", 2021: "0.1550", 2023: "0.1400", 2025: "0.1380"},
}
LATEST_RATES = {"KRW": "0.00073", "CNY": "0.1390"}

SUMMARIES = {
    "economy": "Deepen investment and trade between the two cities: business events for companies of both "
    "sides, investment commitments in strategic industries, and cooperation agreements.",
    "culture": "Bring the cities' audiences together through performances and exhibitions, heritage "
    "cooperation and joint tourism promotion.",
    "education": "Grow student and teacher exchanges, university partnerships and language education "
    "between the two cities.",
}

# Per team: (title, metric, target, exchange kind counted, unit). Targets grow a little each cycle.
GOALS = {
    "economy": [
        ("Business events for companies of both cities", M.EXCHANGES, 6, K.BUSINESS_EVENT, ""),
        ("Investment committed", M.INVESTMENT, 50_000_000, "", ""),
        ("Cooperation agreements signed", M.AGREEMENTS, 10, "", ""),
        ("Delegation visits", M.EXCHANGES, 4, K.DELEGATION_VISIT, ""),
    ],
    "culture": [
        ("Performances and exhibitions", M.EXCHANGES, 8, K.PERFORMANCE, ""),
        ("Audience reached", M.PARTICIPANTS, 5_000, "", ""),
        ("Heritage and tourism exchanges", M.EXCHANGES, 3, "", ""),
        ("Visitors between the cities", M.MANUAL, 500, "", "thousand visitors"),
    ],
    "education": [
        ("Student and teacher exchanges", M.EXCHANGES, 12, K.EDUCATION_EXCHANGE, ""),
        ("Students and teachers taking part", M.PARTICIPANTS, 1_500, "", ""),
        ("University partnership agreements", M.AGREEMENTS, 3, "", ""),
    ],
}
GROWTH_PER_CYCLE = Decimal("0.1")

# The culture team's visitor figure, as the lead updated it (thousands; from both cities' tourism offices).
VISITOR_UPDATES = [
    (Decimal("0.45"), "Mid-cycle count from both cities' tourism statistics."),
    (Decimal("0.85"), "Count at the end of the cycle, confirmed by both tourism offices."),
]


def _rate(currency: str, cycle: int) -> Decimal:
    return Decimal(RATES[currency].get(cycle, LATEST_RATES[currency]))


def _target(base: int, index: int) -> Decimal:
    return (Decimal(base) * (1 + GROWTH_PER_CYCLE * index)).quantize(Decimal(1))


def _fitting(goal: Goal, completed) -> list[Exchange]:
    """The completed exchanges of the plan's team and cycle that say something about the goal."""
    if goal.metric == M.EXCHANGES:
        if goal.exchange_kind:
            return [ex for ex in completed if ex.kind == goal.exchange_kind]
        # Without a kind, the culture team's heritage and tourism exchanges: visits and forums.
        return [ex for ex in completed if ex.kind in (K.DELEGATION_VISIT, K.FORUM)]
    if goal.metric == M.AGREEMENTS:
        return [ex for ex in completed if ex.agreements_signed]
    if goal.metric == M.INVESTMENT:
        return [ex for ex in completed if ex.investment_amount is not None]
    if goal.metric == M.PARTICIPANTS:
        return [ex for ex in completed if ex.participants_reached]
    return []


def _load_plan(team: Team, period: CyclePeriod, index: int, lead) -> None:
    cycle = period.assembly.cycle
    plan = upsert(
        Plan,
        team=team,
        cycle=cycle,
        defaults={
            "title": f"{team.name_en} plan {period.after.year}–{cycle}",
            "summary": SUMMARIES.get(team.code, ""),
            "currency": CURRENCY,
        },
    )
    for currency in RATES:
        upsert(ExchangeRate, plan=plan, currency=currency, defaults={"rate": _rate(currency, cycle)})
    completed = list(
        Exchange.objects.filter(
            team=team,
            status=Exchange.Status.COMPLETED,
            starts_on__gt=period.after,
            starts_on__lte=period.until,
        ).order_by("starts_on", "pk")
    )
    for order, (title, metric, base, kind, unit) in enumerate(GOALS.get(team.code, []), start=1):
        goal = upsert(
            Goal,
            plan=plan,
            title=title,
            defaults={
                "metric": metric,
                "target": _target(base, index),
                "exchange_kind": kind,
                "unit": unit,
                "order": order,
            },
        )
        goal.exchanges.set(_fitting(goal, completed))
        if metric == M.MANUAL:
            # A cycle still under way has only its mid-cycle count.
            held = period.assembly.status == Assembly.Status.HELD
            _load_updates(goal, lead, VISITOR_UPDATES if held else VISITOR_UPDATES[:1])


def _load_updates(goal: Goal, lead, updates) -> None:
    for share, note in updates:
        value = (goal.target * share).quantize(Decimal(1))
        upsert(GoalUpdate, goal=goal, note=note, defaults={"value": value, "recorded_by": lead})


def load_plans(council: Council) -> None:
    """One plan per team per assembly cycle (every cycle, the coming one included). Idempotent."""
    periods = cycle_periods(council=council)
    leads = {
        team_code: get_user_model().objects.filter(username=f"lead-{team_code}-seoul").first() for team_code in GOALS
    }
    for team in Team.objects.filter(council=council).order_by("order"):
        for index, period in enumerate(periods):
            _load_plan(team, period, index, leads.get(team.code))

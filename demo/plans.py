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
from demo.texts import CITY_LANGUAGE, add_versions, by_language, fill, names, written
from teams.models import Exchange, ExchangeRate, Goal, GoalUpdate, Plan, Team

M, K = Goal.Metric, Exchange.Kind
CURRENCY = "USD"
# What one unit was worth in US dollars, roughly, in each cycle (the plan records its own rate).
RATES = {
    "KRW": {2015: "0.00088", 2017: "0.00087", 2019: "0.00086", 2021: "0.00085", 2023: "0.00076", 2025: "0.00072"},
    "CNY": {2015: "0.1600", 2017: "0.1480", 2019: "0.1450", 2021: "0.1550", 2023: "0.1400", 2025: "0.1380"},
}
LATEST_RATES = {"KRW": "0.00073", "CNY": "0.1390"}

TITLE = ("{team} plan {after}–{cycle}", "{team} {after}–{cycle} 계획", "{team}{after}—{cycle}年计划")
SUMMARIES = {
    "economy": (
        "Deepen investment and trade between the two cities: business events for companies of both sides, "
        "investment commitments in strategic industries, and cooperation agreements.",
        "양 도시 간 투자와 교역을 심화한다. 양측 기업을 위한 비즈니스 행사, 전략 산업 투자 약정, 협력 협약 "
        "체결을 추진한다.",
        "深化两市之间的投资与贸易：为双方企业举办商务活动，推动战略产业投资承诺，签署合作协议。",
    ),
    "culture": (
        "Bring the cities' audiences together through performances and exhibitions, heritage cooperation and "
        "joint tourism promotion.",
        "공연과 전시, 문화유산 협력, 공동 관광 홍보를 통해 양 도시 시민이 함께 어울리게 한다.",
        "通过演出和展览、文化遗产合作以及联合旅游推介，拉近两市观众的距离。",
    ),
    "education": (
        "Grow student and teacher exchanges, university partnerships and language education between the two cities.",
        "양 도시 간 학생·교원 교류, 대학 협력, 언어 교육을 확대한다.",
        "扩大两市之间的师生交流、高校合作和语言教育。",
    ),
}

NO_UNIT = ("", "", "")
VISITORS = ("thousand visitors", "천 명", "千人次")
# Per team: (title, metric, target, exchange kind counted, unit). Targets grow a little each cycle.
GOALS = {
    "economy": [
        (
            (
                "Business events for companies of both cities",
                "양 도시 기업을 위한 비즈니스 행사",
                "面向两市企业的商务活动",
            ),
            M.EXCHANGES,
            6,
            K.BUSINESS_EVENT,
            NO_UNIT,
        ),
        (("Investment committed", "투자 약정액", "承诺投资额"), M.INVESTMENT, 50_000_000, "", NO_UNIT),
        (("Cooperation agreements signed", "협력 협약 체결", "签署合作协议"), M.AGREEMENTS, 10, "", NO_UNIT),
        (("Delegation visits", "대표단 방문", "代表团访问"), M.EXCHANGES, 4, K.DELEGATION_VISIT, NO_UNIT),
    ],
    "culture": [
        (("Performances and exhibitions", "공연 및 전시", "演出和展览"), M.EXCHANGES, 8, K.PERFORMANCE, NO_UNIT),
        (("Audience reached", "관객 수", "观众人数"), M.PARTICIPANTS, 5_000, "", NO_UNIT),
        (("Heritage and tourism exchanges", "문화유산·관광 교류", "文化遗产和旅游交流"), M.EXCHANGES, 3, "", NO_UNIT),
        (("Visitors between the cities", "양 도시 간 방문객", "两市之间的游客"), M.MANUAL, 500, "", VISITORS),
    ],
    "education": [
        (
            ("Student and teacher exchanges", "학생·교원 교류", "师生交流"),
            M.EXCHANGES,
            12,
            K.EDUCATION_EXCHANGE,
            NO_UNIT,
        ),
        (
            ("Students and teachers taking part", "참가 학생·교원 수", "参与的师生人数"),
            M.PARTICIPANTS,
            1_500,
            "",
            NO_UNIT,
        ),
        (("University partnership agreements", "대학 협력 협약", "高校合作协议"), M.AGREEMENTS, 3, "", NO_UNIT),
    ],
}
GROWTH_PER_CYCLE = Decimal("0.1")

# The culture team's visitor figure, as its Seoul lead updated it (thousands; from both cities' tourism offices).
VISITOR_UPDATES = [
    (
        Decimal("0.45"),
        (
            "Mid-cycle count from both cities' tourism statistics.",
            "양 도시 관광 통계에 따른 주기 중간 집계입니다.",
            "根据两市旅游统计数据得出的周期中期统计。",
        ),
    ),
    (
        Decimal("0.85"),
        (
            "Count at the end of the cycle, confirmed by both tourism offices.",
            "양 도시 관광 당국이 확인한 주기 말 집계입니다.",
            "周期末统计，已经两市旅游部门确认。",
        ),
    ),
]
UPDATES_LANGUAGE = "ko"  # recorded by the Seoul lead


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


def _load_plan(team: Team, period: CyclePeriod, index: int, lead) -> list:
    """The plan of the team for the cycle, written by its side in the assembly's host city; returns its texts."""
    cycle = period.assembly.cycle
    language = CITY_LANGUAGE.get(period.assembly.host_city.code, "en")
    title = fill(TITLE, team=names(team), after=period.after.year, cycle=cycle)
    summary = SUMMARIES.get(team.code, ("", "", ""))
    plan = upsert(
        Plan,
        team=team,
        cycle=cycle,
        defaults={
            "language": language,
            "title": written(title, language),
            "summary": written(summary, language),
            "currency": CURRENCY,
        },
    )
    texts = [(plan, "title", by_language(title)), (plan, "summary", by_language(summary))]
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
            order=order,
            defaults={
                "language": language,
                "title": written(title, language),
                "metric": metric,
                "target": _target(base, index),
                "exchange_kind": kind,
                "unit": written(unit, language),
            },
        )
        texts += [(goal, "title", by_language(title)), (goal, "unit", by_language(unit))]
        goal.exchanges.set(_fitting(goal, completed))
        if metric == M.MANUAL:
            # A cycle still under way has only its mid-cycle count.
            held = period.assembly.status == Assembly.Status.HELD
            texts += _load_updates(goal, lead, VISITOR_UPDATES if held else VISITOR_UPDATES[:1])
    return texts


def _load_updates(goal: Goal, lead, updates) -> list:
    texts = []
    for share, note in updates:
        value = (goal.target * share).quantize(Decimal(1))
        update = upsert(
            GoalUpdate,
            goal=goal,
            value=value,
            defaults={"language": UPDATES_LANGUAGE, "note": written(note, UPDATES_LANGUAGE), "recorded_by": lead},
        )
        texts.append((update, "note", by_language(note)))
    return texts


def load_plans(council: Council) -> None:
    """One plan per team per assembly cycle (every cycle, the coming one included). Idempotent."""
    periods = cycle_periods(council=council)
    leads = {
        team_code: get_user_model().objects.filter(username=f"lead-{team_code}-seoul").first() for team_code in GOALS
    }
    texts = []
    for team in Team.objects.filter(council=council).order_by("order"):
        for index, period in enumerate(periods):
            texts += _load_plan(team, period, index, leads.get(team.code))
    add_versions(texts)

"""Reads of plans and goals: what each goal has achieved, computed from the exchanges linked to it.

Only completed exchanges count. The sums are taken in the database by one aggregate query for every
goal of every plan on a page, so a page costs the same number of queries for one goal or a hundred.
"""

from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal

from django.db.models import Count, DecimalField, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy, pgettext_lazy

from assemblies.cycles import CyclePeriod, cycle_periods, next_assembly
from common.history import ACTIONS, Change, HistoryEntry, display_value, history_entries, who
from common.numbers import amount, figure
from council.models import Council
from council.permissions import Access
from teams.models import Exchange, ExchangeRate, Goal, GoalUpdate, Plan, Team, people_reached_expression
from teams.permissions import visible_team_ids
from translations.reading import text_of, with_versions

COUNTED = Exchange.Status.COMPLETED
Metric = Goal.Metric

# "4 of 6 business events": the noun follows the target, so `count` is the target as a whole number.
EXCHANGE_LABELS = {
    "": ngettext_lazy("%(done)s of %(target)s exchange", "%(done)s of %(target)s exchanges", "count"),
    Exchange.Kind.DELEGATION_VISIT: ngettext_lazy(
        "%(done)s of %(target)s delegation visit", "%(done)s of %(target)s delegation visits", "count"
    ),
    Exchange.Kind.FORUM: ngettext_lazy(
        "%(done)s of %(target)s forum or conference", "%(done)s of %(target)s forums or conferences", "count"
    ),
    Exchange.Kind.BUSINESS_EVENT: ngettext_lazy(
        "%(done)s of %(target)s business event", "%(done)s of %(target)s business events", "count"
    ),
    Exchange.Kind.AGREEMENT: ngettext_lazy(
        "%(done)s of %(target)s agreement signing", "%(done)s of %(target)s agreement signings", "count"
    ),
    Exchange.Kind.JOINT_PROJECT: ngettext_lazy(
        "%(done)s of %(target)s joint project", "%(done)s of %(target)s joint projects", "count"
    ),
    Exchange.Kind.PERFORMANCE: ngettext_lazy(
        "%(done)s of %(target)s performance or exhibition",
        "%(done)s of %(target)s performances or exhibitions",
        "count",
    ),
    Exchange.Kind.EDUCATION_EXCHANGE: ngettext_lazy(
        "%(done)s of %(target)s student or teacher exchange",
        "%(done)s of %(target)s student or teacher exchanges",
        "count",
    ),
    Exchange.Kind.OTHER: ngettext_lazy(
        "%(done)s of %(target)s other exchange", "%(done)s of %(target)s other exchanges", "count"
    ),
}
AGREEMENTS_LABEL = ngettext_lazy(
    "%(done)s of %(target)s agreement signed", "%(done)s of %(target)s agreements signed", "count"
)
PARTICIPANTS_LABEL = ngettext_lazy("%(done)s of %(target)s participant", "%(done)s of %(target)s participants", "count")
INVESTMENT_LABEL = pgettext_lazy("investment progress, e.g. USD 32.5M of 50M", "%(currency)s %(done)s of %(target)s")
MANUAL_LABEL = pgettext_lazy("progress of a figure updated by hand", "%(done)s of %(target)s %(unit)s")


@dataclass
class LinkedExchange:
    """One exchange linked to a goal, and whether (and how much) it counts toward it."""

    exchange: Exchange
    counted: bool
    contribution: str = ""
    reason: str = ""


@dataclass
class Progress:
    goal: Goal
    achieved: Decimal | None  # None: a figure updated by hand that has no update yet
    currency: str = ""
    missing_rates: tuple[str, ...] = ()
    linked: list[LinkedExchange] = field(default_factory=list)

    @property
    def percent(self) -> int:
        """Rounded down, so that 100 % means the target is met."""
        if not self.achieved or self.goal.target <= 0:
            return 0
        return int((self.achieved * 100 / self.goal.target).to_integral_value(ROUND_DOWN))

    @property
    def bar_percent(self) -> int:
        return max(0, min(100, self.percent))

    @property
    def reached(self) -> bool:
        return self.achieved is not None and self.achieved >= self.goal.target

    @property
    def counted(self) -> list[LinkedExchange]:
        return [line for line in self.linked if line.counted]

    @property
    def not_counted(self) -> list[LinkedExchange]:
        return [line for line in self.linked if not line.counted]

    @property
    def label(self) -> str:
        goal, target = self.goal, self.goal.target
        if goal.metric == Metric.MANUAL and self.achieved is None:
            return _("No update yet; the target is %(target)s %(unit)s") % {"target": figure(target), "unit": self.unit}
        done = self.achieved or Decimal(0)
        numbers = {"done": figure(done), "target": figure(target), "count": int(target)}
        if goal.metric == Metric.EXCHANGES:
            return EXCHANGE_LABELS[goal.exchange_kind] % numbers
        if goal.metric == Metric.AGREEMENTS:
            return AGREEMENTS_LABEL % numbers
        if goal.metric == Metric.PARTICIPANTS:
            return PARTICIPANTS_LABEL % numbers
        if goal.metric == Metric.INVESTMENT:
            return INVESTMENT_LABEL % {"currency": self.currency, "done": amount(done), "target": amount(target)}
        return (MANUAL_LABEL % {**numbers, "unit": self.unit}).strip()

    @property
    def unit(self) -> str:
        """The goal's unit in the reader's language; unmarked, as a word of the sentence (the title is marked)."""
        return text_of(self.goal, "unit").value


# Reads of plans ------------------------------------------------------------------------------------


RATES = Prefetch("rates", queryset=ExchangeRate.objects.order_by("currency"))


def readable_plans(*, access: Access) -> QuerySet[Plan]:
    """Plans of the teams this person may read, in their own council only."""
    return Plan.objects.filter(team__council_id=access.council_id, team__in=visible_team_ids(access))


def goals_with_latest_update() -> QuerySet[Goal]:
    """Goals with their latest figure (one query for any number). Their texts' versions are the caller's
    to load, with the other records of its page."""
    latest = GoalUpdate.objects.filter(goal=OuterRef("pk")).order_by("-created_at", "-pk")
    return Goal.objects.annotate(
        latest_value=Subquery(latest.values("value")[:1]),
        latest_at=Subquery(latest.values("created_at")[:1]),
    ).order_by("order", "pk")


def plans_for_list(*, access: Access, cycle: int | None = None, team: Team | None = None) -> QuerySet[Plan]:
    """Newest cycle first; each plan with its team, rates and goals, and their texts' versions (five queries)."""
    plans = readable_plans(access=access)
    if cycle is not None:
        plans = plans.filter(cycle=cycle)
    if team is not None:
        plans = plans.filter(team=team)
    plans = plans.select_related("team").prefetch_related(RATES, Prefetch("goals", queryset=goals_with_latest_update()))
    return with_versions(with_versions(plans.order_by("-cycle", "team__order", "pk")), "goals")


def plans_for_detail(*, council_id: int) -> QuerySet[Plan]:
    """The council's plans, each with its rates, goals, their linked exchanges and updates, all with versions."""
    goals = with_versions(goals_with_latest_update()).prefetch_related(
        Prefetch(
            "exchanges",
            queryset=with_versions(
                Exchange.objects.annotate(reached=people_reached_expression()).order_by("starts_on", "pk")
            ),
        ),
        Prefetch("updates", queryset=with_versions(GoalUpdate.objects.select_related("recorded_by__person"))),
    )
    return with_versions(
        Plan.objects.select_related("team")
        .prefetch_related(RATES, Prefetch("goals", queryset=goals))
        .filter(team__council_id=council_id)
    )


# Cycles ---------------------------------------------------------------------------------------------


def periods_by_cycle(*, council: Council) -> dict[int, CyclePeriod]:
    """The council's assembly cycles, newest first, keyed by the year the assembly is due."""
    return {period.assembly.cycle: period for period in reversed(cycle_periods(council=council))}


def current_cycle(*, council: Council) -> int | None:
    """The cycle under way: the next general assembly's, else the latest one's (as on the dashboard)."""
    upcoming = next_assembly(council_id=council.pk)
    if upcoming is not None:
        return upcoming.cycle
    periods = cycle_periods(council=council)
    return periods[-1].assembly.cycle if periods else None


def eligible_exchanges(*, plan: Plan, period: CyclePeriod | None) -> QuerySet[Exchange]:
    """Exchanges that may count toward the plan's goals: the plan's team's, within the plan's cycle."""
    if period is None:
        return Exchange.objects.none()
    return Exchange.objects.filter(team_id=plan.team_id, starts_on__gt=period.after, starts_on__lte=period.until)


# Progress -------------------------------------------------------------------------------------------


def _sums_by_goal(plan_ids: list[int]) -> dict[int, list[dict]]:
    """Per goal and investment currency: the completed linked exchanges' counts and sums, in one query."""
    kind_fits = Q(goal__exchange_kind="") | Q(goal__exchange_kind=F("exchange__kind"))
    rows = (
        Goal.exchanges.through.objects.filter(goal__plan_id__in=plan_ids, exchange__status=COUNTED)
        .values("goal_id", "exchange__investment_currency")
        .annotate(
            exchanges=Count("exchange_id", filter=kind_fits),
            agreements=Sum("exchange__agreements_signed"),
            participants=Sum(people_reached_expression("exchange__")),
            # Wider than one amount: a sum of many large amounts must not overflow the decimal.
            investment=Sum("exchange__investment_amount", output_field=DecimalField(max_digits=30, decimal_places=2)),
        )
        .order_by()
    )
    sums: dict[int, list[dict]] = {}
    for row in rows:
        sums.setdefault(row["goal_id"], []).append(row)
    return sums


def _rate(plan: Plan, rates: dict[str, Decimal], currency: str) -> Decimal | None:
    return Decimal(1) if currency == plan.currency else rates.get(currency)


def _achieved(goal: Goal, plan: Plan, rates: dict, rows: list[dict]) -> tuple[Decimal | None, tuple[str, ...]]:
    if goal.metric == Metric.MANUAL:
        return goal.latest_value, ()
    if goal.metric != Metric.INVESTMENT:
        return Decimal(sum(row[goal.metric] or 0 for row in rows)), ()
    total, missing = Decimal(0), []
    for row in rows:
        currency, invested = row["exchange__investment_currency"], row["investment"]
        if invested is None:
            continue
        rate = _rate(plan, rates, currency)
        if rate is None:
            missing.append(currency)
        else:
            total += invested * rate
    return total.quantize(Decimal("0.01")), tuple(sorted(missing))


def _explain(goal: Goal, plan: Plan, rates: dict, exchange: Exchange) -> LinkedExchange:
    """Whether one linked exchange counts, and what it adds: the aggregate's rule, told per exchange."""
    if exchange.status != COUNTED:
        return LinkedExchange(exchange, False, reason=_("not counted: not completed yet"))
    if goal.metric == Metric.EXCHANGES:
        if goal.exchange_kind and exchange.kind != goal.exchange_kind:
            return LinkedExchange(exchange, False, reason=_("not counted: another kind of exchange"))
        return LinkedExchange(exchange, True)
    if goal.metric == Metric.AGREEMENTS:
        return LinkedExchange(exchange, True, _("%(count)s signed") % {"count": figure(exchange.agreements_signed)})
    if goal.metric == Metric.PARTICIPANTS:
        reached = figure(exchange.reached or 0)  # annotated by plans_for_detail
        return LinkedExchange(exchange, True, _("%(count)s reached") % {"count": reached})
    if goal.metric == Metric.INVESTMENT:
        return _explain_investment(plan, rates, exchange)
    return LinkedExchange(exchange, False, reason=_("not counted: this goal is updated by hand"))


def _explain_investment(plan: Plan, rates: dict, exchange: Exchange) -> LinkedExchange:
    invested, currency = exchange.investment_amount, exchange.investment_currency
    if invested is None:
        return LinkedExchange(exchange, True, _("no investment recorded"))
    rate = _rate(plan, rates, currency)
    if rate is None:
        return LinkedExchange(
            exchange, False, reason=_("not counted: no rate for %(currency)s") % {"currency": currency}
        )
    contribution = f"{currency} {figure(invested)}"
    if currency != plan.currency:
        contribution = _("%(amount)s = %(converted)s") % {
            "amount": contribution,
            "converted": f"{plan.currency} {figure((invested * rate).quantize(Decimal('0.01')))}",
        }
    return LinkedExchange(exchange, True, contribution)


def attach_progress(plans: list[Plan], *, explain: bool = False) -> list[Plan]:
    """Set `goal.progress` on every goal of the plans (goals and rates prefetched): one more query.

    With `explain`, each progress also lists the linked exchanges and why each counts or not; the
    goals' `exchanges` must then be prefetched too.
    """
    sums = _sums_by_goal([plan.pk for plan in plans])
    for plan in plans:
        rates = {rate.currency: rate.rate for rate in plan.rates.all()}
        for goal in plan.goals.all():
            achieved, missing = _achieved(goal, plan, rates, sums.get(goal.pk, []))
            goal.progress = Progress(goal, achieved, plan.currency, missing)
            if explain and goal.metric != Metric.MANUAL:
                goal.progress.linked = [_explain(goal, plan, rates, ex) for ex in goal.exchanges.all()]
    return plans


# History -------------------------------------------------------------------------------------------

GOAL_FIELDS = ("title", "metric", "target", "exchange_kind", "unit", "order")


def plan_history(plan: Plan, *, limit: int = 100) -> list[HistoryEntry]:
    """The plan's changes and its goals' (a goal is edited a handful of times), newest first.

    Which exchanges count toward a goal is not shown: the goal's history keeps its own fields only.
    """
    records = list(
        Goal.history.filter(plan_id=plan.pk)
        .select_related("history_user__person")
        .order_by("id", "history_date", "history_id")
    )
    entries = history_entries(plan, limit=limit)
    for older, newer in zip([None, *records], records, strict=False):
        older = older if older is not None and older.id == newer.id else None
        entry = HistoryEntry(
            newer.history_date,
            who(newer.history_user),  # named as in the plan's own entries
            _("goal “%(goal)s” %(action)s") % {"goal": newer.title, "action": ACTIONS[newer.history_type]},
        )
        for name in GOAL_FIELDS if older is not None else ():
            old, new = getattr(older, name), getattr(newer, name)
            if old != new:
                model_field = Goal._meta.get_field(name)
                label = str(model_field.verbose_name)
                entry.changes.append(Change(label, display_value(model_field, old), display_value(model_field, new)))
        entries.append(entry)
    return sorted(entries, key=lambda entry: entry.when, reverse=True)[:limit]

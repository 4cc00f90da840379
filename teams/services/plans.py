"""Writes of plans and goals: a plan per team per assembly cycle, its rates, goals and manual updates.

Views check who may write before calling here; these functions check that the data makes sense.
Each raises ValidationError (field-keyed where a field is at fault) and then has written nothing.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from teams.models import Exchange, ExchangeRate, Goal, GoalUpdate, Plan, Team
from teams.selectors.plans import eligible_exchanges, periods_by_cycle
from translations.services import save_versions


def _refuse_second_plan(plan: Plan) -> None:
    other = Plan.objects.filter(team_id=plan.team_id, cycle=plan.cycle).exclude(pk=plan.pk).first()
    if other is not None:
        raise ValidationError(
            {
                "cycle": _("The %(team)s already has a plan for the %(cycle)s cycle: “%(title)s”. Edit that one.")
                % {"team": plan.team, "cycle": plan.cycle, "title": other.title}
            }
        )


def _save_plan(plan: Plan) -> None:
    _refuse_second_plan(plan)
    plan.full_clean()
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError:  # someone saved the same team's plan for the cycle a moment ago
        _refuse_second_plan(plan)
        raise


def _set_rates(plan: Plan, rates: dict[str, Decimal]) -> None:
    """Bring the plan's rates to exactly these; a rate that is unchanged is not rewritten."""
    if plan.currency in rates:
        raise ValidationError(
            _("%(currency)s is the plan's own currency and needs no rate; remove that row.")
            % {"currency": plan.currency}
        )
    plan.rates.exclude(currency__in=rates).delete()
    existing = {rate.currency: rate for rate in plan.rates.all()}
    for currency, value in rates.items():
        rate = existing.get(currency) or ExchangeRate(plan=plan, currency=currency)
        if rate.pk and rate.rate == value:
            continue
        rate.rate = value
        rate.full_clean()
        rate.save()


@transaction.atomic
def create_plan(
    *,
    team: Team,
    cycle: int,
    title: str,
    summary: str = "",
    currency: str = "USD",
    rates: dict | None = None,
    language: str = "en",
    versions: dict | None = None,
    by=None,
) -> Plan:
    """A team's plan for one assembly cycle; a second plan for the same team and cycle is refused.
    `versions`: its texts in other languages, (field, language) → text."""
    plan = Plan(team=team, cycle=cycle, title=title, summary=summary, currency=currency, language=language)
    _save_plan(plan)
    _set_rates(plan, rates or {})
    save_versions(plan, versions or {}, by)
    return plan


@transaction.atomic
def update_plan(
    *,
    plan: Plan,
    team: Team,
    cycle: int,
    title: str,
    summary: str,
    currency: str,
    rates: dict | None = None,
    language: str | None = None,
    versions: dict | None = None,
    by=None,
) -> Plan:
    """Edit a plan. Moved to another team or cycle, its goals keep only the exchanges that still fit."""
    moved = (plan.team_id, plan.cycle) != (team.pk, cycle)
    plan.team, plan.cycle, plan.title, plan.summary, plan.currency = team, cycle, title, summary, currency
    plan.language = language or plan.language
    _save_plan(plan)
    _set_rates(plan, rates or {})
    save_versions(plan, versions or {}, by)
    if moved:
        period = periods_by_cycle(council=team.council).get(cycle)
        fitting = set(eligible_exchanges(plan=plan, period=period).values_list("pk", flat=True))
        for goal in plan.goals.prefetch_related("exchanges"):
            # remove() rather than a bulk delete, so that the goal's history records the change
            goal.exchanges.remove(*[ex for ex in goal.exchanges.all() if ex.pk not in fitting])
    return plan


def _check_exchanges(*, plan: Plan, metric: str, exchanges) -> list[Exchange]:
    exchanges = list(exchanges)
    if not exchanges:
        return exchanges
    if metric == Goal.Metric.MANUAL:
        raise ValidationError(
            {"exchanges": _("A figure updated by hand is not computed from exchanges; untick the exchanges.")}
        )
    period = periods_by_cycle(council=plan.team.council).get(plan.cycle)
    fitting = set(eligible_exchanges(plan=plan, period=period).values_list("pk", flat=True))
    if any(exchange.pk not in fitting for exchange in exchanges):
        raise ValidationError(
            {
                "exchanges": _("Only exchanges of the %(team)s within the %(cycle)s cycle can count toward its goals.")
                % {"team": plan.team, "cycle": plan.cycle}
            }
        )
    return exchanges


def _save_goal(goal: Goal, exchanges) -> Goal:
    exchanges = _check_exchanges(plan=goal.plan, metric=goal.metric, exchanges=exchanges)
    goal.full_clean()
    goal.save()
    goal.exchanges.set(exchanges)
    return goal


@transaction.atomic
def create_goal(
    *,
    plan: Plan,
    title: str,
    metric: str,
    target: Decimal,
    exchange_kind: str = "",
    unit: str = "",
    order: int = 0,
    exchanges=(),
    language: str = "en",
    versions: dict | None = None,
    by=None,
) -> Goal:
    """A goal of a plan, and the exchanges (of the plan's team and cycle) that count toward it."""
    goal = Goal(
        plan=plan, title=title, metric=metric, target=target, exchange_kind=exchange_kind, unit=unit, order=order,
        language=language,
    )  # fmt: skip
    _save_goal(goal, exchanges)
    save_versions(goal, versions or {}, by)
    return goal


@transaction.atomic
def update_goal(
    *,
    goal: Goal,
    title: str,
    metric: str,
    target: Decimal,
    exchange_kind: str = "",
    unit: str = "",
    order: int = 0,
    exchanges=(),
    language: str | None = None,
    versions: dict | None = None,
    by=None,
) -> Goal:
    goal.title, goal.metric, goal.target = title, metric, target
    goal.exchange_kind, goal.unit, goal.order = exchange_kind, unit, order
    goal.language = language or goal.language
    _save_goal(goal, exchanges)
    save_versions(goal, versions or {}, by)
    return goal


@transaction.atomic
def record_goal_update(
    *, goal: Goal, value: Decimal, note: str, by, language: str = "en", versions: dict | None = None
) -> GoalUpdate:
    """A lead's new figure for a goal the system cannot compute; it becomes the goal's progress."""
    if goal.metric != Goal.Metric.MANUAL:
        raise ValidationError(_("This goal is computed from its exchanges; it takes no figures by hand."))
    if not note.strip():
        raise ValidationError({"note": _("Say where the figure comes from: a note is required.")})
    update = GoalUpdate(goal=goal, value=value, note=note.strip(), recorded_by=by, language=language)
    update.full_clean()
    update.save()
    save_versions(update, versions or {}, by)
    return update

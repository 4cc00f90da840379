"""The demo's plans: one per team per assembly cycle, goals linked to the exchanges that fit them."""

from django.db.models import Count

from assemblies.cycles import cycle_periods
from council.models import Council
from demo.plans import load_plans
from teams.models import Exchange, Goal, Plan, Team


def demo_council() -> Council:
    return Council.objects.get(name_en="Seoul–Beijing Integration Council")


def test_each_team_has_a_plan_for_every_assembly_cycle(db):
    council = demo_council()
    cycles = [period.assembly.cycle for period in cycle_periods(council=council)]

    plans = Plan.objects.filter(team__council=council)

    assert cycles == list(range(2015, cycles[-1] + 1, 2)) and cycles[-1] >= 2027
    assert sorted(plans.values_list("team__code", "cycle")) == sorted(
        (code, cycle) for code in ("culture", "economy", "education") for cycle in cycles
    )
    assert {plan.currency for plan in plans} == {"USD"}
    assert {tuple(plan.rates.order_by("currency").values_list("currency", flat=True)) for plan in plans} == {
        ("CNY", "KRW")
    }
    goal_counts = set(plans.annotate(goal_count=Count("goals")).values_list("team__code", "goal_count"))
    assert goal_counts == {("culture", 4), ("economy", 4), ("education", 3)}
    assert set(Goal.objects.filter(plan__in=plans).values_list("metric", flat=True)) == set(Goal.Metric.values)


def test_goals_count_only_completed_exchanges_of_their_team_and_cycle_that_fit(db):
    council = demo_council()
    periods = {period.assembly.cycle: period for period in cycle_periods(council=council)}

    for goal in Goal.objects.filter(plan__team__council=council).select_related("plan").prefetch_related("exchanges"):
        period = periods[goal.plan.cycle]
        for exchange in goal.exchanges.all():
            assert exchange.team_id == goal.plan.team_id
            assert exchange.status == Exchange.Status.COMPLETED
            assert period.after < exchange.starts_on <= period.until
            if goal.exchange_kind:
                assert exchange.kind == goal.exchange_kind
            if goal.metric == Goal.Metric.INVESTMENT:
                assert exchange.investment_amount is not None


def test_every_fitting_exchange_is_linked(db):
    economy = Team.objects.get(council=demo_council(), code="economy")
    period = next(p for p in cycle_periods(council=economy.council) if p.assembly.cycle == 2025)
    goal = Goal.objects.get(plan__team=economy, plan__cycle=2025, exchange_kind=Exchange.Kind.BUSINESS_EVENT)

    fitting = Exchange.objects.filter(
        team=economy,
        status=Exchange.Status.COMPLETED,
        kind=Exchange.Kind.BUSINESS_EVENT,
        starts_on__gt=period.after,
        starts_on__lte=period.until,
    )

    assert set(goal.exchanges.all()) == set(fitting)


def test_plans_load_without_any_exchange(db):
    council = demo_council()
    Exchange.objects.filter(team__council=council).delete()

    load_plans(council)

    assert Plan.objects.filter(team__council=council).count() == 3 * len(cycle_periods(council=council))
    assert not Goal.exchanges.through.objects.filter(goal__plan__team__council=council).exists()

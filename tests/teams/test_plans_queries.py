"""The plan list and a plan's page cost the same number of queries for 1 or 30 plans, goals and exchanges."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from teams.models import Exchange, ExchangeRate, Goal, GoalUpdate, Plan
from tests.factories import ExchangeFactory, TeamFactory
from tests.fixtures.plans import IN_CYCLE, PLAN_CYCLE
from tests.texts import warm_content_types
from translations.reading import text_of

DONE = Exchange.Status.COMPLETED
METRICS = [
    Goal.Metric.EXCHANGES,
    Goal.Metric.AGREEMENTS,
    Goal.Metric.INVESTMENT,
    Goal.Metric.PARTICIPANTS,
    Goal.Metric.MANUAL,
]


def completed(team, count: int, currency: str = "KRW") -> list[Exchange]:
    return [
        ExchangeFactory(
            team=team,
            status=DONE,
            starts_on=IN_CYCLE,
            agreements_signed=1,
            participants_reached=10,
            investment_amount=Decimal(1_000_000),
            investment_currency=currency,
        )
        for _ in range(count)
    ]


def goal_with_data(plan: Plan, metric: str, exchanges: list[Exchange], *, n: int) -> Goal:
    goal = Goal.objects.create(plan=plan, title=f"Goal {n:02d}", metric=metric, target=100, order=n)
    if metric == Goal.Metric.MANUAL:
        GoalUpdate.objects.create(goal=goal, value=n, note="First count")
        GoalUpdate.objects.create(goal=goal, value=n + 1, note="Second count")
    else:
        goal.exchanges.set(exchanges)
    return goal


@pytest.mark.usefixtures("pages_rendered")  # the page as its view renders it, not as kept
@pytest.mark.parametrize("rows", [1, 30])
def test_plan_list_query_count_is_constant(client, demo_user, economy, django_assert_num_queries, rows):
    for n in range(rows):
        team = TeamFactory(council=economy.council, order=10 + n)
        plan = Plan.objects.create(team=team, cycle=PLAN_CYCLE, title=f"Extra plan {n:02d}")
        ExchangeRate.objects.create(plan=plan, currency="KRW", rate=Decimal("0.00075"))
        exchanges = completed(team, rows if n == 0 else 1, currency="EUR" if n % 2 else "KRW")
        for metric in (Goal.Metric.INVESTMENT, Goal.Metric.MANUAL):
            goal_with_data(plan, metric, exchanges, n=n)
    client.force_login(demo_user("lead-economy-seoul"))

    # session, user, person, roles; assembly cycles; plans count, page, their rates, goals (with the
    # latest update), the plans' and the goals' versions, the progress aggregate; the filter's teams
    warm_content_types()
    with django_assert_num_queries(14):
        response = client.get(reverse("teams:plan-list"), {"cycle": PLAN_CYCLE})

    plans = response.context["plans"]
    assert [text_of(p, "title", "en").value for p in plans][:4] == [
        "Economy team plan 2025–2027",
        "Culture team plan 2025–2027",
        "Education team plan 2025–2027",
        "Extra plan 00",
    ]
    assert len(plans) == min(3 + rows, settings.PAGE_SIZE)
    assert [g.progress.label for g in plans[3].goals.all()] == [f"USD {750 * rows:,} of 100", "1 of 100"]


@pytest.mark.usefixtures("pages_rendered")  # the page as its view renders it, not as kept
@pytest.mark.parametrize("rows", [1, 30])
def test_plan_detail_query_count_is_constant(client, demo_user, economy, economy_plan, django_assert_num_queries, rows):
    exchanges = completed(economy, rows)
    for n in range(rows):
        goal_with_data(economy_plan, METRICS[n % len(METRICS)], exchanges[: n + 1], n=n)
    goal_with_data(economy_plan, Goal.Metric.MANUAL, [], n=rows)  # updates, whose notes' versions are read
    client.force_login(demo_user("lead-economy-seoul"))

    # session, user, person, roles; plan with team, rates, goals (with the latest update), their
    # exchanges, their updates (with who recorded them); the progress aggregate; assembly cycles;
    # goals' history, plan history and its teams; the versions of the plan, goals, exchanges and updates
    warm_content_types()
    with django_assert_num_queries(19):
        response = client.get(reverse("teams:plan-detail", args=[economy_plan.pk]))

    goals = list(response.context["goals"])
    assert len(goals) == rows + 1
    assert goals[0].progress.label == "1 of 100 exchanges"
    assert len(response.context["history"]) == 1 + rows + 1  # the plan, and each goal created

"""A goal's progress, computed from the completed exchanges linked to it, with exact numbers."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from teams.models import Exchange, ExchangeRate, Goal, GoalUpdate, Plan
from teams.selectors.plans import attach_progress, plans_for_detail
from tests.factories import ExchangeFactory
from tests.fixtures.plans import IN_CYCLE, fresh_plan
from translations.reading import text_of

DONE, PLANNED = Exchange.Status.COMPLETED, Exchange.Status.PLANNED
K = Exchange.Kind


def exchange(team, status=DONE, **fields) -> Exchange:
    return ExchangeFactory(team=team, status=status, starts_on=fields.pop("starts_on", IN_CYCLE), **fields)


def progress_of(goal: Goal, *, explain: bool = True):
    plan = plans_for_detail(council_id=goal.plan.team.council_id).get(pk=goal.plan_id)
    attach_progress([plan], explain=explain)
    return next(g.progress for g in plan.goals.all() if g.pk == goal.pk)


def test_exchange_count_counts_completed_exchanges_of_the_goal_kind(economy, economy_goal):
    counted = [exchange(economy, kind=K.BUSINESS_EVENT) for _ in range(4)]
    forum = exchange(economy, kind=K.FORUM)
    planned = exchange(economy, PLANNED, kind=K.BUSINESS_EVENT)
    exchange(economy, kind=K.BUSINESS_EVENT)  # completed, but not linked
    economy_goal.exchanges.set([*counted, forum, planned])

    progress = progress_of(economy_goal)

    assert (progress.achieved, progress.label, progress.percent, progress.reached) == (
        4,
        "4 of 6 business events",
        66,
        False,
    )
    assert [line.exchange for line in progress.counted] == counted
    assert [(line.exchange, line.reason) for line in progress.not_counted] == [
        (forum, "not counted: another kind of exchange"),
        (planned, "not counted: not completed yet"),
    ]


def test_exchange_count_without_a_kind_counts_every_kind(economy, economy_plan):
    goal = Goal.objects.create(plan=economy_plan, title="Any exchange", metric=Goal.Metric.EXCHANGES, target=1)
    goal.exchanges.set([exchange(economy, kind=K.FORUM), exchange(economy, kind=K.AGREEMENT)])

    progress = progress_of(goal)

    assert (progress.achieved, progress.label, progress.percent, progress.bar_percent, progress.reached) == (
        2,
        "2 of 1 exchange",
        200,
        100,
        True,
    )


def test_agreements_signed_are_summed(economy, economy_plan):
    goal = Goal.objects.create(plan=economy_plan, title="Agreements", metric=Goal.Metric.AGREEMENTS, target=10)
    goal.exchanges.set(
        [
            exchange(economy, agreements_signed=2),
            exchange(economy, agreements_signed=3),
            exchange(economy, agreements_signed=0),
            exchange(economy, PLANNED, agreements_signed=5),
        ]
    )

    progress = progress_of(goal)

    assert (progress.achieved, progress.label, progress.percent) == (5, "5 of 10 agreements signed", 50)
    assert [line.contribution for line in progress.counted] == ["2 signed", "3 signed", "0 signed"]


def test_participants_reached_are_summed(culture, culture_goal):
    culture_goal.exchanges.set(
        [
            exchange(culture, participants_reached=1200),
            exchange(culture, participants_reached=300),
            exchange(culture, participants_reached=None),
            exchange(culture, Exchange.Status.CANCELLED, participants_reached=9000),
        ]
    )

    progress = progress_of(culture_goal)

    assert (progress.achieved, progress.label, progress.percent) == (1500, "1,500 of 5,000 participants", 30)


def investment_goal(plan, target=50_000_000) -> Goal:
    return Goal.objects.create(plan=plan, title="Investment", metric=Goal.Metric.INVESTMENT, target=target)


def test_investment_is_converted_at_the_plans_rates_and_a_currency_without_rate_is_named(economy, economy_plan):
    goal = investment_goal(economy_plan)
    usd = exchange(economy, investment_amount=Decimal("10500000"), investment_currency="USD")
    krw = exchange(economy, investment_amount=Decimal("20000000000"), investment_currency="KRW")
    cny = exchange(economy, investment_amount=Decimal("50000000"), investment_currency="CNY")
    eur = exchange(economy, investment_amount=Decimal("1000000"), investment_currency="EUR")
    planned = exchange(economy, PLANNED, investment_amount=Decimal("99000000"), investment_currency="USD")
    none = exchange(economy)
    goal.exchanges.set([usd, krw, cny, eur, planned, none])

    progress = progress_of(goal)

    # 10.5M USD + 20,000M KRW × 0.00075 + 50M CNY × 0.14 = 10.5M + 15M + 7M
    assert (progress.achieved, progress.label, progress.percent) == (
        Decimal("32500000.00"),
        "USD 32.5M of 50M",
        65,
    )
    assert progress.missing_rates == ("EUR",)
    assert [(line.exchange, line.contribution) for line in progress.counted] == [
        (usd, "USD 10,500,000"),
        (krw, "KRW 20,000,000,000 = USD 15,000,000"),
        (cny, "CNY 50,000,000 = USD 7,000,000"),
        (none, "no investment recorded"),
    ]
    assert [(line.exchange, line.reason) for line in progress.not_counted] == [
        (eur, "not counted: no rate for EUR"),
        (planned, "not counted: not completed yet"),
    ]


def test_a_plan_in_another_currency_counts_its_own_currency_at_one(economy):
    plan = fresh_plan(economy, title="Plan in yuan", currency="CNY", USD="7.1")
    goal = investment_goal(plan, target=100_000_000)
    goal.exchanges.set(
        [
            exchange(economy, investment_amount=Decimal("3000000"), investment_currency="CNY"),
            exchange(economy, investment_amount=Decimal("1000000.50"), investment_currency="USD"),
            exchange(economy, investment_amount=Decimal("8"), investment_currency="KRW"),
        ]
    )

    progress = progress_of(goal)

    assert (progress.achieved, progress.label, progress.missing_rates) == (
        Decimal("10100003.55"),
        "CNY 10.1M of 100M",
        ("KRW",),
    )


def test_huge_investments_are_summed_without_overflow(economy, economy_plan):
    goal = investment_goal(economy_plan)
    # Each fits an exchange (16 digits, 2 of them decimals); their sum does not.
    biggest = Decimal("99999999999999")
    goal.exchanges.set([exchange(economy, investment_amount=biggest, investment_currency="KRW") for _ in range(5)])

    progress = progress_of(goal, explain=False)

    assert (progress.achieved, progress.label, progress.percent) == (
        Decimal("375000000000.00"),
        "USD 375B of 50M",
        750000,
    )


def test_a_manual_goal_shows_its_latest_update(economy_manual_goal, demo_user):
    GoalUpdate.objects.create(goal=economy_manual_goal, value=18, note="April", recorded_by=demo_user("admin"))

    progress = progress_of(economy_manual_goal)

    assert (progress.achieved, progress.label, progress.percent) == (18, "18 of 40 companies", 45)


def test_a_manual_goal_without_updates_says_so(economy_plan):
    goal = Goal.objects.create(plan=economy_plan, title="Visitors", metric=Goal.Metric.MANUAL, target=500, unit="k")

    progress = progress_of(goal)

    assert (progress.achieved, progress.label, progress.percent) == (None, "No update yet; the target is 500 k", 0)


def test_plan_page_shows_progress_bars_links_and_reasons(client, demo_user, economy, economy_plan):
    goal = investment_goal(economy_plan)
    krw = exchange(economy, investment_amount=Decimal("20000000000"), investment_currency="KRW", title="KRW fair")
    eur = exchange(economy, investment_amount=Decimal("1000000"), investment_currency="EUR", title="EUR fair")
    goal.exchanges.set([krw, eur])
    client.force_login(demo_user("mayor-office-beijing"))

    response = client.get(reverse("teams:plan-detail", args=[economy_plan.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "USD 15M of 50M" in html
    assert 'class="progress-bar progress-w-30"' in html
    assert f'href="{reverse("teams:exchange-detail", args=[krw.pk])}"' in html
    assert f'href="{reverse("teams:exchange-detail", args=[eur.pk])}"' in html
    assert "not counted: no rate for EUR" in html
    assert "1 KRW = 0.00075 USD" in html
    assert "Edit goal" not in html  # a mayor's office reads only


def test_plan_list_shows_each_plans_goals_with_progress(client, demo_user, economy, economy_goal, culture_plan):
    economy_goal.exchanges.set([exchange(economy, kind=K.BUSINESS_EVENT) for _ in range(3)])
    client.force_login(demo_user("lead-culture-seoul"))

    response = client.get(reverse("teams:plan-list"), {"cycle": 2027})

    assert [text_of(p, "title", "en").value for p in response.context["plans"]] == [
        "Economy plan 2025–2027",
        "Culture plan 2025–2027",
        "Education team plan 2025–2027",
    ]
    assert [g.progress.label for g in response.context["plans"][0].goals.all()] == ["3 of 6 business events"]
    assert "3 of 6 business events" in response.content.decode()


def test_plan_list_filters_by_team_and_cycle(client, demo_user, culture):
    client.force_login(demo_user("secretariat-beijing"))

    response = client.get(reverse("teams:plan-list"), {"cycle": 2019, "team": culture.pk})

    assert [(p.team.code, p.cycle) for p in response.context["plans"]] == [("culture", 2019)]


def test_a_team_member_lists_only_their_teams_plans(client, demo_user):
    client.force_login(demo_user("member-economy-seoul"))

    response = client.get(reverse("teams:plan-list"))

    assert {p.team.code for p in response.context["plans"]} == {"economy"}
    assert [t.code for t in response.context["form"].fields["team"].queryset] == ["economy"]


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ({"cycle": "abc"}, {"cycle": ["Select a valid choice. abc is not one of the available choices."]}),
        ({"cycle": "1999"}, {"cycle": ["Select a valid choice. 1999 is not one of the available choices."]}),
        (
            {"team": "99999999999999999999"},
            {"team": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
        (
            {"page": "zz", "cycle": "\x00"},
            {"cycle": ["Select a valid choice. \x00 is not one of the available choices."]},
        ),
    ],
)
def test_an_odd_filter_says_what_is_wrong_and_lists_all(client, demo_user, query, errors):
    lead = demo_user("lead-economy-seoul")
    client.force_login(lead)
    every_plan = Plan.objects.filter(team__council=lead.person.council).count()  # the demo's cycles grow with the date

    response = client.get(reverse("teams:plan-list"), query)

    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert len(response.context["plans"]) == min(every_plan, settings.PAGE_SIZE)  # the first page of all of them


def test_another_councils_team_is_no_filter_choice(client, demo_user, foreign_plan):
    client.force_login(demo_user("secretariat-seoul"))

    response = client.get(reverse("teams:plan-list"), {"team": foreign_plan.team_id})

    assert response.context["form"].errors == {
        "team": ["Select a valid choice. That choice is not one of the available choices."]
    }
    assert foreign_plan not in response.context["plans"]


def test_rates_are_shown_without_trailing_zeros(client, demo_user, economy_plan):
    ExchangeRate.objects.create(plan=economy_plan, currency="JPY", rate=Decimal("12"))
    client.force_login(demo_user("lead-economy-seoul"))

    response = client.get(reverse("teams:plan-detail", args=[economy_plan.pk]))

    assert response.context["rates"] == [("CNY", "0.14"), ("JPY", "12"), ("KRW", "0.00075")]


@pytest.mark.parametrize(
    "name", ["teams:plan-detail", "teams:plan-edit", "teams:goal-create", "teams:goal-edit", "teams:goal-update"]
)
def test_an_address_past_any_id_is_not_found(client, demo_user, name):
    client.force_login(demo_user("secretariat-seoul"))

    assert client.get(reverse(name, args=[99999999999999999999])).status_code == 404

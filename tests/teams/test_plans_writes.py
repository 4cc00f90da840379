"""Writing plans, goals and manual updates: what is saved, what is refused, and that a refusal changes nothing."""

import html
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.urls import reverse

from teams.models import Exchange, ExchangeRate, Goal, GoalUpdate, Plan
from teams.services import plans as services
from tests.factories import ExchangeFactory
from tests.fixtures.plans import BEFORE_CYCLE, IN_CYCLE, PLAN_CYCLE

DONE = Exchange.Status.COMPLETED


def plan_data(*, team, cycle=PLAN_CYCLE, rates=(), initial_rates=0, **fields) -> dict:
    data = {"title": "A plan", "team": team.pk, "cycle": cycle, "currency": "USD", "summary": ""} | fields
    data |= {"rates-TOTAL_FORMS": len(rates), "rates-INITIAL_FORMS": initial_rates}
    for index, (currency, rate) in enumerate(rates):
        data |= {f"rates-{index}-currency": currency, f"rates-{index}-rate": rate}
    return data


def goal_data(**fields) -> dict:
    return {"title": "Business events", "metric": "exchanges", "target": "6", "exchange_kind": "", "order": 0} | fields


def state(plan: Plan) -> dict:
    """Everything a write to the plan could change."""
    plan = Plan.objects.get(pk=plan.pk)
    return {
        "plan": model_to_dict(plan),
        "rates": sorted(plan.rates.values_list("currency", "rate")),
        "goals": [model_to_dict(goal) for goal in Goal.objects.filter(plan=plan).order_by("pk")],
        "updates": list(GoalUpdate.objects.filter(goal__plan=plan).values_list("pk", "value", "note")),
    }


# Plans -------------------------------------------------------------------------------------------------


def test_a_lead_creates_their_teams_plan_for_the_coming_cycle(client, demo_user, economy, next_assembly):
    Plan.objects.filter(team=economy, cycle=PLAN_CYCLE).delete()
    client.force_login(demo_user("lead-economy-seoul"))
    assert client.get(reverse("teams:plan-create")).context["form"]["cycle"].value() == next_assembly.cycle

    response = client.post(
        reverse("teams:plan-create"),
        plan_data(
            team=economy,
            title="Economy plan 2025–2027",
            currency="usd",
            rates=[("krw", "0.00075"), ("CNY", "0.14"), ("", "")],
        ),
        follow=True,
    )

    plan = Plan.objects.get(team=economy, cycle=PLAN_CYCLE)
    assert response.redirect_chain == [(plan.get_absolute_url(), 302)]
    assert (plan.title, plan.currency) == ("Economy plan 2025–2027", "USD")
    assert sorted(plan.rates.values_list("currency", "rate")) == [("CNY", Decimal("0.14")), ("KRW", Decimal("0.00075"))]
    assert [str(m) for m in response.context["messages"]] == ["The plan “Economy plan 2025–2027” is saved."]


def test_a_second_plan_for_a_team_and_cycle_is_refused_with_its_message(client, demo_user, economy):
    client.force_login(demo_user("secretariat-seoul"))
    count = Plan.objects.count()

    response = client.post(reverse("teams:plan-create"), plan_data(team=economy, cycle=2025))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "cycle": ["The Economy team already has a plan for the 2025 cycle: “经济组2023—2025年计划”. Edit that one."]
    }
    assert Plan.objects.count() == count


def test_moving_a_plan_onto_another_plans_cycle_is_refused(client, demo_user, economy_plan):
    client.force_login(demo_user("lead-economy-seoul"))
    before = state(economy_plan)

    response = client.post(
        reverse("teams:plan-edit", args=[economy_plan.pk]),
        plan_data(team=economy_plan.team, cycle=2023, title="Renamed", rates=[("CNY", "0.14"), ("KRW", "0.00075")]),
    )

    assert response.context["form"].errors["cycle"] == [
        "The Economy team already has a plan for the 2023 cycle: “경제팀 2021–2023 계획”. Edit that one."
    ]
    assert response.context["plan"].title == "Economy plan 2025–2027"
    assert state(economy_plan) == before


def test_the_service_refuses_a_second_plan_too(economy):
    with pytest.raises(ValidationError) as refusal:
        services.create_plan(team=economy, cycle=2021, title="Twice")

    assert refusal.value.message_dict == {
        "cycle": ["The Economy team already has a plan for the 2021 cycle: “经济组2019—2021年计划”. Edit that one."]
    }


def test_a_lead_edits_the_plan_and_its_rates(client, demo_user, economy_plan):
    client.force_login(demo_user("lead-economy-beijing"))
    rates = [("CNY", "0.15"), ("KRW", "0.00075"), ("JPY", "0.0068")]
    data = plan_data(team=economy_plan.team, title="Economy plan, revised", rates=rates, initial_rates=2)
    data |= {"rates-1-DELETE": "on"}

    response = client.post(reverse("teams:plan-edit", args=[economy_plan.pk]), data)

    assert response.status_code == 302
    economy_plan.refresh_from_db()
    assert economy_plan.title == "Economy plan, revised"
    assert sorted(economy_plan.rates.values_list("currency", "rate")) == [
        ("CNY", Decimal("0.15")),
        ("JPY", Decimal("0.0068")),
    ]
    assert economy_plan.history.first().history_user.username == "lead-economy-beijing"


@pytest.mark.parametrize(
    ("fields", "rates", "errors", "rate_errors"),
    [
        ({"title": ""}, [], {"title": ["This field is required."]}, []),
        ({"title": "x" * 201}, [], {"title": ["Ensure this value has at most 200 characters (it has 201)."]}, []),
        ({"currency": "US"}, [], {"currency": ["Use a three-letter ISO currency code, e.g. USD."]}, []),
        ({"currency": "U$D"}, [], {"currency": ["Use a three-letter ISO currency code, e.g. USD."]}, []),
        ({"cycle": "1999"}, [], {"cycle": ["Select a valid choice. 1999 is not one of the available choices."]}, []),
        ({"cycle": "abc"}, [], {"cycle": ["Select a valid choice. abc is not one of the available choices."]}, []),
        (
            {"team": "99999999999999999999"},
            [],
            {"team": ["Select a valid choice. That choice is not one of the available choices."]},
            [],
        ),
        ({}, [("KRW", "abc")], {}, [{"rate": ["Enter a number."]}]),
        ({}, [("KRW", "-1")], {}, [{"rate": ["Ensure this value is greater than or equal to 1E-8."]}]),
        ({}, [("KRW", "1e30")], {}, [{"rate": ["Ensure that there are no more than 18 digits in total."]}]),
        ({}, [("KRW", "")], {}, [{"rate": ["This field is required."]}]),
        ({}, [("1", "2")], {}, [{"currency": ["Use a three-letter ISO currency code, e.g. USD."]}]),
    ],
)
def test_bad_plan_input_is_explained_and_changes_nothing(
    client, demo_user, economy_plan, fields, rates, errors, rate_errors
):
    client.force_login(demo_user("lead-economy-seoul"))
    before = state(economy_plan)

    data = plan_data(team=economy_plan.team, rates=rates) | fields

    response = client.post(reverse("teams:plan-edit", args=[economy_plan.pk]), data)

    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert [form.errors for form in response.context["rates"] if form.errors] == rate_errors
    assert state(economy_plan) == before


def test_another_councils_team_or_a_team_the_lead_does_not_lead_is_no_choice(client, demo_user, culture, foreign_team):
    Plan.objects.filter(team=culture, cycle=PLAN_CYCLE).delete()
    client.force_login(demo_user("lead-economy-seoul"))
    count = Plan.objects.count()

    for team in (culture, foreign_team):
        response = client.post(reverse("teams:plan-create"), plan_data(team=team))

        assert response.context["form"].errors == {
            "team": ["Select a valid choice. That choice is not one of the available choices."]
        }
    assert Plan.objects.count() == count


@pytest.mark.parametrize(
    ("rates", "message"),
    [
        ([("KRW", "0.00075"), ("krw", "0.0008")], "KRW has two rates; keep one."),
        ([("USD", "1")], "USD is the plan's own currency and needs no rate; remove that row."),
    ],
)
def test_a_currency_rated_twice_or_the_plans_own_is_refused(client, demo_user, economy_plan, rates, message):
    client.force_login(demo_user("secretariat-beijing"))
    before = state(economy_plan)

    response = client.post(
        reverse("teams:plan-edit", args=[economy_plan.pk]), plan_data(team=economy_plan.team, rates=rates)
    )

    errors = [*response.context["form"].non_field_errors(), *response.context["rates"].non_form_errors()]
    assert errors == [message]
    assert message in html.unescape(response.content.decode())
    assert state(economy_plan) == before


def test_a_management_form_that_is_missing_is_a_form_error(client, demo_user, economy_plan):
    client.force_login(demo_user("lead-economy-seoul"))
    data = plan_data(team=economy_plan.team)
    del data["rates-TOTAL_FORMS"]

    response = client.post(reverse("teams:plan-edit", args=[economy_plan.pk]), data)

    assert response.status_code == 200
    assert response.context["rates"].non_form_errors()


def test_moving_a_plan_to_another_team_unlinks_the_exchanges_that_no_longer_fit(economy, culture, economy_goal):
    economy_goal.exchanges.set([ExchangeFactory(team=economy, status=DONE, starts_on=IN_CYCLE)])
    Plan.objects.filter(team=culture, cycle=PLAN_CYCLE).delete()

    services.update_plan(
        plan=economy_goal.plan, team=culture, cycle=PLAN_CYCLE, title="Now culture's", summary="", currency="USD"
    )

    assert list(economy_goal.exchanges.all()) == []


# Goals -------------------------------------------------------------------------------------------------


def test_a_lead_adds_a_goal_and_chooses_the_exchanges_that_count(client, demo_user, economy, economy_plan):
    fair, forum = (ExchangeFactory(team=economy, status=DONE, starts_on=IN_CYCLE) for _ in range(2))
    client.force_login(demo_user("lead-economy-seoul"))
    offered = client.get(reverse("teams:goal-create", args=[economy_plan.pk])).context["form"]["exchanges"]
    assert {fair.pk, forum.pk} <= {int(str(choice.data["value"])) for choice in offered}

    response = client.post(
        reverse("teams:goal-create", args=[economy_plan.pk]),
        goal_data(exchange_kind="forum", exchanges=[fair.pk, forum.pk]),
    )

    goal = Goal.objects.get(plan=economy_plan)
    assert response.url == economy_plan.get_absolute_url()
    assert (goal.title, goal.metric, goal.target, goal.exchange_kind) == (
        "Business events",
        "exchanges",
        Decimal("6.00"),
        "forum",
    )
    assert set(goal.exchanges.all()) == {fair, forum}


def test_a_lead_edits_a_goal_and_its_exchanges(client, demo_user, economy, economy_goal):
    kept, dropped, added = (ExchangeFactory(team=economy, status=DONE, starts_on=IN_CYCLE) for _ in range(3))
    economy_goal.exchanges.set([kept, dropped])
    client.force_login(demo_user("secretariat-seoul"))

    response = client.post(
        reverse("teams:goal-edit", args=[economy_goal.pk]),
        goal_data(title="Business events, more", target="8", exchanges=[kept.pk, added.pk]),
    )

    assert response.status_code == 302
    economy_goal.refresh_from_db()
    assert (economy_goal.title, economy_goal.target) == ("Business events, more", Decimal("8.00"))
    assert set(economy_goal.exchanges.all()) == {kept, added}
    latest = client.get(economy_goal.plan.get_absolute_url()).context["history"][0]
    assert (latest.who, latest.action, [(c.label, c.old, c.new) for c in latest.changes]) == (
        "김지영 (Kim Ji-young)",
        "goal “Business events, more” changed",
        [
            ("goal", "Business events", "Business events, more"),
            ("target", "6", "8"),
            ("kind of exchange counted", "Business event", "—"),
        ],
    )


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"target": "abc"}, {"target": ["Enter a number."]}),
        ({"target": "NaN"}, {"target": ["Enter a number."]}),
        ({"target": "-5"}, {"target": ["Ensure this value is greater than or equal to 0.01."]}),
        ({"target": "0"}, {"target": ["Ensure this value is greater than or equal to 0.01."]}),
        ({"target": "1e20"}, {"target": ["Ensure that there are no more than 16 digits in total."]}),
        ({"target": "9" * 30}, {"target": ["Ensure that there are no more than 16 digits in total."]}),
        ({"target": ""}, {"target": ["This field is required."]}),
        (
            {"metric": "guesswork"},
            {"metric": ["Select a valid choice. guesswork is not one of the available choices."]},
        ),
        ({"order": "-1"}, {"order": ["Ensure this value is greater than or equal to 0."]}),
        ({"title": "x" * 201}, {"title": ["Ensure this value has at most 200 characters (it has 201)."]}),
        ({"exchanges": ["abc"]}, {"exchanges": ["“abc” is not a valid value."]}),
        (
            {"exchanges": ["99999999999999999999"]},
            {"exchanges": ["Select a valid choice. 99999999999999999999 is not one of the available choices."]},
        ),
        (
            {"metric": "agreements", "exchange_kind": "forum"},
            {"exchange_kind": ["Only a number of exchanges can be limited to one kind."]},
        ),
    ],
)
def test_bad_goal_input_is_explained_and_changes_nothing(client, demo_user, economy_goal, fields, errors):
    client.force_login(demo_user("lead-economy-seoul"))
    before = state(economy_goal.plan)

    response = client.post(reverse("teams:goal-edit", args=[economy_goal.pk]), goal_data(**fields))

    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert state(economy_goal.plan) == before


@pytest.mark.parametrize("whose", ["culture", "foreign", "before the cycle", "after the cycle"])
def test_an_exchange_of_another_team_or_cycle_cannot_count(
    client, demo_user, economy_goal, culture, foreign_team, whose
):
    economy = economy_goal.plan.team
    other = {
        "culture": lambda: ExchangeFactory(team=culture, status=DONE, starts_on=IN_CYCLE),
        "foreign": lambda: ExchangeFactory(team=foreign_team, status=DONE, starts_on=IN_CYCLE),
        "before the cycle": lambda: ExchangeFactory(team=economy, status=DONE, starts_on=BEFORE_CYCLE),
        "after the cycle": lambda: ExchangeFactory(team=economy, status=DONE, starts_on=IN_CYCLE.replace(year=2028)),
    }[whose]()
    client.force_login(demo_user("lead-economy-seoul"))
    before = state(economy_goal.plan)

    response = client.post(reverse("teams:goal-edit", args=[economy_goal.pk]), goal_data(exchanges=[other.pk]))

    assert response.context["form"].errors == {
        "exchanges": [f"Select a valid choice. {other.pk} is not one of the available choices."]
    }
    assert state(economy_goal.plan) == before


def test_the_service_refuses_an_exchange_outside_the_plans_team_and_cycle(economy_goal, culture):
    other = ExchangeFactory(team=culture, status=DONE, starts_on=IN_CYCLE)

    with pytest.raises(ValidationError) as refusal:
        services.update_goal(
            goal=economy_goal, title="Business events", metric="exchanges", target=6, exchanges=[other]
        )

    assert refusal.value.message_dict == {
        "exchanges": ["Only exchanges of the Economy team within the 2027 cycle can count toward its goals."]
    }
    assert list(Goal.objects.get(pk=economy_goal.pk).exchanges.all()) == []


def test_a_figure_updated_by_hand_takes_no_exchanges(client, demo_user, economy, economy_manual_goal):
    linked = ExchangeFactory(team=economy, status=DONE, starts_on=IN_CYCLE)
    client.force_login(demo_user("lead-economy-seoul"))
    before = state(economy_manual_goal.plan)

    response = client.post(
        reverse("teams:goal-edit", args=[economy_manual_goal.pk]),
        goal_data(metric="manual", unit="companies", exchanges=[linked.pk]),
    )

    assert response.context["form"].errors == {
        "exchanges": ["A figure updated by hand is not computed from exchanges; untick the exchanges."]
    }
    assert state(economy_manual_goal.plan) == before


# Manual updates ------------------------------------------------------------------------------------------


def test_a_lead_records_a_new_figure_with_a_note(client, demo_user, economy_manual_goal):
    lead = demo_user("lead-economy-seoul")
    client.force_login(lead)

    response = client.post(
        reverse("teams:goal-update", args=[economy_manual_goal.pk]), {"value": "17.5", "note": "  Register, May  "}
    )

    assert response.url == f"{economy_manual_goal.plan.get_absolute_url()}#goal-{economy_manual_goal.pk}"
    latest = economy_manual_goal.updates.first()
    assert (latest.value, latest.note, latest.recorded_by) == (Decimal("17.50"), "Register, May", lead)


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"value": "5", "note": ""}, {"note": ["This field is required."]}),
        ({"value": "5", "note": "   "}, {"note": ["This field is required."]}),
        ({"value": "-1", "note": "n"}, {"value": ["Ensure this value is greater than or equal to 0."]}),
        ({"value": "abc", "note": "n"}, {"value": ["Enter a number."]}),
        ({"value": "1e20", "note": "n"}, {"value": ["Ensure that there are no more than 16 digits in total."]}),
        (
            {"value": "5", "note": "n" * 2001},
            {"note": ["Ensure this value has at most 2000 characters (it has 2001)."]},
        ),
    ],
)
def test_bad_update_input_is_explained_and_records_nothing(client, demo_user, economy_manual_goal, data, errors):
    client.force_login(demo_user("lead-economy-seoul"))
    before = state(economy_manual_goal.plan)

    response = client.post(reverse("teams:goal-update", args=[economy_manual_goal.pk]), data)

    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert state(economy_manual_goal.plan) == before


def test_a_computed_goal_takes_no_figure_by_hand(client, demo_user, economy_goal):
    client.force_login(demo_user("lead-economy-seoul"))

    response = client.post(reverse("teams:goal-update", args=[economy_goal.pk]), {"value": "3", "note": "n"})

    assert response.context["form"].errors == {
        "__all__": ["This goal is computed from its exchanges; it takes no figures by hand."]
    }
    assert not GoalUpdate.objects.filter(goal=economy_goal).exists()


def test_the_service_requires_a_note(economy_manual_goal, demo_user):
    with pytest.raises(ValidationError) as refusal:
        services.record_goal_update(goal=economy_manual_goal, value=Decimal(3), note=" ", by=demo_user("admin"))

    assert refusal.value.message_dict == {"note": ["Say where the figure comes from: a note is required."]}


# Refusals ------------------------------------------------------------------------------------------------


def writes(economy_plan, economy_goal, economy_manual_goal) -> list[tuple[str, dict]]:
    """A valid write of each kind to the economy team's plan."""
    return [
        (
            reverse("teams:plan-edit", args=[economy_plan.pk]),
            plan_data(team=economy_plan.team, title="Taken over", rates=[("CNY", "1"), ("KRW", "1")], initial_rates=2),
        ),
        (reverse("teams:goal-create", args=[economy_plan.pk]), goal_data(title="Sneaked in")),
        (reverse("teams:goal-edit", args=[economy_goal.pk]), goal_data(title="Renamed", target="1")),
        (reverse("teams:goal-update", args=[economy_manual_goal.pk]), {"value": "40", "note": "Done!"}),
    ]


@pytest.mark.parametrize("username", ["lead-culture-seoul", "member-economy-seoul", "mayor-office-beijing", "admin"])
def test_only_the_teams_leads_and_the_secretariat_write_its_plan(
    client, demo_user, economy_plan, economy_goal, economy_manual_goal, username
):
    client.force_login(demo_user(username))
    before = state(economy_plan)

    statuses = [
        client.post(url, data).status_code for url, data in writes(economy_plan, economy_goal, economy_manual_goal)
    ]

    assert statuses == [403, 403, 403, 403]
    assert state(economy_plan) == before


def test_the_same_writes_succeed_for_the_teams_lead(client, demo_user, economy_plan, economy_goal, economy_manual_goal):
    client.force_login(demo_user("lead-economy-seoul"))

    statuses = [
        client.post(url, data).status_code for url, data in writes(economy_plan, economy_goal, economy_manual_goal)
    ]

    assert statuses == [302, 302, 302, 302]
    assert state(economy_plan)["plan"]["title"] == "Taken over"


@pytest.mark.parametrize("username", ["member-economy-seoul", "mayor-office-beijing", "admin"])
def test_only_leads_and_the_secretariat_create_plans(client, demo_user, economy, username):
    Plan.objects.filter(team=economy, cycle=PLAN_CYCLE).delete()
    client.force_login(demo_user(username))

    response = client.post(reverse("teams:plan-create"), plan_data(team=economy))

    assert response.status_code == 403
    assert not Plan.objects.filter(team=economy, cycle=PLAN_CYCLE).exists()


def test_a_rate_row_left_out_of_an_edit_is_removed(economy_plan):
    services.update_plan(
        plan=economy_plan,
        team=economy_plan.team,
        cycle=PLAN_CYCLE,
        title=economy_plan.title,
        summary="",
        currency="USD",
        rates={"KRW": Decimal("0.0008")},
    )

    assert list(ExchangeRate.objects.filter(plan=economy_plan).values_list("currency", "rate")) == [
        ("KRW", Decimal("0.0008"))
    ]

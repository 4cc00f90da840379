"""The exchange workflow: every transition, allowed and refused, and who may move it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from teams.models import Exchange
from teams.services.exchanges import TRANSITIONS, cancel_exchange, change_status
from tests.factories import ExchangeFactory

S = Exchange.Status
ALLOWED = [(source, target) for source, targets in TRANSITIONS.items() for target in targets]
REFUSED = [(source, target) for source in S.values for target in S.values if (source, target) not in ALLOWED]


@pytest.mark.parametrize(("source", "target"), ALLOWED)
def test_allowed_transition(economy, source, target):
    exchange = ExchangeFactory(team=economy, status=source)
    outcomes = {"outcomes": "Two agreements signed."} if target == S.COMPLETED else None

    if target == S.CANCELLED:  # only with a reason
        cancel_exchange(exchange=exchange, reason="The partner withdrew.", by=None)
    else:
        change_status(exchange=exchange, to=target, outcomes=outcomes)

    assert Exchange.objects.get(pk=exchange.pk).status == target


@pytest.mark.parametrize(("source", "target"), REFUSED)
def test_refused_transition_changes_nothing(economy, source, target):
    exchange = ExchangeFactory(team=economy, status=source, outcomes="Done.")

    with pytest.raises(ValidationError):
        change_status(exchange=exchange, to=target, outcomes={"outcomes": "Changed."})

    assert Exchange.objects.filter(pk=exchange.pk).values_list("status", "outcomes").get() == (source, "Done.")


def test_the_workflow_is_the_one_the_spec_names():
    assert TRANSITIONS == {
        "draft": ("proposed", "cancelled"),
        "proposed": ("planned", "cancelled"),
        "planned": ("in_progress", "cancelled"),
        "in_progress": ("completed", "cancelled"),
    }


def test_completing_without_outcomes_is_refused(economy):
    exchange = ExchangeFactory(team=economy, status=S.IN_PROGRESS)
    with pytest.raises(ValidationError) as error:
        change_status(exchange=exchange, to=S.COMPLETED, outcomes={"outcomes": "   "})
    assert error.value.message_dict == {"outcomes": ["A completed exchange needs its outcomes."]}
    assert Exchange.objects.get(pk=exchange.pk).status == S.IN_PROGRESS


def test_lead_completes_through_the_form_with_outcomes(client, demo_user, economy):
    exchange = ExchangeFactory(team=economy, status=S.IN_PROGRESS)
    client.force_login(demo_user("lead-economy-beijing"))
    url = reverse("teams:exchange-complete", args=[exchange.pk])

    refused = client.post(url, {"outcomes": "", "agreements_signed": "2"})
    assert refused.status_code == 200
    assert "outcomes" in refused.context["form"].errors
    assert Exchange.objects.get(pk=exchange.pk).status == S.IN_PROGRESS

    done = client.post(
        url,
        {
            "outcomes": "MOU on logistics signed.",
            "agreements_signed": "2",
            "investment_amount": "1500000",
            "investment_currency": "USD",
            "participants_reached": "120",
        },
    )
    assert done.status_code == 302
    exchange.refresh_from_db()
    assert (exchange.status, exchange.outcomes, exchange.agreements_signed) == (
        S.COMPLETED,
        "MOU on logistics signed.",
        2,
    )
    assert (str(exchange.investment_amount), exchange.investment_currency, exchange.participants_reached) == (
        "1500000.00",
        "USD",
        120,
    )


def test_lead_approves_a_members_draft(client, demo_user, economy):
    draft = ExchangeFactory(team=economy, status=S.DRAFT)
    client.force_login(demo_user("lead-economy-seoul"))
    response = client.post(reverse("teams:exchange-status", args=[draft.pk]), {"to": "proposed"})
    assert response.status_code == 302
    assert Exchange.objects.get(pk=draft.pk).status == S.PROPOSED


@pytest.mark.parametrize("username", ["member-economy-seoul", "lead-culture-seoul", "mayor-office-seoul"])
def test_others_may_not_move_an_exchange(client, demo_user, economy, username):
    draft = ExchangeFactory(team=economy, status=S.DRAFT)
    client.force_login(demo_user(username))
    response = client.post(reverse("teams:exchange-status", args=[draft.pk]), {"to": "proposed"})
    assert response.status_code == 403
    assert Exchange.objects.get(pk=draft.pk).status == S.DRAFT


def test_an_unknown_target_status_is_refused_with_a_message(client, demo_user, economy):
    exchange = ExchangeFactory(team=economy, status=S.PLANNED)
    client.force_login(demo_user("secretariat-beijing"))
    response = client.post(reverse("teams:exchange-status", args=[exchange.pk]), {"to": "exploded"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["An exchange that is Planned cannot become exploded."]
    assert Exchange.objects.get(pk=exchange.pk).status == S.PLANNED

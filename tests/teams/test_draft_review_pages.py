"""A member's draft on the pages: the form says it is a draft, a lead approves it or returns it with a
reason (on the exchange's page or from home), the author reads the reason, edits and resubmits; an
approved exchange tells its author why they may no longer edit it."""

import pytest
from django.urls import reverse

from teams.models import DraftReview, Exchange
from tests.factories import ExchangeFactory
from tests.teams.test_exchange_pages import form_data

S, Step = Exchange.Status, DraftReview.Step
NOTE = "You record this exchange as a draft: a lead of the team approves it"


def steps(exchange) -> list[tuple[str, str]]:
    return [(review.step, review.reason) for review in exchange.reviews.order_by("at", "pk")]


@pytest.fixture
def draft(client, demo_user, economy) -> Exchange:
    """Recorded through the form by a member of the economy team: a draft, submitted to the leads."""
    client.force_login(demo_user("member-economy-seoul"))
    client.post(reverse("teams:exchange-create"), form_data(economy, title="Youth forum"), follow=True)
    return Exchange.objects.get(title="Youth forum")


def test_the_form_tells_a_member_before_saving_that_a_lead_approves(client, demo_user):
    client.force_login(demo_user("member-economy-seoul"))
    assert NOTE in client.get(reverse("teams:exchange-create")).content.decode()
    client.force_login(demo_user("lead-economy-seoul"))
    assert NOTE not in client.get(reverse("teams:exchange-create")).content.decode()


def test_a_members_exchange_waits_for_approval(client, draft):
    page = client.get(draft.get_absolute_url()).content.decode()

    assert (draft.status, steps(draft)) == (S.DRAFT, [(Step.SUBMITTED, "")])
    assert "Waiting for a team lead's approval." in page


def test_a_lead_returns_it_with_a_reason_and_its_author_reads_it(client, demo_user, draft):
    client.force_login(demo_user("lead-economy-seoul"))
    response = client.post(
        reverse("teams:exchange-return", args=[draft.pk]), {"reason": "Name the venue.", "next": "/"}
    )

    assert response.status_code == 302 and response.url == "/"
    assert steps(draft) == [(Step.SUBMITTED, ""), (Step.RETURNED, "Name the venue.")]
    client.force_login(demo_user("member-economy-seoul"))
    page = client.get(draft.get_absolute_url()).content.decode()
    assert '<div class="mt-1" data-review-reason>Name the venue.</div>' in page
    assert "Returned to you. Edit the exchange and save it to submit it again." in page


def test_its_author_edits_it_and_it_goes_back_to_the_leads(client, demo_user, economy, draft):
    client.force_login(demo_user("lead-economy-seoul"))
    client.post(reverse("teams:exchange-return", args=[draft.pk]), {"reason": "Name the venue."})
    client.force_login(demo_user("member-economy-seoul"))
    edit = reverse("teams:exchange-edit", args=[draft.pk])

    assert "Saving it submits it again to the team's leads." in client.get(edit).content.decode()
    client.post(edit, form_data(economy, title="Youth forum at City Hall"))

    draft.refresh_from_db()
    assert (draft.title, draft.status) == ("Youth forum at City Hall", S.DRAFT)
    assert [step for step, _reason in steps(draft)] == [Step.SUBMITTED, Step.RETURNED, Step.SUBMITTED]


@pytest.mark.parametrize("reason", ["", "  "])
def test_a_return_without_a_reason_is_refused_and_changes_nothing(client, demo_user, draft, reason):
    client.force_login(demo_user("lead-economy-seoul"))

    response = client.post(reverse("teams:exchange-return", args=[draft.pk]), {"reason": reason}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Say why the draft goes back, so that its author can put it right."
    ]
    assert steps(draft) == [(Step.SUBMITTED, "")]


@pytest.mark.parametrize("username", ["member-economy-seoul", "lead-culture-seoul", "mayor-office-seoul"])
def test_only_the_teams_leads_and_the_secretariat_return_a_draft(client, demo_user, draft, username):
    client.force_login(demo_user(username))

    response = client.post(reverse("teams:exchange-return", args=[draft.pk]), {"reason": "No."})

    assert response.status_code == 403
    assert steps(draft) == [(Step.SUBMITTED, "")]


def test_an_address_of_another_site_is_not_followed_back(client, demo_user, draft):
    client.force_login(demo_user("lead-economy-seoul"))

    response = client.post(
        reverse("teams:exchange-status", args=[draft.pk]), {"to": "proposed", "next": "//evil.example/"}
    )

    assert response.url == draft.get_absolute_url()
    assert steps(draft)[-1] == (Step.APPROVED, "")


def test_the_author_of_an_approved_exchange_is_told_why_they_may_not_edit_it(client, demo_user, economy, draft):
    client.force_login(demo_user("lead-economy-seoul"))
    client.post(reverse("teams:exchange-status", args=[draft.pk]), {"to": "proposed"})
    client.force_login(demo_user("member-economy-seoul"))

    response = client.get(reverse("teams:exchange-edit", args=[draft.pk]))

    assert response.status_code == 403
    assert (
        "<p data-reason>This exchange is Proposed: once a lead has approved a draft, only the team&#x27;s leads "
        f"and the secretariat may change it. Ask a lead of {economy.name} for the change.</p>"
    ) in response.content.decode()


def test_someone_elses_refusal_keeps_the_plain_message(client, demo_user, economy):
    exchange = ExchangeFactory(team=economy, status=S.PLANNED)
    client.force_login(demo_user("mayor-office-seoul"))

    response = client.get(reverse("teams:exchange-edit", args=[exchange.pk]))

    assert response.status_code == 403
    assert "Your role does not give you access to this page." in response.content.decode()


def test_a_reason_with_a_nul_character_is_refused_and_changes_nothing(client, demo_user, draft):
    client.force_login(demo_user("lead-economy-seoul"))

    response = client.post(reverse("teams:exchange-return", args=[draft.pk]), {"reason": "No\x00"}, follow=True)

    assert [str(m) for m in response.context["messages"]] == ["Null characters are not allowed."]
    assert steps(draft) == [(Step.SUBMITTED, "")]

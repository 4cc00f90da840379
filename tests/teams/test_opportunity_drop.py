"""Dropping an opportunity goes through a page that says what will happen and asks why; the reason is
kept with who dropped it and when, shown on its page and as a hint on the board and the table."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils.formats import date_format

from teams.models import Opportunity
from teams.services.opportunities import move_opportunity

S = Opportunity.Status
DROPPED_AT = dt.datetime(2026, 12, 5, 3, 0, tzinfo=dt.UTC)


def drop_url(opportunity) -> str:
    return reverse("teams:opportunity-drop", args=[opportunity.pk])


def state(opportunity) -> tuple:
    return Opportunity.objects.filter(pk=opportunity.pk).values_list("status", "dropped_reason", "dropped_by").get()


def test_the_confirmation_page_names_the_opportunity_and_what_happens(client, demo_user, economy_opportunity):
    client.force_login(demo_user("lead-economy-seoul"))

    page = client.get(drop_url(economy_opportunity)).content.decode()

    assert "The opportunity “Rail freight corridor via Dandong” (Economy team) will be dropped." in page
    assert "dropping is final" in page
    assert state(economy_opportunity) == (S.IDENTIFIED, "", None)


@pytest.mark.parametrize("reason", ["", "  \n "])
def test_without_a_reason_nothing_changes_and_the_page_says_why(client, demo_user, economy_opportunity, reason):
    client.force_login(demo_user("lead-economy-seoul"))

    response = client.post(drop_url(economy_opportunity), {"dropped_reason": reason})

    assert response.status_code == 200
    assert response.context["form"].errors == {"dropped_reason": ["Say why the opportunity is dropped."]}
    assert state(economy_opportunity) == (S.IDENTIFIED, "", None)


def test_with_a_reason_it_is_dropped_and_the_reason_shown(client, demo_user, economy_opportunity, time_machine):
    time_machine.move_to(DROPPED_AT, tick=False)
    lead = demo_user("lead-economy-seoul")
    client.force_login(lead)

    response = client.post(drop_url(economy_opportunity), {"dropped_reason": " Dandong line closed. "}, follow=True)

    assert state(economy_opportunity) == (S.DROPPED, "Dandong line closed.", lead.pk)
    assert Opportunity.objects.get(pk=economy_opportunity.pk).dropped_at == DROPPED_AT
    page = response.content.decode()
    assert f"Dropped on {date_format(dt.date(2026, 12, 5), 'DATE_FORMAT')} by {lead.person}:" in page
    assert "Dandong line closed." in page
    assert drop_url(economy_opportunity) not in page  # nothing left to drop


@pytest.mark.parametrize("display", ["board", "table"])
def test_the_board_and_the_table_give_the_reason_as_a_hint(client, demo_user, economy_opportunity, display):
    move_opportunity(opportunity=economy_opportunity, to=S.DROPPED, reason="Dandong line closed.")
    client.force_login(demo_user("lead-economy-seoul"))

    page = client.get(reverse("teams:opportunity-list"), {"display": display}).content.decode()

    assert "Dandong line closed." in page


@pytest.mark.parametrize("username", ["member-economy-seoul", "mayor-office-beijing", "lead-culture-seoul"])
def test_a_role_that_may_not_drop_is_refused_with_a_reason(client, demo_user, economy_opportunity, username):
    client.force_login(demo_user(username))

    page = client.get(drop_url(economy_opportunity))
    post = client.post(drop_url(economy_opportunity), {"dropped_reason": "Not mine."})

    assert (page.status_code, post.status_code) == (403, 403)
    assert "Only the leads of its team (Economy team) and the secretariat may drop" in post.content.decode()
    assert state(economy_opportunity) == (S.IDENTIFIED, "", None)


def test_a_dropped_opportunity_cannot_be_dropped_again(client, demo_user, economy_opportunity):
    move_opportunity(opportunity=economy_opportunity, to=S.DROPPED, reason="First reason.")
    client.force_login(demo_user("secretariat-seoul"))

    response = client.post(drop_url(economy_opportunity), {"dropped_reason": "Second reason."})

    assert response.status_code == 302
    assert state(economy_opportunity) == (S.DROPPED, "First reason.", None)


def test_the_reason_is_one_of_the_texts_translated_at_the_desk():
    assert Opportunity.translated_fields == ("title", "description", "dropped_reason")

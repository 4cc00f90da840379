"""Cancelling an exchange goes through a page that says what will happen and asks why; the reason is kept
and shown; a lead of the team or the secretariat may reopen it, back to the status it had."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.formats import date_format

from teams.models import Exchange
from teams.services.exchanges import cancel_exchange, change_status, reopen_exchange
from tests.factories import ExchangeFactory
from translations.models import Version

S = Exchange.Status
CANCELLED_AT = dt.datetime(2026, 12, 5, 3, 0, tzinfo=dt.UTC)  # 5 Dec in Seoul and Beijing too


def cancel_url(exchange) -> str:
    return reverse("teams:exchange-cancel", args=[exchange.pk])


def reopen_url(exchange) -> str:
    return reverse("teams:exchange-reopen", args=[exchange.pk])


def state(exchange) -> tuple:
    return Exchange.objects.filter(pk=exchange.pk).values_list("status", "cancel_reason", "cancelled_by").get()


@pytest.fixture
def forum(economy) -> Exchange:
    return ExchangeFactory(team=economy, status=S.IN_PROGRESS, title="Youth forum", starts_on=dt.date(2027, 3, 12))


def test_the_confirmation_page_names_the_exchange_and_what_happens(client, demo_user, forum):
    client.force_login(demo_user("lead-economy-seoul"))

    page = client.get(cancel_url(forum)).content.decode()

    assert f"The exchange “Youth forum” ({date_format(forum.starts_on, 'DATE_FORMAT')}) will be cancelled." in page
    assert "leaves the calendar feeds and the dashboard&#x27;s upcoming list" in page
    assert 'name="cancel_reason"' in page
    assert state(forum) == (S.IN_PROGRESS, "", None)


@pytest.mark.parametrize("reason", ["", "   \n  "])
def test_without_a_reason_nothing_changes_and_the_page_says_why(client, demo_user, forum, reason):
    client.force_login(demo_user("lead-economy-seoul"))

    response = client.post(cancel_url(forum), {"cancel_reason": reason})

    assert response.status_code == 200
    assert response.context["form"].errors == {"cancel_reason": ["Say why the exchange is cancelled."]}
    assert state(forum) == (S.IN_PROGRESS, "", None)


def test_a_reason_past_the_limit_is_refused(client, demo_user, forum):
    client.force_login(demo_user("lead-economy-seoul"))

    response = client.post(cancel_url(forum), {"cancel_reason": "x" * 5001})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["cancel_reason"]
    assert state(forum) == (S.IN_PROGRESS, "", None)


def test_with_a_reason_it_is_cancelled_and_the_reason_shown(client, demo_user, forum, time_machine):
    time_machine.move_to(CANCELLED_AT, tick=False)
    lead = demo_user("lead-economy-seoul")
    client.force_login(lead)

    response = client.post(cancel_url(forum), {"cancel_reason": "  The venue flooded.  "}, follow=True)

    forum.refresh_from_db()
    assert (forum.status, forum.cancel_reason, forum.cancelled_by, forum.status_before_cancel) == (
        S.CANCELLED, "The venue flooded.", lead, S.IN_PROGRESS,
    )  # fmt: skip
    assert forum.cancelled_at == CANCELLED_AT
    page = response.content.decode()
    day = date_format(dt.date(2026, 12, 5), "DATE_FORMAT")
    assert f"Cancelled on {day} by {lead.person}:" in page
    assert "The venue flooded." in page
    assert f'href="{cancel_url(forum)}"' not in page  # nothing left to cancel


def test_the_list_gives_the_reason_as_a_hint(client, demo_user, forum):
    cancel_exchange(exchange=forum, reason="The venue flooded.", by=None)
    client.force_login(demo_user("lead-economy-seoul"))

    page = client.get(reverse("teams:exchange-list"), {"q": "Youth forum"}).content.decode()

    assert "The venue flooded." in page


@pytest.mark.parametrize("username", ["member-economy-seoul", "mayor-office-beijing", "lead-culture-seoul"])
def test_a_role_that_may_not_cancel_is_refused_with_a_reason(client, demo_user, forum, username):
    client.force_login(demo_user(username))

    page = client.get(cancel_url(forum))
    post = client.post(cancel_url(forum), {"cancel_reason": "Not mine to cancel."})

    assert (page.status_code, post.status_code) == (403, 403)
    assert "Only the leads of its team (Economy team) and the secretariat may cancel" in post.content.decode()
    assert state(forum) == (S.IN_PROGRESS, "", None)


def test_the_status_step_no_longer_cancels_without_a_reason(client, demo_user, forum):
    client.force_login(demo_user("lead-economy-seoul"))

    response = client.post(reverse("teams:exchange-status", args=[forum.pk]), {"to": S.CANCELLED})

    assert response.status_code == 302
    assert response.url == cancel_url(forum)
    assert state(forum) == (S.IN_PROGRESS, "", None)


def test_the_service_refuses_a_cancellation_without_a_reason(forum):
    with pytest.raises(ValidationError) as refused:
        change_status(exchange=forum, to=S.CANCELLED)
    assert refused.value.message_dict == {"cancel_reason": ["Say why the exchange is cancelled."]}
    with pytest.raises(ValidationError):
        cancel_exchange(exchange=forum, reason="  ", by=None)
    assert state(forum) == (S.IN_PROGRESS, "", None)


def test_a_completed_exchange_cannot_be_cancelled(client, demo_user, economy):
    done = ExchangeFactory(team=economy, status=S.COMPLETED, outcomes="Signed.")
    client.force_login(demo_user("lead-economy-seoul"))

    response = client.post(cancel_url(done), {"cancel_reason": "Too late."})

    assert response.status_code == 302
    assert state(done) == (S.COMPLETED, "", None)


# Reopening --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("username", ["lead-economy-beijing", "secretariat-beijing"])
def test_a_lead_or_the_secretariat_reopens_it_to_the_status_it_had(client, demo_user, forum, username):
    cancel_exchange(exchange=forum, reason="The venue flooded.", by=demo_user("lead-economy-seoul"))
    user = demo_user(username)
    client.force_login(user)

    response = client.post(reopen_url(forum))

    assert response.status_code == 302
    assert state(forum) == (S.IN_PROGRESS, "", None)
    latest = forum.history.order_by("-history_date", "-history_id").first()
    assert (latest.status, latest.history_user, latest.history_date.tzinfo is not None) == (S.IN_PROGRESS, user, True)
    # The cancellation and its reason stay in the history.
    assert forum.history.filter(status=S.CANCELLED, cancel_reason="The venue flooded.").exists()


@pytest.mark.parametrize("username", ["member-economy-seoul", "mayor-office-beijing", "lead-culture-seoul"])
def test_a_role_that_may_not_reopen_is_refused_and_nothing_changes(client, demo_user, forum, username):
    cancel_exchange(exchange=forum, reason="The venue flooded.", by=None)
    client.force_login(demo_user(username))

    response = client.post(reopen_url(forum))

    assert response.status_code == 403
    assert (
        "Only the leads of its team (Economy team) and the secretariat may reopen this exchange."
        in response.content.decode()
    )
    assert state(forum) == (S.CANCELLED, "The venue flooded.", None)


def test_an_exchange_cancelled_before_its_status_was_kept_reopens_as_planned(economy):
    old = ExchangeFactory(team=economy, status=S.CANCELLED)

    reopen_exchange(exchange=old, by=None)

    assert state(old) == (S.PLANNED, "", None)


def test_reopening_an_open_exchange_is_refused(forum):
    with pytest.raises(ValidationError) as refused:
        reopen_exchange(exchange=forum, by=None)
    assert refused.value.messages == ["Only a cancelled exchange can be reopened; this one is In progress."]


def test_the_reason_is_translated_at_the_desk_and_its_versions_go_when_reopened(forum, demo_user):
    """The other city reads the reason: it is one of the exchange's translated texts."""
    forum.language = "en"
    forum.save()
    cancel_exchange(exchange=forum, reason="The venue flooded.", by=None, versions={("cancel_reason", "ko"): "침수"})
    assert "cancel_reason" in Exchange.translated_fields
    assert list(Version.objects.filter(object_id=forum.pk, field="cancel_reason").values_list("language", "text")) == [
        ("ko", "침수")
    ]

    reopen_exchange(exchange=forum, by=None)

    assert not Version.objects.filter(object_id=forum.pk, field="cancel_reason").exists()


def test_the_confirmation_page_is_not_reached_when_cancelled_already(client, demo_user, forum):
    cancel_exchange(exchange=forum, reason="The venue flooded.", by=None)
    client.force_login(demo_user("secretariat-seoul"))

    response = client.get(cancel_url(forum))

    assert response.status_code == 302

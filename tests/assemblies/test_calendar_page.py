"""The calendar page: the secret address, resetting it, and what any other address gets (404)."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from assemblies.models import CalendarFeed
from council.models import Role

FEED = "/calendar.ics"


def test_first_visit_makes_the_address_and_later_visits_keep_it(client, demo_user):
    user = demo_user("lead-economy-seoul")
    client.force_login(user)

    first = client.get(reverse("assemblies:calendar"))
    token = CalendarFeed.objects.get(user=user).token
    again = client.get(reverse("assemblies:calendar"))

    assert first.status_code == again.status_code == 200
    assert len(token) == 43  # secrets.token_urlsafe(32)
    assert first.context["address"] == again.context["address"] == f"http://testserver{FEED}?token={token}"
    assert first.context["webcal_address"] == f"webcal://testserver{FEED}?token={token}"
    assert f'value="http://testserver{FEED}?token={token}"' in first.content.decode()
    assert CalendarFeed.objects.get(user=user).token == token


def test_each_person_has_their_own_address(client, demo_user):
    tokens = set()
    for username in ("secretariat-seoul", "member-economy-seoul"):
        client.force_login(demo_user(username))
        client.get(reverse("assemblies:calendar"))
        tokens.add(CalendarFeed.objects.get(user__username=username).token)

    assert len(tokens) == 2


def test_reset_replaces_the_address_old_one_404_new_one_works(client, demo_user):
    user = demo_user("mayor-office-beijing")
    client.force_login(user)
    client.get(reverse("assemblies:calendar"))
    old = CalendarFeed.objects.get(user=user).token

    response = client.post(reverse("assemblies:calendar"))

    new = CalendarFeed.objects.get(user=user).token
    assert response.status_code == 302
    assert response.url == reverse("assemblies:calendar")
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Your calendar address is reset: the old one no longer works. Subscribe again with the new one."
    ]
    assert new != old and len(new) == 43
    client.logout()  # as a calendar app asks: no session
    assert client.get(FEED, {"token": old}).status_code == 404
    assert client.get(FEED, {"token": new}).status_code == 200


def test_reset_without_a_previous_address_makes_one(client, demo_user):
    user = demo_user("secretariat-beijing")
    client.force_login(user)

    client.post(reverse("assemblies:calendar"))

    assert len(CalendarFeed.objects.get(user=user).token) == 43


def test_reset_needs_the_csrf_token(demo_user):
    client = Client(enforce_csrf_checks=True)
    user = demo_user("secretariat-seoul")
    client.force_login(user)
    client.get(reverse("assemblies:calendar"))
    token = CalendarFeed.objects.get(user=user).token

    response = client.post(reverse("assemblies:calendar"))

    assert response.status_code == 403
    assert CalendarFeed.objects.get(user=user).token == token


def test_administrator_without_a_council_role_gets_no_address(client, demo_user):
    admin = demo_user("admin")
    client.force_login(admin)

    assert client.get(reverse("assemblies:calendar")).status_code == 403
    assert client.post(reverse("assemblies:calendar")).status_code == 403
    assert client.get(FEED).status_code == 403
    assert not CalendarFeed.objects.filter(user=admin).exists()


@pytest.mark.parametrize(
    "token",
    [
        "",
        " ",
        "x" * 10_000,
        "토큰" * 20,
        "' OR '1'='1",
        "1; DROP TABLE assemblies_calendarfeed; --",
        "%",
        "abc\x00def",
        "A" * 43,  # the right shape, but nobody's
        "A" * 65,
    ],
    ids=["empty", "space", "very-long", "unicode", "sql-or", "sql-drop", "percent", "nul", "unknown", "too-long"],
)
def test_garbage_tokens_get_404(client, calendar_council, calendar_feed_url, token):
    calendar_feed_url(calendar_council.secretariat)  # a real token exists beside them

    response = client.get(FEED, {"token": token})

    assert response.status_code == 404
    assert CalendarFeed.objects.count() == 1


def test_several_token_parameters_do_not_break_the_lookup(client, calendar_council, calendar_feed_url):
    url = calendar_feed_url(calendar_council.secretariat)

    assert client.get(f"{url}&token=nonsense").status_code == 404  # the last one counts
    assert client.get(f"{FEED}?token=nonsense&{url.split('?')[1]}").status_code == 200


def test_disabled_account_token_gets_404(client, calendar_council, calendar_feed_url):
    url = calendar_feed_url(calendar_council.secretariat)
    assert client.get(url).status_code == 200
    calendar_council.secretariat.is_active = False
    calendar_council.secretariat.save()

    assert client.get(url).status_code == 404


def test_token_of_someone_without_a_role_any_more_gets_404(client, calendar_council, calendar_feed_url):
    url = calendar_feed_url(calendar_council.secretariat)
    Role.objects.filter(person__user=calendar_council.secretariat).delete()

    assert client.get(url).status_code == 404


def test_signed_out_without_token_gets_404_not_a_login_page(client):
    response = client.get(FEED)

    assert response.status_code == 404


def test_feed_answers_head_but_refuses_post(client, calendar_council, calendar_feed_url):
    url = calendar_feed_url(calendar_council.secretariat)

    assert client.head(url).status_code == 200
    assert client.post(url).status_code == 405


def test_feed_and_page_are_not_cached(client, calendar_council, calendar_feed_url):
    client.force_login(calendar_council.secretariat)

    for response in (
        client.get(calendar_feed_url(calendar_council.secretariat)),
        client.get(reverse("assemblies:calendar")),
    ):
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]

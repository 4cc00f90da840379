"""The calendar page: the secret address, resetting it, and what any other address gets (404).

The database keeps only a hash of each token: tests take the token from the page, as its owner does.
"""

import hashlib
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from assemblies.models import CalendarFeed
from council.models import Role

FEED = "/calendar.ics"


def token_on_page(client) -> str:
    """The token in the address the calendar page shows to the signed-in person."""
    response = client.get(reverse("assemblies:calendar"))
    assert response.status_code == 200
    return parse_qs(urlsplit(response.context["address"]).query)["token"][0]


def stored(user) -> dict:
    """The user's feed row as the database holds it: every column."""
    return CalendarFeed.objects.filter(user=user).values().get()


def test_first_visit_makes_the_address_and_later_visits_keep_it(client, demo_user):
    user = demo_user("lead-economy-seoul")
    client.force_login(user)

    first = client.get(reverse("assemblies:calendar"))
    token = token_on_page(client)
    again = client.get(reverse("assemblies:calendar"))

    assert first.status_code == again.status_code == 200
    assert len(token) == 43  # 32 bytes, URL-safe base64
    assert first.context["address"] == again.context["address"] == f"http://testserver{FEED}?token={token}"
    assert first.context["webcal_address"] == f"webcal://testserver{FEED}?token={token}"
    assert f'value="http://testserver{FEED}?token={token}"' in first.content.decode()
    assert CalendarFeed.objects.filter(user=user).count() == 1


def test_the_database_keeps_a_hash_of_the_token_never_the_token(client, demo_user):
    user = demo_user("lead-economy-seoul")
    client.force_login(user)

    token = token_on_page(client)

    row = stored(user)
    assert row["token_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert not [name for name, value in row.items() if token in str(value)]


def test_nothing_the_database_holds_is_a_working_address(client, demo_user):
    """A copy of the database alone (without the SECRET_KEY) opens no one's calendar."""
    user = demo_user("lead-economy-seoul")
    client.force_login(user)
    token_on_page(client)
    client.logout()  # as a calendar app asks: no session

    answers = {name: client.get(FEED, {"token": str(value)}).status_code for name, value in stored(user).items()}

    assert set(answers.values()) == {404}


def test_each_person_has_their_own_address(client, demo_user):
    tokens = set()
    for username in ("secretariat-seoul", "member-economy-seoul"):
        client.force_login(demo_user(username))
        tokens.add(token_on_page(client))

    assert len(tokens) == 2


def test_reset_replaces_the_address_old_one_404_new_one_works(client, demo_user):
    user = demo_user("mayor-office-beijing")
    client.force_login(user)
    old = token_on_page(client)

    response = client.post(reverse("assemblies:calendar"))

    new = token_on_page(client)
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

    assert CalendarFeed.objects.filter(user=user).count() == 1
    assert stored(user)["token_hash"] == hashlib.sha256(token_on_page(client).encode()).hexdigest()


def test_after_the_secret_key_changes_the_page_gives_a_new_address_and_the_old_one_stops_working(
    client, demo_user, settings
):
    user = demo_user("lead-culture-seoul")
    client.force_login(user)
    old = token_on_page(client)
    settings.SECRET_KEY = "another-secret-key-" + "x" * 40
    client.force_login(user)  # the session's signature changed with the key

    new = token_on_page(client)

    assert new != old
    assert stored(user)["token_hash"] == hashlib.sha256(new.encode()).hexdigest()
    assert token_on_page(client) == new  # and it stays
    client.logout()
    assert client.get(FEED, {"token": old}).status_code == 404
    assert client.get(FEED, {"token": new}).status_code == 200


def test_reset_needs_the_csrf_token(demo_user):
    client = Client(enforce_csrf_checks=True)
    user = demo_user("secretariat-seoul")
    client.force_login(user)
    client.get(reverse("assemblies:calendar"))
    before = stored(user)

    response = client.post(reverse("assemblies:calendar"))

    assert response.status_code == 403
    assert stored(user) == before


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


@pytest.mark.parametrize("token", ["abc\x00def", "x" * 65, "' OR '1'='1"], ids=["nul", "too-long", "sql-or"])
def test_a_malformed_token_is_answered_without_a_query(client, db, django_assert_num_queries, token):
    with django_assert_num_queries(0):
        response = client.get(FEED, {"token": token})

    assert response.status_code == 404


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


def test_the_page_says_what_the_feed_sends(client, demo_user):
    """The feed's window holds for assemblies and exchanges alike (tests/assemblies/test_calendar_feed.py)."""
    client.force_login(demo_user("lead-economy-seoul"))

    page = client.get(reverse("assemblies:calendar"))

    shows = page.content.decode().split('id="feed-content-heading"')[1].split("</ul>")[0]
    items = [" ".join(item.split("</li>")[0].split()) for item in shows.split("<li>")[1:]]
    assert items == [
        "Only events that take place, at least in part, between 2 years ago and 2 years ahead; older and later ones "
        "stay on their pages here.",
        "General assemblies that have a date, including cancelled ones (marked as cancelled).",
        "Exchanges you may read, except drafts and cancelled exchanges.",
        "An exchange with a start time but no end time lasts until the end of its last day.",
        "Times follow your calendar app's time zone; each event's description gives the local time in "
        "every member city and links to its page here.",
        "Titles, descriptions and dates are in the language of your profile.",
    ]

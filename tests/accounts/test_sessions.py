"""Sessions end after 30 idle minutes and 12 hours in all (both configurable), and at once when the
account is disabled. No sleeping: the tests move the session's timestamps back."""

from django.conf import settings
from django.contrib.messages import get_messages
from django.utils import timezone

from accounts import signin


def now() -> int:
    return int(timezone.now().timestamp())


def age_session(client, *, signed_in_ago: int, seen_ago: int) -> None:
    session = client.session
    session[signin.SIGNED_IN_AT] = now() - signed_in_ago
    session[signin.SEEN_AT] = now() - seen_ago
    session.save()


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_sign_in_starts_the_clock(client, make_user):
    client.force_login(make_user())
    assert now() - client.session[signin.SIGNED_IN_AT] <= 1
    assert client.session[signin.SEEN_AT] == client.session[signin.SIGNED_IN_AT]


def test_thirty_idle_minutes_sign_the_user_out_with_the_reason(client, make_user):
    client.force_login(make_user())
    age_session(client, signed_in_ago=3600, seen_ago=30 * 60)

    response = client.get("/exchanges/")

    assert (response.status_code, response.url) == (302, "/accounts/login/?next=/exchanges/")
    assert "_auth_user_id" not in client.session
    login_page = client.get(response.url)
    assert "Signed out after 30 minutes without activity." in login_page.content.decode()


def test_activity_within_the_idle_time_keeps_the_session_and_is_noted(client, make_user):
    client.force_login(make_user())
    age_session(client, signed_in_ago=3600, seen_ago=29 * 60)

    assert client.get("/").status_code == 200

    assert now() - client.session[signin.SEEN_AT] <= 1


def test_a_request_soon_after_the_last_does_not_rewrite_the_session(client, make_user):
    client.force_login(make_user())
    age_session(client, signed_in_ago=600, seen_ago=30)
    seen = client.session[signin.SEEN_AT]

    client.get("/")

    assert client.session[signin.SEEN_AT] == seen


def test_twelve_hours_after_sign_in_the_session_ends_however_active(client, make_user):
    client.force_login(make_user())
    age_session(client, signed_in_ago=12 * 3600, seen_ago=10)

    response = client.get("/")

    assert (response.status_code, response.url) == (302, "/accounts/login/?next=/")
    assert messages_of(response) == ["Signed out 12 hours after signing in. Please sign in again."]


def test_the_limits_come_from_the_settings(client, make_user, settings):
    settings.SESSION_IDLE_MINUTES = 5
    client.force_login(make_user())
    age_session(client, signed_in_ago=400, seen_ago=5 * 60)

    response = client.get("/")

    assert response.status_code == 302
    assert messages_of(response) == ["Signed out after 5 minutes without activity."]


def test_the_defaults_and_the_cookie_lifetime():
    assert (settings.SESSION_IDLE_MINUTES, settings.SESSION_MAX_HOURS) == (30, 12)
    assert settings.SESSION_COOKIE_AGE == 12 * 3600


def test_a_session_from_before_the_limits_starts_counting_now(client, make_user):
    client.force_login(make_user())
    session = client.session
    del session[signin.SIGNED_IN_AT], session[signin.SEEN_AT]
    session.save()

    assert client.get("/").status_code == 200

    assert now() - client.session[signin.SIGNED_IN_AT] <= 1


def test_a_disabled_account_is_signed_out_on_its_next_request(client, make_user):
    user = make_user()
    client.force_login(user)
    assert client.get("/").status_code == 200

    user.is_active = False
    user.save(update_fields=["is_active"])
    response = client.get("/")

    assert (response.status_code, response.url) == (302, "/accounts/login/?next=/")

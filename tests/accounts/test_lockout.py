"""Lockout after repeated failures (django-axes), for a cool-off time: per username and address, and at
higher limits per address (whatever the usernames) and per username (whatever the addresses)."""

import logging

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import authenticate
from django.db import connections
from django.utils import timezone

from tests.accounts.conftest import PASSWORD, sign_in


def signed_in_user_id(client) -> str | None:
    return client.session.get("_auth_user_id")


def test_the_fifth_wrong_password_locks_the_account_for_this_address(client, make_user):
    make_user("pat-tester")

    statuses = [sign_in(client, "pat-tester", "wrong guess").status_code for _ in range(5)]

    assert statuses == [200, 200, 200, 200, 429]
    response = sign_in(client, "pat-tester")  # even the right password is refused now
    assert response.status_code == 429
    assert signed_in_user_id(client) is None
    page = response.content.decode()
    assert "Too many failed sign-ins" in page
    assert "blocked for 15 minutes" in page
    assert "Try again after" in page
    assert "accounts/locked_out.html" in [template.name for template in response.templates]


def test_the_lockout_page_writes_the_time_in_the_reader_language(client, make_user):
    """In Korean the half of the day comes first: "오후 3:05", as every time in Korean on the site."""
    make_user("pat-tester")
    for _ in range(5):
        sign_in(client, "pat-tester", "wrong guess", HTTP_ACCEPT_LANGUAGE="ko")

    response = sign_in(client, "pat-tester", "wrong guess", HTTP_ACCEPT_LANGUAGE="ko")

    local = timezone.localtime(response.context["retry_at"])
    half = "오전" if local.hour < 12 else "오후"
    assert f"<strong>{half} {local.hour % 12 or 12}:{local:%M}(" in response.content.decode()


def test_a_lockout_holds_one_address_only(client, make_user):
    user = make_user("pat-tester")
    for _ in range(5):
        sign_in(client, "pat-tester", "wrong guess")

    response = sign_in(client, "pat-tester", REMOTE_ADDR="198.51.100.9")

    assert response.status_code == 302
    assert signed_in_user_id(client) == str(user.pk)


def test_after_the_cool_off_the_right_password_signs_in(client, make_user, time_machine):
    user = make_user("pat-tester")
    for _ in range(5):
        sign_in(client, "pat-tester", "wrong guess")
    time_machine.move_to(timezone.now() + settings.AXES_COOLOFF_TIME)

    response = sign_in(client, "pat-tester")

    assert response.status_code == 302
    assert signed_in_user_id(client) == str(user.pk)


def test_a_successful_sign_in_clears_the_failures(client, make_user):
    make_user("pat-tester")
    for _ in range(4):
        sign_in(client, "pat-tester", "wrong guess")
    assert AccessAttempt.objects.get(username="pat-tester").failures_since_start == 4

    assert sign_in(client, "pat-tester").status_code == 302

    assert not AccessAttempt.objects.filter(username="pat-tester").exists()


def test_limits_come_from_the_settings(client, make_user, settings):
    settings.AXES_FAILURE_LIMIT = 2
    make_user("pat-tester")

    statuses = [sign_in(client, "pat-tester", "wrong guess").status_code for _ in range(2)]

    assert statuses == [200, 429]


def test_the_defaults_are_five_thirty_and_fifteen_failures_and_fifteen_minutes():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_ADDRESS_FAILURE_LIMIT == 30
    assert settings.AXES_USERNAME_FAILURE_LIMIT == 15
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"], ["ip_address"], ["username"]]


SPRAYER = "203.0.113.7"


def spray(client, count: int, *, address: str = SPRAYER) -> list[int]:
    """One wrong password for each of `count` usernames, none of which exists, from one address."""
    return [sign_in(client, f"guess-{n}", "wrong guess", REMOTE_ADDR=address).status_code for n in range(count)]


def test_one_address_trying_many_usernames_is_locked_at_the_address_limit_and_not_before(client, make_user):
    user = make_user("pat-tester")
    limit = settings.AXES_ADDRESS_FAILURE_LIMIT

    statuses = spray(client, limit)

    assert statuses == [200] * (limit - 1) + [429]
    assert sign_in(client, "pat-tester", REMOTE_ADDR=SPRAYER).status_code == 429  # any username, the right password
    assert signed_in_user_id(client) is None
    assert sign_in(client, "pat-tester", REMOTE_ADDR="198.51.100.9").status_code == 302  # another address may
    assert signed_in_user_id(client) == str(user.pk)


def test_one_username_tried_from_many_addresses_is_locked_at_the_username_limit_and_not_before(client, make_user):
    make_user("pat-tester")
    other = make_user("sam-tester")
    limit = settings.AXES_USERNAME_FAILURE_LIMIT
    addresses = [f"198.51.100.{n}" for n in range(limit)]  # one failure from each: no address or pair near a limit

    statuses = [sign_in(client, "pat-tester", "wrong guess", REMOTE_ADDR=address).status_code for address in addresses]

    assert statuses == [200] * (limit - 1) + [429]
    assert sign_in(client, "pat-tester", REMOTE_ADDR="192.0.2.200").status_code == 429  # from anywhere, rightly typed
    assert signed_in_user_id(client) is None
    assert sign_in(client, "sam-tester", REMOTE_ADDR=addresses[0]).status_code == 302  # other usernames may
    assert signed_in_user_id(client) == str(other.pk)


def test_an_address_lockout_shows_the_lockout_page_and_is_logged(client, db, caplog):
    caplog.set_level(logging.INFO, logger="council_desk.security")
    limit = settings.AXES_ADDRESS_FAILURE_LIMIT
    spray(client, limit - 1)
    caplog.clear()

    response = sign_in(client, "guess-last", "wrong guess", REMOTE_ADDR=SPRAYER)

    assert response.status_code == 429
    assert "accounts/locked_out.html" in [template.name for template in response.templates]
    assert "Too many failed sign-ins" in response.content.decode()
    assert [record.getMessage() for record in caplog.records if record.name == "council_desk.security"] == [
        f"locked out user=guess-last address={SPRAYER} path=/accounts/login/",  # in the pair's order too
        f"sign-in failed user=guess-last address={SPRAYER} path=/accounts/login/",
    ]


def test_a_username_lockout_shows_the_lockout_page_and_is_logged(client, make_user, caplog):
    caplog.set_level(logging.INFO, logger="council_desk.security")
    make_user("pat-tester")
    limit = settings.AXES_USERNAME_FAILURE_LIMIT
    for n in range(limit - 1):
        sign_in(client, "pat-tester", "wrong guess", REMOTE_ADDR=f"198.51.100.{n}")
    caplog.clear()

    response = sign_in(client, "pat-tester", "wrong guess", REMOTE_ADDR="192.0.2.200")

    assert response.status_code == 429
    assert "accounts/locked_out.html" in [template.name for template in response.templates]
    assert [record.getMessage() for record in caplog.records if record.name == "council_desk.security"] == [
        "locked out user=pat-tester address=192.0.2.200 path=/accounts/login/",
        "sign-in failed user=pat-tester address=192.0.2.200 path=/accounts/login/",
    ]


def test_signing_in_to_ones_own_account_does_not_clear_an_addresss_other_failures(client, make_user):
    """Else anyone with an account could try passwords on others' and wipe the count with their own."""
    make_user("pat-tester")
    limit = settings.AXES_ADDRESS_FAILURE_LIMIT
    spray(client, limit - 1)

    assert sign_in(client, "pat-tester", REMOTE_ADDR=SPRAYER).status_code == 302
    client.logout()

    assert spray(client, 1) == [429]


def test_the_address_and_username_limits_come_from_the_settings(client, make_user, settings):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 7
    settings.AXES_USERNAME_FAILURE_LIMIT = 6
    make_user("pat-tester")

    assert spray(client, 7) == [200] * 6 + [429]
    by_address = [sign_in(client, "pat-tester", "x", REMOTE_ADDR=f"198.51.100.{n}").status_code for n in range(6)]
    assert by_address == [200] * 5 + [429]


@pytest.mark.django_db(transaction=True)
def test_a_failed_attempt_is_committed_at_once_not_held_in_the_request_transaction(client, make_user):
    """Requests run without a surrounding transaction (ATOMIC_REQUESTS off), so axes' write is committed
    before the response: a second database connection, like another worker's, already sees it."""
    make_user("pat-tester")
    assert settings.DATABASES["default"]["ATOMIC_REQUESTS"] is False

    sign_in(client, "pat-tester", "wrong guess")

    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute(
                f"SELECT username, failures_since_start FROM {AccessAttempt._meta.db_table}"  # noqa: S608
            )
            assert cursor.fetchall() == [("pat-tester", 1)]
    finally:
        other.close()


def test_authenticate_without_a_request_still_checks_the_password(make_user):
    """A shell or a management command has no address to lock; the password is checked all the same."""
    user = make_user("pat-tester")

    assert authenticate(username="pat-tester", password=PASSWORD) == user
    assert authenticate(username="pat-tester", password="wrong guess") is None

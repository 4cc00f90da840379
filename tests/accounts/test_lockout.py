"""Lockout after repeated failures (django-axes): per username and address, for a cool-off time."""

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
    assert "registration/locked_out.html" in [template.name for template in response.templates]


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


def test_the_defaults_are_five_failures_and_fifteen_minutes():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


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

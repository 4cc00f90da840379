"""Password rules: Django's validators, 12 characters at least; changing one needs the current one."""

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.accounts.conftest import PASSWORD


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("short-pass1", "password_too_short"),  # 11 characters
        ("password1234", "password_too_common"),
        ("830574926153", "password_entirely_numeric"),
        ("pat-tester-1990", "password_too_similar"),
    ],
)
def test_each_validator_refuses_its_kind_of_weak_password(make_user, password, code):
    user = make_user("pat-tester")
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user)
    assert code in [error.code for error in refused.value.error_list]


def test_a_long_uncommon_password_passes(make_user):
    assert validate_password(PASSWORD, make_user("pat-tester")) is None


def test_the_demo_password_meets_the_rules_too(demo_user):
    """load_demo sets it without the validators (make_password); it would pass them all the same."""
    assert validate_password(settings.DEMO_PASSWORD, demo_user("secretariat-seoul")) is None


def test_changing_the_password_needs_the_current_one(client, make_user):
    user = make_user("pat-tester")
    client.force_login(user)
    new = {"new_password1": "another calm evening 77", "new_password2": "another calm evening 77"}

    response = client.post("/accounts/password/", {"old_password": "not my password", **new})

    assert response.status_code == 200
    assert response.context["form"].errors["old_password"] == [
        "Your old password was entered incorrectly. Please enter it again."
    ]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)

    response = client.post("/accounts/password/", {"old_password": PASSWORD, **new})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("another calm evening 77")


def test_a_new_password_must_meet_the_rules(client, make_user):
    user = make_user("pat-tester")
    client.force_login(user)

    response = client.post(
        "/accounts/password/", {"old_password": PASSWORD, "new_password1": "tooshort", "new_password2": "tooshort"}
    )

    assert response.status_code == 200
    assert (
        "This password is too short. It must contain at least 12 characters."
        in response.context["form"].errors["new_password2"]
    )
    user.refresh_from_db()
    assert user.check_password(PASSWORD)

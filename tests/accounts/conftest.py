"""Accounts of these tests' own: wrong passwords here never lock out a demo account."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import signin

PASSWORD = "quiet harbour lantern 42"


@pytest.fixture
def make_user(db):
    def make(username: str = "pat-tester", **extra):
        return get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)

    return make


@pytest.fixture
def device_of(db):
    def make(user) -> TOTPDevice:
        return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)

    return make


@pytest.fixture
def recovery_codes_of(db):
    def make(user) -> list[str]:
        return signin.replace_recovery_codes(user=user)

    return make


def code_for(key_hex: str, *, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows now for this key (or that many 30-second steps later)."""
    totp = TOTP(bytes.fromhex(key_hex))
    totp.time = timezone.now().timestamp() + 30 * steps_ahead
    return f"{totp.token():06d}"


def sign_in(client, username: str, password: str = PASSWORD, **extra):
    return client.post("/accounts/login/", {"username": username, "password": password}, **extra)


def past_the_wait() -> None:
    """After a wrong code django-otp checks no code for 1, 2, 4… seconds: as if that time had passed."""
    TOTPDevice.objects.update(throttling_failure_timestamp=None)
    StaticDevice.objects.update(throttling_failure_timestamp=None)

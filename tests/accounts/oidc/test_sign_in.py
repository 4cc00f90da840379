"""Sign-in through a city's real OpenID Connect provider (conftest: provider/server.js)."""

import pytest
from django.urls import reverse

from accounts.models import ExternalAccount
from council.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def kim(demo_user):
    """The Seoul secretariat's demo user, whose person the secretariat gave kim's employee id, with an
    authenticator app: a password sign-in would ask for its code."""
    user = demo_user("secretariat-seoul")
    Person.objects.filter(pk=user.person.pk).update(employee_id="SEOUL-0042")
    return user


def test_sign_in_lands_home_without_the_local_two_factor(city_provider, browser, kim, settings, device_of):
    settings.OTP_REQUIRED_FOR_STAFF = True
    device_of(kim)

    response = browser.sign_in("kim")

    assert (response.status_code, response.url) == (302, reverse("home"))
    home = browser.client.get(reverse("home"))
    assert home.status_code == 200 and home.context["user"] == kim
    assert list(ExternalAccount.objects.values_list("user", "service", "subject")) == [(kim.pk, "seoul", "kim")]

"""A person signed in through their city's provider is asked about again after
OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS, on their next page: out if the provider no longer signs them in."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts import signin
from council.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(city_provider, browser, demo_user):
    user = demo_user("lead-economy-seoul")
    Person.objects.filter(pk=user.person.pk).update(employee_id="SEOUL-0042")
    assert browser.sign_in("kim").url == reverse("home")
    return user


def later(settings):
    """Just past the recheck, well within the session's idle limit."""
    assert settings.OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS + 1 < settings.SESSION_IDLE_MINUTES * 60
    return time_machine.travel(timezone.now() + timedelta(seconds=settings.OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS + 1))


def test_before_the_recheck_is_due_the_provider_is_not_asked(signed_in, browser, city_provider):
    city_provider.disable("kim")

    assert browser.client.get(reverse("home")).context["user"] == signed_in


def test_a_person_disabled_at_the_provider_is_out_on_the_next_page(signed_in, browser, city_provider, settings, caplog):
    city_provider.disable("kim")

    with later(settings):
        page = browser.client.get(reverse("teams:exchange-list"))
        assert page.status_code == 302 and page.url.startswith(city_provider.issuer + "/auth?")
        assert "prompt=none" in page.url
        answer = browser.client.get(browser.through_provider(page.url))

        assert (answer.status_code, answer.url) == (302, reverse("login"))
        again = browser.client.get(reverse("home"))
        assert again.status_code == 302 and again.url.startswith(reverse("login"))
    assert f"seoul no longer signs in user {signed_in.pk} ('login_required'): signed out" in caplog.text


def test_a_person_still_enabled_stays_in_with_the_same_session_clock(signed_in, browser, settings):
    signed_in_at = browser.client.session[signin.SIGNED_IN_AT]

    with later(settings):
        page = browser.client.get(reverse("teams:exchange-list") + "?status=planned")
        answer = browser.client.get(browser.through_provider(page.url))

        assert (answer.status_code, answer.url) == (302, reverse("teams:exchange-list") + "?status=planned")
        assert browser.client.get(answer.url).context["user"] == signed_in
    assert browser.client.session[signin.SIGNED_IN_AT] == signed_in_at


def test_a_person_signed_in_with_a_password_is_never_sent_to_a_provider(city_provider, client, demo_user, settings):
    client.force_login(demo_user("lead-economy-seoul"))

    with later(settings):
        assert client.get(reverse("home")).status_code == 200


def test_a_person_made_inactive_here_is_out_on_the_very_next_request(signed_in, browser):
    type(signed_in).objects.filter(pk=signed_in.pk).update(is_active=False)

    page = browser.client.get(reverse("home"))

    assert page.status_code == 302 and page.url.startswith(reverse("login"))


def test_a_provider_no_longer_configured_signs_its_people_out(signed_in, browser, settings):
    settings.OIDC_PROVIDERS = {}

    page = browser.client.get(reverse("home"))

    assert page.status_code == 302 and page.url.startswith(reverse("login"))
    login = browser.client.get(page.url)
    assert "Your city&#x27;s sign-in service has changed." in login.content.decode()
    assert login.context["user"].is_anonymous

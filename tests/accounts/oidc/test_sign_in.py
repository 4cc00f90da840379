"""Sign-in through a city's real OpenID Connect provider (conftest: provider/server.js)."""

from datetime import timedelta
from urllib.parse import quote

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from accounts.linking import NO_PERSON
from accounts.models import ExternalAccount
from council.models import Person, User
from tests.accounts.conftest import PASSWORD, sign_in

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


def test_the_next_page_asked_for_is_where_the_sign_in_lands(city_provider, browser, kim):
    response = browser.sign_in("kim", next_url=reverse("profile"))

    assert (response.status_code, response.url) == (302, reverse("profile"))


def test_an_unknown_person_is_refused_in_their_language_and_nothing_is_made(city_provider, browser, caplog):
    browser.client.cookies["django_language"] = "ko"
    people, users = list(Person.objects.values_list("pk", "user", "employee_id", "email")), User.objects.count()

    response = browser.sign_in("stranger")

    assert (response.status_code, response.url) == (302, reverse("login"))
    page = browser.client.get(response.url)
    assert '<html lang="ko"' in page.content.decode()
    with translation.override("ko"):
        assert escape(str(NO_PERSON)) in page.content.decode()
    assert page.context["user"].is_anonymous
    assert list(Person.objects.values_list("pk", "user", "employee_id", "email")) == people
    assert (User.objects.count(), ExternalAccount.objects.count()) == (users, 0)
    assert "sign-in refused: seoul account 'stranger' (employee id 'SEOUL-9999'" in caplog.text


def test_a_verified_email_links_a_person_without_an_employee_id(city_provider, browser, demo_user):
    user = demo_user("lead-economy-seoul")
    Person.objects.filter(pk=user.person.pk).update(email="park.jiwoo@seoul.example")

    response = browser.sign_in("park")

    assert (response.status_code, response.url) == (302, reverse("home"))
    assert browser.client.get(reverse("home")).context["user"] == user


def test_a_city_sign_in_links_only_people_of_that_city(city_provider, browser, demo_user):
    beijing = demo_user("secretariat-beijing")
    Person.objects.filter(pk=beijing.person.pk).update(employee_id="SEOUL-0042")

    response = browser.sign_in("kim")

    assert (response.status_code, response.url) == (302, reverse("login"))
    assert browser.client.get(reverse("login")).context["user"].is_anonymous
    assert ExternalAccount.objects.count() == 0


def test_a_callback_works_once(city_provider, browser, kim):
    start = browser.client.get(reverse("oidc_sign_in", args=["seoul"]))
    callback = browser.through_provider(start.url, account="kim")
    browser.client.get(callback)
    browser.client.logout()

    again = browser.client.get(callback)

    assert (again.status_code, again.url) == (302, reverse("login"))
    assert browser.client.get(reverse("login")).context["user"].is_anonymous
    assert ExternalAccount.objects.get().last_sign_in_at is not None


@pytest.mark.parametrize(
    ("mode", "reason"),
    [("tamper", "Signature verification failed"), ("audience", "Audience doesn't match")],
)
def test_an_id_token_tampered_with_or_for_another_client_is_refused(city_provider, browser, kim, caplog, mode, reason):
    city_provider.next_id_token(mode)

    response = browser.sign_in("kim")

    assert (response.status_code, response.url) == (302, reverse("login"))
    page = browser.client.get(response.url)
    assert page.context["user"].is_anonymous
    assert "Your city&#x27;s sign-in service could not sign you in." in page.content.decode()
    assert ExternalAccount.objects.count() == 0
    assert f"sign-in through seoul refused: SuspiciousOperation: ID token refused: {reason}" in caplog.text


def test_an_expired_id_token_is_refused(city_provider, browser, kim, caplog):
    start = browser.client.get(reverse("oidc_sign_in", args=["seoul"]))
    callback = browser.through_provider(start.url, account="kim")

    # The provider's ID tokens last an hour (oidc-provider's default): this one arrives two hours late.
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        response = browser.client.get(callback)
        assert (response.status_code, response.url) == (302, reverse("login"))
        assert browser.client.get(reverse("login")).context["user"].is_anonymous

    assert ExternalAccount.objects.count() == 0
    assert "ID token refused: Signature has expired" in caplog.text


def test_an_answer_naming_another_issuer_is_refused(city_provider, browser, kim, caplog):
    start = browser.client.get(reverse("oidc_sign_in", args=["seoul"]))
    callback = browser.through_provider(start.url, account="kim")
    assert f"iss={quote(city_provider.issuer, safe='')}" in callback

    response = browser.client.get(callback.replace("iss=http", "iss=https"))

    assert (response.status_code, response.url) == (302, reverse("login"))
    assert browser.client.get(reverse("login")).context["user"].is_anonymous
    assert ExternalAccount.objects.count() == 0
    assert "sign-in through seoul answered by issuer 'https://127.0.0.1" in caplog.text


def test_the_password_sign_in_still_asks_for_the_local_code_after_a_provider_session(
    city_provider, browser, kim, device_of
):
    device_of(kim)
    kim.set_password(PASSWORD)
    kim.save()
    browser.sign_in("kim")
    browser.client.post(reverse("logout"))

    response = sign_in(browser.client, kim.username)

    assert (response.status_code, response.url) == (302, reverse("home"))
    assert browser.client.get(reverse("home")).url.startswith(reverse("login_verify"))


def test_cancelling_at_the_provider_signs_no_one_in(city_provider, browser, kim, caplog):
    response = browser.sign_in(None)

    assert (response.status_code, response.url) == (302, reverse("login"))
    page = browser.client.get(response.url)
    assert page.context["user"].is_anonymous
    assert "Your city&#x27;s sign-in service did not sign you in." in page.content.decode()
    assert ExternalAccount.objects.count() == 0
    assert "sign-in through seoul refused by the provider: 'access_denied'" in caplog.text


def test_a_local_session_starting_a_provider_sign_in_and_cancelling_stays_signed_in(city_provider, browser, kim):
    browser.client.force_login(kim)

    browser.sign_in(None)

    assert browser.client.get(reverse("home")).context["user"] == kim

"""The providers as the environment describes them, and the login page's buttons (no provider needed)."""

import environ
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from config.oidc import oidc_providers_from_env

SEOUL = {
    "OIDC_PROVIDERS": "seoul",
    "OIDC_SEOUL_CITY": "SEL",
    "OIDC_SEOUL_ISSUER": "https://id.seoul.example",
    "OIDC_SEOUL_AUTHORIZATION_ENDPOINT": "https://id.seoul.example/auth",
    "OIDC_SEOUL_TOKEN_ENDPOINT": "https://id.seoul.example/token",
    "OIDC_SEOUL_USERINFO_ENDPOINT": "https://id.seoul.example/userinfo",
    "OIDC_SEOUL_JWKS_ENDPOINT": "https://id.seoul.example/jwks",
    "OIDC_SEOUL_CLIENT_ID": "council-desk",
    "OIDC_SEOUL_CLIENT_SECRET": "s3cret",
}


def providers_from(monkeypatch, variables: dict) -> dict:
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return oidc_providers_from_env(environ.Env())


def test_none_by_default(monkeypatch):
    monkeypatch.delenv("OIDC_PROVIDERS", raising=False)

    assert oidc_providers_from_env(environ.Env()) == {}


def test_a_provider_with_its_defaults(monkeypatch):
    assert providers_from(monkeypatch, SEOUL) == {
        "seoul": {
            "city_code": "SEL",
            "issuer": "https://id.seoul.example",
            "authorization_endpoint": "https://id.seoul.example/auth",
            "token_endpoint": "https://id.seoul.example/token",
            "userinfo_endpoint": "https://id.seoul.example/userinfo",
            "jwks_endpoint": "https://id.seoul.example/jwks",
            "client_id": "council-desk",
            "client_secret": "s3cret",
            "scopes": "openid email profile",
            "employee_id_claim": "employee_id",
            "sign_algo": "RS256",
        }
    }


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"OIDC_SEOUL_CLIENT_SECRET": ""}, "OIDC_SEOUL_CLIENT_SECRET must be set"),
        ({"OIDC_PROVIDERS": "seoul,beijing"}, "OIDC_BEIJING_CITY must be set"),
        ({"OIDC_PROVIDERS": "Seoul"}, "'Seoul' is not a name"),
        ({"OIDC_SEOUL_TOKEN_ENDPOINT": "http://id.seoul.example/token"}, "TOKEN_ENDPOINT must be an https:// address"),
        ({"OIDC_SEOUL_SIGN_ALGO": "HS256"}, "SIGN_ALGO must be an asymmetric algorithm"),
        ({"OIDC_SEOUL_SCOPES": "email profile"}, "SCOPES must include openid"),
    ],
)
def test_a_provider_described_wrongly_stops_the_start(monkeypatch, changes, error):
    with pytest.raises(ImproperlyConfigured, match=error):
        providers_from(monkeypatch, {**SEOUL, **changes})


def test_a_provider_on_this_machine_may_be_plain_http(monkeypatch):
    local = {name: value.replace("https://id.seoul.example", "http://127.0.0.1:9000") for name, value in SEOUL.items()}

    assert providers_from(monkeypatch, local)["seoul"]["token_endpoint"] == "http://127.0.0.1:9000/token"


@pytest.mark.django_db
def test_without_providers_the_login_page_has_the_password_form_only(client):
    page = client.get(reverse("login"))

    assert page.status_code == 200 and "Sign in with" not in page.content.decode()
    assert client.get(reverse("oidc_sign_in", args=["seoul"])).status_code == 404


@pytest.mark.django_db
def test_each_provider_has_a_button_with_its_city_in_the_readers_language(client, settings):
    settings.OIDC_PROVIDERS = {
        "beijing": {**_provider("BJS"), "client_id": "beijing-client"},
        "seoul": _provider("SEL"),
    }
    client.cookies["django_language"] = "ko"

    page = client.get(reverse("login") + "?next=/exchanges/")

    text = page.content.decode()
    assert text.index("베이징") < text.index("서울") < text.index('name="password"')
    assert 'href="/accounts/oidc/seoul/?next=/exchanges/"' in text
    assert 'href="/accounts/oidc/beijing/?next=/exchanges/"' in text


def _provider(city_code: str) -> dict:
    return {
        "city_code": city_code,
        "issuer": "https://id.example",
        "authorization_endpoint": "https://id.example/auth",
        "token_endpoint": "https://id.example/token",
        "userinfo_endpoint": "https://id.example/userinfo",
        "jwks_endpoint": "https://id.example/jwks",
        "client_id": "council-desk",
        "client_secret": "s3cret",
        "scopes": "openid email profile",
        "employee_id_claim": "employee_id",
        "sign_algo": "RS256",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("cities", [["SEL"], ["SEL", "BJS"]])
def test_the_buttons_cost_one_query_for_any_number_of_providers(client, settings, django_assert_num_queries, cities):
    settings.OIDC_PROVIDERS = {code.lower(): _provider(code) for code in cities}

    with django_assert_num_queries(1):
        page = client.get(reverse("login"))

    assert page.content.decode().count("/accounts/oidc/") == len(cities)

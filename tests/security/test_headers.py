"""Response headers of an ordinary page, and the production-only ones (ASVS V3.4: browser security headers)."""

import json

from django.urls import reverse

from tests.test_deploy_settings import PRODUCTION_ENV, manage

# The whole policy. django-csp writes the directives in no fixed order (it walks a set), so the header is
# compared directive by directive, and nothing more may be in it.
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def directives(policy: str) -> dict[str, str]:
    parts = [part.strip().split(" ", 1) for part in policy.split(";")]
    return {name: sources for name, sources in parts}


def test_a_signed_in_page_carries_the_policy_and_the_other_security_headers(client, demo_user):
    client.force_login(demo_user("lead-economy-seoul"))

    response = client.get(reverse("teams:exchange-list"))

    assert response.status_code == 200
    assert directives(response["Content-Security-Policy"]) == directives(POLICY)
    assert "Content-Security-Policy-Report-Only" not in response
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_the_sign_in_page_carries_the_policy_too(client):
    response = client.get(reverse("login"))

    assert directives(response["Content-Security-Policy"]) == directives(POLICY)
    assert response["X-Frame-Options"] == "DENY"


def test_no_template_has_inline_script_or_style(client, demo_user):
    """The pages the policy governs: no <style>, no style="" and no script body except JSON data."""
    client.force_login(demo_user("secretariat-seoul"))

    for name in ("home", "dashboard", "teams:exchange-list", "teams:plan-list", "assemblies:list"):
        page = client.get(reverse(name)).content.decode()
        assert "<style" not in page and " style=" not in page, name
        scripts = page.split("<script")[1:]
        assert all(" src=" in s.split(">", 1)[0] or 'type="application/json"' in s.split(">", 1)[0] for s in scripts)


def production_settings() -> dict:
    code = (
        "import json; from django.conf import settings as s; from csp.utils import build_policy; print(json.dumps("
        "{'session': s.SESSION_COOKIE_NAME, 'csrf': s.CSRF_COOKIE_NAME, 'session_secure': s.SESSION_COOKIE_SECURE,"
        " 'csrf_secure': s.CSRF_COOKIE_SECURE, 'hsts': s.SECURE_HSTS_SECONDS, 'policy': build_policy()}))"
    )
    result = manage("shell", "--no-imports", "-c", code, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_uses_secure_prefixed_cookies_hsts_for_a_year_and_the_same_policy():
    production = production_settings()

    assert directives(production.pop("policy")) == directives(POLICY)
    assert production == {
        "session": "__Secure-sessionid",
        "csrf": "__Secure-csrftoken",
        "session_secure": True,
        "csrf_secure": True,
        "hsts": 31_536_000,
    }


def test_development_keeps_the_plain_cookie_names_for_plain_http(settings):
    # The test settings run with DEBUG on, as `make run` does.
    assert (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME) == ("sessionid", "csrftoken")

"""A real OpenID Connect provider for the sign-in tests: provider/server.js (the certified
`oidc-provider` npm package, installed by `make oidc-provider`), started once per test process on a
free loopback port. Without node or the package the tests skip, and fail in CI (CI=true).

The person's browser is two clients: Django's test client for Council Desk, and a requests session
for the provider, which keeps the provider's own cookies (its session, which prompt=none asks about).
"""

import json
import os
import select
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from django.urls import reverse

PROVIDER_DIR = Path(__file__).parent / "provider"
CALLBACK = "http://testserver/accounts/oidc/callback/"
SEOUL_CODE = "SEL"


def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must run the OpenID Connect tests: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def provider_issuer(tmp_path_factory):
    node = shutil.which("node")
    if node is None or not (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir():
        _unavailable("needs node and the test provider's packages (make oidc-provider)")
    log_path = tmp_path_factory.mktemp("oidc-provider") / "stderr.log"
    with log_path.open("w") as log:
        process = subprocess.Popen([node, "server.js"], cwd=PROVIDER_DIR, stdout=subprocess.PIPE, stderr=log, text=True)
    ready, _, _ = select.select([process.stdout], [], [], 20)
    line = process.stdout.readline() if ready else ""
    if not line:
        process.kill()
        pytest.fail(f"the test provider did not start: {log_path.read_text()}")
    yield json.loads(line)["issuer"]
    process.terminate()
    process.wait(timeout=10)


class TestProvider:
    """The running provider, its test hooks, and the settings that point Council Desk at it."""

    def __init__(self, issuer: str):
        self.issuer = issuer

    def settings(self, **changes) -> dict:
        return {
            "city_code": SEOUL_CODE,
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/auth",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/me",
            "jwks_endpoint": f"{self.issuer}/jwks",
            "client_id": "council-desk",
            "client_secret": "council-desk-secret",
            "scopes": "openid email profile",
            "employee_id_claim": "employee_id",
            "sign_algo": "RS256",
            **changes,
        }

    def hook(self, *parts: str) -> None:
        requests.post("/".join([self.issuer, "test", *parts]), timeout=5).raise_for_status()

    def disable(self, account: str) -> None:
        self.hook("disable", account)

    def next_id_token(self, mode: str) -> None:
        """The next token response's ID token: "tamper" (one bit of its signature flipped) or
        "audience" (issued by the provider, with its key, to another of its clients)."""
        self.hook("next-token", mode)


@pytest.fixture
def city_provider(provider_issuer, settings) -> TestProvider:
    """Seoul's provider, the only one configured."""
    provider = TestProvider(provider_issuer)
    provider.hook("reset")
    settings.OIDC_PROVIDERS = {"seoul": provider.settings()}
    return provider


class Browser:
    """One person's browser: Council Desk through the test client, the provider through requests."""

    def __init__(self, client):
        self.client = client
        self.at_provider = requests.Session()

    def sign_in(self, account: str | None, *, next_url: str = ""):
        """From the login page's button to Council Desk's answer to the callback."""
        start = self.client.get(reverse("oidc_sign_in", args=["seoul"]), {"next": next_url} if next_url else {})
        assert start.status_code == 302, start
        return self.client.get(self.through_provider(start.url, account=account))

    def through_provider(self, url: str, *, account: str | None = None) -> str:
        """Follows the provider's redirects, signing in as `account` when asked (None: cancelling, if
        asked); the callback address it sends the browser back to."""
        for _ in range(10):
            if url.startswith(CALLBACK):
                return url.removeprefix("http://testserver")
            path = urlsplit(url).path
            if path.startswith("/interaction/"):
                step = "login" if account else "abort"
                response = self.at_provider.post(
                    f"{url.split('?')[0]}/{step}", data={"login": account or ""}, timeout=5, allow_redirects=False
                )
            else:
                response = self.at_provider.get(url, timeout=5, allow_redirects=False)
            assert response.status_code in (302, 303), (response.status_code, response.text[:500])
            url = requests.compat.urljoin(url, response.headers["Location"])
        raise AssertionError("the provider never sent the browser back")


@pytest.fixture
def browser(client) -> Browser:
    return Browser(client)

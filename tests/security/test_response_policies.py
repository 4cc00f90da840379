"""Headers every response carries: nothing a signed-in person sees is kept by a cache
(`Cache-Control: private, no-store`), and no page may use the browser's devices and sensors
(`Permissions-Policy`).

The cache headers of every page of the URL × role table, for each signed-in role, are checked in the
request that checks the page's status (tests/test_url_roles.py, tests/security/policies.py); that the
walk covers pages and downloads is checked here."""

import pytest

from tests.security.policies import cache_directives
from tests.test_url_roles import CASES

GETS = [case for case in CASES if case[1] == "get"]

# Written out here, not taken from the code under test.
REFUSED_FEATURES = {
    "accelerometer",
    "autoplay",
    "browsing-topics",
    "camera",
    "display-capture",
    "encrypted-media",
    "gamepad",
    "geolocation",
    "gyroscope",
    "hid",
    "identity-credentials-get",
    "idle-detection",
    "local-fonts",
    "magnetometer",
    "microphone",
    "midi",
    "otp-credentials",
    "payment",
    "picture-in-picture",
    "publickey-credentials-create",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "window-management",
    "xr-spatial-tracking",
}


def permissions(response) -> dict[str, str]:
    features = [part.strip().split("=", 1) for part in response["Permissions-Policy"].split(",")]
    return {name: allowed for name, allowed in features}


def test_the_walk_covers_pages_and_attachment_downloads():
    names = {name for name, *_ in GETS}

    assert {"teams:exchange-attachment", "secretariat:correspondence-attachment", "dashboard", "home"} <= names


def test_a_signed_out_response_is_left_as_its_view_made_it(client, db):
    response = client.get("/no-such-page/")

    assert (response.status_code, response.get("Cache-Control")) == (404, None)


def test_a_static_file_keeps_whitenoises_caching_for_a_signed_in_reader(client, demo_user, settings, tmp_path):
    """WhiteNoise answers before the session is read: the long caching of static files stays."""
    (tmp_path / "site.css").write_text("body { margin: 0; }")
    settings.STATIC_ROOT, settings.WHITENOISE_MAX_AGE = tmp_path, 31_536_000
    client.force_login(demo_user("secretariat-seoul"))

    response = client.get("/static/site.css")

    assert response.status_code == 200
    assert cache_directives(response) == {"max-age=31536000", "public"}


@pytest.mark.parametrize(
    ("username", "path"),
    [(None, "/accounts/login/"), (None, "/healthz"), (None, "/no-such-page/"), ("lead-economy-seoul", "/exchanges/")],
)
def test_every_response_refuses_the_devices_and_sensors_the_app_never_uses(client, demo_user, username, path):
    if username:
        client.force_login(demo_user(username))

    response = client.get(path)

    assert permissions(response) == dict.fromkeys(REFUSED_FEATURES, "()")


def test_a_static_file_carries_the_permissions_policy_too(client, settings, tmp_path):
    (tmp_path / "site.css").write_text("body { margin: 0; }")
    settings.STATIC_ROOT = tmp_path

    response = client.get("/static/site.css")

    assert permissions(response) == dict.fromkeys(REFUSED_FEATURES, "()")

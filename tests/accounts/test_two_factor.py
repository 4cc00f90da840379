"""Two-factor sign-in (TOTP): set up from the profile, asked after the password, and required of
secretariat staff and administrators when OTP_REQUIRED_FOR_STAFF is on."""

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import signin
from tests.accounts.conftest import PASSWORD, code_for, past_the_wait, sign_in
from tests.test_deploy_settings import PRODUCTION_ENV, manage


@pytest.fixture
def required(settings):
    settings.OTP_REQUIRED_FOR_STAFF = True


# Setting up ----------------------------------------------------------------------------------------


def test_the_setup_page_shows_the_key_as_text_and_as_a_qr_code(client, make_user):
    client.force_login(make_user("pat-tester"))

    response = client.get("/accounts/two-factor/")

    key = client.session[signin.NEW_KEY]
    page = response.content.decode()
    assert response.status_code == 200
    assert signin.secret_for_people(key) in page
    assert '<svg width="' in page and "QR code for your authenticator app" in page
    assert " style=" not in page  # the Content-Security-Policy allows no inline style
    assert not TOTPDevice.objects.exists()  # nothing is stored until a code confirms the key
    assert client.get("/accounts/two-factor/").context["secret"] == signin.secret_for_people(key)


def test_a_code_from_the_key_turns_two_factor_on(client, make_user):
    user = make_user("pat-tester")
    client.force_login(user)
    client.get("/accounts/two-factor/")
    key = client.session[signin.NEW_KEY]

    response = client.post("/accounts/two-factor/", {"code": code_for(key)})

    assert response.status_code == 200  # the page with the recovery codes, shown this once
    assert "Two-factor sign-in is on" in response.content.decode()
    device = TOTPDevice.objects.get(user=user)
    assert (device.key, device.confirmed) == (key, True)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id  # this session counts as verified
    assert signin.NEW_KEY not in client.session
    assert "Two-factor sign-in is on" in client.get("/accounts/two-factor/").content.decode()


def test_a_wrong_code_keeps_two_factor_off(client, make_user):
    user = make_user("pat-tester")
    client.force_login(user)
    client.get("/accounts/two-factor/")
    key = client.session[signin.NEW_KEY]

    response = client.post("/accounts/two-factor/", {"code": code_for(key, steps_ahead=10)})

    assert response.status_code == 200
    assert response.context["form"].errors["code"] == [
        "This code does not match. Check that your phone's clock is right and try the next code."
    ]
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert client.session[signin.NEW_KEY] == key


@pytest.mark.parametrize("code", ["", "12345", "1234567", "abcdef", "１２３４５６", "<script>", "1" * 5000])
def test_malformed_codes_are_explained(client, make_user, code):
    client.force_login(make_user("pat-tester"))

    response = client.post("/accounts/two-factor/", {"code": code})

    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert not TOTPDevice.objects.exists()


def test_a_current_code_turns_two_factor_off(client, make_user, device_of):
    user = make_user("pat-tester")
    device = device_of(user)
    client.force_login(user)
    client.post("/accounts/login/verify/", {"code": code_for(device.key)})

    refused = client.post("/accounts/two-factor/remove/", {"code": code_for(device.key, steps_ahead=10)})
    assert refused.status_code == 200
    assert refused.context["remove_form"].errors["code"]
    assert TOTPDevice.objects.filter(user=user).exists()
    past_the_wait()

    response = client.post("/accounts/two-factor/remove/", {"code": code_for(device.key, steps_ahead=1)})

    assert (response.status_code, response.url) == (302, "/accounts/two-factor/")
    assert not TOTPDevice.objects.filter(user=user).exists()


# Signing in ----------------------------------------------------------------------------------------


def test_with_a_device_sign_in_asks_for_a_code_after_the_password(client, make_user, device_of):
    device = device_of(make_user("pat-tester"))

    response = client.post(
        "/accounts/login/", {"username": "pat-tester", "password": PASSWORD, "next": "/accounts/profile/"}
    )
    assert response.url == "/accounts/profile/"
    response = client.get("/accounts/profile/")
    assert (response.status_code, response.url) == (302, "/accounts/login/verify/?next=/accounts/profile/")
    for elsewhere in ("/", "/exchanges/", "/accounts/two-factor/", "/admin/"):
        assert client.get(elsewhere).url.startswith("/accounts/login/verify/?next=")
    step_page = client.get("/accounts/login/verify/?next=/accounts/profile/").content.decode()
    assert 'id="user-menu"' not in step_page  # no menu of pages that cannot be opened yet

    wrong = client.post(
        "/accounts/login/verify/", {"code": code_for(device.key, steps_ahead=10), "next": "/accounts/profile/"}
    )
    assert wrong.status_code == 200
    assert wrong.context["form"].errors["code"] == [
        "This code is not right, or was used already. Enter the code your app shows now."
    ]

    past_the_wait()
    right = client.post("/accounts/login/verify/", {"code": code_for(device.key), "next": "/accounts/profile/"})
    assert (right.status_code, right.url) == (302, "/accounts/profile/")
    assert client.get("/accounts/profile/").status_code == 200


def test_a_code_right_after_a_wrong_one_is_not_checked_and_the_user_told_to_wait(client, make_user, device_of):
    user = make_user("pat-tester")
    device = device_of(user)
    client.force_login(user)
    client.post("/accounts/login/verify/", {"code": code_for(device.key, steps_ahead=10)})

    response = client.post("/accounts/login/verify/", {"code": code_for(device.key)})

    assert response.status_code == 200
    assert response.context["form"].errors["code"] == ["After a wrong code, wait 1 second before the next one."]
    assert client.get("/").url == "/accounts/login/verify/?next=/"


def test_a_code_cannot_be_used_twice(client, make_user, device_of):
    user = make_user("pat-tester")
    device = device_of(user)
    code = code_for(device.key)
    client.force_login(user)
    assert client.post("/accounts/login/verify/", {"code": code}).status_code == 302

    client.force_login(user)  # a second sign-in, with the code seen on the first
    response = client.post("/accounts/login/verify/", {"code": code})

    assert response.status_code == 200
    assert client.get("/").status_code == 302


def test_the_code_step_leads_off_site_nowhere(client, make_user, device_of):
    user = make_user("pat-tester")
    device = device_of(user)
    client.force_login(user)

    response = client.post("/accounts/login/verify/", {"code": code_for(device.key), "next": "https://evil.example/"})

    assert response.url == "/"


def test_the_code_step_can_be_left_by_signing_out(client, make_user, device_of):
    user = make_user("pat-tester")
    device_of(user)
    client.force_login(user)

    response = client.post("/accounts/logout/")

    assert (response.status_code, response.url) == (302, "/accounts/login/")
    assert "_auth_user_id" not in client.session


def test_wrong_codes_count_towards_the_lockout(client, make_user, device_of):
    user = make_user("pat-tester")
    device = device_of(user)
    sign_in(client, "pat-tester")
    wrong = code_for(device.key, steps_ahead=10)

    statuses = []
    for _ in range(5):
        past_the_wait()
        statuses.append(client.post("/accounts/login/verify/", {"code": wrong}).status_code)

    assert statuses == [200, 200, 200, 200, 429]
    assert "_auth_user_id" not in client.session
    assert sign_in(client, "pat-tester").status_code == 429


def test_without_the_setting_staff_sign_in_with_a_password_alone(client, demo_user):
    for username in ("secretariat-seoul", "admin"):
        client.force_login(demo_user(username))
        assert client.get("/").status_code == 200


# Required of secretariat staff and administrators --------------------------------------------------


@pytest.mark.usefixtures("required")
@pytest.mark.parametrize("username", ["secretariat-seoul", "secretariat-beijing", "admin"])
def test_required_roles_without_a_device_reach_only_the_setup_page(client, demo_user, username):
    client.force_login(demo_user(username))

    for path in ("/", "/exchanges/", "/secretariat/correspondence/", "/accounts/profile/", "/admin/"):
        response = client.get(path)
        assert (response.status_code, response.url) == (302, f"/accounts/two-factor/?next={path}")

    page = client.get("/accounts/two-factor/?next=/exchanges/")
    assert page.status_code == 200
    assert "Your role (secretariat or administrator) must use two-factor sign-in." in page.content.decode()
    assert client.post("/i18n/setlang/", {"language": "ko", "next": "/"}).status_code == 302


@pytest.mark.usefixtures("required")
def test_after_setting_up_a_required_user_goes_where_they_were_headed(client, demo_user):
    client.force_login(demo_user("secretariat-seoul"))
    client.get("/accounts/two-factor/?next=/exchanges/")
    key = client.session[signin.NEW_KEY]

    response = client.post("/accounts/two-factor/", {"code": code_for(key), "next": "/exchanges/"})

    assert response.status_code == 200  # the recovery codes first, then on
    assert response.context["continue_url"] == "/exchanges/"
    assert '<a class="btn btn-primary" href="/exchanges/">' in response.content.decode()
    assert client.get("/exchanges/").status_code == 200


@pytest.mark.usefixtures("required")
@pytest.mark.parametrize("username", ["lead-economy-seoul", "member-economy-seoul", "mayor-office-beijing"])
def test_other_roles_may_choose(client, demo_user, username):
    client.force_login(demo_user(username))
    assert client.get("/").status_code == 200


@pytest.mark.usefixtures("required")
def test_the_admin_needs_a_verified_device(client, demo_user, device_of):
    admin = demo_user("admin")
    device = device_of(admin)
    client.force_login(admin)

    assert client.get("/admin/").url == "/accounts/login/verify/?next=/admin/"

    client.post("/accounts/login/verify/", {"code": code_for(device.key)})
    assert client.get("/admin/").status_code == 200


@pytest.mark.usefixtures("required")
def test_a_required_user_who_turns_the_device_off_must_set_up_another(client, demo_user, device_of):
    user = demo_user("secretariat-seoul")
    device = device_of(user)
    client.force_login(user)
    client.post("/accounts/login/verify/", {"code": code_for(device.key)})

    client.post("/accounts/two-factor/remove/", {"code": code_for(device.key, steps_ahead=1)})

    assert client.get("/").url == "/accounts/two-factor/?next=/"


@pytest.mark.usefixtures("required")
def test_a_session_begun_before_the_requirement_is_stopped_too(client, demo_user, settings):
    settings.OTP_REQUIRED_FOR_STAFF = False
    client.force_login(demo_user("secretariat-seoul"))
    assert client.get("/").status_code == 200

    settings.OTP_REQUIRED_FOR_STAFF = True

    assert client.get("/").url == "/accounts/two-factor/?next=/"


def test_production_requires_it_by_default_and_the_demo_does_not():
    def required_with(env: dict) -> str:
        shell = "from django.conf import settings; print(settings.OTP_REQUIRED_FOR_STAFF)"
        return manage("shell", "-c", shell, env=env).stdout.strip().splitlines()[-1]

    assert required_with(PRODUCTION_ENV) == "True"
    assert required_with({**PRODUCTION_ENV, "TWO_FACTOR_REQUIRED": "0"}) == "False"
    assert required_with({"DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "1"}) == "False"

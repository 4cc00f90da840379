"""Recovery codes (django-otp's static device): ten single-use codes for signing in without the phone,
made with the authenticator, shown once, made anew with a current code, and removed with the device."""

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import signin
from tests.accounts.conftest import code_for, past_the_wait, sign_in

WRONG_RECOVERY_CODE = ["This recovery code is not right, or was used already. Each recovery code works once."]
MALFORMED = ["Enter the six digits your authenticator app shows, or a recovery code of eight letters and digits."]


def codes_of(user) -> set[str]:
    return set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))


def verified(client, user, device) -> None:
    """Signed in past the code step, with this 30 seconds' code: a later check needs the next one."""
    client.force_login(user)
    assert client.post("/accounts/login/verify/", {"code": code_for(device.key)}).status_code == 302


def is_verified(client) -> bool:
    return client.get("/accounts/profile/").status_code == 200


# Shown once, at setup ------------------------------------------------------------------------------


def test_turning_two_factor_on_shows_ten_recovery_codes_once(client, make_user):
    user = make_user("pat-tester")
    client.force_login(user)
    client.get("/accounts/two-factor/")

    response = client.post("/accounts/two-factor/", {"code": code_for(client.session[signin.NEW_KEY])})

    page = response.content.decode()
    shown = response.context["recovery_codes"]
    assert response.status_code == 200
    assert len(shown) == 10 and set(shown) == codes_of(user)
    assert all(len(code) == 8 and code.isalnum() and code == code.lower() for code in shown)
    assert all(f'<li class="col">{code}</li>' in page for code in shown)
    assert "this is the only time Council Desk shows them" in page
    assert "Each code works once. They replace any recovery codes you had before" in page
    assert StaticDevice.objects.get(user=user).name == "Recovery codes"
    assert "no-store" in response["Cache-Control"]

    again = client.get("/accounts/two-factor/")

    assert "recovery_codes" not in again.context
    assert not any(code in again.content.decode() for code in shown)
    assert "You have 10 unused recovery codes" in again.content.decode()


def test_the_continue_link_after_setup_stays_on_the_site(client, make_user):
    client.force_login(make_user("pat-tester"))
    client.get("/accounts/two-factor/")

    response = client.post(
        "/accounts/two-factor/", {"code": code_for(client.session[signin.NEW_KEY]), "next": "https://evil.example/"}
    )

    assert response.context["continue_url"] == "/"


# Signing in with one -------------------------------------------------------------------------------


def test_a_recovery_code_completes_the_code_step_once(client, make_user, device_of, recovery_codes_of):
    user = make_user("pat-tester")
    device_of(user)
    codes = recovery_codes_of(user)
    sign_in(client, "pat-tester")

    response = client.post("/accounts/login/verify/", {"code": codes[0], "next": "/accounts/profile/"})

    assert (response.status_code, response.url) == (302, "/accounts/profile/")
    assert client.session[DEVICE_ID_SESSION_KEY] == StaticDevice.objects.get(user=user).persistent_id
    assert signin.TWO_FACTOR_STEP not in client.session
    profile = client.get("/accounts/profile/")
    assert profile.status_code == 200
    assert "You signed in with a recovery code; it no longer works. 9 recovery codes are left." in (
        profile.content.decode()
    )
    assert codes_of(user) == set(codes[1:])

    client.post("/accounts/logout/")
    sign_in(client, "pat-tester")
    past_the_wait()
    second = client.post("/accounts/login/verify/", {"code": codes[0]})

    assert second.status_code == 200
    assert second.context["form"].errors["code"] == WRONG_RECOVERY_CODE
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert client.get("/").url == "/accounts/login/verify/?next=/"
    assert codes_of(user) == set(codes[1:])


def test_a_recovery_code_may_be_typed_in_capitals_and_with_spaces(client, make_user, device_of, recovery_codes_of):
    user = make_user("pat-tester")
    device_of(user)
    code = recovery_codes_of(user)[3]
    client.force_login(user)

    response = client.post("/accounts/login/verify/", {"code": f" {code[:4].upper()} {code[4:]} "})

    assert (response.status_code, response.url) == (302, "/")
    assert code not in codes_of(user)


def test_a_wrong_recovery_code_is_refused_and_changes_nothing(client, make_user, device_of, recovery_codes_of):
    user = make_user("pat-tester")
    device_of(user)
    codes = recovery_codes_of(user)
    client.force_login(user)

    response = client.post("/accounts/login/verify/", {"code": "zzzz2222"})

    assert response.status_code == 200
    assert response.context["form"].errors["code"] == WRONG_RECOVERY_CODE
    assert codes_of(user) == set(codes)
    assert not is_verified(client)


def test_a_recovery_code_right_after_a_wrong_one_is_not_checked(client, make_user, device_of, recovery_codes_of):
    user = make_user("pat-tester")
    device_of(user)
    codes = recovery_codes_of(user)
    client.force_login(user)
    client.post("/accounts/login/verify/", {"code": "zzzz2222"})

    response = client.post("/accounts/login/verify/", {"code": codes[0]})

    assert response.context["form"].errors["code"] == ["After a wrong code, wait 1 second before the next one."]
    assert codes_of(user) == set(codes)  # not checked, so not used up
    assert not is_verified(client)


def test_wrong_recovery_codes_count_towards_the_lockout(client, make_user, device_of, recovery_codes_of):
    user = make_user("pat-tester")
    device_of(user)
    codes = recovery_codes_of(user)
    sign_in(client, "pat-tester")

    statuses = []
    for _ in range(5):
        past_the_wait()
        statuses.append(client.post("/accounts/login/verify/", {"code": "zzzz2222"}).status_code)

    assert statuses == [200, 200, 200, 200, 429]
    assert "_auth_user_id" not in client.session
    assert codes_of(user) == set(codes)


def test_without_recovery_codes_one_is_refused_like_a_wrong_code(client, make_user, device_of):
    user = make_user("pat-tester")
    device_of(user)  # set up before there were recovery codes
    client.force_login(user)

    response = client.post("/accounts/login/verify/", {"code": "abcd2345"})

    assert response.context["form"].errors["code"] == WRONG_RECOVERY_CODE
    assert not is_verified(client)


@pytest.mark.parametrize(
    ("code", "errors"),
    [
        ("", ["This field is required."]),
        ("12345", MALFORMED),
        ("abcdefg", MALFORMED),
        ("abcdefghi", MALFORMED),
        ("abc$efgh", MALFORMED),
        ("１２３４５６", MALFORMED),
        ("ａｂｃｄｅｆｇｈ", MALFORMED),
        ("abcd\x00efg", ["Null characters are not allowed."]),
        ("<script>", MALFORMED),
        ("a" * 5000, ["Ensure this value has at most 40 characters (it has 5000)."]),
    ],
)
def test_malformed_codes_at_sign_in_are_explained(client, make_user, device_of, recovery_codes_of, code, errors):
    user = make_user("pat-tester")
    device_of(user)
    codes = recovery_codes_of(user)
    client.force_login(user)

    response = client.post("/accounts/login/verify/", {"code": code})

    assert response.status_code == 200
    assert response.context["form"].errors["code"] == errors
    assert codes_of(user) == set(codes)
    assert not is_verified(client)


# Making new ones -----------------------------------------------------------------------------------


def test_the_page_shows_how_many_recovery_codes_are_left(client, make_user, device_of, recovery_codes_of):
    user = make_user("pat-tester")
    device_of(user)
    codes = recovery_codes_of(user)
    client.force_login(user)
    client.post("/accounts/login/verify/", {"code": codes[0]})
    client.force_login(user)
    client.post("/accounts/login/verify/", {"code": codes[1]})

    page = client.get("/accounts/two-factor/").content.decode()

    assert "You have 8 unused recovery codes, for signing in without your phone." in page
    assert not any(code in page for code in codes)
    assert 'name="recovery-code"' in page and 'name="code"' in page  # two forms, no id twice
    assert "autofocus" not in page  # which would scroll the page down to a form, past new codes


def test_new_recovery_codes_need_a_current_code_from_the_app(client, make_user, device_of, recovery_codes_of):
    user = make_user("pat-tester")
    device = device_of(user)
    old = recovery_codes_of(user)
    verified(client, user, device)

    for refused_code in (code_for(device.key, steps_ahead=10), old[0]):
        past_the_wait()
        refused = client.post("/accounts/two-factor/", {"recovery-code": refused_code})
        assert refused.status_code == 200
        assert refused.context["codes_form"].errors["code"]
        assert "recovery_codes" not in refused.context
        assert codes_of(user) == set(old)
    past_the_wait()

    response = client.post("/accounts/two-factor/", {"recovery-code": code_for(device.key, steps_ahead=1)})

    new = response.context["recovery_codes"]
    assert response.status_code == 200
    assert len(new) == 10 and codes_of(user) == set(new)
    assert not set(new) & set(old)
    assert all(code in response.content.decode() for code in new)
    assert "New recovery codes are made; the earlier ones no longer work." in response.content.decode()
    assert StaticDevice.objects.filter(user=user).count() == 1

    client.force_login(user)
    assert client.post("/accounts/login/verify/", {"code": old[1]}).status_code == 200
    assert not is_verified(client)
    past_the_wait()
    assert client.post("/accounts/login/verify/", {"code": new[0]}).status_code == 302
    assert is_verified(client)


def test_a_wrong_code_for_new_recovery_codes_is_refused_with_the_reason(client, make_user, device_of):
    user = make_user("pat-tester")
    device = device_of(user)
    verified(client, user, device)

    wrong = client.post("/accounts/two-factor/", {"recovery-code": code_for(device.key, steps_ahead=10)})
    too_soon = client.post("/accounts/two-factor/", {"recovery-code": code_for(device.key, steps_ahead=1)})

    assert wrong.context["codes_form"].errors["code"] == [
        "This code is not right, or was used already. Enter the code your app shows now."
    ]
    assert too_soon.context["codes_form"].errors["code"] == ["After a wrong code, wait 1 second before the next one."]
    assert not StaticDevice.objects.exists()


# Removed with the device ---------------------------------------------------------------------------


def test_turning_two_factor_off_removes_the_recovery_codes(client, make_user, device_of, recovery_codes_of):
    user = make_user("pat-tester")
    device = device_of(user)
    recovery_codes_of(user)
    other = make_user("sam-tester")
    recovery_codes_of(other)
    verified(client, user, device)

    response = client.post("/accounts/two-factor/remove/", {"code": code_for(device.key, steps_ahead=1)})

    assert (response.status_code, response.url) == (302, "/accounts/two-factor/")
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    assert not StaticToken.objects.filter(device__user=user).exists()
    assert len(codes_of(other)) == 10  # another user's codes stay


def test_with_the_phone_lost_a_recovery_code_turns_two_factor_off(client, make_user, device_of, recovery_codes_of):
    """Signed in with a recovery code, the person turns two-factor off with another one and can then set
    up a new phone, without an administrator."""
    user = make_user("pat-tester")
    device = device_of(user)
    first, second, *_ = sorted(recovery_codes_of(user))
    sign_in(client, "pat-tester")
    assert client.post("/accounts/login/verify/", {"code": first}).status_code == 302

    response = client.post("/accounts/two-factor/remove/", {"code": second.upper()})

    assert (response.status_code, response.url) == (302, "/accounts/two-factor/")
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    assert not StaticDevice.objects.filter(user=user).exists()


def test_a_wrong_recovery_code_does_not_turn_two_factor_off(client, make_user, device_of, recovery_codes_of):
    user = make_user("pat-tester")
    device = device_of(user)
    codes = recovery_codes_of(user)
    verified(client, user, device)

    response = client.post("/accounts/two-factor/remove/", {"code": "zzzzzzzz"})

    assert response.status_code == 200
    assert response.context["remove_form"].errors == {"code": WRONG_RECOVERY_CODE}
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    assert codes_of(user) == set(codes)


def test_an_administrator_deleting_the_authenticator_removes_the_recovery_codes(
    client, demo_user, make_user, device_of, recovery_codes_of
):
    user = make_user("pat-tester")
    device = device_of(user)
    recovery_codes_of(user)
    client.force_login(demo_user("admin"))

    response = client.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    assert not StaticToken.objects.exists()

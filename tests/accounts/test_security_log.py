"""council_desk.security: one line per failed sign-in, lockout and refused request, with who, from
where and on which path."""

import logging

import pytest
from django.test import Client

from tests.accounts.conftest import code_for, sign_in

LOGGER = "council_desk.security"


@pytest.fixture
def security_log(caplog):
    caplog.set_level(logging.INFO, logger=LOGGER)

    def lines() -> list[tuple[int, str]]:
        return [(r.levelno, r.getMessage()) for r in caplog.records if r.name == LOGGER]

    return lines


def test_a_wrong_password_is_logged(client, make_user, security_log):
    make_user("pat-tester")

    sign_in(client, "pat-tester", "wrong guess", REMOTE_ADDR="203.0.113.7")

    assert security_log() == [
        (logging.WARNING, "sign-in failed user=pat-tester address=203.0.113.7 path=/accounts/login/")
    ]


def test_an_unknown_username_is_logged_as_typed(client, db, security_log):
    sign_in(client, "nobody-here", "wrong guess")

    assert security_log() == [
        (logging.WARNING, "sign-in failed user=nobody-here address=127.0.0.1 path=/accounts/login/")
    ]


def test_a_lockout_is_logged(client, make_user, security_log, settings):
    settings.AXES_FAILURE_LIMIT = 2
    make_user("pat-tester")

    sign_in(client, "pat-tester", "wrong guess")
    sign_in(client, "pat-tester", "wrong guess")

    assert [message for _, message in security_log()] == [
        "sign-in failed user=pat-tester address=127.0.0.1 path=/accounts/login/",
        "locked out user=pat-tester address=127.0.0.1 path=/accounts/login/",
        "sign-in failed user=pat-tester address=127.0.0.1 path=/accounts/login/",
    ]


def test_a_wrong_two_factor_code_is_a_failed_sign_in(client, make_user, device_of, security_log):
    user = make_user("pat-tester")
    device = device_of(user)
    client.force_login(user)

    client.post("/accounts/login/verify/", {"code": code_for(device.key, steps_ahead=10)})

    assert security_log() == [
        (logging.WARNING, "sign-in failed user=pat-tester address=127.0.0.1 path=/accounts/login/verify/")
    ]


def test_a_recovery_code_used_is_logged_but_not_the_code(client, make_user, device_of, recovery_codes_of, security_log):
    user = make_user("pat-tester")
    device_of(user)
    code = recovery_codes_of(user)[0]
    client.force_login(user)

    client.post("/accounts/login/verify/", {"code": code}, REMOTE_ADDR="203.0.113.7")

    assert security_log() == [
        (logging.WARNING, "recovery code used user=pat-tester address=203.0.113.7 path=/accounts/login/verify/")
    ]


def test_a_wrong_recovery_code_is_a_failed_sign_in(client, make_user, device_of, recovery_codes_of, security_log):
    user = make_user("pat-tester")
    device_of(user)
    recovery_codes_of(user)
    client.force_login(user)

    client.post("/accounts/login/verify/", {"code": "zzzz2222"})

    assert security_log() == [
        (logging.WARNING, "sign-in failed user=pat-tester address=127.0.0.1 path=/accounts/login/verify/")
    ]


def test_a_refused_request_is_logged(client, demo_user, security_log):
    client.force_login(demo_user("member-economy-seoul"))

    response = client.get("/council/", REMOTE_ADDR="198.51.100.20")

    assert response.status_code == 403
    assert security_log() == [
        (logging.WARNING, "request refused user=member-economy-seoul address=198.51.100.20 path=/council/")
    ]


def test_a_request_refused_for_its_csrf_token_is_logged(db, security_log):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/accounts/login/", {"username": "pat-tester", "password": "anything"})

    assert response.status_code == 403
    assert security_log() == [(logging.WARNING, "request refused user=- address=127.0.0.1 path=/accounts/login/")]


def test_nothing_is_logged_for_a_successful_sign_in(client, make_user, security_log):
    make_user("pat-tester")

    assert sign_in(client, "pat-tester").status_code == 302
    assert client.get("/").status_code == 200

    assert security_log() == []


def test_line_breaks_and_control_characters_cannot_forge_log_lines(client, db, security_log):
    sign_in(client, "mallory\nsign-in failed user=admin\x1b[0m", "wrong guess")

    assert security_log() == [
        (
            logging.WARNING,
            "sign-in failed user=mallory?sign-in?failed?user=admin?[0m address=127.0.0.1 path=/accounts/login/",
        )
    ]


def test_behind_the_proxy_the_clients_address_is_logged_and_locked_out(client, make_user, security_log, settings):
    settings.BEHIND_PROXY, settings.AXES_FAILURE_LIMIT = True, 2
    make_user("pat-tester")
    proxied = {"REMOTE_ADDR": "127.0.0.1"}

    sign_in(client, "pat-tester", "wrong guess", HTTP_X_FORWARDED_FOR="198.51.100.4", **proxied)
    sign_in(client, "pat-tester", "wrong guess", HTTP_X_FORWARDED_FOR="198.51.100.4", **proxied)
    # Another client behind the same proxy is not locked out by the first one's failures.
    other = sign_in(Client(), "pat-tester", "wrong guess", HTTP_X_FORWARDED_FOR="203.0.113.9", **proxied)

    assert other.status_code == 200
    assert [message for _, message in security_log()] == [
        "sign-in failed user=pat-tester address=198.51.100.4 path=/accounts/login/",
        "locked out user=pat-tester address=198.51.100.4 path=/accounts/login/",
        "sign-in failed user=pat-tester address=198.51.100.4 path=/accounts/login/",
        "sign-in failed user=pat-tester address=203.0.113.9 path=/accounts/login/",
    ]

"""Without Sentry, errors still reach ADMINS by e-mail: one mail per error, without the form's values,
the cookies or the calendar token."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from accounts.tasks import prune_sign_in_log
from config.admins import admins_from

PASSWORD = "Correct-Horse-Battery-42"
LETTER = "Dear Director Kim, the delegation of 14 May will stay at the Lotte Hotel"
TOKEN = "q3Zk9xV_7bT0-wYpL2mN8sR4uE6hJ1aC5dF0gH3iK7l"
HIDDEN = "********************"


@pytest.fixture
def in_production(settings):
    """DEBUG off, as in production (Django mails errors only then), and someone to mail."""
    settings.DEBUG = False
    settings.ADMINS = [("Operations", "ops@example.org"), ("", "it@example.org")]
    settings.ROOT_URLCONF = "tests.ops.failing_urls"
    return settings


def test_a_server_error_mails_the_admins_once_without_the_form_or_the_token(
    client, demo_user, in_production, mailoutbox
):
    user = demo_user("secretariat-seoul")
    client.force_login(user)
    client.raise_request_exception = False
    session_cookie = client.cookies[in_production.SESSION_COOKIE_NAME].value

    response = client.post(f"/test-only/file-letter/?lang=ko&token={TOKEN}", {"password": PASSWORD, "body": LETTER})

    assert response.status_code == 500
    [mail] = mailoutbox
    assert mail.to == ["ops@example.org", "it@example.org"]
    assert mail.from_email == in_production.SERVER_EMAIL
    assert mail.subject == "[Council Desk] ERROR (EXTERNAL IP): Internal Server Error: /test-only/file-letter/"
    assert "LetterNotFiled at /test-only/file-letter/" in mail.body
    assert "Raised during: tests.ops.failing_urls.file_letter_and_fail\n" in mail.body
    assert f"POST:\npassword = '{HIDDEN}'\nbody = '{HIDDEN}'\n" in mail.body
    assert "GET:\nlang = 'ko'\ntoken = '[hidden]'\n" in mail.body
    assert f"COOKIES:\n{in_production.SESSION_COOKIE_NAME} = '{HIDDEN}'\n" in mail.body
    assert f"USER: id {user.pk}\n" in mail.body
    for secret in (PASSWORD, LETTER, TOKEN, session_cookie, user.username):
        assert secret not in mail.body
        assert secret not in mail.subject
    assert mail.alternatives == []  # no HTML version (it would show the frames' local variables)


def test_a_refusal_mails_no_one(client, demo_user, in_production, mailoutbox):
    client.force_login(demo_user("lead-economy-seoul"))

    assert client.get("/translations/").status_code == 403
    assert mailoutbox == []


def test_a_request_for_another_host_is_logged_and_mails_no_one(client, in_production, mailoutbox, json_logs):
    response = client.get("/accounts/login/", HTTP_HOST="203.0.113.9")

    assert response.status_code == 400
    assert [(line["logger"], line["level"]) for line in json_logs()] == [
        ("django.security.DisallowedHost", "ERROR"),
        ("council_desk.request", "INFO"),
    ]
    assert mailoutbox == []


def test_without_admins_no_mail_is_sent(client, in_production, mailoutbox):
    in_production.ADMINS = []
    client.raise_request_exception = False

    assert client.post("/test-only/file-letter/", {"body": LETTER}).status_code == 500
    assert mailoutbox == []


def test_a_failing_task_mails_the_admins(in_production, mailoutbox):
    in_production.SIGN_IN_LOG_DAYS = 10**9  # beyond what a date can go back: the pruning task fails

    result = prune_sign_in_log.apply()

    assert result.failed()
    [mail] = mailoutbox
    task = f"accounts.prune_sign_in_log[{result.id}]"
    assert mail.subject.startswith(f"[Council Desk] ERROR: Task {task} raised unexpected: OverflowError(")
    assert "in prune_sign_in_log" in mail.body


def test_admins_are_read_as_names_and_addresses():
    assert admins_from("Operations <ops@example.org>, it@example.org") == [
        ("Operations", "ops@example.org"),
        ("", "it@example.org"),
    ]
    assert admins_from("") == []


def test_an_admin_that_is_no_address_is_refused():
    with pytest.raises(ImproperlyConfigured, match="ADMINS: 'Operations' is not an e-mail address."):
        admins_from("Operations, it@example.org")

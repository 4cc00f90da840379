"""Errors reach Sentry (here a stand-in for its ingest endpoint) with where they happened, and nothing
personal: no form value, cookie, credential or calendar token, and of the person only the id."""

import json

import environ
import pytest
import sentry_sdk
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory

from accounts.tasks import prune_sign_in_log
from config import sentry
from tests.ops.sentry_ingest import SentryIngest

PASSWORD = "Correct-Horse-Battery-42"
LETTER = "Dear Director Kim, the delegation of 14 May will stay at the Lotte Hotel"
LETTER_KO = "김민수 국장님께, 5월 14일 대표단은 롯데호텔에 머뭅니다"
TOKEN = "q3Zk9xV_7bT0-wYpL2mN8sR4uE6hJ1aC5dF0gH3iK7l"
API_TOKEN = "cd_L8mQ2vX9rT4wZ7pK1sN6yB3"
CSRF_SECRET = "Fq7TzN2vLx9RkW4pYb6HsC8mJd3GeA5u"  # the form's and the cookie's


@pytest.fixture
def ingest():
    with SentryIngest() as server:
        client = sentry.configure(dsn=server.dsn, environment="test", release="council-desk@test")
        try:
            yield server
        finally:
            sentry_sdk.flush(timeout=5)
            client.__exit__(None, None, None)
            sentry_sdk.get_global_scope().set_client(None)


def through_wsgi(request) -> tuple[str, dict]:
    """The request as gunicorn hands it to the app (Django's WSGI handler, which Sentry wraps), in the
    test's transaction: the connection is not closed at the request's end (as in Django's test client)."""
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer.update(headers, status=int(status.split()[0]))

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        WSGIHandler()(request.environ, start_response).close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return answer.pop("status"), answer


def sent(ingest: SentryIngest) -> list[dict]:
    sentry_sdk.flush(timeout=5)
    return ingest.events()


def test_a_failing_request_is_reported_with_its_view_and_nothing_personal(client, demo_user, settings, ingest):
    settings.ROOT_URLCONF = "tests.ops.failing_urls"
    user = demo_user("secretariat-seoul")
    client.force_login(user)
    session_cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    request = RequestFactory().post(
        f"/test-only/file-letter/?lang=ko&token={TOKEN}",
        {"password": PASSWORD, "body": LETTER, "body_ko": LETTER_KO, "csrfmiddlewaretoken": CSRF_SECRET},
        headers={"Authorization": f"Bearer {API_TOKEN}", "X-Request-ID": "report-0001-abcd", "User-Agent": "Test/1.0"},
        HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}={session_cookie}; {settings.CSRF_COOKIE_NAME}={CSRF_SECRET}",
    )

    status, headers = through_wsgi(request)

    assert status == 500
    [event] = sent(ingest)
    [exception] = event["exception"]["values"]
    assert (exception["type"], exception["value"]) == ("LetterNotFiled", "The letter could not be filed (4 fields)")
    assert exception["stacktrace"]["frames"][-1]["function"] == "file_letter_and_fail"
    assert event["transaction"] == "/test-only/file-letter/"
    assert (event["environment"], event["release"]) == ("test", "council-desk@test")
    assert event["request"]["query_string"] == "lang=ko&token=[hidden]"
    assert event["request"]["method"] == "POST"
    assert set(event["request"]) & {"data", "cookies", "env"} == set()
    assert {name.lower() for name in event["request"]["headers"]} <= sentry.KEPT_HEADERS
    assert event["request"]["headers"]["User-Agent"] == "Test/1.0"
    assert event["user"] == {"id": str(user.pk)}
    assert event["tags"]["request_id"] == headers["X-Request-ID"] == "report-0001-abcd"
    assert [frame for frame in exception["stacktrace"]["frames"] if "vars" in frame] == []
    everything = "\n".join(body.decode() for body in ingest.bodies) + json.dumps(event, ensure_ascii=False)
    for secret in (PASSWORD, LETTER, LETTER_KO, TOKEN, API_TOKEN, CSRF_SECRET, session_cookie, user.username):
        assert secret not in everything


def test_a_failing_task_is_reported(settings, ingest):
    settings.SIGN_IN_LOG_DAYS = 10**9  # beyond what a date can go back: the pruning task fails

    result = prune_sign_in_log.apply()

    assert result.failed()
    [event] = sent(ingest)
    [exception] = event["exception"]["values"]
    assert exception["type"] == "OverflowError"
    assert exception["mechanism"]["type"] == "celery"
    assert event["extra"]["celery-job"]["task_name"] == "accounts.prune_sign_in_log"
    assert [frame for frame in exception["stacktrace"]["frames"] if frame["function"] == "prune_sign_in_log"] != []


def test_without_a_dsn_nothing_is_set_up(monkeypatch):
    monkeypatch.delenv("SENTRY_DSN", raising=False)

    sentry.init_from_env(environ.Env())

    assert sentry_sdk.get_client().is_active() is False


def test_with_sentry_and_admins_an_error_goes_to_both(client, settings, ingest, mailoutbox):
    settings.DEBUG = False
    settings.ADMINS = [("Operations", "ops@example.org")]
    settings.ROOT_URLCONF = "tests.ops.failing_urls"
    client.raise_request_exception = False

    assert client.post("/test-only/file-letter/", {"body": LETTER}).status_code == 500

    [event] = sent(ingest)
    [mail] = mailoutbox
    assert event["exception"]["values"][0]["type"] == "LetterNotFiled"
    assert "LetterNotFiled at /test-only/file-letter/" in mail.body


def test_a_request_for_another_host_is_not_reported(client, settings, ingest):
    settings.DEBUG = False

    assert client.get("/accounts/login/", HTTP_HOST="203.0.113.9").status_code == 400
    assert sent(ingest) == []

"""LOG_FORMAT=json: each log line is one JSON object; the lines of a request carry its id (taken from
X-Request-ID when sane) and the person's, and its own line says path, status and duration. No line
carries a calendar token, a password or a letter."""

import json
import logging
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings

PASSWORD = "Correct-Horse-Battery-42"
LETTER = "Dear Director Kim, the delegation of 14 May will stay at the Lotte Hotel"
FIELDS = {"time", "level", "logger", "message"}


def test_every_line_of_a_request_is_json_with_its_request_and_person(client, demo_user, json_logs):
    user = demo_user("secretariat-seoul")
    client.force_login(user)

    response = client.get("/secretariat/correspondence/?q=seoul", headers={"X-Request-ID": "nginx-0123456789abcdef"})

    assert response.status_code == 200
    assert response["X-Request-ID"] == "nginx-0123456789abcdef"
    [line] = json_logs()
    assert set(line) == FIELDS | {"request_id", "user_id", "method", "path", "status", "duration_ms"}
    assert (line["logger"], line["level"], line["request_id"], line["user_id"]) == (
        "council_desk.request", "INFO", "nginx-0123456789abcdef", user.pk,
    )  # fmt: skip
    assert (line["method"], line["path"], line["status"]) == ("GET", "/secretariat/correspondence/?q=seoul", 200)
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] > 0
    assert line["message"] == f"GET /secretariat/correspondence/?q=seoul 200 {line['duration_ms']}ms"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", line["time"])


def test_the_calendar_token_a_password_and_a_letter_are_in_no_line(
    client, demo_user, settings, json_logs, calendar_feed_url
):
    settings.ROOT_URLCONF = "tests.ops.failing_urls"
    user = demo_user("secretariat-seoul")
    feed = calendar_feed_url(user)
    token = feed.split("token=")[1]

    responses = [
        client.get(feed),
        client.get("/calendar.ics?token=not-a-token-of-anyone-0123456789"),
        client.post("/accounts/login/", {"username": "secretariat-seoul", "password": PASSWORD}),
    ]
    client.force_login(user)
    client.raise_request_exception = False
    responses.append(client.post(f"/test-only/file-letter/?token={token}", {"body": LETTER, "password": PASSWORD}))

    assert [r.status_code for r in responses] == [200, 404, 200, 500]
    lines = json_logs()
    assert all(set(line) >= FIELDS for line in lines)
    assert [line["request_id"] for line in lines if line["logger"] == "council_desk.request"] == [
        r["X-Request-ID"] for r in responses
    ]
    assert {line["request_id"] for line in lines} == {r["X-Request-ID"] for r in responses}  # every line
    requests = [(line["path"], line["status"]) for line in lines if line["logger"] == "council_desk.request"]
    assert requests == [
        ("/calendar.ics?token=[hidden]", 200),
        ("/calendar.ics?token=[hidden]", 404),
        ("/accounts/login/", 200),
        ("/test-only/file-letter/?token=[hidden]", 500),
    ]
    [error] = [line for line in lines if line["level"] == "ERROR"]
    assert (error["logger"], error["message"], error["status"], error["user_id"]) == (
        "django.request", "Internal Server Error: /test-only/file-letter/", 500, user.pk,
    )  # fmt: skip
    assert "LetterNotFiled: The letter could not be filed (2 fields)" in error["exception"]
    assert any(line["logger"] == "council_desk.security" for line in lines)  # the failed sign-in
    everything = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines)
    for secret in (token, "not-a-token-of-anyone-0123456789", PASSWORD, LETTER):
        assert secret not in everything


@pytest.mark.parametrize("sent", ["", "short", "x" * 65, "<script>alert(1)</script>", "id with spaces 0123"])
def test_an_unfit_request_id_is_replaced_by_a_new_one(client, sent):
    response = client.get("/accounts/login/", headers={"X-Request-ID": sent})

    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_each_request_without_an_id_gets_its_own(client):
    first, second = client.get("/accounts/login/"), client.get("/accounts/login/")

    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_by_default_the_app_writes_no_line_per_request(client, caplog):
    with caplog.at_level(logging.INFO):
        response = client.get("/accounts/login/")

    assert response.status_code == 200
    assert [r for r in caplog.records if r.name == "council_desk.request"] == []


# gunicorn (deploy/gunicorn.conf.py) in JSON mode ------------------------------------------------------


# What gunicorn's logger does, made from deploy/gunicorn.conf.py as the web unit starts it, in a process
# of its own (gunicorn configures that process's logging).
GUNICORN = """
import datetime as dt, runpy, sys
from types import SimpleNamespace
from gunicorn.config import Config

cfg = Config()
for name, value in runpy.run_path("deploy/gunicorn.conf.py").items():
    if name in cfg.settings:
        cfg.set(name, value)
logger = cfg.logger_class(cfg)
token = sys.argv[1]
logger.error("Error handling request %s", f"/calendar.ics?token={token}")
environ = {
    "REQUEST_METHOD": "GET", "RAW_URI": f"/calendar.ics?token={token}", "PATH_INFO": "/calendar.ics",
    "QUERY_STRING": f"token={token}", "SERVER_PROTOCOL": "HTTP/1.1",
}
response = SimpleNamespace(status="200 OK", sent=512, headers=[])
logger.access(response, SimpleNamespace(headers=[]), environ, dt.timedelta(milliseconds=12))
"""


def test_gunicorns_own_lines_are_json_and_its_access_log_is_left_to_the_app():
    token = "q3Zk9xV_7bT0-wYpL2mN8sR4uE6hJ1aC5dF0gH3iK7l"

    result = subprocess.run(  # noqa: S603 (our own command line)
        [sys.executable, "-c", GUNICORN, token], cwd=settings.BASE_DIR, capture_output=True, text=True,
        env={**os.environ, "LOG_FORMAT": "json"}, check=True,
    )  # fmt: skip

    [line] = [json.loads(text) for text in result.stderr.splitlines()]
    assert (line["level"], line["logger"], line["message"]) == (
        "ERROR", "gunicorn.error", "Error handling request /calendar.ics?token=[hidden]",
    )  # fmt: skip
    assert result.stdout == ""  # no access line: the app's own line stands for it

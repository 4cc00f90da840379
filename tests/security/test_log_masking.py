"""The calendar feed's token travels in its address: no access log keeps it (gunicorn, runserver, nginx)."""

import datetime as dt
import logging
import re
import runpy
from pathlib import Path
from types import SimpleNamespace

from django.core.servers.basehttp import WSGIRequestHandler
from gunicorn.config import Config

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "q3Zk9xV_7bT0-wYpL2mN8sR4uE6hJ1aC5dF0gH3iK7l"  # the shape of a real one: 43 URL-safe characters
REQUEST_LINE = f"GET /calendar.ics?token={TOKEN} HTTP/1.1"
MASKED_LINE = "GET /calendar.ics?token=[hidden] HTTP/1.1"


# gunicorn ----------------------------------------------------------------------------------------


def gunicorn_logger():
    """The logger gunicorn makes from deploy/gunicorn.conf.py, as the web unit starts it."""
    cfg = Config()
    for name, value in runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py")).items():
        if name in cfg.settings:
            cfg.set(name, value)
    return cfg.logger_class(cfg)


def calendar_request(query: str = f"token={TOKEN}"):
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/calendar.ics?{query}",
        "PATH_INFO": "/calendar.ics",
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_USER_AGENT": "Calendar/1.0",
    }
    request = SimpleNamespace(headers=[("USER-AGENT", "Calendar/1.0"), ("X-FORWARDED-FOR", "203.0.113.7")])
    response = SimpleNamespace(status="200 OK", sent=512, headers=[("Content-Type", "text/calendar")])
    return response, request, environ


def test_gunicorns_access_log_line_masks_the_token(capsys):
    logger = gunicorn_logger()
    response, request, environ = calendar_request()

    logger.access(response, request, environ, dt.timedelta(milliseconds=12))

    line = capsys.readouterr().out
    assert f'"{MASKED_LINE}" 200 512' in line
    assert TOKEN not in line


def test_every_gunicorn_atom_that_carries_the_query_is_masked():
    response, request, environ = calendar_request(f"lang=ko&token={TOKEN}")

    atoms = gunicorn_logger().atoms(response, request, environ, dt.timedelta(milliseconds=12))

    assert (atoms["r"], atoms["q"], atoms["U"]) == (
        "GET /calendar.ics?lang=ko&token=[hidden] HTTP/1.1",
        "lang=ko&token=[hidden]",
        "/calendar.ics",
    )
    assert [key for key, value in atoms.items() if TOKEN in str(value)] == []


def test_gunicorns_error_log_masks_the_token(capsys):
    logger = gunicorn_logger()

    logger.error("Error handling request %s", f"/calendar.ics?token={TOKEN}")

    output = capsys.readouterr().err
    assert "Error handling request /calendar.ics?token=[hidden]" in output
    assert TOKEN not in output


# Django's development server ---------------------------------------------------------------------


class Collected(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(record.getMessage())


def test_the_development_servers_request_log_masks_the_token():
    """runserver logs each request on `django.server`, as its request handler does here."""
    handler = WSGIRequestHandler.__new__(WSGIRequestHandler)  # no socket: only its logging is used
    handler.request, handler.requestline = None, REQUEST_LINE
    collected = Collected()
    server_log = logging.getLogger("django.server")
    server_log.addHandler(collected)
    try:
        handler.log_request(200, 512)
    finally:
        server_log.removeHandler(collected)

    assert collected.lines == [f'"{MASKED_LINE}" 200 512']


# nginx -------------------------------------------------------------------------------------------

NGINX = (ROOT / "deploy" / "nginx" / "council-desk.conf").read_text()


def nginx_mask(request_line: str) -> str:
    """What the site's `map` makes of a request line: its pattern and replacement, applied by Python.

    The pattern uses the (?P<name>…) groups that both nginx's PCRE and Python understand.
    """
    block = re.search(r"map \$request \$council_desk_request \{(.*?)\n\}", NGINX, re.S)[1]
    pattern, replacement = re.search(r'"~(.*)"\s+"(.*)";', block).groups()
    default = re.search(r"default\s+\$request;", block)
    match = re.fullmatch(pattern, request_line)
    if match is None:
        assert default is not None
        return request_line
    return re.sub(r"\$\{(\w+)\}", lambda name: match[name[1]], replacement)


def test_nginx_masks_the_token_in_the_request_line_it_logs():
    assert nginx_mask(REQUEST_LINE) == MASKED_LINE
    assert nginx_mask(f"GET /calendar.ics?lang=ko&token={TOKEN}&x=1 HTTP/1.1") == (
        "GET /calendar.ics?lang=ko&token=[hidden]&x=1 HTTP/1.1"
    )
    assert nginx_mask("GET /dashboard/?team=2 HTTP/1.1") == "GET /dashboard/?team=2 HTTP/1.1"


def test_both_nginx_servers_log_with_the_masked_request_line_only():
    log_format = re.search(r"log_format council_desk (.*?);", NGINX, re.S)[1]
    access_logs = re.findall(r"^\s*access_log\s+(.*?);", NGINX, re.M)

    assert "$council_desk_request" in log_format
    assert not re.search(r"\$(request|request_uri|args|query_string|arg_token)\b", log_format)
    assert access_logs == ["/var/log/nginx/access.log council_desk"] * 2
    assert NGINX.count("server {") == 2

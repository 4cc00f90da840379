"""A refusal is one line in the log; a server error keeps its traceback."""

import logging
import sys

from config.log_filters import RefusalsInOneLine


def test_a_403_is_logged_in_one_line_without_a_traceback(client, demo_user, caplog):
    client.force_login(demo_user("lead-economy-seoul"))

    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get("/translations/")

    assert response.status_code == 403
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.getMessage() == "Forbidden (Permission denied): /translations/"
    assert record.exc_info is None
    assert "Traceback" not in caplog.text


def test_a_server_error_keeps_its_traceback():
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Internal Server Error", (), None)
        record.exc_info = sys.exc_info()
    record.status_code = 500

    assert RefusalsInOneLine().filter(record) is True
    assert record.exc_info[0] is RuntimeError

"""LOG_FORMAT=json: one JSON object per line per event, for a log collector (journald → Loki, Elastic …).

Each line has time (UTC), level, logger and message; request_id and user_id when the event belongs to
a request or to a task it queued (common.request_context); method, path, status and duration_ms on the
request line; exception, the traceback as one string. Calendar tokens are masked in the message and
the traceback, as in the plain format's logs.
"""

import copy
import datetime as dt
import json
import logging

from common.masking import mask_tokens

# Attributes a record may carry (`extra`, the request context filter), written when present.
FIELDS = ("request_id", "user_id", "method", "path", "status", "duration_ms")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": mask_tokens(record.getMessage()),
        }
        line.update((name, value) for name in FIELDS if (value := getattr(record, name, None)) is not None)
        if "status" not in line and isinstance(getattr(record, "status_code", None), int):
            line["status"] = record.status_code  # django.request's refusals and errors
        if record.exc_info:
            line["exception"] = mask_tokens(self.formatException(record.exc_info))
        return json.dumps(line, ensure_ascii=False, default=str)


def in_format(logging_config: dict, log_format: str) -> dict:
    """config/settings.py's LOGGING with its two console handlers writing `log_format` (text or json),
    each record with its request's context."""
    configured = copy.deepcopy(logging_config)
    for name in ("console", "django.server"):
        handler = configured["handlers"][name]
        handler["filters"] = ["request_context"]
        if log_format == "json":
            handler["formatter"] = "json"
    return configured


def use_in_celery(logger: logging.Logger = None, **kwargs) -> None:
    """Celery's after_setup_logger and after_setup_task_logger: a worker replaces the root logger's
    handlers with its own (plain text); in JSON mode they write JSON, with the request context."""
    from django.conf import settings

    from common.request_context import RequestContextFilter

    if settings.LOG_FORMAT != "json":
        return
    for handler in logger.handlers:
        handler.setFormatter(JsonFormatter())
        handler.addFilter(RequestContextFilter())

"""Which request a log line belongs to: one id on the response, on every log line and on the tasks it queues.

RequestIdMiddleware (first in MIDDLEWARE) takes the id nginx sends in `X-Request-ID` when it is a sane
token, else makes one, answers it in the same header and keeps it in a context variable for the
request's duration. RequestContextFilter, on the log handlers, writes it (and the signed-in person's id,
once known) into every record. A task queued during the request carries the id in a message header
(celery's before_task_publish), and the worker sets it around the task (task_prerun, task_postrun):
the worker's lines for that task have the request's id. With LOG_REQUESTS, one INFO line per request
on `council_desk.request`: method, path (calendar token masked), status, duration.
"""

import contextvars
import logging
import re
import time
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError

from common.masking import mask_tokens

HEADER = "X-Request-ID"
TASK_HEADER = "council_desk_request_id"
# nginx's $request_id is 32 hex digits, a uuid4 36 characters: an id from elsewhere is taken if it
# looks like one (letters, digits, - _ .), never anything a log line or a header could be bent by.
_SANE = re.compile(r"[A-Za-z0-9._-]{8,64}")

request_log = logging.getLogger("council_desk.request")


@dataclass
class RequestContext:
    request_id: str
    user_id: int | None = None


_current: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar("council_desk_request", default=None)


def current() -> RequestContext | None:
    return _current.get()


def request_id_from(value: str | None) -> str:
    return value if value and _SANE.fullmatch(value) else uuid.uuid4().hex


def _user_id(request) -> int | None:
    user = getattr(request, "user", None)  # absent before the authentication middleware ran
    try:
        return user.pk if user is not None and user.is_authenticated else None
    except DatabaseError:  # the database is what failed: the response and its log line still go out
        return None


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        context = RequestContext(request_id_from(request.headers.get(HEADER)))
        # Cleared when the response is closed (request_finished), not here: Django logs a refusal
        # ("Forbidden: /…", django.request) after the last middleware has answered.
        _current.set(context)
        started = time.monotonic()
        response = self.get_response(request)
        response[HEADER] = context.request_id
        if settings.LOG_REQUESTS:
            context.user_id = _user_id(request)  # signed in or out by this very request
            _log_request(request, response.status_code, started)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Every middleware has run: the person is known for the view's own log lines."""
        _current.get().user_id = _user_id(request)


def clear(**kwargs) -> None:
    """request_finished: the next lines of this thread belong to no request."""
    _current.set(None)


def _log_request(request, status: int, started: float) -> None:
    path = mask_tokens(request.get_full_path())
    duration_ms = round((time.monotonic() - started) * 1000, 1)
    extra = {"method": request.method, "path": path, "status": status, "duration_ms": duration_ms}
    request_log.info("%s %s %s %sms", request.method, path, status, duration_ms, extra=extra)


class RequestContextFilter(logging.Filter):
    """On a handler: each record it writes gets request_id and user_id (when in a request or its task)."""

    def filter(self, record: logging.LogRecord) -> bool:
        context = _current.get()
        if context is not None:
            record.request_id = getattr(record, "request_id", context.request_id)
            if context.user_id is not None:
                record.user_id = getattr(record, "user_id", context.user_id)
        return True


# --- Celery: the id travels with the tasks a request queues -------------------------------------------


def add_request_id(headers=None, **kwargs) -> None:
    """before_task_publish: the message carries the id of the request (if any) that queues it."""
    context = _current.get()
    if context is not None and headers is not None:
        headers.setdefault(TASK_HEADER, context.request_id)


def enter_task(task=None, **kwargs) -> None:
    """task_prerun: the task's lines carry the id it was queued with. A task run eagerly inside a
    request (no message, no header) keeps the request's."""
    request_id = getattr(task.request, TASK_HEADER, None)
    context = RequestContext(request_id_from(request_id)) if request_id else _current.get()
    task.request.council_desk_context_reset = _current.set(context)


def leave_task(task=None, **kwargs) -> None:
    """task_postrun: back to what was before the task."""
    reset = getattr(task.request, "council_desk_context_reset", None)
    if reset is not None:
        _current.reset(reset)


def connect_celery_signals() -> None:
    from celery import signals

    signals.before_task_publish.connect(add_request_id, weak=False)
    signals.task_prerun.connect(enter_task, weak=False)
    signals.task_postrun.connect(leave_task, weak=False)

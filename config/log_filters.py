"""A refusal in the log is one line, not a traceback.

Django logs every 4xx answer on `django.request` with the exception that caused it, so an ordinary
403 (a role opening a page it may not) prints a full traceback in the terminal of `make run` and in the
workers' logs, which reads like a crash. The line stays (path and status: operators count refusals);
the traceback is kept for server errors (5xx) only.
"""

import logging


class RefusalsInOneLine(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True

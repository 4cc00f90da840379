"""A refusal in the log is one line, not a traceback; a client's bad request is no error to mail.

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


class NoClientErrors(logging.Filter):
    """For the e-mails to ADMINS: a request for another host name (a scanner by IP address), a malformed
    upload — Django logs each at ERROR on `django.security.*` and answers 400. The line stays in the
    log; it is the client's doing, not a fault to mail about."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.name.startswith("django.security.")

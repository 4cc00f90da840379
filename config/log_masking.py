"""Calendar tokens kept out of the logs.

A calendar app cannot sign in, so the feed's address carries its secret token in the query string
(`/calendar.ics?token=…`), and every access log writes request lines. Whoever reads a log must not
be able to open someone's calendar: the token's value is masked wherever a log line carries it —
gunicorn's access and error logs (`deploy/gunicorn.conf.py`: logger_class), the development server's
request log (`django.server`, config/settings.py LOGGING) and nginx's (its own `map` in
deploy/nginx/council-desk.conf, with the same mask).
"""

import logging

from gunicorn.glogging import Logger

from common.masking import MASK, mask_tokens

__all__ = ["MASK", "GunicornLogger", "MaskTokens", "mask_tokens"]


class MaskTokens(logging.Filter):
    """A log record's message with every token masked (the message is rendered here, then kept)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_tokens(message)
        if masked != message:
            record.msg, record.args = masked, ()
        return True


class GunicornLogger(Logger):
    """gunicorn's logger with tokens masked: every access-log atom (the request line `r`, the query `q`,
    headers and environ values) and every error-log line ("Error handling request /calendar.ics?…")."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {key: mask_tokens(value) if isinstance(value, str) else value for key, value in atoms.items()}

    def setup(self, cfg):
        super().setup(cfg)
        if not any(isinstance(f, MaskTokens) for f in self.error_log.filters):  # setup runs again on reload
            self.error_log.addFilter(MaskTokens())

"""The calendar feed's secret token, masked wherever an address is written down.

A calendar app cannot sign in, so the feed's address carries its token in the query string
(`/calendar.ics?token=…`). Every log line, error report and e-mail to the administrators that writes an
address writes it through mask_tokens: config.log_masking (gunicorn's and the development server's
logs), common.request_context (the app's own request line), config.error_reports and config.sentry.
"""

import re

MASK = "[hidden]"
# A `token` parameter at the start of a query string, or after ? & or ; in an address.
_TOKEN_VALUE = re.compile(r"((?:^|[?&;])token=)[^&;#\s\"']*")


def mask_tokens(text: str) -> str:
    return _TOKEN_VALUE.sub(rf"\g<1>{MASK}", text)

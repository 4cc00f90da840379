"""Pages that hold their place: rows in the order of change (`updated_at`, then id), and a cursor
that names the last row given, so that a system polling with `updated_since` and following
`next_cursor` misses no row however many change meanwhile (an offset would skip or repeat them)."""

import base64
import binascii
import datetime as dt

from django.db.models import Q, QuerySet
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

MAX_LIMIT = 200  # rows a page may ask for


class BadRequest(Exception):
    """Answered 400 with this message (api.main)."""


def _cursor(row) -> str:
    return base64.urlsafe_b64encode(f"{row.updated_at.isoformat()}|{row.pk}".encode()).decode()


def _after(cursor: str) -> Q:
    try:
        moment, pk = base64.urlsafe_b64decode(cursor.encode()).decode().split("|")
        moment, pk = parse_datetime(moment), int(pk)
    except (ValueError, UnicodeError, binascii.Error):
        moment = None
    if moment is None or moment.tzinfo is None:
        raise BadRequest(_("This cursor was not given by this API."))
    return Q(updated_at__gt=moment) | Q(updated_at=moment, pk__gt=pk)


def changed_page(
    rows: QuerySet, *, cursor: str, updated_since: dt.datetime | None, limit: int
) -> tuple[list, str | None]:
    """Up to `limit` rows changed since `updated_since`, after the cursor's; and the next page's cursor."""
    rows = rows.order_by("updated_at", "pk")
    if updated_since is not None:
        if updated_since.tzinfo is None:
            raise BadRequest(_("Give the time with its offset from UTC, e.g. 2026-12-01T09:00:00+09:00."))
        rows = rows.filter(updated_at__gte=updated_since)
    if cursor:
        rows = rows.filter(_after(cursor))
    page = list(rows[: limit + 1])
    if len(page) > limit:
        return page[:limit], _cursor(page[limit - 1])
    return page, None

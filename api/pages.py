"""Pages that hold their place: rows in the order of change (`updated_at`, then id), and a cursor
that names the last row given, so that a system polling with `updated_since` and following
`next_cursor` misses no row however many change meanwhile (an offset would skip or repeat them).

A cursor is signed and names its query (the parameters but the cursor and the page size): one made
up, altered, or taken to another query is refused rather than answered with rows of some other list.
"""

import datetime as dt
import hashlib

from django.core import signing
from django.db.models import Q, QuerySet
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from ninja import Field, Schema

MAX_LIMIT = 200  # rows a page may ask for
SALT = "api.pages.cursor"
NOT_QUERY = ("cursor", "limit")


class Paging(Schema):
    """The query parameters of every list that pages this way."""

    cursor: str = ""
    updated_since: dt.datetime | None = None
    limit: int = Field(50, ge=1, le=MAX_LIMIT)


class BadRequest(Exception):
    """Answered 400 with this message (api.main)."""


def _query_key(path: str, params) -> str:
    kept = sorted((name, value) for name, values in params.lists() if name not in NOT_QUERY for value in values)
    return hashlib.sha256(repr((path, kept)).encode()).hexdigest()[:16]


def _cursor(row, query: str) -> str:
    return signing.dumps([row.updated_at.isoformat(), row.pk, query], salt=SALT, compress=True)


def _after(cursor: str, query: str) -> Q:
    try:
        moment, pk, of_query = signing.loads(cursor, salt=SALT)
        moment = parse_datetime(moment)
    except (signing.BadSignature, ValueError, TypeError):
        raise BadRequest(_("This cursor was not given by this API.")) from None
    if of_query != query:
        raise BadRequest(_("This cursor belongs to another query: ask again without it."))
    return Q(updated_at__gt=moment) | Q(updated_at=moment, pk__gt=pk)


def changed_page(request, rows: QuerySet, paging: Paging) -> tuple[list, str | None]:
    """Up to `limit` rows changed since `updated_since`, after the cursor's; and the next page's cursor."""
    cursor, updated_since, limit = paging.cursor, paging.updated_since, paging.limit
    query = _query_key(request.path, request.GET)
    rows = rows.order_by("updated_at", "pk")
    if updated_since is not None:
        if updated_since.tzinfo is None:
            raise BadRequest(_("Give the time with its offset from UTC, e.g. 2026-12-01T09:00:00+09:00."))
        rows = rows.filter(updated_at__gte=updated_since)
    if cursor:
        rows = rows.filter(_after(cursor, query))
    page = list(rows[: limit + 1])
    if len(page) > limit:
        return page[:limit], _cursor(page[limit - 1], query)
    return page, None


def answer(page: list, next_cursor: str | None, serialize) -> dict:
    return {"results": [serialize(row) for row in page], "next_cursor": next_cursor}

"""Whole pages kept for their reader until a record they show changes (`@kept_page`).

A page is kept under the records' token (common.change_tokens), its URL with the query, and its reader:
the user, their language, time zone and today, and what the apps add (`reader`: council adds the
reader's roles). A view opts in once everything its page shows is one of these; the rest is checked
each time it renders the page, which is kept only

- for a GET by a signed-in person, answered 200 with HTML, when no message waits to be shown;
- when every table the view read is watched by the token (or is the token's own, or content types): a
  page that reads anything else is rendered each time, as if it had not opted in. The tables are
  found by their quoted names (`change_tokens.TABLE`), as Django writes every query: SQL written by
  hand quotes them too;
- when nothing it shows differs from one request to the next: the CSRF token and the apps' live parts
  (`live`, shown by `{% live name %}`: the navigation's unread count, a briefing since the last visit)
  are rendered as placeholders while the page is kept (`keeping`) and put in whenever it is served; a
  view that asks for a CSRF token itself (`get_token`) is not kept.

With the cache down, every page is rendered as if none had opted in.
"""

import contextlib
import hashlib
import logging
import zlib
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from redis.exceptions import RedisError

from common import change_tokens
from common.models import ChangeToken

logger = logging.getLogger(__name__)
KEEPING = "_keeping_page"
# Placeholders no one can type into a record (a title) to have it replaced: derived from the secret key.
SALT = salted_hmac("common.kept_pages", "placeholders").hexdigest()[:16]
CSRF = f"kept-page-csrf-{SALT}"
_readers: list[Callable[[HttpRequest], object]] = []
# The token itself, and content types (changed only by a migrate, which renews the token): read by a
# kept page like the watched tables.
ALSO_READABLE = frozenset({ChangeToken._meta.db_table, ContentType._meta.db_table})
_live: dict[str, Callable[[HttpRequest], str]] = {}


def reader(part: Callable[[HttpRequest], object]) -> None:
    """`part(request)` goes into every page's key: what of the reader a page may depend on."""
    _readers.append(part)


def live(name: str, render: Callable[[HttpRequest], str]) -> None:
    """A part of pages rendered afresh for every request (`{% live name %}`, common.templatetags.live)."""
    _live[_placeholder(name)] = render


def live_part(request: HttpRequest, name: str) -> str:
    """The part rendered, or while a page is being kept its placeholder (filled whenever it is served)."""
    placeholder = _placeholder(name)
    return placeholder if keeping(request) else _live[placeholder](request)


def _placeholder(name: str) -> str:
    return f"kept-page-{name}-{SALT}"


def keeping(request: HttpRequest) -> bool:
    """Whether the page is being rendered to be kept (placeholders instead of per-request parts)."""
    return getattr(request, KEEPING, False)


def placeholders(request: HttpRequest) -> dict:
    """Context processor, after the others: the CSRF token as its placeholder while keeping."""
    return {"csrf_token": CSRF} if keeping(request) else {}


def kept_page(view):
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if (
            not settings.KEPT_PAGES or request.method != "GET" or not request.user.is_authenticated
            or keeping(request)  # a view calling a view
            or _messages_waiting(request)
        ):  # fmt: skip
            return view(request, *args, **kwargs)
        key = _key(request, change_tokens.current())
        try:
            found = cache.get(key)
        except RedisError:
            return view(request, *args, **kwargs)
        if found is not None:
            compressed, content_type = found
            return HttpResponse(_filled(request, zlib.decompress(compressed).decode()), content_type=content_type)
        response, keepable = _render(view, request, args, kwargs)
        if getattr(response, "streaming", False) or not response.get("Content-Type", "").startswith("text/html"):
            return response
        content = response.content.decode(response.charset)
        if keepable and response.status_code == 200 and not _messages_waiting(request):
            kept = (zlib.compress(content.encode(), 1), response["Content-Type"])  # a fifth of the size, in 0.2 ms
            with contextlib.suppress(RedisError):
                cache.set(key, kept, settings.PAGE_KEPT_FOR.total_seconds())
        response.content = _filled(request, content)
        return response

    return wrapped


def _key(request: HttpRequest, token: str) -> str:
    parts = [
        request.user.pk, request.get_full_path(), translation.get_language(), timezone.get_current_timezone_name(),
        timezone.localdate(), *(part(request) for part in _readers),
    ]  # fmt: skip
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()
    return f"kept-page:{token}:{digest}"


def _render(view, request: HttpRequest, args, kwargs) -> tuple[HttpResponse, bool]:
    """The view's response with placeholders, and whether it may be kept (its tables, its CSRF token)."""
    tables: set[str] = set()

    def record(execute, sql, params, many, context):
        tables.update(change_tokens.TABLE.findall(sql))
        return execute(sql, params, many, context)

    token_asked = request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False)
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False
    setattr(request, KEEPING, True)
    try:
        with connection.execute_wrapper(record):
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
    finally:
        setattr(request, KEEPING, False)
        own_token = request.META["CSRF_COOKIE_NEEDS_UPDATE"]
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = token_asked or own_token
    unwatched = tables - change_tokens.WATCHED_TABLES.get(change_tokens.RECORDS, set()) - ALSO_READABLE
    if unwatched or own_token:
        logger.debug("%s not kept: it reads %s", request.path, sorted(unwatched) or "a CSRF token of its own")
    return response, not (unwatched or own_token)


def _filled(request: HttpRequest, content: str) -> str:
    if CSRF in content:
        content = content.replace(CSRF, get_token(request))
    for placeholder, render in _live.items():
        if placeholder in content:
            content = content.replace(placeholder, render(request))
    return content


def _messages_waiting(request: HttpRequest) -> bool:
    """Whether a message waits to be shown (counting them does not mark them shown)."""
    return bool(len(get_messages(request)))

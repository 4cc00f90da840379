"""One page of a list: every list shows settings.PAGE_SIZE rows a page, so the lists page alike."""

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import HttpRequest


def page_of(request: HttpRequest, rows, default: int | None = None, count: int | None = None) -> Page:
    """The page of `rows` that the query string asks for (`?page=`): `default` (else the first) for a
    missing one, the first for an odd number, the last for one past the end, never an error
    (Paginator.get_page). `count`: how many rows there are, if the caller knows (a kept count)."""
    paginator = Paginator(rows, settings.PAGE_SIZE)
    if count is not None:
        paginator.count = count  # a cached_property: set, it is not counted again
    return paginator.get_page(request.GET.get("page", default))

from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe

from common import kept_pages
from council.permissions import access_for
from reminders.selectors import unread_count


def unread_notifications(request) -> dict:
    """The navigation's unread count: one query, on pages that render the navigation; a page being kept
    (common.kept_pages) shows a placeholder, filled with `unread_badge` whenever it is served."""
    if kept_pages.keeping(request):
        return {"unread_badge": mark_safe(UNREAD_BADGE)}  # noqa: S308 — our own placeholder
    access = access_for(getattr(request, "user", None))
    if access.person is None:
        return {"unread_notifications": 0}
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(access.person))}


def unread_badge(request) -> str:
    return render_to_string("includes/unread_badge.html", unread_notifications(request), request=request)


UNREAD_BADGE = kept_pages.live("unread", unread_badge)  # registered when the app is ready (apps.py)

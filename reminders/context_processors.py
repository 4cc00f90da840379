from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject

from council.permissions import access_for
from reminders.selectors import unread_count

UNREAD = "_unread_notifications"


def unread_notifications(request) -> dict:
    """The unread count, counted once a request, when a page shows it (the navigation, the notifications
    page's heading): one query."""
    access = access_for(getattr(request, "user", None))
    if access.person is None:
        return {"unread_notifications": 0}
    if not hasattr(request, UNREAD):
        setattr(request, UNREAD, SimpleLazyObject(lambda: unread_count(access.person)))
    return {"unread_notifications": getattr(request, UNREAD)}


def unread_badge(request) -> str:
    """The navigation's badge, rendered for every request (`{% live "unread" %}`, common.kept_pages)."""
    return render_to_string("includes/unread_badge.html", unread_notifications(request))

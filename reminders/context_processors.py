from django.utils.functional import SimpleLazyObject

from council.permissions import access_for
from reminders.selectors import unread_count


def unread_notifications(request) -> dict:
    """The navigation's unread count: one query, on pages that render the navigation."""
    access = access_for(getattr(request, "user", None))
    if access.person is None:
        return {"unread_notifications": 0}
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(access.person))}

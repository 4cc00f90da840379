"""Reads of the reminders app used by views, the navigation and tests."""

from django.db.models import QuerySet

from reminders.models import Delivery, Notification


def unread_count(person) -> int:
    return Notification.objects.filter(recipient=person, read_at=None).count()


def notifications_of(person) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=person).order_by("-created_at", "-pk")


def deliveries_of(council) -> QuerySet[Delivery]:
    """The council's deliveries with what the deliveries page shows of each, in one query."""
    return Delivery.objects.filter(rule__council=council).select_related("rule", "recipient", "target_type")

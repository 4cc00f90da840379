"""Reads of the reminders app used by views, the navigation and tests."""

from django.db.models import Case, Count, F, Q, QuerySet, When

from reminders.models import Delivery, Notification


def unread_count(person) -> int:
    return Notification.objects.filter(recipient=person, read_at=None).count()


def notifications_of(person) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=person).order_by("-created_at", "-pk")


def deliveries_of(council) -> QuerySet[Delivery]:
    """The council's deliveries in the order the secretariat reads them: failed ones first, then what
    comes next (soonest first), then what was sent (latest first)."""
    S = Delivery.Status
    upcoming = Q(status__in=(S.DUE, S.QUEUED))
    return (
        Delivery.objects.filter(rule__council=council)
        .select_related("rule", "recipient", "target_type")
        .order_by(
            Case(When(status=S.FAILED, then=0), When(upcoming, then=1), default=2),
            Case(When(upcoming, then="due_at")).asc(nulls_last=True),
            F("sent_at").desc(nulls_last=True),
            "-due_at",
            "pk",
        )
    )


def status_counts(council) -> dict[str, int]:
    """How many of the council's deliveries are in each status, in one query."""
    rows = Delivery.objects.filter(rule__council=council)
    return rows.aggregate(**{status: Count("pk", filter=Q(status=status)) for status in Delivery.Status.values})

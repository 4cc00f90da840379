"""Reads about assemblies that other parts share: the last one held, the next one, the current cycle."""

from assemblies.models import Assembly

ACTIVE = (Assembly.Status.PLANNED, Assembly.Status.CONFIRMED, Assembly.Status.POSTPONED)


def last_held_assembly(*, council_id: int) -> Assembly | None:
    """The current cycle is the period since this assembly."""
    return (
        Assembly.objects.filter(council_id=council_id, status=Assembly.Status.HELD)
        .select_related("host_city")
        .order_by("-sequence")
        .first()
    )


def next_assembly(*, council_id: int) -> Assembly | None:
    return (
        Assembly.objects.filter(council_id=council_id, status__in=ACTIVE)
        .select_related("host_city")
        .order_by("sequence")
        .first()
    )

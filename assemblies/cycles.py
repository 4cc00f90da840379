"""The biennial cycle: the last assembly held, the next one, and the days each assembly reviews.

A module of its own because teams, which sits below assemblies, needs it (a plan belongs to a cycle):
it imports nothing of assemblies but its models, so teams may import it and nothing else of assemblies.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

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


@dataclass(frozen=True)
class CyclePeriod:
    """The days whose work an assembly reviews: after the previous assembly, up to and including this one."""

    assembly: Assembly
    after: dt.date
    until: dt.date


def _assembly_day(assembly: Assembly) -> dt.date:
    if assembly.starts_at is None:
        return dt.date(assembly.cycle, 12, 31)
    return timezone.localtime(assembly.starts_at, assembly.host_city.zone).date()


def cycle_periods(*, council) -> list[CyclePeriod]:
    """Every assembly cycle of the council, oldest first; a cancelled assembly closes no cycle."""
    periods, after = [], council.founded_on
    assemblies = (
        Assembly.objects.filter(council=council)
        .exclude(status=Assembly.Status.CANCELLED)
        .select_related("host_city")
        .order_by("sequence")
    )
    for assembly in assemblies:
        until = _assembly_day(assembly)
        periods.append(CyclePeriod(assembly, after, until))
        after = until
    return periods

"""Reads about assemblies that other parts share: the last one held, the next one, the current cycle."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from assemblies.models import AchievementsInput, AgendaItem, Assembly, ScheduleChange
from teams.models import Team

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


def assemblies_for_list(*, council_id: int):
    return Assembly.objects.filter(council_id=council_id).select_related("host_city").order_by("-sequence")


def assemblies_for_page(*, council_id: int):
    """The assemblies of the reader's council, each with all its page shows."""
    return (
        Assembly.objects.filter(council_id=council_id)
        .select_related("host_city", "council")
        .prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("presenter", "team")),
            Prefetch("schedule_changes", queryset=ScheduleChange.objects.select_related("by__person")),
            "attendees__city",
            "resolutions__team",
            "resolutions__action_items__owner",  # each resolution lists its action items
        )
    )


@dataclass(frozen=True)
class InputState:
    """A team, and its achievements input for one assembly if the team has marked it ready."""

    team: Team
    ready: AchievementsInput | None


def input_states(*, assembly: Assembly) -> list[InputState]:
    """Every team of the assembly's council with its input's state, in two queries however many teams."""
    ready = AchievementsInput.objects.filter(assembly=assembly).select_related("marked_by__person")
    teams = (
        Team.objects.filter(council_id=assembly.council_id)
        .order_by("order", "code")
        .prefetch_related(Prefetch("achievements_inputs", queryset=ready, to_attr="ready_inputs"))
    )
    return [InputState(team, team.ready_inputs[0] if team.ready_inputs else None) for team in teams]

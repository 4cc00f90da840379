"""Reads of assemblies for their own pages: the list, one assembly, the teams' achievements inputs.

The cycle (the last assembly held, the next one, the periods) is in cycles.py.
"""

from dataclasses import dataclass

from django.db.models import Prefetch

from assemblies.models import AchievementsInput, AgendaItem, Assembly, ScheduleChange
from teams.models import Team


def assemblies_for_list(*, council_id: int):
    return Assembly.objects.filter(council_id=council_id).select_related("host_city").order_by("-sequence")


# An official text's versions, and who signed it off in which language (the secretariat's sign-off panel).
TEXTS_SIGNED = ("versions", "sign_offs__signed_by__person")


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
            # The sign-off panels of the minutes, each agenda item and each resolution.
            *[f"{path}{texts}" for path in ("", "agenda_items__", "resolutions__") for texts in TEXTS_SIGNED],
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

"""Reads of assemblies for their own pages: the list, one assembly, the teams' achievements inputs,
the official texts still to be signed off.

The cycle (the last assembly held, the next one, the periods) is in cycles.py.
"""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from assemblies.models import AchievementsInput, AgendaItem, Assembly, ScheduleChange
from teams.models import Team
from translations.models import Translatable
from translations.reading import reader_language, with_versions
from translations.services import sign_offs_of


def assemblies_for_list(*, council_id: int):
    assemblies = (
        Assembly.objects.filter(council_id=council_id)
        .select_related("host_city")
        .order_by("-sequence")
        # A cancelled assembly's row gives the reason as a hint (Assembly.cancellation).
        .prefetch_related(
            Prefetch("schedule_changes", queryset=ScheduleChange.objects.filter(kind=ScheduleChange.Kind.CANCELLED))
        )
    )
    return with_versions(with_versions(assemblies), "schedule_changes")  # the venue, the reasons


# Who signed an official text off in which language (the secretariat's sign-off panel, beside its versions).
SIGNED_BY = "sign_offs__signed_by__person"


def assemblies_for_page(*, council_id: int):
    """The assemblies of the reader's council, each with all its page shows."""
    assemblies = (
        Assembly.objects.filter(council_id=council_id)
        .select_related("host_city", "council")
        .prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("presenter", "team")),
            Prefetch("schedule_changes", queryset=ScheduleChange.objects.select_related("by__person")),
            "attendees__city",
            "resolutions__team",
            "resolutions__action_items__owner",  # each resolution lists its action items
            # The sign-off panels of the minutes, each agenda item and each resolution.
            *[f"{path}{SIGNED_BY}" for path in ("", "agenda_items__", "resolutions__")],
        )
    )
    # The versions of the venue, minutes, agenda items, resolutions, their action items and the reasons.
    return with_versions(
        with_versions(assemblies), "agenda_items", "resolutions", "resolutions__action_items", "schedule_changes"
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


# Official texts not yet signed off ----------------------------------------------------------------


@dataclass(frozen=True)
class Unsigned:
    """An official text of an assembly that is not (or no longer) signed off in one language."""

    label: str  # what the reader knows it by: "Minutes", "Agenda item 2", "Resolution 3"
    record: Translatable
    field: str


def with_official_texts(assemblies: QuerySet[Assembly]) -> QuerySet[Assembly]:
    """The assemblies with their minutes, agenda items and resolutions, each with its versions and
    sign-offs: eight queries however many items, for `unsigned_texts`."""
    own = with_versions(assemblies).prefetch_related("sign_offs")
    items = with_versions(own, "agenda_items", "resolutions")
    return items.prefetch_related("agenda_items__sign_offs", "resolutions__sign_offs")


def unsigned_texts(assembly: Assembly, language: str | None = None) -> list[Unsigned]:
    """The assembly's official texts not signed off in the language (the reader's): minutes, then the
    agenda in order, then the resolutions. An empty text has nothing to sign off."""
    language = reader_language(language)
    texts = [(_("Minutes"), assembly, "minutes")]
    texts += [
        (_("Agenda item %(number)s") % {"number": number}, item, "title")
        for number, item in enumerate(assembly.agenda_items.all(), start=1)
    ]
    texts += [(str(resolution), resolution, "text") for resolution in assembly.resolutions.all()]
    return [
        Unsigned(label, record, field)
        for label, record, field in texts
        if getattr(record, field) and language not in sign_offs_of(record, field)
    ]

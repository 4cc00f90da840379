"""The translation desk's queue: the council's texts that a language still lacks, soonest needed first.

Every Translatable model of the project takes part, found at start (`translatable_models`). Each
(model, field, state) is one SELECT computed in SQL, and the desk reads them all as one UNION: one
query counts the queue, one reads a page of it, then one query per model on the page loads its records
with their versions. So the desk costs the same for ten texts or ten thousand.

A text is
- missing in L: its source is not empty, it was written in another language, and L has no version;
- outdated in L: L's version was made from a source that no longer reads so;
- awaiting sign-off in L (official texts only): L reads a current text (the source, or a current
  version) that no valid sign-off approves. Texts that L cannot read yet are in the first two lists.
"""

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Case, CharField, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst

from assemblies.cycles import next_assembly
from common import change_tokens
from teams.models import Exchange
from translations.models import SignOff, Translatable, Version
from translations.reading import load_versions

MISSING = "missing"
OUTDATED = "outdated"
SIGN_OFF = "sign_off"

# How each model's records reach their council: the desk shows a council its own texts only.
COUNCIL_PATHS = {
    "assemblies.agendaitem": "assembly__council",
    "assemblies.assembly": "council",
    "assemblies.resolution": "assembly__council",
    "assemblies.schedulechange": "assembly__council",
    "secretariat.actionitem": "council",
    "secretariat.agreement": "council",
    "secretariat.commitment": "agreement__council",
    "secretariat.correspondence": "council",
    "teams.exchange": "team__council",
    "teams.goal": "plan__team__council",
    "teams.goalupdate": "goal__plan__team__council",
    "teams.opportunity": "team__council",
    "teams.plan": "team__council",
}

# Exchanges within this many days either side of today are on the mayors' dashboard.
DASHBOARD_DAYS = 90

# Needed soonest first; within one rank, the most recently changed first.
NEXT_ASSEMBLY, AWAITING_REPLY, ON_DASHBOARD, REST = range(4)


def label_of(model) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


@cache
def translatable_models() -> tuple[type[Translatable], ...]:
    """Every concrete model of the project whose texts are translated, in a fixed order."""
    found = [m for m in apps.get_models() if issubclass(m, Translatable) and m.translated_fields]
    for model in found:
        if label_of(model) not in COUNCIL_PATHS:
            raise ImproperlyConfigured(f"{label_of(model)}: add to COUNCIL_PATHS how its records reach their council.")
    return tuple(sorted(found, key=label_of))


def translatable_model(label: str) -> type[Translatable] | None:
    """The model an address names ("teams.exchange"), or None for anything else."""
    return next((model for model in translatable_models() if label_of(model) == label), None)


def in_council(model: type[Translatable], council_id: int | None) -> QuerySet:
    return model.objects.filter(**{COUNCIL_PATHS[label_of(model)]: council_id})


# What is needed soonest ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Urgency:
    next_assembly_id: int | None
    cycle: int | None  # the current plans' cycle: the next assembly's
    today: dt.date

    @classmethod
    def of_council(cls, council_id: int) -> "Urgency":
        upcoming = next_assembly(council_id=council_id)
        return cls(upcoming and upcoming.pk, upcoming and upcoming.cycle, timezone.localdate())

    def rank(self, model: type[Translatable]) -> Case | Value:
        """The SQL rank of the model's records: NEXT_ASSEMBLY … REST."""
        rules = self._rules().get(label_of(model))
        if rules is None:
            return Value(REST)
        rank, condition = rules
        return Case(When(condition, then=Value(rank)), default=Value(REST), output_field=IntegerField())

    def _rules(self) -> dict[str, tuple[int, Q]]:
        replies = type(self)._replies()
        soon, recent = self.today + dt.timedelta(days=DASHBOARD_DAYS), self.today - dt.timedelta(days=DASHBOARD_DAYS)
        on_dashboard = Q(status__in=Exchange.OPEN_STATUSES, starts_on__gte=self.today, starts_on__lte=soon) | Q(
            status=Exchange.Status.COMPLETED, starts_on__gte=recent, starts_on__lte=self.today
        )
        return {
            "assemblies.assembly": (NEXT_ASSEMBLY, Q(pk=self.next_assembly_id)),
            "assemblies.agendaitem": (NEXT_ASSEMBLY, Q(assembly_id=self.next_assembly_id)),
            "assemblies.resolution": (NEXT_ASSEMBLY, Q(assembly_id=self.next_assembly_id)),
            "assemblies.schedulechange": (NEXT_ASSEMBLY, Q(assembly_id=self.next_assembly_id)),
            "secretariat.correspondence": (AWAITING_REPLY, ~Q(Exists(replies))),
            "teams.exchange": (ON_DASHBOARD, on_dashboard),
            "teams.plan": (ON_DASHBOARD, Q(cycle=self.cycle)),
            "teams.goal": (ON_DASHBOARD, Q(plan__cycle=self.cycle)),
        }

    @staticmethod
    def _replies() -> QuerySet:
        correspondence = apps.get_model("secretariat", "Correspondence")
        return correspondence.objects.filter(in_reply_to=OuterRef("pk"))


# The queue ---------------------------------------------------------------------------------------------


def _keyed(model_class, model: type[Translatable], field: str, language: str) -> QuerySet:
    """The model_class (Version, SignOff) rows of the outer query's record, field and language."""
    return model_class.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=OuterRef("pk"), field=field, language=language
    )


def _needing(model: type[Translatable], field: str, language: str, state: str) -> QuerySet:
    """The model's records (of every council) whose `field` is in `state` for `language`."""
    records = model.objects.exclude(**{field: ""})
    versions = _keyed(Version, model, field, language)
    if state == MISSING:
        return records.exclude(language=language).filter(~Exists(versions))
    if state == OUTDATED:
        return records.exclude(language=language).filter(Exists(versions.exclude(source_text=OuterRef(field))))
    current = versions.filter(source_text=OuterRef(field)).values("text")[:1]
    records = records.annotate(
        current_text=Case(When(language=language, then=F(field)), default=Subquery(current), output_field=CharField())
    )
    signed = _keyed(SignOff, model, field, language).filter(source_text=OuterRef(field), text=OuterRef("current_text"))
    return records.filter(current_text__isnull=False).filter(~Exists(signed))


def _select(model, field, language, state, council_id, urgency: Urgency) -> QuerySet:
    rows = _needing(model, field, language, state).filter(**{COUNCIL_PATHS[label_of(model)]: council_id})
    # Columns only of annotations, added in one order, so that every SELECT of the UNION lines up.
    return (
        rows.annotate(
            row_id=F("pk"),
            row_label=Value(label_of(model), output_field=CharField()),
            row_field=Value(field, output_field=CharField()),
            row_state=Value(state, output_field=CharField()),
            row_rank=urgency.rank(model),
            row_changed=F("updated_at"),
        )
        .values("row_id", "row_label", "row_field", "row_state", "row_rank", "row_changed")
        .order_by()
    )


def queue(council_id: int, language: str, states: tuple[str, ...], urgency: Urgency) -> QuerySet:
    """One UNION of every (model, field, state): rows of dicts, soonest needed first. Slice it to page."""
    selects = [
        _select(model, field, language, state, council_id, urgency)
        for model in translatable_models()
        for state in states
        for field in (model.official_fields if state == SIGN_OFF else model.translated_fields)
    ]
    first, *others = selects
    return first.union(*others, all=True).order_by("row_rank", "-row_changed", "row_label", "row_id", "row_field")


def counts(council_id: int, languages: tuple[str, ...], urgency: Urgency) -> dict[str, dict[str, int]]:
    """How many texts are missing, outdated and awaiting sign-off in each language: one query each, kept
    until a record changes (common.change_tokens; tests/dashboards/test_cache.py checks that the token
    watches every table they read): each reads every record with texts, and is long to put together."""

    def count() -> dict[str, dict[str, int]]:
        return {
            language: {state: queue(council_id, language, (state,), urgency).count() for state in STATES}
            for language in languages
        }

    return change_tokens.kept(
        change_tokens.current(), "translation-counts", council_id, languages, urgency, compute=count
    )


STATES = (MISSING, OUTDATED, SIGN_OFF)


@dataclass(frozen=True)
class Entry:
    """One text of the queue, with its record loaded (versions and sign-offs prefetched)."""

    record: Translatable
    field: str
    state: str
    rank: int

    @property
    def label(self) -> str:
        return label_of(type(self.record))

    @property
    def what(self) -> str:
        return text_label(self.record, self.field)

    @property
    def source(self) -> str:
        return getattr(self.record, self.field)


def text_label(record: Translatable, field: str) -> str:
    """What the text is, in the reader's language: "Exchange · outcomes"; the record's name alone where it
    says it already ("Resolution", not "Resolution · resolution"; "Agenda item", not "… · item")."""
    kind = capfirst(str(record._meta.verbose_name))
    field_name = str(record._meta.get_field(field).verbose_name)
    return kind if field_name.casefold() in kind.casefold() else f"{kind} · {field_name}"


def entries(rows) -> list[Entry]:
    """The page's rows with their records: one query per kind of record on the page (at most one per
    translatable model, however long the queue), and one for all their versions."""
    ids: dict[str, set[int]] = {}
    for row in rows:
        ids.setdefault(row["row_label"], set()).add(row["row_id"])
    records = {}
    for label, pks in ids.items():
        model = translatable_model(label)
        for record in model.objects.filter(pk__in=pks):
            records[(label, record.pk)] = record
    load_versions(records.values())
    return [
        Entry(records[(row["row_label"], row["row_id"])], row["row_field"], row["row_state"], row["row_rank"])
        for row in rows
        if (row["row_label"], row["row_id"]) in records
    ]


# What changed in a source ----------------------------------------------------------------------------

KEPT, REMOVED, ADDED = "kept", "removed", "added"
# Words and the spaces after them; Chinese (and Japanese) characters one by one, having no spaces.
_TOKENS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]|[^\s\u3040-\u30ff\u3400-\u9fff]+|\s+")


def changes(old: str, new: str) -> list[tuple[str, str]]:
    """The source as it was translated against the source now, word by word: (KEPT|REMOVED|ADDED, text)."""
    before, after = _TOKENS.findall(old), _TOKENS.findall(new)
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append((KEPT, "".join(before[i1:i2])))
            continue
        if i2 > i1:
            parts.append((REMOVED, "".join(before[i1:i2])))
        if j2 > j1:
            parts.append((ADDED, "".join(after[j1:j2])))
    return parts


def page_of_record(record: Translatable) -> str:
    """Where the record is read: its own page, or the page of what it belongs to ("" for none)."""
    parts = {
        "assemblies.agendaitem": lambda: reverse("assemblies:detail", args=[record.assembly_id]),
        "assemblies.resolution": lambda: (
            reverse("assemblies:detail", args=[record.assembly_id]) + f"#resolution-{record.pk}"
        ),
        "assemblies.schedulechange": lambda: (
            reverse("assemblies:detail", args=[record.assembly_id]) + f"#schedule-change-{record.pk}"
        ),
        "secretariat.commitment": lambda: (
            reverse("secretariat:agreement-detail", args=[record.agreement_id]) + f"#commitment-{record.pk}"
        ),
        "teams.goal": lambda: reverse("teams:plan-detail", args=[record.plan_id]),
        "teams.goalupdate": lambda: reverse("teams:plan-detail", args=[record.goal.plan_id]),
    }
    if label_of(type(record)) in parts:
        return parts[label_of(type(record))]()
    return record.get_absolute_url() if hasattr(record, "get_absolute_url") else ""

"""The translation desk's queue: the council's texts missing or outdated in a language, soonest needed first.

Missing: a text not empty, written in another language, with no version in this one. Outdated: a version
made from an earlier source than the record's text now (compared in SQL, so the desk needs one query per
model whatever the number of texts). The texts needed soonest come first: the next assembly's, then
letters awaiting a reply, then what the mayors' offices read (the dashboard's exchanges, the current
plans), then the rest, most recently changed first.
"""

import datetime as dt
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.utils import timezone

from assemblies.cycles import next_assembly
from assemblies.models import AgendaItem, Assembly, Resolution
from secretariat.models import ActionItem, Agreement, Commitment, Correspondence
from teams.models import Exchange, Goal, GoalUpdate, Opportunity, Plan
from translations.models import SignOff, Translatable, Version
from translations.reading import MISSING, OUTDATED, text_of

# Every translatable model and the path from it to its council.
COUNCIL_OF: dict[type[Translatable], str] = {
    Assembly: "council_id",
    AgendaItem: "assembly__council_id",
    Resolution: "assembly__council_id",
    Correspondence: "council_id",
    Exchange: "team__council_id",
    Plan: "team__council_id",
    Goal: "plan__team__council_id",
    GoalUpdate: "goal__plan__team__council_id",
    Opportunity: "team__council_id",
    ActionItem: "council_id",
    Agreement: "council_id",
    Commitment: "agreement__council_id",
}
MODELS_BY_LABEL = {model._meta.label_lower: model for model in COUNCIL_OF}
# The queue holds at most this many texts of one model: a desk, not an export.
PER_MODEL = 500
SOON = (0, 1, 2)  # next assembly, letters awaiting a reply, what the mayors' offices read
LATER = 3


@dataclass
class Gap:
    record: Translatable
    field: str
    state: str  # MISSING or OUTDATED
    priority: int

    @property
    def label(self) -> str:
        return self.record._meta.label_lower

    @property
    def kind(self) -> str:
        return self.record._meta.verbose_name

    @property
    def field_label(self) -> str:
        return self.record._meta.get_field(self.field).verbose_name

    @property
    def source(self):
        return text_of(self.record, self.field, self.record.language)


def in_council(model: type[Translatable], council_id: int) -> QuerySet:
    return model.objects.filter(**{COUNCIL_OF[model]: council_id})


def _versions(model, field: str, language: str) -> QuerySet:
    content_type = ContentType.objects.get_for_model(model)
    return Version.objects.filter(content_type=content_type, object_id=OuterRef("pk"), field=field, language=language)


def gap_filter(model, field: str, language: str) -> tuple[Q, Q]:
    """(missing, outdated) conditions for one field in one language."""
    written = ~Q(**{field: ""}) & ~Q(language=language)
    versions = _versions(model, field, language)
    missing = written & ~Q(Exists(versions))
    outdated = written & Q(Exists(versions.exclude(source_text=OuterRef(field))))
    return missing, outdated


def counts(council_id: int, language: str) -> dict[str, int]:
    """How many texts are missing and outdated in the language, and official texts awaiting its sign-off."""
    totals = {MISSING: 0, OUTDATED: 0, "unsigned": 0}
    for model in COUNCIL_OF:
        records = in_council(model, council_id)
        for field in model.translated_fields:
            missing, outdated = gap_filter(model, field, language)
            totals[MISSING] += records.filter(missing).count()
            totals[OUTDATED] += records.filter(outdated).count()
            if field in model.official_fields:
                totals["unsigned"] += records.filter(unsigned_filter(model, field, language)).count()
    return totals


def unsigned_filter(model, field: str, language: str) -> Q:
    """An official text with no valid sign-off in the language (one made from the current source)."""
    content_type = ContentType.objects.get_for_model(model)
    signed = SignOff.objects.filter(
        content_type=content_type, object_id=OuterRef("pk"), field=field, language=language,
        source_text=OuterRef(field),
    )  # fmt: skip
    return ~Q(**{field: ""}) & ~Q(Exists(signed))


def queue(council_id: int, language: str, today: dt.date) -> list[Gap]:
    soon = _soon(council_id, today)
    gaps = []
    for model in COUNCIL_OF:
        gaps += _gaps_of(model, council_id, language, soon)
    return sorted(gaps, key=lambda gap: (gap.priority, -gap.record.updated_at.timestamp(), gap.label, gap.record.pk))


def _gaps_of(model, council_id: int, language: str, soon: dict) -> list[Gap]:
    annotations, any_gap = {}, Q()
    for field in model.translated_fields:
        missing, outdated = gap_filter(model, field, language)
        annotations[f"missing_{field}"] = ExpressionWrapper(missing, output_field=BooleanField())
        annotations[f"outdated_{field}"] = ExpressionWrapper(outdated, output_field=BooleanField())
        any_gap |= missing | outdated
    records = in_council(model, council_id).filter(any_gap).annotate(**annotations).order_by("-updated_at")
    gaps = []
    for record in records[:PER_MODEL]:
        for field in model.translated_fields:
            state = MISSING if getattr(record, f"missing_{field}") else OUTDATED
            if getattr(record, f"missing_{field}") or getattr(record, f"outdated_{field}"):
                gaps.append(Gap(record, field, state, _priority(record, soon)))
    return gaps


def _soon(council_id: int, today: dt.date) -> dict:
    """The ids of what is needed soonest, by model."""
    assembly = next_assembly(council_id=council_id)
    letters = Correspondence.objects.filter(council_id=council_id, replies__isnull=True)
    letters = letters.filter(sent_at__gte=timezone.now() - dt.timedelta(days=60))
    exchanges = Exchange.objects.filter(team__council_id=council_id).filter(
        Q(starts_on__gte=today, starts_on__lte=today + dt.timedelta(days=90))
        | Q(status=Exchange.Status.COMPLETED, starts_on__gte=today - dt.timedelta(days=180))
    )
    return {
        "assembly": assembly.pk if assembly else None,
        "letters": set(letters.values_list("pk", flat=True)),
        "exchanges": set(exchanges.values_list("pk", flat=True)),
        "cycle": assembly.cycle if assembly else None,
    }


def _priority(record, soon: dict) -> int:
    if isinstance(record, Assembly) and record.pk == soon["assembly"]:
        return SOON[0]
    if isinstance(record, AgendaItem | Resolution) and record.assembly_id == soon["assembly"]:
        return SOON[0]
    if isinstance(record, Correspondence) and record.pk in soon["letters"]:
        return SOON[1]
    if isinstance(record, Exchange) and record.pk in soon["exchanges"]:
        return SOON[2]
    if isinstance(record, Plan) and record.cycle == soon["cycle"]:
        return SOON[2]
    return LATER

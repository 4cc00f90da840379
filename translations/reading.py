"""Reading a council text in the reader's language.

`text_of(record, "title")` gives the version in the reader's language when one exists and matches the
current source, else the original with the reason it is shown (`missing`, `outdated`). Lists load the
versions of a page of records in one query: `with_versions(queryset)`, or
`Prefetch`-style through a relation: `with_versions(queryset, "exchange")`.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, Model, OuterRef, Prefetch, Q, QuerySet
from django.utils import translation
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

from translations.models import LOADED_VERSIONS, Translatable, Version

LANGUAGE_CODES = tuple(code for code, _label in settings.LANGUAGES)

ORIGINAL = "original"  # the reader reads the language it was written in
TRANSLATED = "translated"  # a current version in the reader's language
MISSING = "missing"  # no version in the reader's language: the original is shown
OUTDATED = "outdated"  # a version made from an older source: the original is shown
EMPTY = "empty"


def reader_language(language: str | None = None) -> str:
    """A council language: the one asked for, else the active one; anything else reads as English."""
    code = (language or get_language() or "en").lower()
    return code if code in LANGUAGE_CODES else "en"


def language_name(code: str) -> str:
    """The language's name in itself (한국어, 简体中文), as people of either city recognise it: for a label,
    a heading, a mark beside a text."""
    return dict(settings.LANGUAGES).get(code, code)


def language_in_words(code: str) -> str:
    """The language's name in the reader's language (Korean, 韩语, 한국어), for a sentence that names it:
    "以한국어撰写" would mix two scripts in one phrase. Django's catalogs name every language."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return language_name(code)


@dataclass(frozen=True)
class Text:
    value: str
    language: str  # the language `value` is written in
    state: str
    field: str = ""
    record: Translatable | None = None
    reader: str = "en"  # the language it is read in: its mark speaks it

    def __str__(self) -> str:
        return self.value

    @property
    def awaiting(self) -> bool:
        """Shown as written, because the reader's language has no current version."""
        return self.state in (MISSING, OUTDATED)

    @property
    def mark(self) -> str:
        """What a reader sees beside an untranslated text: "Original: 中文 · awaiting translation"."""
        if not self.awaiting:
            return ""
        values = {"language": language_name(self.language)}
        with translation.override(self.reader):
            if self.state == OUTDATED:
                return _("Original: %(language)s · translation outdated") % values
            return _("Original: %(language)s · awaiting translation") % values

    def marked(self) -> str:
        """The text with its mark in brackets, for plain-text outputs: exports, feeds, e-mails."""
        return f"{self.value} [{self.mark}]" if self.awaiting else self.value


def versions_of(record: Translatable) -> dict[tuple[str, str], Version]:
    """The record's versions by (field, language): loaded with the list, else read now."""
    loaded = _loaded(record)
    if loaded is None:  # one query per record, however many of its texts are read
        loaded = record.__dict__[LOADED_VERSIONS] = list(record.versions.all()) if record.pk else []
    return {(version.field, version.language): version for version in loaded}


def _loaded(record: Translatable):
    """The versions loaded with the record (by with_versions, load_versions, or Django's prefetch of
    "versions", say beside its sign-offs), or None."""
    if LOADED_VERSIONS in record.__dict__:
        return record.__dict__[LOADED_VERSIONS]
    return getattr(record, "_prefetched_objects_cache", {}).get("versions")


def version_state(record: Translatable, field: str, language: str) -> tuple[str, Version | None]:
    source = getattr(record, field) or ""
    if not source:
        return EMPTY, None
    if language == record.language:
        return ORIGINAL, None
    version = versions_of(record).get((field, language))
    if version is None:
        return MISSING, None
    return (TRANSLATED if version.source_text == source else OUTDATED), version


def text_of(record: Translatable, field: str, language: str | None = None) -> Text:
    language = reader_language(language)
    source = getattr(record, field) or ""
    state, version = version_state(record, field, language)
    if state == TRANSLATED:
        return Text(version.text, language, state, field, record, language)
    return Text(source, record.language, state, field, record, language)


def plain(record: Translatable | None, field: str, language: str | None = None) -> str:
    """The text for plain-text outputs, with its mark when untranslated; "" for no record."""
    return text_of(record, field, language).marked() if record is not None else ""


def with_versions(queryset: QuerySet, *through: str) -> QuerySet:
    """The queryset with its records' versions loaded in one query per relation (none: its own rows)."""
    return queryset.prefetch_related(*[versions_lookup(f"{path}__") for path in through] or [versions_lookup()])


def versions_lookup(path: str = "") -> Prefetch:
    """The prefetch of the versions of the records at `path` ("": the queryset's own, "resolutions__" …),
    for `prefetch_related` beside other lookups; `with_versions` says it shorter."""
    return Prefetch(f"{path}versions", to_attr=LOADED_VERSIONS)


def load_versions(*groups) -> None:
    """Load the versions of every record given, of any models, in one query: for a page that shows
    several kinds of record (a dashboard's exchanges, plans and goals). Records already loaded stay."""
    records = [record for group in groups for record in ([group] if isinstance(group, Model) else group or [])]
    wanted = [r for r in records if r is not None and _loaded(r) is None]
    if not wanted:
        return
    by_type: dict[int, dict[int, list]] = {}
    for record in wanted:
        type_id = ContentType.objects.get_for_model(record).pk
        by_type.setdefault(type_id, {}).setdefault(record.pk, []).append(record)
    which = Q()
    for type_id, by_pk in by_type.items():
        which |= Q(content_type_id=type_id, object_id__in=list(by_pk))
    found: dict[tuple[int, int], list[Version]] = {}
    for version in Version.objects.filter(which):
        found.setdefault((version.content_type_id, version.object_id), []).append(version)
    for type_id, by_pk in by_type.items():
        for pk, same in by_pk.items():
            for record in same:
                record.__dict__[LOADED_VERSIONS] = found.get((type_id, pk), [])


def texts_matching(model: type[Translatable], fields: tuple[str, ...], words: str) -> Q:
    """Records whose text, or any version of it, contains `words` (case-insensitive)."""
    in_source = Q()
    for name in fields:
        in_source |= Q(**{f"{name}__icontains": words})
    in_versions = Version.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id=OuterRef("pk"),
        field__in=[name for name in fields if name in model.translated_fields],
        text__icontains=words,
    )
    return in_source | Q(Exists(in_versions))

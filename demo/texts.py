"""The demo's texts in the three council languages: written in one, translated into the others.

A text is given as a triple (English, Korean, Simplified Chinese); the loader writes the record in its
writer's language and the other two as versions. The demo's translators are the secretariats: Seoul's
writes Korean (and English from Korean), Beijing's Chinese (and English from Chinese).
"""

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from translations.models import SignOff, Translatable, Version

LANGUAGES = ("en", "ko", "zh-hans")
CITY_LANGUAGE = {"SEL": "ko", "BJS": "zh-hans"}
# Who translates into a language (and signs off in it): the secretariat of the city that speaks it.
TRANSLATOR = {"ko": "secretariat-seoul", "zh-hans": "secretariat-beijing"}

Triple = tuple[str, str, str]


def by_language(triple: Triple) -> dict[str, str]:
    return dict(zip(LANGUAGES, triple, strict=True))


def written(triple: Triple, language: str) -> str:
    return by_language(triple)[language]


def names(record) -> Triple:
    """A city's, team's or department's name in the three languages, to fill a triple with."""
    return (record.name_en, record.name_ko, record.name_zh_hans)


def fill(triple: Triple, **values) -> Triple:
    """Each language's text with its placeholders filled: a triple value gives each language its own."""
    return tuple(
        text.format(**{key: value[i] if isinstance(value, tuple) else value for key, value in values.items()})
        for i, text in enumerate(triple)
    )  # type: ignore[return-value]


def without(texts: dict[str, str], *languages: str) -> dict[str, str]:
    """A deliberate gap of the translation desk: these languages not translated yet."""
    return {language: text for language, text in texts.items() if language not in languages}


def _translators() -> dict[str, object]:
    users = get_user_model().objects.filter(username__in=TRANSLATOR.values())
    by_name = {user.username: user for user in users}
    return {language: by_name.get(username) for language, username in TRANSLATOR.items()}


def _translator(translators: dict, record: Translatable, language: str):
    # English is translated by the secretariat of the language it is translated from.
    return translators.get(language) or translators.get(record.language)


def _existing(model, texts: list, row_model) -> set:
    content_type = ContentType.objects.get_for_model(model)
    rows = row_model.objects.filter(content_type=content_type, object_id__in={entry[0].pk for entry in texts})
    return set(rows.values_list("object_id", "field", "language"))


def _by_model(texts: list) -> dict[type, list]:
    grouped = defaultdict(list)
    for entry in texts:
        grouped[type(entry[0])].append(entry)
    return grouped


def add_versions(texts: list) -> None:
    """For each (record, field, {language: text}), the versions the record lacks in the other languages,
    made from its current text; with a fourth item, made from that older wording instead (the record
    was edited since: the versions read as outdated). A second run adds nothing."""
    translators, now, versions = _translators(), timezone.now(), []
    for model, entries in _by_model(texts).items():
        content_type, existing = ContentType.objects.get_for_model(model), _existing(model, entries, Version)
        versions += [
            Version(
                content_type=content_type,
                object_id=record.pk,
                field=field,
                language=language,
                text=text,
                source_text=source[0] if source else getattr(record, field),
                written_by=_translator(translators, record, language),
                written_at=now,
            )  # fmt: skip
            for record, field, texts_by_language, *source in entries
            for language, text in texts_by_language.items()
            if text and language != record.language and (record.pk, field, language) not in existing
        ]
    Version.objects.bulk_create(versions, batch_size=1000)


def add_sign_offs(texts: list) -> None:
    """For each (record, field, {language: text}), the text made official in each city's language it has
    a version in (or was written in), signed by that city's secretariat. A second run adds nothing."""
    translators, now, sign_offs = _translators(), timezone.now(), []
    for model, entries in _by_model(texts).items():
        content_type, existing = ContentType.objects.get_for_model(model), _existing(model, entries, SignOff)
        for record, field, texts_by_language in entries:
            source = getattr(record, field)
            signed = {**texts_by_language, record.language: source}
            sign_offs += [
                SignOff(
                    content_type=content_type,
                    object_id=record.pk,
                    field=field,
                    language=language,
                    source_text=source,
                    text=signed[language],
                    signed_by=translators[language],
                    signed_at=now,
                )  # fmt: skip
                for language in TRANSLATOR
                if signed.get(language) and (record.pk, field, language) not in existing
            ]
    SignOff.objects.bulk_create(sign_offs, batch_size=1000)


def title_in_english_starts(model: type[Translatable], prefix: str) -> Q:
    """Records whose title, as written or in its English version, starts with `prefix`."""
    english = Version.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=OuterRef("pk"), field="title",
        language="en", text__startswith=prefix,
    )  # fmt: skip
    return Q(title__startswith=prefix) | Q(Exists(english))

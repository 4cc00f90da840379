"""The demo's texts in the three council languages: written in one, translated into the others."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from translations.models import Translatable, Version


def add_versions(texts: list[tuple[Translatable, str, dict[str, str]]]) -> None:
    """For each (record, field, {language: text}), the versions the record lacks in the other languages,
    made from its current text. A second run adds nothing."""
    if not texts:
        return
    model = type(texts[0][0])
    content_type = ContentType.objects.get_for_model(model)
    existing = set(
        Version.objects.filter(content_type=content_type, object_id__in={r.pk for r, _f, _t in texts}).values_list(
            "object_id", "field", "language"
        )
    )
    now = timezone.now()
    Version.objects.bulk_create(
        [
            Version(
                content_type=content_type,
                object_id=record.pk,
                field=field,
                language=language,
                text=text,
                source_text=getattr(record, field),
                written_at=now,
            )  # fmt: skip
            for record, field, by_language in texts
            for language, text in by_language.items()
            if text and language != record.language and (record.pk, field, language) not in existing
        ],
        batch_size=1000,
    )


def title_in_english_starts(model: type[Translatable], prefix: str) -> Q:
    """Records whose title, as written or in its English version, starts with `prefix`."""
    english = Version.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=OuterRef("pk"), field="title",
        language="en", text__startswith=prefix,
    )  # fmt: skip
    return Q(title__startswith=prefix) | Q(Exists(english))

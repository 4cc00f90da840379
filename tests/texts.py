"""Giving test records versions in other languages, as a translator at the desk would."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from translations.services import save_version

LANGUAGE_KEYS = {"en": "en", "ko": "ko", "zh_hans": "zh-hans"}


def translate(record, field: str = "title", by=None, **texts: str):
    """translate(exchange, ko="…", zh_hans="…"): one version per keyword; returns the record."""
    for key, text in texts.items():
        save_version(record, field, LANGUAGE_KEYS[key], text, by)
    return record


def warm_content_types() -> None:
    """Load every model's content type, as earlier requests of the process would have.

    Reading versions (or a reminder's target) needs the record's content type, which Django caches per
    process: without this, a query count would depend on whether an earlier test had read one — or had
    migrated, which empties the cache.
    """
    ContentType.objects.get_for_models(*apps.get_models())

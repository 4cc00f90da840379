"""Giving test records versions in other languages, as a translator at the desk would."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from translations.models import Translatable
from translations.services import save_version

LANGUAGE_KEYS = {"en": "en", "ko": "ko", "zh_hans": "zh-hans"}


def translate(record, field: str = "title", by=None, **texts: str):
    """translate(exchange, ko="…", zh_hans="…"): one version per keyword; returns the record."""
    for key, text in texts.items():
        save_version(record, field, LANGUAGE_KEYS[key], text, by)
    return record


def warm_content_types() -> None:
    """Load every translatable model's content type, as any earlier request of the process would have.

    Reading versions needs the record's content type, which Django caches per process: without this, a
    query count would depend on whether an earlier test had read versions.
    """
    models = [model for model in apps.get_models() if issubclass(model, Translatable)]
    ContentType.objects.get_for_models(*models)

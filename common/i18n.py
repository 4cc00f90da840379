"""Reading fields stored once per interface language (`<field>_en`, `<field>_ko`, `<field>_zh_hans`)."""

from django.conf import settings
from django.utils.translation import get_language

FALLBACK_LANGUAGE = "en"


def field_suffix(language: str | None = None) -> str:
    """`zh-hans` → `zh_hans`; an unknown language reads as English."""
    language = (language or get_language() or FALLBACK_LANGUAGE).lower()
    known = {code for code, _label in settings.LANGUAGES}
    return (language if language in known else FALLBACK_LANGUAGE).replace("-", "_")


def localized_field(field: str, language: str | None = None) -> str:
    """The column holding `field` in the reader's language, for order_by() and values()."""
    return f"{field}_{field_suffix(language)}"


def localized(obj, field: str, language: str | None = None) -> str:
    value = getattr(obj, localized_field(field, language), "")
    return value or getattr(obj, f"{field}_{FALLBACK_LANGUAGE}", "")

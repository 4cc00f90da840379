"""A record's council texts in the reader's language, as the pages show them."""

from translations.reading import text_of


def text(record, field: str) -> dict:
    found = text_of(record, field)
    return {"text": found.value, "language": found.language, "state": found.state}


def named(record) -> dict | None:
    """A team, focus area or other record with a name in the reader's language (TranslatedNameModel)."""
    if record is None:
        return None
    return {"id": record.pk, "code": getattr(record, "code", ""), "name": str(record.name)}

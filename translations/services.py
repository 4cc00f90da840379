"""Writing versions and signing texts off. Who may do either is the caller's check (secretariat.permissions)."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.forms import TEXT_MAX
from translations.models import LOADED_VERSIONS, SignOff, Translatable, Version
from translations.reading import LANGUAGE_CODES, TRANSLATED, text_of, version_state, versions_of


def field_limit(record: Translatable, field: str) -> int:
    """A single line keeps its column's length; a long text the forms' limit, or twice its source's
    length where the source is longer still (minutes pasted in whole)."""
    return record._meta.get_field(field).max_length or max(TEXT_MAX, 2 * len(getattr(record, field) or ""))


def is_single_line(record: Translatable, field: str) -> bool:
    return record._meta.get_field(field).max_length is not None


def check_version(record: Translatable, field: str, language: str, text: str) -> str:
    """The version as it will be stored, or a ValidationError with the message the writer reads."""
    if field not in record.translated_fields:
        raise ValidationError(_("This text is not translated."))
    if language not in LANGUAGE_CODES or language == record.language:
        raise ValidationError(_("Choose a language other than the one it was written in."))
    text = text.strip()
    limit = field_limit(record, field)
    if len(text) > limit:
        raise ValidationError(
            _("Keep the translation to %(limit)d characters (it has %(length)d).")
            % {"limit": limit, "length": len(text)}
        )
    if is_single_line(record, field) and "\n" in text:
        raise ValidationError(_("This text is a single line."))
    return text


def forget_loaded(record: Translatable) -> None:
    """The record's versions and sign-offs as loaded before a change no longer hold."""
    for name in ("versions", "sign_offs"):
        record.__dict__.get("_prefetched_objects_cache", {}).pop(name, None)
    record.__dict__.pop(LOADED_VERSIONS, None)


@transaction.atomic
def save_version(record: Translatable, field: str, language: str, text: str, by) -> Version | None:
    """Write (or, with an empty text, remove) the version, made from the record's current source."""
    text = check_version(record, field, language, text)
    key = {"content_type": ContentType.objects.get_for_model(record), "object_id": record.pk}
    key |= {"field": field, "language": language}
    forget_loaded(record)
    # A changed translation is official no more in its language.
    SignOff.objects.filter(**key).exclude(text=text).delete()
    if not text:
        Version.objects.filter(**key).delete()
        return None
    version, _created = Version.objects.update_or_create(
        **key,
        defaults={
            "text": text,
            "source_text": getattr(record, field),
            "written_by": by,
            "written_at": timezone.now(),
        },
    )
    return version


def sign_off(record: Translatable, field: str, language: str, by) -> SignOff:
    """Make the current text in `language` official; refused while it has no current version."""
    if field not in record.official_fields:
        raise ValidationError(_("Only official texts are signed off."))
    state, _version = version_state(record, field, language)
    if language != record.language and state != TRANSLATED:
        raise ValidationError(_("Translate the current text first: there is nothing to sign off in this language."))
    if not getattr(record, field):
        raise ValidationError(_("There is no text to sign off."))
    forget_loaded(record)
    sign_off_row, _created = SignOff.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        field=field,
        language=language,
        defaults={
            "source_text": getattr(record, field),
            "text": text_of(record, field, language).value,
            "signed_by": by,
            "signed_at": timezone.now(),
        },
    )
    return sign_off_row


def sign_offs_of(record: Translatable, field: str) -> dict[str, SignOff]:
    """The valid sign-offs of one text by language: those whose source and text still read so."""
    cached = getattr(record, "_prefetched_objects_cache", {}).get("sign_offs")
    rows = cached if cached is not None else record.sign_offs.all()
    source = getattr(record, field)
    valid = {}
    for row in rows:
        text = text_of(record, field, row.language)
        if row.field == field and row.source_text == source and not text.awaiting and row.text == text.value:
            valid[row.language] = row
    return valid


@transaction.atomic
def save_versions(record: Translatable, texts: dict[tuple[str, str], str], by) -> None:
    """Write the versions a form gave with the record, (field, language) → text: only those that
    changed, so that a version left as it was keeps the source it was made from (and reads as
    outdated when the source changed); an empty one is removed."""
    current = {key: version.text for key, version in versions_of(record).items()}
    for (field, language), text in texts.items():
        if language != record.language and text != current.get((field, language), ""):
            save_version(record, field, language, text, by)

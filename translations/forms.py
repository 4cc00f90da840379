"""Writing a council text in one's own language, with its other languages beside it.

A form of a translatable record mixes in `VersionsFormMixin`: it asks what language the texts are
written in ("Written in", the writer's interface language for a new record) and, under each text the
form edits, takes optional versions in the other council languages (fields `title__ko`,
`title__zh_hans`, …). The field of the language the record is written in is shown too (the page's
script hides it once "Written in" is chosen; without the script every column shows) and ignored.

The form only validates: the view hands `form.version_texts()` to the service that saves the record,
which writes them with `translations.services.save_versions` in the same transaction.
"""

import copy

from crispy_forms.layout import Layout
from crispy_forms.utils import TEMPLATE_PACK
from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from translations.models import Translatable
from translations.reading import LANGUAGE_CODES, language_in_words, language_name, reader_language, versions_of
from translations.services import check_version, is_single_line

LANGUAGE = "language"


def version_field_name(field: str, language: str) -> str:
    """`title__zh_hans`: a name a template can reach (`form.title__zh_hans`), unlike one with a hyphen."""
    return f"{field}__{language.replace('-', '_')}"


def current_versions(record: Translatable) -> dict[str, str]:
    """The record's versions that match its texts, as initial values of a form of the same field names
    (an exchange made from an opportunity takes its title and description in every language)."""
    return {
        version_field_name(field, language): version.text
        for (field, language), version in versions_of(record).items()
        if version.source_text == getattr(record, field)
    }


class VersionsFormMixin:
    """A form that writes the translated fields of a `Translatable` record.

    A model form's record is its instance; a plain form names its model in `versions_model` and is
    given the record it edits as `record=` (none for a new one). Put the mixin first among the bases.
    """

    versions_model: type[Translatable] | None = None
    # False for a form that adds to a record's texts without being where its language is chosen (the
    # outcomes of a completed exchange): it takes them in the record's language, and the others beside.
    language_editable = True

    def __init__(self, *args, record: Translatable | None = None, **kwargs):
        asked_language = (kwargs.get("initial") or {}).get(LANGUAGE)
        super().__init__(*args, **kwargs)
        self._version_texts: dict[tuple[str, str], str] = {}  # an empty extra form of a formset is not cleaned
        self.record = record or getattr(self, "instance", None) or self.versions_model()
        self.translated_here = [name for name in self.record.translated_fields if name in self.fields]
        self._add_language_field(asked_language)
        for name in self.translated_here:
            self._add_version_fields(name)

    def _add_language_field(self, asked: str | None) -> None:
        if not self.language_editable:
            for name in self.translated_here:
                values = {"language": language_in_words(self.record.language)}
                self.fields[name].help_text = _("In %(language)s, as the rest of it.") % values
            return
        if LANGUAGE not in self.fields:
            # Optional: a short form elsewhere that posts here without it (a goal's new figure on the
            # plan's page) writes in the writer's language, or keeps the record's.
            field = self.record._meta.get_field(LANGUAGE).formfield(required=False)
            self.fields = _insert_before(self.fields, self.translated_here[0], {LANGUAGE: field})
        if not self.record.pk:
            # A new record is written in the writer's language unless the view knows better (a copy).
            self.initial[LANGUAGE] = asked or reader_language()
        else:
            self.initial[LANGUAGE] = self.record.language

    def _add_version_fields(self, name: str) -> None:
        single_line = is_single_line(self.record, name)
        current = versions_of(self.record) if self.record.pk else {}
        added = {}
        for language in self._column_languages():
            version = current.get((name, language)) if language != self.record.language else None
            widget = forms.TextInput() if single_line else forms.Textarea(attrs={"rows": 3})
            widget.attrs["lang"] = language
            field = forms.CharField(label=language_name(language), required=False, widget=widget)
            if version is not None:
                field.initial = version.text
                if version.source_text != getattr(self.record, name):
                    field.help_text = _("Made from an earlier text.")
            added[version_field_name(name, language)] = field
        self.fields = _insert_after(self.fields, name, added)

    def _column_languages(self) -> tuple[str, ...]:
        """Every language while the form chooses its language; else the record's others only."""
        if self.language_editable:
            return LANGUAGE_CODES
        return tuple(code for code in LANGUAGE_CODES if code != self.record.language)

    def written_in(self) -> str:
        """The language the form's texts are in: as chosen, else as the record was."""
        chosen = getattr(self, "cleaned_data", {}).get(LANGUAGE)
        return chosen if chosen in LANGUAGE_CODES else self.record.language

    def clean(self):
        data = super().clean()
        if self.language_editable and not data.get(LANGUAGE) and LANGUAGE not in self.errors:
            data[LANGUAGE] = self.initial[LANGUAGE]
        if isinstance(self, forms.BaseModelForm) and data.get(LANGUAGE):
            self.instance.language = data[LANGUAGE]
        # The versions leave the cleaned data, which then holds the record's own values only (the
        # keyword arguments of its service); `version_texts()` gives them.
        self._version_texts = {}
        for name in self.translated_here:
            self._clean_versions(name, data)
        return data

    def _clean_versions(self, name: str, data: dict) -> None:
        """Each version checked as the desk checks it, against the source as the form now has it."""
        probe = copy.copy(self.record)
        probe.language = self.written_in()
        setattr(probe, name, data.get(name, getattr(self.record, name)) or "")
        for language in self._column_languages():
            key = version_field_name(name, language)
            text = data.pop(key, None) or ""
            if language == probe.language:
                continue  # the text itself, in the field above
            try:
                text = check_version(probe, name, language, text)
                if text and not getattr(probe, name):
                    raise ValidationError(_("Write the text in its own language first."))
            except ValidationError as error:
                self.add_error(key, error)
            else:
                self._version_texts[(name, language)] = text

    def remove_fields(self, *names: str) -> None:
        """Leave fields out of the form, a translated one with its versions in other languages."""
        for name in names:
            del self.fields[name]
            if name in self.translated_here:
                self.translated_here.remove(name)
                for language in self._column_languages():
                    del self.fields[version_field_name(name, language)]

    def version_texts(self) -> dict[tuple[str, str], str]:
        """(field, language) → the version as typed ("" to remove it), for the record's other languages."""
        return self._version_texts

    @property
    def versions_of(self) -> dict[str, dict]:
        """Per translated field, what `translations/_versions.html` shows: the columns and the language field."""
        blocks = {}
        for name in self.translated_here:
            columns = [(code, self[version_field_name(name, code)]) for code in self._column_languages()]
            blocks[name] = {
                "label": self.fields[name].label,
                "language_field": self[LANGUAGE] if LANGUAGE in self.fields else None,
                "columns": columns,
                "open": any(field.errors for _code, field in columns),
            }
        return blocks


def _insert_after(fields: dict, anchor: str, added: dict) -> dict:
    result = {}
    for name, field in fields.items():
        result[name] = field
        if name == anchor:
            result.update(added)
    return result


def _insert_before(fields: dict, anchor: str, added: dict) -> dict:
    result = {}
    for name, field in fields.items():
        if name == anchor:
            result.update(added)
        result[name] = field
    return result


class Versions:
    """A crispy layout object: a text's other languages, collapsed under it (`translations/_versions.html`)."""

    def __init__(self, field: str):
        self.field = field

    def render(self, form, context, template_pack=TEMPLATE_PACK, **kwargs):
        return render_to_string("translations/_versions.html", {"versions": form.versions_of[self.field]})


def layout_with_versions(form: VersionsFormMixin, *fields) -> Layout:
    """A layout of the form's fields (or of `fields`, which may hold layout objects), each translated
    field followed by its other languages: for forms that crispy lays out by themselves."""
    versions = {version_field_name(name, code) for name in form.translated_here for code in form._column_languages()}
    items = []
    for item in fields or [name for name in form.fields if name not in versions]:
        items.append(item)
        if item in form.translated_here:
            items.append(Versions(item))
    return Layout(*items)

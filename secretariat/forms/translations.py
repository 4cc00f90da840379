"""Forms of the translation desk: the language it lists, and one version of one text. Validation only."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class DeskForm(forms.Form):
    """The desk's choice of language; anything else than a council language reads as the reader's own."""

    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)

    def language_or(self, default: str) -> str:
        return self.cleaned_data["language"] if self.is_valid() else default


class VersionForm(forms.Form):
    """The translation only: whatever else a request carries, the desk changes nothing but the version.
    Its limits are the service's (translations.services.check_version), given back on this field."""

    text = forms.CharField(label=_("Translation"), required=False, strip=False)

    def __init__(self, *args, single_line: bool, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        attrs = {"lang": language, "class": "form-control"}
        widget = forms.TextInput(attrs=attrs) if single_line else forms.Textarea(attrs=attrs | {"rows": 10})
        self.fields["text"].widget = widget
        self.fields["text"].help_text = _("Leave it empty to remove this translation.")

    def clean(self):
        # An empty translation removes the version: only when it is sent empty, never when it is not sent.
        if self.is_bound and "text" not in self.data:
            raise forms.ValidationError(_("Send the translation, or send it empty to remove it."))
        return super().clean()

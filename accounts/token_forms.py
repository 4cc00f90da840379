"""The form that makes an API token on the profile page: a name, an optional expiry, and for the
secretariat a service token's chosen data."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import ApiToken
from common.dates import DAY_VALIDATORS, DayInput


class TokenForm(forms.Form):
    name = forms.CharField(
        label=pgettext_lazy("what an API token is called", "Name"),
        max_length=100,
        help_text=_("What it is for, or the system that uses it."),
    )
    expires_on = forms.DateField(
        label=_("Expires on"),
        required=False,
        validators=DAY_VALIDATORS,
        widget=DayInput,
        help_text=_("Leave empty for a token that lasts until you revoke it."),
    )
    service = forms.BooleanField(
        label=_("For another system (a service token)"),
        required=False,
        help_text=_("It reads only the data chosen below, with your rights."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Data it may read"),
        choices=ApiToken.Scope.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, may_make_service: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_make_service:
            del self.fields["service"], self.fields["scopes"]

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name or "\x00" in name:
            raise forms.ValidationError(_("Give the token a name."))
        return name

    def clean_expires_on(self):
        expires_on = self.cleaned_data["expires_on"]
        if expires_on is not None and expires_on < timezone.localdate():
            raise forms.ValidationError(_("The expiry date has passed."))
        return expires_on

    def clean(self) -> dict:
        data = super().clean()
        if data.get("service") and not data.get("scopes"):
            self.add_error("scopes", _("Choose the data a service token may read."))
        return data

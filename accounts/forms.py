"""The forms of the two-factor pages (a code from an authenticator app, or at sign-in a recovery code)
and of the profile (language and time zone). Validation only (the profile view saves its ModelForm)."""

import zoneinfo

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from accounts.ldap_signin import REFUSAL
from council.models import Person

RECOVERY_CODE_LENGTH = 8  # django-otp's StaticToken.random_token(): eight of a-z and 2-7


def _without_spaces(text: str) -> str:
    return "".join(text.split())  # apps show "123 456"; people copy codes with stray spaces


def _is_app_code(code: str) -> bool:
    return len(code) == 6 and code.isascii() and code.isdigit()  # isdigit() alone lets "²" and "１" through


class _Focus:
    """autofocus=False on the status page: its forms are below what it has to say, which must stay in view."""

    def __init__(self, *args, autofocus: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not autofocus:
            self.fields["code"].widget.attrs.pop("autofocus", None)


class CodeForm(_Focus, forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=20,
        help_text=_("Six digits; a new code appears every 30 seconds."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_code(self) -> str:
        code = _without_spaces(self.cleaned_data["code"])
        if not _is_app_code(code):
            raise forms.ValidationError(_("Enter the six digits your authenticator app shows."))
        return code


class NewRecoveryCodesForm(CodeForm):
    """On the page that also has the form to turn two-factor off: a field name and id of its own."""

    prefix = "recovery"


class SignInCodeForm(_Focus, forms.Form):
    """The code step of sign-in, and turning two-factor off: six digits from the app, or one of the
    recovery codes in the same field (a lost phone)."""

    code = forms.CharField(
        label=_("Code from your authenticator app, or a recovery code"),
        max_length=40,
        help_text=_("Six digits from your app. Without your phone, enter one of your recovery codes instead."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false", "autofocus": True}
        ),
    )

    def clean_code(self) -> str:
        code = _without_spaces(self.cleaned_data["code"]).lower()
        if not (_is_app_code(code) or self._looks_like_recovery_code(code)):
            raise forms.ValidationError(
                _("Enter the six digits your authenticator app shows, or a recovery code of eight letters and digits.")
            )
        return code

    @staticmethod
    def _looks_like_recovery_code(code: str) -> bool:
        return len(code) == RECOVERY_CODE_LENGTH and code.isascii() and code.isalnum()

    def is_recovery_code(self) -> bool:
        return not _is_app_code(self.cleaned_data["code"])


class SignInForm(AuthenticationForm):
    """Django's sign-in form, saying why when a sign-in service refused a right password (the person is
    not linked, disabled at the city, not in its group) or could not be asked (accounts.ldap_signin)."""

    @property
    def takes_city_accounts(self) -> bool:
        return bool(settings.LDAP_DIRECTORIES)

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            refusal = getattr(self.request, REFUSAL, None)
            if refusal is None:
                raise
            raise forms.ValidationError(refusal, code="refused") from None


class ProfileForm(forms.ModelForm):
    time_zone = forms.ChoiceField(label=_("Time zone"), required=False)

    class Meta:
        model = Person
        fields = ["preferred_language", "time_zone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        city_zone = self.instance.city.time_zone
        self.fields["time_zone"].choices = [("", _("My city's time zone (%(zone)s)") % {"zone": city_zone})] + [
            (zone, zone) for zone in sorted(zoneinfo.available_timezones())
        ]
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Save")))

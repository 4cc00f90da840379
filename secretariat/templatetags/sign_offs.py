"""`{% sign_off_panel record "field" %}`: an official text's sign-off in each council language.

For the pages of lower apps (an assembly's minutes, agenda and resolutions) as for the secretariat's
(an agreement and its commitments). Prefetch the records' "versions" and "sign_offs__signed_by__person"
so that a page's query count does not grow with its records.
"""

from dataclasses import dataclass

from django import template
from django.urls import reverse

from secretariat.permissions import can_sign_off
from secretariat.selectors.translations import label_of
from translations.models import SignOff
from translations.reading import LANGUAGE_CODES, language_name, version_state
from translations.services import sign_offs_of

register = template.Library()


@dataclass(frozen=True)
class LanguageSignOff:
    language: str
    name: str
    sign_off: SignOff | None
    readable: bool  # the language reads a current text: the original, or a current version
    sign_url: str  # "" for a reader who may not sign off
    translate_url: str  # "" for a reader who may not translate

    @property
    def signer(self) -> str:
        user = self.sign_off.signed_by if self.sign_off else None
        if user is None:
            return ""
        person = getattr(user, "person", None)
        return str(person) if person is not None else user.get_username()


@register.inclusion_tag("secretariat/translations/_sign_off_panel.html", takes_context=True)
def sign_off_panel(context, record, field: str) -> dict:
    access, request = context.get("access"), context.get("request")
    signed = sign_offs_of(record, field) if getattr(record, field) else {}
    label = label_of(type(record))
    rows = []
    for language in LANGUAGE_CODES:
        state, _version = version_state(record, field, language)
        args = [label, record.pk, field, language]
        rows.append(
            LanguageSignOff(
                language=language,
                name=language_name(language),
                sign_off=signed.get(language),
                readable=state in ("original", "translated"),
                sign_url=reverse("translations:sign-off", args=args)
                if access and can_sign_off(access, language)
                else "",
                translate_url=reverse("translations:edit", args=args)
                if access and access.can_translate() and language != record.language
                else "",
            )
        )
    return {"rows": rows, "here": request.get_full_path() if request else "", "has_text": bool(getattr(record, field))}

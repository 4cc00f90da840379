"""The translation desk (/translations/): the queue, the editor, and signing official texts off.

Secretariat staff and the translators the secretariat names translate (Access.can_translate); a text
becomes official in a language when a secretariat member of the city that speaks it signs it off (or an
administrator). A record is looked up within the reader's council: another council's is not found.
"""

import difflib

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from common.lookups import get_in_scope_or_404
from common.pagination import page_of
from council.permissions import Access, access_for, require
from secretariat.selectors import translations as selectors
from translations.reading import LANGUAGE_CODES, language_name, reader_language, versions_of
from translations.services import check_version, is_single_line, save_version, sign_off


def may_sign_off(access: Access, language: str) -> bool:
    """A secretariat member speaks for their city's language; an administrator for any."""
    if access.is_admin:
        return True
    return access.is_secretariat and access.person is not None and access.person.city.language == language


def desk_url(language: str) -> str:
    return f"{reverse('translations:desk')}?language={language}"


def _language(request: HttpRequest, access: Access) -> str:
    asked = request.GET.get("language", "")
    if asked in LANGUAGE_CODES:
        return asked
    return reader_language(access.person.preferred_language if access.person else None)


@login_required
def desk(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    require(access.can_translate())
    language = _language(request, access)
    page = page_of(request, selectors.queue(access.council_id, language, timezone.localdate()))
    return render(
        request,
        "secretariat/translations/desk.html",
        {
            "language": language,
            "languages": [(code, language_name(code)) for code in LANGUAGE_CODES],
            "counts": selectors.counts(access.council_id, language),
            "page": page,
            "gaps": page.object_list,
        },
    )


def _record(access: Access, label: str, pk: int, field: str, language: str):
    model = selectors.MODELS_BY_LABEL.get(label)
    if model is None or field not in model.translated_fields or language not in LANGUAGE_CODES:
        raise Http404
    council_id = access.council_id if access.council_id is not None else -1
    return get_in_scope_or_404(selectors.in_council(model, council_id), pk=pk)


class VersionForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Translation"), required=False, strip=True)

    def __init__(self, *args, record, field: str, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.record, self.field, self.language = record, field, language
        if not is_single_line(record, field):
            self.fields["text"].widget = forms.Textarea(attrs={"rows": 8})
        self.fields["text"].widget.attrs["lang"] = language

    def clean_text(self) -> str:
        try:
            return check_version(self.record, self.field, self.language, self.cleaned_data["text"])
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from error


def _next(request: HttpRequest, fallback: str) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}, require_https=False)
    return wanted if wanted.startswith("/") and allowed else fallback


def source_changes(old: str, new: str) -> list[tuple[str, str]]:
    """The source's words as (change, word): "" kept, "-" removed, "+" added since the version was made."""
    return [(token[0].strip(), token[2:]) for token in difflib.ndiff(old.split(), new.split()) if token[0] != "?"]


@login_required
def edit(request: HttpRequest, label: str, pk: int, field: str, language: str) -> HttpResponse:
    access = access_for(request.user)
    require(access.can_translate())
    record = _record(access, label, pk, field, language)
    if language == record.language:
        messages.info(request, _("This text is written in that language: it needs no translation."))
        return redirect(_next(request, desk_url(language)))
    version = versions_of(record).get((field, language))
    initial = {"text": version.text if version else ""}
    form = VersionForm(request.POST or None, initial=initial, record=record, field=field, language=language)
    if request.method == "POST" and form.is_valid():
        save_version(record, field, language, form.cleaned_data["text"], request.user)
        messages.success(request, _("The translation is saved."))
        return redirect(_next(request, desk_url(language)))
    source = getattr(record, field)
    outdated = version is not None and version.source_text != source
    return render(
        request,
        "secretariat/translations/edit.html",
        {
            "record": record,
            "field": field,
            "field_label": record._meta.get_field(field).verbose_name,
            "language": language,
            "language_label": language_name(language),
            "source_label": language_name(record.language),
            "version": version,
            "outdated": outdated,
            "source_text": source,
            "changes": source_changes(version.source_text, source) if outdated else [],
            "form": form,
            "next": _next(request, ""),
        },
    )


@login_required
@require_POST
def sign(request: HttpRequest, label: str, pk: int, field: str, language: str) -> HttpResponse:
    access = access_for(request.user)
    require(access.can_translate() or access.is_admin)
    record = _record(access, label, pk, field, language)
    back = _next(request, record.get_absolute_url() if hasattr(record, "get_absolute_url") else desk_url(language))
    if field not in record.official_fields:
        raise Http404
    if not may_sign_off(access, language):
        messages.error(
            request,
            _("Only a secretariat member of the city that speaks %(language)s may sign off this version.")
            % {"language": language_name(language)},
        )
        return redirect(back)
    try:
        sign_off(record, field, language, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    messages.success(request, _("Signed off in %(language)s.") % {"language": language_name(language)})
    return redirect(back)

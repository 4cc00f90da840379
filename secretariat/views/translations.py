"""The translation desk (/translations/): the queue, the editor of one version, and sign-off.

The secretariat and the council's translators translate (Access.can_translate); a text is made official
in a language by the secretariat of the city that speaks it, or by an administrator (can_sign_off). A
record is looked up within the reader's council first, so another council's text is not found (404).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.forms import add_refusal
from common.lookups import get_in_scope_or_404
from common.pagination import page_of
from common.views import safe_next
from council.permissions import Access, access_for, require
from secretariat import machine_translation
from secretariat.forms.translations import DeskForm, VersionForm
from secretariat.permissions import can_sign_off
from secretariat.selectors import translations as selectors
from translations.models import Translatable
from translations.reading import (
    LANGUAGE_CODES,
    OUTDATED,
    language_in_words,
    language_name,
    reader_language,
    version_state,
    with_versions,
)
from translations.services import is_single_line, save_version, sign_off


def _desk_url(language: str) -> str:
    return f"{reverse('translations:desk')}?language={language}"


def _next_or(request: HttpRequest, default: str) -> str:
    return safe_next(request) or default


@login_required
def desk(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    require(access.can_translate())
    language = DeskForm(request.GET).language_or(reader_language(access.person.preferred_language))
    may_sign = can_sign_off(access, language)
    show_sign_off = may_sign and request.GET.get("show") == "sign-off"
    states = (selectors.SIGN_OFF,) if show_sign_off else (selectors.MISSING, selectors.OUTDATED)
    urgency = selectors.Urgency.of_council(access.council_id)
    page = page_of(request, selectors.queue(access.council_id, language, states, urgency))
    context = {
        "form": DeskForm({"language": language}),  # shows the language listed, whatever was asked
        "language": language,
        "language_name": language_name(language),
        "language_in_words": language_in_words(language),
        "page": page,
        "entries": selectors.entries(page.object_list),
        "may_sign_off": may_sign,
        "show_sign_off": show_sign_off,
        "here": request.get_full_path(),
    }
    return render(request, "secretariat/translations/desk.html", context)


def _text_of_address(scope_of, label: str, pk: int, field: str, language: str, fields: str) -> Translatable:
    """The record an address names, within `scope_of(model)`, if `field` is one of its `fields` (its
    "translated_fields" or "official_fields") and `language` a council language; else 404."""
    model = selectors.translatable_model(label)
    if model is None or field not in getattr(model, fields) or language not in LANGUAGE_CODES:
        raise Http404
    return get_in_scope_or_404(scope_of(model), pk=pk)


def _in_council(access: Access):
    def scope(model) -> QuerySet:
        return with_versions(selectors.in_council(model, access.council_id))

    return scope


@login_required
def edit(request: HttpRequest, label: str, pk: int, field: str, language: str) -> HttpResponse:
    access = access_for(request.user)
    record = _text_of_address(_in_council(access), label, pk, field, language, "translated_fields")
    require(access.can_translate())
    if language == record.language:
        raise Http404  # the text as written is edited on the record's own form, not here
    single_line = is_single_line(record, field)
    form = VersionForm(request.POST or None, single_line=single_line, language=language)
    if request.method == "POST" and form.is_valid():
        try:
            save_version(record, field, language, form.cleaned_data["text"], request.user)
        except ValidationError as error:
            add_refusal(form, ValidationError({"text": error.messages}))
        else:
            messages.success(request, _("The translation is saved."))
            return redirect(_next_or(request, _desk_url(language)))
    return _render_editor(request, form, record, field, language)


def _render_editor(request: HttpRequest, form: VersionForm, record: Translatable, field: str, language: str):
    state, version = version_state(record, field, language)
    source = getattr(record, field)
    suggestion = _suggestion(request, form, source, record.language, language)
    if version is not None and not form.is_bound and suggestion is None:
        form.initial["text"] = version.text
    context = {
        "form": form,
        "record": record,
        "what": selectors.text_label(record, field),
        "field": field,
        "source": source,
        "source_language": record.language,
        "source_language_name": language_name(record.language),
        "language": language,
        "language_name": language_name(language),
        "language_in_words": language_in_words(language),
        "state": state,
        "version": version,
        "changes": selectors.changes(version.source_text, source) if state == OUTDATED else None,
        "record_url": selectors.page_of_record(record),
        "next": _next_or(request, ""),
        "cancel_url": _next_or(request, _desk_url(language)),
        "suggestions": machine_translation.is_configured(),
        "suggested": suggestion is not None,
    }
    return render(request, "secretariat/translations/edit.html", context)


def _suggestion(request: HttpRequest, form: VersionForm, source: str, source_language: str, language: str):
    """The machine's suggestion in the editor, when asked for and given; else None, with a message why."""
    if form.is_bound or request.GET.get("suggest") != "1" or not machine_translation.is_configured():
        return None
    try:
        suggestion = machine_translation.suggest(source, source_language, language)
    except machine_translation.SuggestionError as error:
        messages.warning(request, str(error))
        return None
    form.initial["text"] = suggestion
    return suggestion


@login_required
@require_POST
def sign_off_text(request: HttpRequest, label: str, pk: int, field: str, language: str) -> HttpResponse:
    access = access_for(request.user)

    def scope(model) -> QuerySet:
        # An administrator signs off for any council; everyone else within their own.
        records = model.objects.all() if access.is_admin else selectors.in_council(model, access.council_id)
        return with_versions(records)

    record = _text_of_address(scope, label, pk, field, language, "official_fields")
    require(
        can_sign_off(access, language),
        _("Only the secretariat of the city that speaks %(language)s, or an administrator, signs off in it.")
        % {"language": language_in_words(language)},
    )
    back = _next_or(request, selectors.page_of_record(record) or "/")
    try:
        sign_off(record, field, language, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Signed off in %(language)s.") % {"language": language_in_words(language)})
    return redirect(back)

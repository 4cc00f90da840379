"""The agreements register (/secretariat/agreements/): list, detail, record, edit, signed document, commitments.

Every council role reads (secretariat.permissions.can_read_agreements); the secretariat writes
(can_write). An agreement is looked up within the reader's council first, so another council's
agreement is not found (404) rather than forbidden; then the reader's right is checked (403).
"""

import posixpath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Max, prefetch_related_objects
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from common.forms import add_refusal
from common.history import history_entries
from common.kept_pages import kept_page
from common.lookups import get_in_scope_or_404
from common.pagination import page_of
from council.permissions import Access, access_for, require
from secretariat.forms.agreements import AgreementFilterForm, AgreementForm, CommitmentForm, document_content_type
from secretariat.models import Agreement, Commitment
from secretariat.permissions import can_read_agreements, can_write, visible_agreements
from secretariat.selectors import agreements as selectors
from secretariat.services import agreements as services


def _readable(request: HttpRequest, pk: int) -> tuple[Access, Agreement]:
    access = access_for(request.user)
    agreement = get_in_scope_or_404(visible_agreements(access), pk=pk)
    require(can_read_agreements(access))
    return access, agreement


def _writable(request: HttpRequest, pk: int) -> tuple[Access, Agreement]:
    access, agreement = _readable(request, pk)
    require(can_write(access))
    return access, agreement


@login_required
@kept_page
def agreement_list(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    require(can_read_agreements(access))
    form = AgreementFilterForm(request.GET)
    filters = form.filters()
    agreements = selectors.agreements_for_list(access, **filters)
    page = page_of(request, agreements)
    context = {
        "form": form,
        "page": page,
        "agreements": selectors.with_attention(page.object_list),
        "filters_applied": any(filters.values()),
        "attention_days": selectors.ATTENTION_DAYS,
        "can_write": can_write(access),
    }
    return render(request, "secretariat/agreements/list.html", context)


@login_required
@kept_page
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access, agreement = _readable(request, pk)
    prefetch_related_objects([agreement], *selectors.SIGN_OFF_PANEL)
    context = {
        "agreement": agreement,
        "attention": selectors.attention(agreement, timezone.localdate()),
        "attention_days": selectors.ATTENTION_DAYS,
        "commitments": selectors.commitments_with_progress(agreement=agreement, access=access),
        "document_name": posixpath.basename(agreement.document.name) if agreement.document else "",
        "next_statuses": [Agreement.Status(s).label for s in services.allowed_next_statuses(agreement)],
        "history": history_entries(agreement),
        "can_write": can_write(access),
    }
    return render(request, "secretariat/agreements/detail.html", context)


def _render_form(request: HttpRequest, form: AgreementForm, agreement: Agreement | None = None) -> HttpResponse:
    # The title as stored: the form has already copied the submitted values onto its instance.
    title = Agreement.objects.get(pk=agreement.pk).title if agreement else ""
    return render(request, "secretariat/agreements/form.html", {"form": form, "agreement": agreement, "title": title})


@login_required
def agreement_create(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    require(can_write(access))
    form = AgreementForm(request.POST or None, request.FILES or None, instance=Agreement(council_id=access.council_id))
    if request.method != "POST" or not form.is_valid():
        return _render_form(request, form)
    try:
        agreement = services.create_agreement(agreement=form.instance, versions=form.version_texts(), by=request.user)
    except ValidationError as error:
        add_refusal(form, error)
        return _render_form(request, form)
    messages.success(request, _("The agreement “%(title)s” is recorded.") % {"title": agreement.title})
    return redirect(agreement)


@login_required
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _access, agreement = _writable(request, pk)
    form = AgreementForm(request.POST or None, request.FILES or None, instance=agreement)
    if request.method != "POST" or not form.is_valid():
        return _render_form(request, form, agreement)
    try:
        agreement = services.update_agreement(agreement=form.instance, versions=form.version_texts(), by=request.user)
    except ValidationError as error:
        add_refusal(form, error)
        return _render_form(request, form, agreement)
    messages.success(request, _("Your changes to “%(title)s” are saved.") % {"title": agreement.title})
    return redirect(agreement)


@login_required
def agreement_document(request: HttpRequest, pk: int) -> FileResponse:
    """The signed document, as a download: never from a public media URL, only after the reader's right is checked."""
    _access, agreement = _readable(request, pk)
    if not agreement.document:
        raise Http404
    try:
        handle = agreement.document.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    name = agreement.document.name
    return FileResponse(
        handle, as_attachment=True, filename=posixpath.basename(name), content_type=document_content_type(name)
    )


def _render_commitment_form(request, form: CommitmentForm, agreement: Agreement, commitment=None) -> HttpResponse:
    history = history_entries(commitment) if commitment is not None else None
    return render(
        request,
        "secretariat/agreements/commitment_form.html",
        {"form": form, "agreement": agreement, "commitment": commitment, "history": history},
    )


@login_required
def commitment_create(request: HttpRequest, pk: int) -> HttpResponse:
    access, agreement = _writable(request, pk)
    next_order = (agreement.commitments.aggregate(last=Max("order"))["last"] or 0) + 1
    form = CommitmentForm(
        request.POST or None,
        instance=Commitment(agreement=agreement),
        initial={"order": next_order},
        council_id=access.council_id,
    )
    if request.method != "POST" or not form.is_valid():
        return _render_commitment_form(request, form, agreement)
    try:
        commitment = services.create_commitment(
            commitment=form.instance, exchanges=form.cleaned_data["exchanges"], versions=form.version_texts(),
            by=request.user,
        )  # fmt: skip
    except ValidationError as error:
        add_refusal(form, error)
        return _render_commitment_form(request, form, agreement)
    messages.success(request, _("The commitment is added to the agreement."))
    return redirect(f"{agreement.get_absolute_url()}#commitment-{commitment.pk}")


@login_required
def commitment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    access = access_for(request.user)
    commitment = get_in_scope_or_404(selectors.commitments_in_scope(access), pk=pk)
    require(can_write(access))
    agreement = commitment.agreement
    form = CommitmentForm(request.POST or None, instance=commitment, council_id=access.council_id)
    if request.method != "POST" or not form.is_valid():
        return _render_commitment_form(request, form, agreement, commitment)
    try:
        services.update_commitment(
            commitment=form.instance, exchanges=form.cleaned_data["exchanges"], versions=form.version_texts(),
            by=request.user,
        )  # fmt: skip
    except ValidationError as error:
        add_refusal(form, error)
        return _render_commitment_form(request, form, agreement, commitment)
    messages.success(request, _("Your changes to the commitment are saved."))
    return redirect(f"{agreement.get_absolute_url()}#commitment-{commitment.pk}")

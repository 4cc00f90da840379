"""Export of the filtered exchange list (CSV, Excel) and import from a spreadsheet, with a preview first."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from common.filters import export_refused
from council.permissions import access_for, require
from teams.filters import filtered_exchanges
from teams.forms.transfer import ExchangeImportForm
from teams.permissions import can_import_exchanges, can_read_exchanges
from teams.services.transfer import import_exchanges
from teams.transfer import export, sheets, uploads
from teams.transfer.columns import exchange_columns
from teams.transfer.importing import validate_rows

PREVIEW_ROWS = 200


def _exported_exchanges(request: HttpRequest):
    """The list page's filter, and the columns for the reader's council."""
    access = access_for(request.user)
    require(can_read_exchanges(access))
    return filtered_exchanges(access=access, params=request.GET), exchange_columns(access.person.council.rotation())


@login_required
@require_GET
@never_cache
def export_csv(request: HttpRequest) -> HttpResponse:
    exchanges, columns = _exported_exchanges(request)
    if refused := export_refused(request, exchanges, "teams:exchange-list"):
        return refused
    response = StreamingHttpResponse(
        export.csv_chunks(exchanges.qs, columns=columns, language=get_language()),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = content_disposition_header(True, export.filename("csv"))
    return response


@login_required
@require_GET
@never_cache
def export_xlsx(request: HttpRequest) -> HttpResponse:
    exchanges, columns = _exported_exchanges(request)
    if refused := export_refused(request, exchanges, "teams:exchange-list"):
        return refused
    response = HttpResponse(export.xlsx_bytes(exchanges.qs, columns=columns), content_type=export.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, export.filename("xlsx"))
    return response


def _import_page(request: HttpRequest, *, form=None, report=None, pending=None) -> HttpResponse:
    access = access_for(request.user)
    return render(
        request,
        "teams/transfer/import.html",
        {
            "form": form or ExchangeImportForm(),
            "report": report,
            "preview": report.preview(PREVIEW_ROWS) if report and report.is_valid else None,
            "preview_limit": PREVIEW_ROWS,
            "pending": pending,
            "columns": exchange_columns(access.person.council.rotation()),
        },
    )


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload, then the preview: every bad cell listed, or the exchanges to be created and a confirm button."""
    access = access_for(request.user)
    require(can_import_exchanges(access))
    if request.method != "POST":
        return _import_page(request)
    form = ExchangeImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _import_page(request, form=form)
    report = validate_rows(form.rows, access=access, by=request.user)
    if not report.is_valid:
        uploads.discard(request.session)
        return _import_page(request, report=report)
    pending = uploads.keep(request.session, form.cleaned_data["file"], file_format=form.file_format)
    return _import_page(request, report=report, pending=pending)


@login_required
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    """Read the previewed file again, check it again, and import every row or none."""
    access = access_for(request.user)
    require(can_import_exchanges(access))
    pending = uploads.pending_upload(request.session)
    if pending is None or pending.id != request.POST.get("upload"):
        messages.error(request, _("There is no checked file waiting to be imported. Upload it again."))
        return redirect("teams:exchange-import")
    try:
        report = validate_rows(sheets.read_rows(pending.read(), pending.file_format), access=access, by=request.user)
    except sheets.SheetError as error:
        report = None
        messages.error(request, str(error))
    if report is None or not report.is_valid:
        uploads.discard(request.session)
        return _import_page(request, report=report)
    try:
        created = import_exchanges(rows=report.rows, by=request.user)
    except IntegrityError:  # the council's data changed between the check and the write
        messages.error(request, _("Nothing was imported: the data changed meanwhile. Upload the file again."))
        return redirect("teams:exchange-import")
    finally:
        uploads.discard(request.session)
    messages.success(
        request,
        ngettext("%(count)d exchange imported.", "%(count)d exchanges imported.", len(created))
        % {"count": len(created)},
    )
    return redirect("teams:exchange-list")

"""The achievements report of an assembly (/assemblies/<id>/report/), as a page and as a PDF.

Readers: everyone with a role in the council (`can_read_assemblies`). Another council's assembly is
not found (404) before any right is checked. The PDF is made here on the server by WeasyPrint, which
needs the system libraries pango and harfbuzz; without them the PDF says so (503) and the page works.
A PDF is made once and kept in the cache (see `html_to_pdf`): making one takes most of a second.
"""

import functools
import hashlib
import importlib.metadata
import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language

from assemblies.models import Assembly
from assemblies.permissions import can_read_assemblies, readable_assemblies
from assemblies.report import AchievementsReport, compile_report
from assemblies.selectors import unsigned_texts, with_official_texts
from common import change_tokens
from common.lookups import get_in_scope_or_404
from council.permissions import Access, access_for, require
from translations.reading import language_name, reader_language

logger = logging.getLogger(__name__)
PDF_STYLESHEET = "css/report-pdf.css"
# Part of every kept PDF's key: raise it when the way a PDF is made changes (WeasyPrint's options below).
PDF_MAKING = b"council-desk-pdf-1"


def _assembly_to_read(access: Access, pk: int) -> Assembly:
    assemblies = with_official_texts(readable_assemblies(access).select_related("council", "host_city"))
    assembly = get_in_scope_or_404(assemblies, pk=pk)
    require(can_read_assemblies(access))
    return assembly


def _context(access: Access, assembly: Assembly, report: AchievementsReport | None) -> dict:
    """Highlights link to an exchange only for readers who may open it (team members: their team);
    the official texts not yet signed off are those of the reader's language."""
    teams = report.teams if report else []
    return {
        "assembly": assembly,
        "report": report,
        "linked_team_ids": {t.team.pk for t in teams if access.can_read_team(t.team)},
        "unsigned": unsigned_texts(assembly),
        "reader_language_name": language_name(reader_language()),
    }


@login_required
def report_page(request: HttpRequest, pk: int) -> HttpResponse:
    access = access_for(request.user)
    assembly = _assembly_to_read(access, pk)
    report = compile_report(assembly=assembly)
    return render(request, "assemblies/report.html", _context(access, assembly, report))


@login_required
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    access = access_for(request.user)
    assembly = _assembly_to_read(access, pk)
    report = compile_report(assembly=assembly)
    if report is None:
        raise Http404
    html = render_to_string("assemblies/report_pdf.html", _context(access, assembly, report), request=request)
    pdf = html_to_pdf(html, base_url=request.build_absolute_uri("/"))
    if pdf is None:
        return render(request, "assemblies/report_pdf_unavailable.html", {"assembly": assembly}, status=503)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"council-assembly-{assembly.sequence}-report-{get_language()}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def html_to_pdf(html: str, *, base_url: str) -> bytes | None:
    """The PDF of a self-contained page, or None when none is kept and WeasyPrint or its system
    libraries are missing.

    The PDF is a pure function of the HTML, the base URL, the stylesheet and WeasyPrint, so it is kept
    in the cache under a digest of them all: a change of the data, of a translation or of the reader's
    language changes the HTML and so the key, and a reader gets a kept PDF only if their HTML is the
    same to the byte. Nothing needs invalidating; old entries age out after PDF_KEPT_FOR. The page must
    therefore carry nothing that changes on every request (no CSRF token, nonce or time of day): every
    request would be a new key.
    """
    with open(finders.find(PDF_STYLESHEET), "rb") as file:
        stylesheet = file.read()
    key = _pdf_key(html=html, base_url=base_url, stylesheet=stylesheet)
    seconds = int(settings.PDF_KEPT_FOR.total_seconds())
    return change_tokens.cached(
        key, functools.partial(_make_pdf, html, base_url=base_url, stylesheet=stylesheet), seconds=seconds
    )


def _make_pdf(html: str, *, base_url: str, stylesheet: bytes) -> bytes | None:
    """Imported here, not at the top: a machine without pango must still serve every other page. The
    report needs nothing from the network, so the fetcher allows no protocol at all (links are kept
    as links; they are not fetched)."""
    try:
        from weasyprint import CSS, HTML, URLFetcher
    except (ImportError, OSError) as error:  # OSError: cffi could not load libpango / libharfbuzz
        logger.warning("PDF export unavailable: %s", error)
        return None
    document = HTML(string=html, base_url=base_url, url_fetcher=URLFetcher(allowed_protocols=()))
    return document.write_pdf(stylesheets=[CSS(string=stylesheet.decode())], pdf_tags=True)


def _pdf_key(*, html: str, base_url: str, stylesheet: bytes) -> str:
    digest = hashlib.sha256(PDF_MAKING)
    for part in (_weasyprint_version().encode(), base_url.encode(), stylesheet, html.encode()):
        digest.update(len(part).to_bytes(8, "big"))  # each part's length first: no two splits hash alike
        digest.update(part)
    return f"pdf:{digest.hexdigest()}"


@functools.cache
def _weasyprint_version() -> str:
    """From the installed package's metadata, without importing it (that loads pango); read once."""
    try:
        return importlib.metadata.version("weasyprint")
    except importlib.metadata.PackageNotFoundError:
        return "absent"

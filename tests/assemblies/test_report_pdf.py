"""The report as a PDF, made on the server: a real PDF whose fonts hold the Korean and Chinese glyphs,
made once and kept in the cache until what it shows changes."""

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import uuid
import zlib

import pytest
from django.urls import reverse

from teams.models import Exchange
from teams.services.exchanges import change_status
from tests.assemblies.test_report_pages import signed_in
from tests.factories import ExchangeFactory
from tests.fixtures.report import IN_PERIOD
from tests.i18n import translated

STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
CMAP_PAIR = re.compile(rb"<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]+)>")


def pdf_url(assembly) -> str:
    return reverse("assemblies:report-pdf", args=[assembly.pk])


def streams(pdf: bytes) -> list[bytes]:
    """Every compressed stream of the file, inflated: page contents, object streams, fonts' CMaps."""
    inflated = []
    for raw in STREAM.findall(pdf):
        try:
            inflated.append(zlib.decompress(raw))
        except zlib.error:
            continue
    return inflated


def embedded_glyphs(pdf: bytes) -> dict[str, set[str]]:
    """Per character, the glyph ids an embedded font draws it with (from the fonts' ToUnicode CMaps).

    A character is here only if a font in the file has a real glyph for it (not glyph 0, .notdef,
    the empty box): the proof that the text was drawn, not replaced.
    """
    glyphs: dict[str, set[str]] = {}
    for stream in streams(pdf):
        if b"begincmap" not in stream:
            continue
        for glyph, text in CMAP_PAIR.findall(stream):
            if int(glyph, 16):
                glyphs.setdefault(bytes.fromhex(text.decode()).decode("utf-16-be"), set()).add(glyph.decode())
    return glyphs


# CI installs poppler-utils: there the tests that read a PDF's text run, never skip.
needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None and os.environ.get("CI") != "true",
    reason="pdftotext (poppler-utils) is not installed",
)


@pytest.fixture(autouse=True)
def pdfs_age_out(settings):
    """Each test starts with no PDF kept (tests/conftest.py: a cache prefix of its own), and what it
    keeps ages out of the real cache (Redis in CI) within minutes."""
    settings.PDF_KEPT_FOR = dt.timedelta(minutes=5)


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / f"{uuid.uuid4().hex}.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout  # noqa: S607


def without_weasyprint(monkeypatch) -> None:
    """A machine without pango from here on: importing WeasyPrint fails, so no PDF can be made."""
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # `import weasyprint` now raises ImportError


@pytest.fixture
def korean_pdf(client, demo_user, held_assembly):
    signed_in(client, demo_user, "mayor-office-beijing", "ko")
    return client.get(pdf_url(held_assembly))


def test_the_pdf_is_an_attachment_named_for_the_assembly_and_language(korean_pdf):
    assert korean_pdf.status_code == 200
    assert korean_pdf["Content-Type"] == "application/pdf"
    assert korean_pdf["Content-Disposition"] == 'attachment; filename="council-assembly-6-report-ko.pdf"'
    assert korean_pdf.content.startswith(b"%PDF-")
    assert len(korean_pdf.content) > 40_000  # six pages of tables in an embedded CJK font


def test_the_pdf_embeds_a_korean_font_with_the_team_names_glyphs(korean_pdf, economy, culture):
    glyphs = embedded_glyphs(korean_pdf.content)

    assert any(b"Noto-Sans-CJK-KR" in stream for stream in streams(korean_pdf.content))
    for character in economy.name_ko + culture.name_ko:  # 경제팀, 문화팀
        assert glyphs.get(character), f"no glyph for {character!r}"


def test_the_chinese_pdf_uses_the_simplified_chinese_font(client, demo_user, held_assembly, economy):
    signed_in(client, demo_user, "mayor-office-beijing", "zh-hans")

    response = client.get(pdf_url(held_assembly))

    glyphs = embedded_glyphs(response.content)
    assert response["Content-Disposition"] == 'attachment; filename="council-assembly-6-report-zh-hans.pdf"'
    assert any(b"Noto-Sans-CJK-SC" in stream for stream in streams(response.content))
    assert all(glyphs.get(character) for character in economy.name_zh_hans)  # 经济组


@needs_pdftotext
def test_the_pdf_text_reads_in_korean(korean_pdf, economy, tmp_path):
    text = pdf_text(korean_pdf.content, tmp_path)

    assert economy.name_ko in text
    assert translated("Focus area", "ko") in text


def test_without_weasyprint_the_pdf_explains_and_the_page_still_works(client, demo_user, held_assembly, monkeypatch):
    """A machine without pango: importing WeasyPrint fails; the PDF says what is missing, never a 500."""
    without_weasyprint(monkeypatch)
    signed_in(client, demo_user, "secretariat-seoul")

    pdf = client.get(pdf_url(held_assembly))
    page = client.get(reverse("assemblies:report", args=[held_assembly.pk]))

    assert pdf.status_code == 503
    assert pdf["Content-Type"].startswith("text/html")
    assert "PDF export needs the system libraries" in pdf.content.decode()
    assert page.status_code == 200


# Made once, kept until what it shows changes


def test_the_second_request_gets_the_kept_pdf_not_a_new_one(client, demo_user, held_assembly, report_team, monkeypatch):
    signed_in(client, demo_user, "secretariat-seoul")
    made = client.get(pdf_url(held_assembly))
    without_weasyprint(monkeypatch)  # from here on a PDF can only come from the cache

    kept = client.get(pdf_url(held_assembly))
    ExchangeFactory(team=report_team, status=Exchange.Status.COMPLETED, starts_on=IN_PERIOD, outcomes="A new pier.")
    changed = client.get(pdf_url(held_assembly))

    assert made.status_code == kept.status_code == 200
    assert kept.content == made.content
    assert kept["Content-Disposition"] == made["Content-Disposition"]
    assert changed.status_code == 503  # the report changed: its PDF is not kept yet, and cannot be made


@needs_pdftotext
def test_a_change_of_the_reports_data_makes_a_new_pdf_that_shows_it(
    client, demo_user, held_assembly, report_team, tmp_path
):
    harbour = ExchangeFactory(
        team=report_team, status=Exchange.Status.IN_PROGRESS, starts_on=IN_PERIOD, title="Harbour pact"
    )
    signed_in(client, demo_user, "secretariat-seoul")
    before = client.get(pdf_url(held_assembly)).content

    change_status(exchange=harbour, to=Exchange.Status.COMPLETED, outcomes={"outcomes": "Two berths shared."})
    after = client.get(pdf_url(held_assembly)).content

    assert after != before
    assert "Two berths shared." not in pdf_text(before, tmp_path)
    assert "Two berths shared." in pdf_text(after, tmp_path)
    assert client.get(pdf_url(held_assembly)).content == after  # and that one is kept in turn


@needs_pdftotext
def test_a_reader_in_another_language_gets_a_pdf_in_theirs(client, demo_user, held_assembly, economy, tmp_path):
    signed_in(client, demo_user, "mayor-office-seoul", "en")
    english = client.get(pdf_url(held_assembly)).content
    signed_in(client, demo_user, "mayor-office-seoul", "ko")

    korean = client.get(pdf_url(held_assembly)).content

    assert korean != english
    assert economy.name_en in pdf_text(english, tmp_path)
    assert economy.name_ko in pdf_text(korean, tmp_path)
    assert economy.name_ko not in pdf_text(english, tmp_path)


def test_a_kept_pdf_is_never_given_to_someone_who_may_not_read_it(client, demo_user, held_assembly):
    """The rights are checked before the report is compiled, so before its PDF is looked for."""
    signed_in(client, demo_user, "secretariat-seoul")
    assert client.get(pdf_url(held_assembly)).status_code == 200  # now kept

    client.force_login(demo_user("admin"))  # IT: no role in the council
    assert client.get(pdf_url(held_assembly)).status_code == 403
    client.logout()
    assert client.get(pdf_url(held_assembly)).status_code == 302  # to the sign-in page

"""The report as a PDF, made on the server: a real PDF whose fonts hold the Korean and Chinese glyphs."""

import os
import re
import shutil
import subprocess
import sys
import zlib

import pytest
from django.urls import reverse

from tests.assemblies.test_report_pages import signed_in
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


# CI installs poppler-utils: there the test runs, never skips.
@pytest.mark.skipif(
    shutil.which("pdftotext") is None and os.environ.get("CI") != "true",
    reason="pdftotext (poppler-utils) is not installed",
)
def test_the_pdf_text_reads_in_korean(korean_pdf, economy, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(korean_pdf.content)

    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout  # noqa: S607

    assert economy.name_ko in text
    assert translated("Focus area", "ko") in text


def test_without_weasyprint_the_pdf_explains_and_the_page_still_works(client, demo_user, held_assembly, monkeypatch):
    """A machine without pango: importing WeasyPrint fails; the PDF says what is missing, never a 500."""
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # `import weasyprint` now raises ImportError
    signed_in(client, demo_user, "secretariat-seoul")

    pdf = client.get(pdf_url(held_assembly))
    page = client.get(reverse("assemblies:report", args=[held_assembly.pk]))

    assert pdf.status_code == 503
    assert pdf["Content-Type"].startswith("text/html")
    assert "PDF export needs the system libraries" in pdf.content.decode()
    assert page.status_code == 200

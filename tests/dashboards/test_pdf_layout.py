"""The dashboard's PDF read back as text (pdftotext): its "per team and year" table holds together.

Teams are added to the demo council until the table no longer fits where it starts (21 more) or on
any one page (60 more): a table that fits on a page is printed on one; a longer one repeats its head
on each page, and its total prints once, after the last team.
"""

import os
import re
import shutil
import subprocess

import pytest
from django.urls import reverse

from tests.dashboards.test_pages import running_period, weasyprint_works
from tests.factories import ExchangeFactory, TeamFactory

CAPTION = "Exchanges per team and year (completed / planned)"
NEXT_HEADING = "Exchanges per focus area"
CELL = re.compile(r"(\d+)\s*/\s*(\d+)")
PAGE_NUMBER = re.compile(r"\d+\s*/\s*\d+")  # "3 / 8" at the foot of each page

# CI installs poppler-utils and WeasyPrint's libraries: there these tests run, never skip.
pytestmark = pytest.mark.skipif(
    (shutil.which("pdftotext") is None or not weasyprint_works()) and os.environ.get("CI") != "true",
    reason="pdftotext (poppler-utils) or WeasyPrint's system libraries are not installed",
)


def add_teams(council, count: int) -> list[str]:
    """Teams with one planned exchange each in the running cycle; names without a space stay on one line."""
    starts_on = running_period(council).until
    names = []
    for n in range(count):
        team = TeamFactory(council=council, code=f"extra-{n}", name_en=f"Extra{n:02d}", order=100 + n)
        ExchangeFactory(team=team, starts_on=starts_on)
        names.append(team.name_en)
    return names


def table_pages(client, tmp_path) -> list[list[str]]:
    """The lines of the table on each page it is printed on (its caption's page first)."""
    response = client.get(reverse("dashboard-pdf"))
    path = tmp_path / "dashboard.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(  # noqa: S603
        ["pdftotext", "-layout", str(path), "-"],  # noqa: S607
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    table = text[text.index(CAPTION) + len(CAPTION) : text.index(NEXT_HEADING)]
    pages = [
        [line.strip() for line in page.splitlines() if line.strip() and not PAGE_NUMBER.fullmatch(line.strip())]
        for page in table.split("\f")
    ]
    return [page for page in pages if page]


def rows_named(page: list[str], names: list[str]) -> list[str]:
    return [line.split()[0] for line in page if line.split()[0] in names]


@pytest.fixture
def reader(client, demo_user):
    client.force_login(demo_user("mayor-office-beijing"))
    return client


def test_a_table_that_fits_on_a_page_is_printed_on_one(reader, economy, tmp_path):
    extra = add_teams(economy.council, 21)

    pages = table_pages(reader, tmp_path)

    assert len(pages) == 1
    lines = pages[0]
    assert lines[0].startswith("Team ")
    assert rows_named(lines, extra) == extra
    assert [line for line in lines if line.startswith("All teams")] == [lines[-1]]


def test_a_longer_table_repeats_its_head_and_prints_its_total_once_after_the_last_team(reader, economy, tmp_path):
    extra = add_teams(economy.council, 60)

    pages = table_pages(reader, tmp_path)

    assert len(pages) >= 2
    assert all(page[0].startswith("Team ") for page in pages)  # the head on every page, above the rows
    assert [row for page in pages for row in rows_named(page, extra)] == extra  # every team once, whole
    totals = [(number, line) for number, page in enumerate(pages) for line in page if line.startswith("All teams")]
    assert [(number, line) for number, line in totals] == [(len(pages) - 1, pages[-1][-1])]
    assert rows_named(pages[-1], extra)[-1] == extra[-1]  # the total stays with the last team's row


def test_the_total_row_ends_with_the_grand_total(reader, economy, tmp_path):
    add_teams(economy.council, 2)
    dashboard = reader.get(reverse("dashboard")).context["dashboard"]

    total_row = table_pages(reader, tmp_path)[-1][-1]

    cells = [(int(done), int(planned)) for done, planned in CELL.findall(total_row.replace(",", ""))]
    year_cells = [(row["completed"], row["planned"]) for row in dashboard.year_totals]
    assert cells == [*year_cells, (dashboard.total["completed"], dashboard.total["planned"])]

"""Reading uploaded spreadsheets without trusting what they declare: size, width, row numbers, structure."""

import io
import re
import tracemalloc
import zipfile

import pytest
from django.test import override_settings
from openpyxl import Workbook

from teams.transfer.sheets import SheetError, read_rows

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET = "xl/worksheets/sheet1.xml"
NOT_A_WORKBOOK = "This file is not an Excel workbook (.xlsx). In Excel, save it as “Excel Workbook”."
TOO_LARGE = "This workbook is too large once unpacked."
TOO_MANY_ROWS = "The file has more than 2000 rows; split it."


def too_wide(row: int) -> str:
    return f"Row {row} has cells beyond column BL; an import file has at most 64 columns."


def text_cell(reference: str, text: str) -> str:
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'


def row_xml(number: int, *cells: tuple[str, str]) -> str:
    return f'<row r="{number}">' + "".join(text_cell(f"{column}{number}", text) for column, text in cells) + "</row>"


def sheet_xml(rows: str, *, dimension: str | None = None, before_data: str = "") -> str:
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'<worksheet xmlns="{NS}">{declared}{before_data}<sheetData>{rows}</sheetData></worksheet>'


def workbook_with(replacements: dict[str, str | bytes]) -> bytes:
    """A workbook as openpyxl writes one, with some of its parts replaced by hand-written XML."""
    buffer = io.BytesIO()
    Workbook().save(buffer)
    original = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    crafted = io.BytesIO()
    with zipfile.ZipFile(crafted, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in original.namelist():
            archive.writestr(name, replacements.get(name, original.read(name)))
    return crafted.getvalue()


def sheet_of(rows: str, **options) -> bytes:
    return workbook_with({SHEET: sheet_xml(rows, **options)})


def heading_and_rows(count: int) -> str:
    rows = [row_xml(1, ("A", "Title"), ("B", "Team"))]
    rows += [row_xml(n, ("A", f"Forum {n}"), ("B", "Economy team")) for n in range(2, count + 2)]
    return "".join(rows)


def peak_bytes_of_reading(data: bytes, file_format: str) -> int:
    tracemalloc.start()
    try:
        read_rows(data, file_format)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def refusal(data: bytes, file_format: str = "xlsx") -> str:
    with pytest.raises(SheetError) as refused:
        read_rows(data, file_format)
    return str(refused.value)


@pytest.fixture(autouse=True)
def english():
    with override_settings(LANGUAGE_CODE="en"):
        yield


def test_a_declared_huge_dimension_reads_as_the_rows_there_are():
    data = sheet_of(heading_and_rows(1), dimension="A1:XFD1048576")

    assert read_rows(data, "xlsx") == [(1, ["Title", "Team"]), (2, ["Forum 2", "Economy team"])]


def test_reading_two_thousand_rows_under_a_huge_dimension_stays_within_a_few_megabytes():
    data = sheet_of(heading_and_rows(2000), dimension="A1:XFD1048576")

    assert peak_bytes_of_reading(data, "xlsx") < 8 * 1024 * 1024


def test_a_gap_up_to_the_last_row_of_excel_reads_as_the_two_rows_there_are():
    data = sheet_of(row_xml(1, ("A", "Title")) + row_xml(1_048_576, ("A", "Forum")))

    assert read_rows(data, "xlsx") == [(1, ["Title"]), (1_048_576, ["Forum"])]


def test_a_row_numbered_beyond_the_last_row_of_excel_is_refused():
    data = sheet_of(row_xml(1, ("A", "Title")) + row_xml(1_048_577, ("A", "Forum")))

    assert refusal(data) == NOT_A_WORKBOOK


@pytest.mark.parametrize("column", ["BM", "XFD"])
def test_a_cell_beyond_the_column_limit_is_refused(column):
    data = sheet_of(row_xml(1, ("A", "Title")) + row_xml(2, ("A", "Forum"), (column, "note")))

    assert refusal(data) == too_wide(2)


def test_a_cell_in_the_last_column_allowed_is_read():
    data = sheet_of(row_xml(1, ("A", "Title"), ("BL", "note")))

    assert read_rows(data, "xlsx") == [(1, ["Title", *[None] * 62, "note"])]


def test_a_single_empty_cell_at_column_xfd_is_refused_before_padding_many_rows():
    rows = row_xml(1, ("A", "Title")) + '<row r="2"><c r="XFD2"/></row>'

    assert refusal(sheet_of(rows)) == too_wide(2)


def test_two_thousand_rows_are_read_and_one_more_is_refused():
    assert len(read_rows(sheet_of(heading_and_rows(2000)), "xlsx")) == 2001

    assert refusal(sheet_of(heading_and_rows(2001))) == TOO_MANY_ROWS


def test_the_row_limit_stops_the_reading_before_the_rest_of_the_file():
    """What follows the 2,001st row is never read: here it would fail as broken XML."""
    # Declared, so that openpyxl doesn't read the whole sheet to find its size when it opens the file.
    sheet = sheet_xml(heading_and_rows(2001) + row_xml(2003, ("A", "Forum")), dimension="A1:B2003")
    broken = sheet.replace(row_xml(2003, ("A", "Forum")), '<row r="2003"><c r="A2003" t="n"><v>not a number</v></c>')

    assert refusal(workbook_with({SHEET: broken}), "xlsx") == TOO_MANY_ROWS


def test_blank_rows_are_skipped_and_do_not_count_against_the_limit():
    rows = heading_and_rows(2000) + "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t> </t></is></c></row>' for n in range(3000, 5000)
    )

    assert len(read_rows(sheet_of(rows), "xlsx")) == 2001


def _styles_with_cell_formats(count: int) -> str:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    styles = zipfile.ZipFile(io.BytesIO(buffer.getvalue())).read("xl/styles.xml").decode()
    return re.sub(r'<cellXfs count="\d+">', "<cellXfs>" + "<xf/>" * count, styles)


@pytest.mark.parametrize(
    "replacements",
    [
        {SHEET: sheet_xml(f'<row r="1">{"<c/>" * 100_000}</row>')},
        {SHEET: sheet_xml(row_xml(1, ("A", "Title")) + f'<row r="2"><c r="A2">{"<v>1</v>" * 600}</c></row>')},
        {
            SHEET: sheet_xml(
                row_xml(1, ("A", "Title")), before_data="<cols>" + '<col min="1" max="1"/>' * 60_000 + "</cols>"
            )
        },
        {"xl/styles.xml": _styles_with_cell_formats(60_000)},
        {SHEET: sheet_xml("".join(row_xml(n, ("A", "x"), ("B", "y"), ("C", "z")) for n in range(1, 40_000)))},
    ],
    ids=[
        "a-row-of-100000-cells",
        "a-cell-of-600-values",
        "60000-column-widths",
        "60000-cell-formats",
        "300000-cell-elements",
    ],
)
def test_a_workbook_with_more_elements_than_an_import_can_have_is_refused_before_it_is_read(replacements):
    data = workbook_with(replacements)
    assert len(data) < 500_000  # a tenth of the upload limit

    assert refusal(data) == TOO_LARGE


def test_a_workbook_part_with_a_document_type_is_refused():
    bomb = '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]>' + sheet_xml(row_xml(1, ("A", "&a;")))

    assert refusal(workbook_with({SHEET: bomb})) == NOT_A_WORKBOOK


# CSV ---------------------------------------------------------------------------------------------


def csv_of(lines: list[str]) -> bytes:
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode()


def test_a_csv_file_of_two_thousand_rows_is_read_and_one_more_is_refused():
    lines = ["Title,Team"] + [f"Forum {n},Economy team" for n in range(2000)]

    assert len(read_rows(csv_of(lines), "csv")) == 2001
    assert refusal(csv_of([*lines, "One more,Economy team"]), "csv") == TOO_MANY_ROWS


def test_a_csv_cell_beyond_the_column_limit_is_refused():
    assert refusal(csv_of(["Title,Team", "Forum" + "," * 64 + "note"]), "csv") == too_wide(2)


def test_the_empty_cells_excel_pads_a_csv_line_with_are_not_columns():
    rows = read_rows(csv_of(["Title,Team" + "," * 100, "", "Forum,Economy team" + "," * 100]), "csv")

    assert rows == [(1, ["Title", "Team"]), (3, ["Forum", "Economy team"])]


def test_reading_a_csv_file_of_blank_lines_stays_within_a_few_megabytes():
    data = csv_of(["Title,Team", *["" for _ in range(1_000_000)], "Forum,Economy team"])
    assert len(data) < 5 * 1024 * 1024

    assert peak_bytes_of_reading(data, "csv") < 8 * 1024 * 1024

"""A list as a spreadsheet file: CSV streamed row by row, or an Excel workbook written in one pass.

Shared by every export (the exchange log, the correspondence log): each one says what its headings,
column widths and rows are; this module writes them the same way, with every text cell neutralised so
that no spreadsheet program runs it as a formula.
"""

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from django.utils import translation
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"

# Spreadsheet programs run a cell starting with one of these as a formula (a leading tab or carriage
# return is how some of them are smuggled past a check for "="). OWASP's advice: prefix a quote.
_NEEDS_QUOTE = re.compile(r"'*[=+\-@\t\r]")
_ADDED_QUOTE = re.compile(r"'+[=+\-@\t\r]")


def neutralise(text: str) -> str:
    """A text cell that no spreadsheet program runs as a formula.

    Quotes already in front of a formula character get one more, so that `restore` can always take
    away exactly the one added here: restore(neutralise(text)) == text for every text.
    """
    return f"'{text}" if _NEEDS_QUOTE.match(text) else text


def restore(text: str) -> str:
    """Undo `neutralise`: drop the one quote it added."""
    return text[1:] if _ADDED_QUOTE.match(text) else text


# CSV ---------------------------------------------------------------------------------------------


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, dt.datetime):  # before date: a datetime is a date too
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class _Echo:
    """A file that hands back what is written to it, so csv.writer can feed a streaming response."""

    def write(self, line: str) -> str:
        return line


def csv_chunks(*, headings: Callable[[], Sequence[Any]], rows: Iterator[Sequence[Any]], language: str) -> Iterator[str]:
    """The CSV file line by line, starting with a byte-order mark so that Excel reads it as UTF-8.

    Streamed after the view has returned, so the reader's language is passed in and activated here,
    around the headings and around each step of `rows` (a lazy iterator: labels are made as it runs).
    """
    writer = csv.writer(_Echo())
    with translation.override(language):
        header = writer.writerow([csv_cell(heading) for heading in headings()])
    yield "\ufeff" + header
    while True:
        with translation.override(language):
            cells = next(rows, None)
        if cells is None:
            return
        yield writer.writerow([csv_cell(cell) for cell in cells])


# Excel -------------------------------------------------------------------------------------------

_BOLD = Font(bold=True)


def xlsx_cell(sheet, value: Any) -> WriteOnlyCell:
    if value == "":
        value = None  # an empty cell, as in the CSV
    if isinstance(value, str):
        # Characters XML cannot hold would make openpyxl refuse the whole file.
        cell = WriteOnlyCell(sheet, value=neutralise(ILLEGAL_CHARACTERS_RE.sub("", value)))
        cell.data_type = "s"  # a string, never a formula, whatever it starts with
        return cell
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, dt.datetime):  # naive: Excel has no time zones; the heading says whose time it is
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, dt.date):
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(value, Decimal):
        cell.number_format = "#,##0.00"
    return cell


def sheet_title(title: str, *, fallback: str) -> str:
    # Excel allows 31 characters and none of []:*?/\ in a sheet's name.
    return re.sub(r"[\[\]:*?/\\]", "", title)[:31] or fallback


def xlsx_bytes(*, title: str, headings: Sequence[Any], widths: Sequence[int], rows: Iterable[Sequence[Any]]) -> bytes:
    """The workbook: a bold, frozen heading row, sized columns (in characters), one row per item."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title)
    sheet.freeze_panes = "A2"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    heading_cells = []
    for heading in headings:
        cell = xlsx_cell(sheet, heading)
        cell.font = _BOLD
        heading_cells.append(cell)
    sheet.append(heading_cells)
    for cells in rows:
        sheet.append([xlsx_cell(sheet, value) for value in cells])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

"""The exchange list as a file: CSV streamed row by row, or an Excel workbook written in one pass."""

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from teams.filters import exchange_rows
from teams.models import Exchange
from teams.transfer.columns import Column, neutralise

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Rows fetched per query; each chunk costs the exchange query plus the two of its prefetch.
CHUNK_SIZE = 2000


def filename(extension: str) -> str:
    """`exchanges-2025-04-21.csv`, dated in the reader's time zone."""
    return f"exchanges-{timezone.localdate():%Y-%m-%d}.{extension}"


def participants_by_city(exchange: Exchange) -> dict[int, int]:
    return {participation.city_id: participation.participants for participation in exchange.participations.all()}


def table_rows(exchanges: QuerySet[Exchange], columns: Sequence[Column]) -> Iterator[list[Any]]:
    """One list of cell values per exchange, in the active language; a constant number of queries."""
    for exchange in exchange_rows(exchanges).iterator(chunk_size=CHUNK_SIZE):
        participants = participants_by_city(exchange)
        yield [column.value(exchange, participants) for column in columns]


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class _Echo:
    """A file that hands back what is written to it, so csv.writer can feed a streaming response."""

    def write(self, line: str) -> str:
        return line


def csv_chunks(exchanges: QuerySet[Exchange], *, columns: Sequence[Column], language: str) -> Iterator[str]:
    """The CSV file line by line, starting with a byte-order mark so that Excel reads it as UTF-8.

    Streamed after the view has returned, so the reader's language is passed in and activated here.
    """
    writer = csv.writer(_Echo())
    with translation.override(language):
        header = writer.writerow([_csv_cell(column.heading()) for column in columns])
    yield "\ufeff" + header
    rows = table_rows(exchanges, columns)
    while True:
        with translation.override(language):
            cells = next(rows, None)
        if cells is None:
            return
        yield writer.writerow([_csv_cell(cell) for cell in cells])


_BOLD = Font(bold=True)


def _xlsx_cell(sheet, value: Any) -> WriteOnlyCell:
    if value == "":
        value = None  # an empty cell, as in the CSV
    if isinstance(value, str):
        # Characters XML cannot hold would make openpyxl refuse the whole file.
        cell = WriteOnlyCell(sheet, value=neutralise(ILLEGAL_CHARACTERS_RE.sub("", value)))
        cell.data_type = "s"  # a string, never a formula, whatever it starts with
        return cell
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, dt.date):
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(value, Decimal):
        cell.number_format = "#,##0.00"
    return cell


def _sheet_title() -> str:
    # Excel allows 31 characters and none of []:*?/\ in a sheet's name.
    return re.sub(r"[\[\]:*?/\\]", "", _("Exchanges"))[:31] or "Exchanges"


def xlsx_bytes(exchanges: QuerySet[Exchange], *, columns: Sequence[Column]) -> bytes:
    """The workbook: a bold, frozen heading row, sized columns, one row per exchange."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title())
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    heading_cells = []
    for column in columns:
        cell = _xlsx_cell(sheet, column.heading())
        cell.font = _BOLD
        heading_cells.append(cell)
    sheet.append(heading_cells)
    for cells in table_rows(exchanges, columns):
        sheet.append([_xlsx_cell(sheet, value) for value in cells])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

"""The exchange list as a file: CSV streamed row by row, or an Excel workbook written in one pass.

How a file is written (byte-order mark, formula neutralising, bold frozen headings) is shared with the
other exports in common.spreadsheets; what is written (the columns) is teams.transfer.columns.
"""

from collections.abc import Iterator, Sequence
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from common import spreadsheets
from teams.filters import exchange_rows
from teams.models import Exchange
from teams.transfer.columns import Column

XLSX_CONTENT_TYPE = spreadsheets.XLSX_CONTENT_TYPE
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


def csv_chunks(exchanges: QuerySet[Exchange], *, columns: Sequence[Column], language: str) -> Iterator[str]:
    """The CSV file line by line (see common.spreadsheets.csv_chunks), in the reader's `language`."""
    return spreadsheets.csv_chunks(
        headings=lambda: [column.heading() for column in columns],
        rows=table_rows(exchanges, columns),
        language=language,
    )


def xlsx_bytes(exchanges: QuerySet[Exchange], *, columns: Sequence[Column]) -> bytes:
    """The workbook: a bold, frozen heading row, sized columns, one row per exchange."""
    return spreadsheets.xlsx_bytes(
        title=spreadsheets.sheet_title(_("Exchanges"), fallback="Exchanges"),
        headings=[column.heading() for column in columns],
        widths=[column.width for column in columns],
        rows=table_rows(exchanges, columns),
    )

"""Checking a spreadsheet of exchanges before anything is written: every row, every cell. No writes here.

Each row is read cell by cell (unknown names, bad dates and numbers, empty required cells), then the
exchange it describes goes through the same model validation as the exchange form
(`prepare_new_exchange`). The report lists every problem; the import only goes ahead without any.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from council.models import City
from council.permissions import Access
from teams.models import Exchange
from teams.services.exchanges import prepare_new_exchange
from teams.transfer.columns import CellInvalid, Column, Lookups, cell_text, exchange_columns, normal

# prepare_new_exchange raises these before running full_clean; the rest of the row is checked after.
_CHECKED_BEFORE_FULL_CLEAN = {"status", "outcomes"}


@dataclass(frozen=True)
class CellError:
    row: int  # as the spreadsheet numbers it
    column: str  # the column's letter in the file; "" when the problem is the whole row's
    heading: str  # the column's heading in the reader's language
    value: str  # the cell as read
    message: str


@dataclass
class ImportRow:
    number: int
    exchange: Exchange  # validated, not saved
    participants: dict[City, int]


@dataclass
class ImportReport:
    columns: list[Column]  # the file's columns that are imported, in file order
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def bad_rows(self) -> list[int]:
        return sorted({error.row for error in self.errors})

    def preview(self, limit: int) -> list[tuple[int, list[str]]]:
        """The first rows as the export would show them, for the page that asks for confirmation."""
        table = []
        for row in self.rows[:limit]:
            participants = {city.pk: count for city, count in row.participants.items()}
            table.append((row.number, [_display(column.value(row.exchange, participants)) for column in self.columns]))
        return table


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:,}"
    return str(value)


def validate_rows(rows: Sequence[tuple[int, Sequence[Any]]], *, access: Access, by) -> ImportReport:
    """Check the numbered rows of a file (`sheets.read_rows`: the first one names the columns) for import by `by`."""
    council = access.person.council
    cities = council.rotation()
    header_number, header_cells = rows[0] if rows else (1, [])
    header, errors = _read_header(header_number, header_cells, exchange_columns(cities))
    report = ImportReport(columns=[column for column in header if column and column.imported], errors=errors)
    if errors:
        return report
    lookups = Lookups(council=council, cities=cities)
    data_rows = rows[1:]
    for number, cells in data_rows:
        row, row_errors = _validate_row(number, cells, header, lookups=lookups, access=access, by=by)
        report.errors.extend(row_errors)
        if row is not None:
            report.rows.append(row)
    if not data_rows:
        report.errors.append(_whole_file_error(_("The file has no exchanges to import.")))
    return report


def _whole_file_error(message: str) -> CellError:
    return CellError(row=1, column="", heading="", value="", message=message)


def _read_header(
    number: int, cells: Sequence[Any], columns: list[Column]
) -> tuple[list[Column | None], list[CellError]]:
    """Which column each cell of the heading row names (None: no heading), and what is wrong with them."""
    by_heading: dict[str, Column] = {}
    for column in columns:
        for heading in column.headings():
            by_heading.setdefault(heading, column)
    header: list[Column | None] = []
    errors, seen = [], set()
    for index, cell in enumerate(cells):
        text = cell_text(cell)
        column = by_heading.get(normal(text)) if text else None
        if text and column is None:
            errors.append(CellError(number, get_column_letter(index + 1), text, text, _("This column is not known.")))
        elif column is not None and column.key in seen:
            errors.append(
                CellError(number, get_column_letter(index + 1), column.heading(), text, _("This column appears twice."))
            )
            column = None
        if column is not None:
            seen.add(column.key)
        header.append(column)
    for column in columns:
        if column.required and column.key not in seen:
            errors.append(CellError(number, "", column.heading(), "", _("This column is missing.")))
    return header, errors


def _validate_row(number, cells, header, *, lookups, access, by) -> tuple[ImportRow | None, list[CellError]]:
    check = _RowCheck(number, cells, header)
    check.read_cells(lookups)
    check.refuse_cells_without_heading()
    check.refuse_team_not_managed(access)
    exchange = Exchange(**check.values)
    check.add_model_errors(_model_errors(exchange, by=by))
    if check.errors:
        # In the order of the file's columns (A … Z, AA …); problems of the whole row first.
        return None, sorted(check.errors, key=lambda error: (len(error.column), error.column))
    return ImportRow(number=number, exchange=exchange, participants=check.participants), []


class _RowCheck:
    """One row's cells read into an exchange's values, and every problem found on the way."""

    def __init__(self, number: int, cells: Sequence[Any], header: list[Column | None]):
        self.number, self.cells, self.header = number, cells, header
        self.values: dict[str, Any] = {}
        self.participants: dict[City, int] = {}
        self.errors: list[CellError] = []
        self.failed: set[str] = set()  # keys of the columns with an error of their own

    def cell(self, index: int) -> Any:
        return self.cells[index] if index < len(self.cells) else None

    def refuse(self, index: int | None, column: Column | None, message: str, *, heading: str = "") -> None:
        letter = get_column_letter(index + 1) if index is not None else ""
        value = cell_text(self.cell(index)) if index is not None else ""
        heading = column.heading() if column is not None else heading
        self.errors.append(CellError(self.number, letter, heading, value, message))
        if column is not None:
            self.failed.add(column.key)

    def read_cells(self, lookups: Lookups) -> None:
        for index, column in enumerate(self.header):
            if column is None or not column.imported:
                continue
            try:
                value = _parse_cell(column, self.cell(index), lookups=lookups, row=self.values)
            except CellInvalid as error:
                self.refuse(index, column, str(error))
                continue
            if value is None:
                continue
            if column.city is not None:
                self.participants[column.city] = value
            else:
                self.values[column.field] = value

    def refuse_cells_without_heading(self) -> None:
        for index, cell in enumerate(self.cells):
            if (index >= len(self.header) or self.header[index] is None) and cell_text(cell):
                self.refuse(index, None, _("This cell has no column heading."))

    def refuse_team_not_managed(self, access: Access) -> None:
        team = self.values.get("team")
        if team is not None and not access.can_manage_team(team):
            index = next(i for i, column in enumerate(self.header) if column and column.key == "team")
            self.refuse(
                index, self.header[index], _("You may not import exchanges of the %(team)s.") % {"team": team.name}
            )

    def add_model_errors(self, errors: dict[str, list[str]]) -> None:
        """The model's verdict, under each field's column; none on top of a cell's own error."""
        columns = {column.field: (i, column) for i, column in enumerate(self.header) if column and column.field}
        for name, messages in errors.items():
            index, column = columns.get(name, (None, None))
            if column is not None and (column.key in self.failed or column.depends_on in self.failed):
                continue
            heading = ""  # a problem of the whole row
            if column is None and name != NON_FIELD_ERRORS:  # a field whose column the file lacks
                heading = capfirst(str(Exchange._meta.get_field(name).verbose_name))
            for message in messages:
                self.refuse(index, column, message, heading=heading)


def _parse_cell(column: Column, cell: Any, *, lookups: Lookups, row: dict[str, Any]) -> Any:
    if not isinstance(cell, bool) and not cell_text(cell):
        if column.required:
            raise CellInvalid(_("This cell is required."))
        return column.codec.blank()
    return column.codec.parse(cell, lookups=lookups, row=row)


def _model_errors(exchange: Exchange, *, by) -> dict[str, list[str]]:
    # Only leads and the secretariat import, and a row of a team the importer may not manage is an
    # error of its own: no row is a member's draft.
    try:
        prepare_new_exchange(exchange=exchange, by=by, drafts_only=False, references_checked=True)
    except ValidationError as error:
        errors = dict(error.message_dict)
    else:
        return {}
    if set(errors) <= _CHECKED_BEFORE_FULL_CLEAN:
        try:
            exchange.full_clean()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                errors.setdefault(name, messages)
    return errors

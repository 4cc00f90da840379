"""Reading an uploaded spreadsheet: what the file really is (by its content, not its name), and its rows.

A small file can describe a huge sheet: a workbook declares its size (`<dimension>`), and openpyxl pads
every row to it; a row may name column XFD or row 1,048,576; the XML of a 5 MB upload can hold
millions of elements, which openpyxl keeps or turns into objects while it reads. So nothing a file
declares is trusted: the elements of a workbook are counted before openpyxl reads it, and the import's
limits (MAX_ROWS rows with a value, MAX_COLUMNS columns) are enforced row by row while reading, for
CSV as for Excel. Reading a full import costs a few megabytes, the worst a file within the counts can
do a few tens (measured with tracemalloc: 40 MB for 49,000 defined names), and a file past a limit is
refused before it costs more.
"""

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import PurePath
from typing import IO, Any
from xml.parsers import expat

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

FORMATS = ("csv", "xlsx")
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# A workbook of 5 MB unpacks to a few times that; a "zip bomb" unpacks to far more.
MAX_UNPACKED_BYTES = 60 * 1024 * 1024
# A request checks every row twice (preview, then confirmation); this keeps both within seconds.
MAX_ROWS = 2000
# The export writes 19 columns and one per member city (21 for Seoul and Beijing); the rest is room for
# empty columns and more member cities.
MAX_COLUMNS = 64
# The last row of an Excel worksheet: a row numbered beyond it is not from a real workbook.
EXCEL_MAX_ROW = 1_048_576

# openpyxl builds a whole <row> (and a whole shared string) in memory before handing it over: a row of
# MAX_COLUMNS cells, each with its value, formula or text runs, stays far below this.
_MAX_ELEMENTS_IN_ROW = MAX_COLUMNS * 8
# Elements inside rows and shared strings: cells, values, text. A full import (2,001 rows of 21 cells,
# about 100,000 elements with its strings) has room; the reading stays within seconds.
_MAX_DATA_ELEMENTS = 300_000
# Every other element: the rows and shared strings themselves, styles, names, relationships. openpyxl
# keeps each of them, or an object of a few hundred bytes made from it, until the file is read.
_MAX_STRUCTURE_ELEMENTS = 50_000

Row = tuple[int, list[Any]]  # a row's number in the file (the heading row is 1) and its cells


class SheetError(Exception):
    """The file cannot be read as the spreadsheet it claims to be; the message says why."""


def format_of(name: str) -> str:
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension not in FORMATS:
        raise SheetError(_("Upload an Excel workbook (.xlsx) or a CSV file (.csv); save an older .xls file as .xlsx."))
    return extension


def check_size(size: int) -> None:
    if size > MAX_UPLOAD_BYTES:
        raise SheetError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(MAX_UPLOAD_BYTES)}
        )


def read_rows(data: bytes, file_format: str) -> list[Row]:
    """The rows that have a value (of the first worksheet of a workbook), with their numbers in the file.

    Refuses a file with more than MAX_ROWS such rows after the first, or a cell beyond MAX_COLUMNS.
    """
    return _read_xlsx(data) if file_format == "xlsx" else _read_csv(data)


def _kept_rows(rows: Iterable[tuple[int, Sequence[Any]]]) -> list[Row]:
    """The rows with a value, checked against the limits one by one as they are read."""
    kept: list[Row] = []
    for number, cells in rows:
        if len(cells) > MAX_COLUMNS:
            raise SheetError(
                _("Row %(row)s has cells beyond column %(column)s; an import file has at most %(max)s columns.")
                % {"row": number, "column": get_column_letter(MAX_COLUMNS), "max": MAX_COLUMNS}
            )
        if any(cell is not None and str(cell).strip() for cell in cells):
            if len(kept) > MAX_ROWS:  # the heading row and MAX_ROWS rows are kept already
                raise SheetError(_("The file has more than %(max)s rows; split it.") % {"max": MAX_ROWS})
            kept.append((number, list(cells)))
    return kept


# Excel -------------------------------------------------------------------------------------------


def _not_a_workbook() -> SheetError:
    return SheetError(_("This file is not an Excel workbook (.xlsx). In Excel, save it as “Excel Workbook”."))


def _too_large() -> SheetError:
    return SheetError(_("This workbook is too large once unpacked."))


def _read_xlsx(data: bytes) -> list[Row]:
    _check_archive(data)
    try:
        # data_only: a formula cell is read as the value Excel last computed, never as the formula.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # a broken workbook fails in many ways (zip, XML, missing parts): all mean the same
        raise _not_a_workbook() from None
    try:
        if not workbook.worksheets:
            return []
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # rows as long as their cells reach, not as wide as the file declares
        return _kept_rows(_numbered(sheet.iter_rows(values_only=True)))
    except SheetError:
        raise
    except Exception:
        raise _not_a_workbook() from None
    finally:
        workbook.close()


def _numbered(rows: Iterable[Sequence[Any]]) -> Iterator[tuple[int, Sequence[Any]]]:
    # openpyxl fills a gap in the row numbers with empty rows, one by one: a row numbered beyond the
    # last one Excel has would keep it filling for ever.
    for number, cells in enumerate(rows, start=1):
        if number > EXCEL_MAX_ROW:
            raise _not_a_workbook()
        yield number, cells


def _check_archive(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(member.file_size for member in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise _too_large()
            counter = _ElementCounter()
            for member in archive.infolist():
                with archive.open(member) as part:
                    counter.count(part)
    except SheetError:
        raise
    except Exception:  # not a zip, a broken member, a compression zipfile cannot read: all mean the same
        raise _not_a_workbook() from None


class _ElementCounter:
    """Counts the XML elements of a workbook's parts as they stream past, building nothing.

    What openpyxl would keep is bounded by these counts: elements inside a row or a shared string
    (each row, each string at most _MAX_ELEMENTS_IN_ROW) against _MAX_DATA_ELEMENTS, every other
    element against _MAX_STRUCTURE_ELEMENTS.
    """

    _ITEMS = frozenset({"row", "si"})  # a worksheet's row, a shared string

    def __init__(self):
        self.data = self.structure = 0
        self.depth, self.item_depth, self.in_item = 0, None, 0

    def count(self, part: IO[bytes]) -> None:
        self.depth, self.item_depth, self.in_item = 0, None, 0
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.StartDoctypeDeclHandler = self._doctype
        try:
            parser.ParseFile(part)
        except expat.ExpatError:
            return  # not XML (a picture, say): openpyxl does not parse it either, or fails on it

    def _start(self, name: str, attributes: dict) -> None:
        self.depth += 1
        if self.item_depth is not None:
            self.in_item += 1
            self.data += 1
            if self.in_item > _MAX_ELEMENTS_IN_ROW or self.data > _MAX_DATA_ELEMENTS:
                raise _too_large()
            return
        self.structure += 1
        if self.structure > _MAX_STRUCTURE_ELEMENTS:
            raise _too_large()
        if name.rpartition(" ")[2] in self._ITEMS:
            self.item_depth, self.in_item = self.depth, 0

    def _end(self, name: str) -> None:
        if self.depth == self.item_depth:
            self.item_depth = None
        self.depth -= 1

    def _doctype(self, *args) -> None:
        raise _not_a_workbook()  # no part of a workbook has a DTD; entities are how XML bombs work


# CSV ---------------------------------------------------------------------------------------------


def _delimiter(text: str) -> str:
    """Excel writes ";" instead of "," in some regions; the heading row tells which one a file uses."""
    first_line = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=first_line.count)


def _read_csv(data: bytes) -> list[Row]:
    try:
        text = data.decode("utf-8-sig")  # with or without the byte-order mark Excel writes
    except UnicodeDecodeError:
        raise SheetError(_("This CSV file is not UTF-8 text. In Excel, save it as “CSV UTF-8”.")) from None
    if "\x00" in text:
        raise SheetError(_("This file is not a CSV text file."))
    reader = csv.reader(_lines(text), delimiter=_delimiter(text))
    try:
        return _kept_rows((number, _without_trailing_blanks(cells)) for number, cells in enumerate(reader, start=1))
    except csv.Error:
        raise SheetError(_("Line %(line)s of the CSV file cannot be read.") % {"line": reader.line_num}) from None


# A line and its end (\r\n, \n or \r); the last line may have none.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def _lines(text: str) -> Iterator[str]:
    # One at a time: io.StringIO would hold a second copy of the file, at four bytes a character.
    return (match.group() for match in _LINE.finditer(text))


def _without_trailing_blanks(cells: list[str]) -> list[str]:
    # Excel pads every line of a CSV file to the widest row with separators: empty cells, not columns.
    while cells and not cells[-1].strip():
        cells.pop()
    return cells

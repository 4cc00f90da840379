"""Reading an uploaded spreadsheet: what the file really is (by its content, not its name), and its rows."""

import csv
import io
import zipfile
from pathlib import PurePath
from typing import Any

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl import load_workbook

FORMATS = ("csv", "xlsx")
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# A workbook of 5 MB unpacks to a few times that; a "zip bomb" unpacks to far more.
MAX_UNPACKED_BYTES = 60 * 1024 * 1024


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


def read_rows(data: bytes, file_format: str) -> list[list[Any]]:
    """Every row of the file (of the first worksheet of a workbook), as lists of cell values."""
    return _read_xlsx(data) if file_format == "xlsx" else _read_csv(data)


def _not_a_workbook() -> SheetError:
    return SheetError(_("This file is not an Excel workbook (.xlsx). In Excel, save it as “Excel Workbook”."))


def _read_xlsx(data: bytes) -> list[list[Any]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise _not_a_workbook() from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise SheetError(_("This workbook is too large once unpacked."))
    try:
        # data_only: a formula cell is read as the value Excel last computed, never as the formula.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # a broken workbook fails in many ways (zip, XML, missing parts): all mean the same
        raise _not_a_workbook() from None
    try:
        if not workbook.worksheets:
            return []
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    except Exception:
        raise _not_a_workbook() from None
    finally:
        workbook.close()


def _delimiter(text: str) -> str:
    """Excel writes ";" instead of "," in some regions; the heading row tells which one a file uses."""
    first_line = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=first_line.count)


def _read_csv(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")  # with or without the byte-order mark Excel writes
    except UnicodeDecodeError:
        raise SheetError(_("This CSV file is not UTF-8 text. In Excel, save it as “CSV UTF-8”.")) from None
    if "\x00" in text:
        raise SheetError(_("This file is not a CSV text file."))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        return list(reader)
    except csv.Error:
        raise SheetError(_("Line %(line)s of the CSV file cannot be read.") % {"line": reader.line_num}) from None

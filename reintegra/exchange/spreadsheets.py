"""Tables in and out of spreadsheets: the CSV and XLSX files people actually bring, and cells that
a spreadsheet cannot turn into formulas.

Reading is forgiving about how a file was saved (the encoding Excel chose, a byte-order mark, a
semicolon as separator, dates typed as dates) and strict about what it holds: a cell that a
spreadsheet would run as a formula is refused, never stored, because the record would carry it
into every later export."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

# A spreadsheet treats a cell beginning with one of these as a formula (OWASP's list).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Phone numbers (one per line) and negative numbers begin with + or -. Made only of digits,
# signs, spaces, dots and brackets, a cell can call no function: it is left as it is.
_HARMLESS_SIGNED = re.compile(r"^[+-][\d\s().+-]*$")


class FileRefused(ValueError):
    """The file as a whole cannot be read; the message says why and what to do."""


def neutralise(text: str) -> str:
    """A cell safe to open in a spreadsheet: text a spreadsheet would run as a formula gets a
    leading apostrophe, which shows it as text. Phone numbers keep their plus."""
    if text.startswith(FORMULA_TRIGGERS) and not _HARMLESS_SIGNED.match(text):
        return "'" + text
    return text


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS) and not _HARMLESS_SIGNED.match(text)


def restore(text: str) -> str:
    """A cell as written before neutralise(): our own exports read back unchanged."""
    if text.startswith("'") and text[1:].startswith(FORMULA_TRIGGERS):
        return text[1:]
    return text


class Echo:
    """A file-like object that hands back what is written to it, for csv.writer in a stream."""

    def write(self, value: str) -> str:
        return value


@dataclass
class Table:
    header: list[str]
    rows: Iterator[list[str]]
    # How the file was read, to tell the user (a wrong guess shows in the names).
    encoding: str


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "UTF-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    # UTF-16 without its mark: every other byte of a Latin header is zero.
    head = data[:200]
    if head and head[1::2].count(0) > len(head) // 4:
        return data.decode("utf-16-le"), "UTF-16"
    if head and head[0::2].count(0) > len(head) // 4:
        return data.decode("utf-16-be"), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    # Excel on Windows saves "CSV" in the machine's code page; for the Latin alphabets that is
    # Windows-1252. A file in another code page fails here or shows wrong letters in the check.
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as exc:
        raise FileRefused(
            _("The file's characters could not be read. Save it as “CSV UTF-8” or as an Excel workbook and try again.")
        ) from exc


def _csv(data: bytes) -> Table:
    try:
        text, encoding = _decode(data)
    except UnicodeDecodeError as exc:
        raise FileRefused(_("The file's characters could not be read. Save it as “CSV UTF-8” and try again.")) from exc
    if "\x00" in text:
        raise FileRefused(_("This does not look like a CSV file. Save it as CSV or as an Excel workbook."))
    first_line = text.split("\n", 1)[0]
    try:
        dialect: Any = csv.Sniffer().sniff(first_line, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise FileRefused(_("The file is empty.")) from exc
    return Table(header=[cell.strip() for cell in header], rows=_checked_csv_rows(reader), encoding=encoding)


def _checked_csv_rows(reader: Iterator[list[str]]) -> Iterator[list[str]]:
    try:
        yield from reader
    except csv.Error as exc:
        raise FileRefused(_("The CSV file is damaged: %(error)s.") % {"error": exc}) from exc


def _xlsx_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx(data: bytes) -> Table:
    # openpyxl is imported here: it is heavy and only this path needs it.
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise FileRefused(_("The workbook is damaged or is not an Excel (.xlsx) file.")) from exc
    # A small file can unpack to gigabytes (a "zip bomb"); the size it claims is checked first.
    if unpacked > settings.REINTEGRA_IMPORT_MAX_BYTES * 10:
        raise FileRefused(_("The workbook unpacks to more than this installation takes at once. Split it."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise FileRefused(_("The workbook is damaged or is not an Excel (.xlsx) file.")) from exc
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    try:
        header = [_xlsx_cell(value).strip() for value in next(rows)]
    except StopIteration as exc:
        raise FileRefused(_("The first sheet of the workbook is empty.")) from exc
    return Table(header=header, rows=([_xlsx_cell(value) for value in row] for row in rows), encoding="XLSX")


def read_table(data: bytes, filename: str) -> Table:
    """The first sheet (or the CSV) as a header and rows of text. Raises FileRefused."""
    if len(data) > settings.REINTEGRA_IMPORT_MAX_BYTES:
        raise FileRefused(
            _("The file is larger than %(size)d MB, the most this installation takes at once. Split it.")
            % {"size": settings.REINTEGRA_IMPORT_MAX_BYTES // 1_000_000}
        )
    if not data.strip():
        raise FileRefused(_("The file is empty."))
    if data.startswith(b"PK\x03\x04"):
        return _xlsx(data)
    if filename.lower().endswith((".xls", ".xlsx", ".ods")):
        raise FileRefused(_("Only .xlsx workbooks and CSV files can be read. Save the file in one of them."))
    return _csv(data)

"""Reading an uploaded contact list: CSV or XLSX bytes in, a header and rows of text out.

Nothing here touches the database. The rules:

- **Text encodings.** A CSV is read as UTF-8 (with or without a byte-order mark) or as UTF-16
  with its byte-order mark (Excel's "Unicode text"). Anything else is refused: many Windows code
  pages have no "ə", so guessing one would import mangled names. The message tells the user how
  to save the file properly ("CSV UTF-8").
- **Delimiters.** Comma, semicolon (Excel in Azerbaijani and Russian locales) or tab, whichever
  splits the header line into the most columns.
- **XLSX.** The first sheet, read with openpyxl in read-only mode with cached values
  (``data_only``): formulas are never evaluated, and a cell typed as ``=SUM(…)`` is just text.
  Whole numbers stored as numbers (phones!) come back without ``.0``.
- **Limits.** At most ``MAX_ROWS`` data rows and ``MAX_COLUMNS`` columns; an empty file or a
  header without rows is refused with its own message.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import lazy_gettext as _l

from ..core import textfiles
from ..core.aztext import search_key
from ..core.errors import DomainError
from ..core.workbooks import MAX_UNPACKED_BYTES, WorkbookTooLarge, check_unpacked_size

MAX_ROWS = 5000
MAX_COLUMNS = 50
MAX_CELL = 1000
# Rows read from a sheet before giving up, blank ones included (a sheet can claim a million).
MAX_SHEET_ROWS = 50_000

FIELDS = ("full_name", "email", "phone", "community", "organisation", "gender", "language")

# Header texts recognised for each field, compared after ``search_key`` and with punctuation
# removed: "Ad, soyad" → "ad soyad", "E-poçt" → "e poct", "İcma" → "icma".
HEADER_WORDS = {
    "full_name": ("ad soyad", "ad soyad ata adi", "soyad ad", "adi soyadi", "soyadi adi", "ad ve soyad",
                  "s a a", "saa", "name", "full name", "fullname", "name surname", "first and last name",
                  "participant", "istirakci", "ad", "adi", "soyad ad ata adi"),
    "email": ("e poct", "epoct", "poct", "e poct unvani", "elektron poct", "elektron poct unvani",
              "email", "e mail", "mail", "email address", "e mail address"),
    "phone": ("telefon", "tel", "telefon nomresi", "mobil", "mobil nomre", "mobil telefon", "nomre",
              "elaqe nomresi", "phone", "phone number", "mobile", "mobile phone", "telephone",
              "whatsapp"),
    "community": ("icma", "icmasi", "kend", "yasayis menteqesi", "community", "village"),
    "organisation": ("teskilat", "teskilati", "qurum", "qurumu", "is yeri", "organisation",
                     "organization", "institution", "company", "employer"),
    "gender": ("cins", "cinsi", "cinsiyyet", "gender", "sex"),
    "language": ("dil", "language", "lang"),
}

_PUNCTUATION = re.compile(r"[^\w]+")


class ImportFileError(DomainError):
    """The uploaded file cannot be read; the message says why and what to do."""


NOT_TEXT = _l("The file is not UTF-8 or UTF-16 text. Save it as “CSV UTF-8” (or as an Excel "
              ".xlsx workbook) and upload it again.")
NOT_A_TABLE = _l("The file is neither a CSV text file nor an Excel .xlsx workbook.")
OLD_EXCEL = _l("Old Excel .xls files cannot be read. Save the file as an Excel .xlsx workbook "
               "or as “CSV UTF-8” and upload it again.")
EMPTY = _l("The file is empty.")
NO_ROWS = _l("The file has a header line but no rows of people.")


def too_many_rows():
    return _l("The file has more than %(max)d rows. Split it into smaller files.", max=MAX_ROWS)


def too_many_columns():
    return _l("The file has more than %(max)d columns. Keep only the columns about people.",
              max=MAX_COLUMNS)


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[str]]


# --- bytes to a table ----------------------------------------------------------------------------

def read_table(filename: str, data: bytes) -> Table:
    """The header and rows of an uploaded CSV or XLSX file; ``ImportFileError`` when it can't be."""
    if not data or not data.strip():
        raise ImportFileError(EMPTY)
    if data.startswith(b"PK\x03\x04"):
        return _table(_read_xlsx(data))
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(OLD_EXCEL)
    if filename.lower().endswith((".xlsx", ".xlsm")):
        raise ImportFileError(NOT_A_TABLE)
    return _table(_read_csv(decode_text(data)))


def decode_text(data: bytes) -> str:
    """UTF-8 (BOM or not) or UTF-16 with a BOM; anything else raises ``ImportFileError``."""
    try:
        return textfiles.decode_text(data)[0]
    except textfiles.UndecodableText as exc:
        raise ImportFileError(NOT_TEXT) from exc


def _read_csv(text: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=textfiles.sniff_delimiter(text))
    rows = []
    try:
        for row in reader:
            rows.append(row)
            if len(rows) > MAX_SHEET_ROWS:
                break
    except csv.Error as exc:
        raise ImportFileError(NOT_A_TABLE) from exc
    return rows


def _read_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        check_unpacked_size(data)
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except WorkbookTooLarge as exc:
        raise ImportFileError(_l("The workbook is too large once unpacked (more than %(mb)d MB). "
                                 "Save it as CSV and upload that file.",
                                 mb=MAX_UNPACKED_BYTES // 2**20)) from exc
    except Exception as exc:  # zipfile, XML and openpyxl errors of every kind on damaged files
        raise ImportFileError(NOT_A_TABLE) from exc
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for count, row in enumerate(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1)):
            if count >= MAX_SHEET_ROWS:
                break
            rows.append([_cell_text(value) for value in row])
        return rows
    except Exception as exc:
        raise ImportFileError(NOT_A_TABLE) from exc
    finally:
        workbook.close()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _table(raw_rows: list[list[str]]) -> Table:
    """Cells stripped, blank rows dropped, every row as long as the widest; limits checked."""
    rows = [[cell.strip()[:MAX_CELL] for cell in row] for row in raw_rows]
    rows = [row for row in rows if any(row)]
    if not rows:
        raise ImportFileError(EMPTY)
    width = max(len(row) for row in rows)
    while width and not any(len(row) >= width and row[width - 1] for row in rows):
        width -= 1  # trailing empty columns (a sheet's formatting) are not columns
    if width > MAX_COLUMNS:
        raise ImportFileError(too_many_columns())
    header, body = rows[0], rows[1:]
    if not body:
        raise ImportFileError(NO_ROWS)
    if len(body) > MAX_ROWS:
        raise ImportFileError(too_many_rows())
    header = [(header[index] if index < len(header) else "") or f"#{index + 1}"
              for index in range(width)]
    body = [(row + [""] * width)[:width] for row in body]
    return Table(header=header, rows=body)


# --- columns to fields ---------------------------------------------------------------------------

def header_key(text: str) -> str:
    """"Ad, soyad" → "ad soyad"; "E-poçt:" → "e poct"; "İCMA" → "icma"."""
    return _PUNCTUATION.sub(" ", search_key(text).replace("_", " ")).strip()


def guess_mapping(header: list[str]) -> dict[str, int | None]:
    """For each target field, the index of the column whose title names it, or None.

    An exact title ("Telefon", "E-poçt") wins over one that merely begins with a known word
    ("Telefon nömrəsi (mobil)"); no column is given to two fields.
    """
    keys = [header_key(title) for title in header]
    mapping: dict[str, int | None] = dict.fromkeys(FIELDS)
    taken: set[int] = set()
    for exact in (True, False):
        for field in FIELDS:
            if mapping[field] is not None:
                continue
            for index, key in enumerate(keys):
                if index in taken or not key:
                    continue
                words = HEADER_WORDS[field]
                if key in words if exact else any(key.startswith(word + " ") for word in words):
                    mapping[field] = index
                    taken.add(index)
                    break
    return mapping

"""Spreadsheets people open in Excel or LibreOffice, safe against formula injection.

A cell that starts with ``= + - @``, a tab or a carriage return can run as a formula when a CSV
is opened. In CSV such cells get a leading apostrophe (OWASP's advice), which both programs then
show as part of the text: right for ``=HYPERLINK(…)``, wrong for a phone number. In XLSX every
value is written as a text cell, which no spreadsheet evaluates, so ``+994 50 123 45 67`` stays
readable exactly as it is.

Phone numbers in CSV. A cell that is only a phone number in international form (``+``, then
8–15 digits grouped by spaces, hyphens or brackets, as ``display_phone`` writes them) holds no
letters, quotes or ``|``, so even if evaluated it could call no function nor reach another
program; it only must not *look* broken. Written bare, LibreOffice Calc shows it as text (its CSV
import takes only ``=`` for a formula, and the spaces keep it from being a number), but Excel and
Google Sheets start a formula at a leading ``+``, and ``=+994 50 123 45 67`` (a space is Excel's
intersection operator) is no valid formula: it may come out as an error. So such a cell starts
with one space instead of the apostrophe: ``" +994 50 123 45 67"``. A formula starts at the
first character, so text after a leading space is never one, nor, with spaces inside, a number;
and a space is not seen where an apostrophe is. tests/core/test_exports_in_libreoffice.py opens
the CSV in Calc, with and without formula evaluation, to check both the phones and the payloads.
(``+994501234567``, without groups, would still read as the number 994501234567: only grouped
numbers, as the exports write them, are spared the apostrophe.)
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Font

DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")
PHONE = re.compile(r"\+\d+(?:[ ()\-]\d+)+")


def is_phone_number(text: str) -> bool:
    """``+994 50 123 45 67``, ``+7 912 345-67-89``: a ``+`` and 8–15 digits in groups, one space,
    hyphen or bracket between groups (``+994501234567`` would still read as a number)."""
    return PHONE.fullmatch(text) is not None and 8 <= sum(ch.isdigit() for ch in text) <= 15


def neutralise(value) -> str:
    """The cell as a spreadsheet should read it: a formula-looking text with a leading
    apostrophe, a phone number with a leading space, anything else unchanged."""
    text = "" if value is None else str(value)
    if not text.startswith(DANGEROUS_STARTS):
        return text
    return " " + text if is_phone_number(text) else "'" + text


def write_csv(header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """UTF-8 with a BOM (so Excel shows Azerbaijani letters), CRLF, every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(cell) for cell in header])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_xlsx(sheets: dict[str, tuple[Sequence[str], Iterable[Sequence]]]) -> bytes:
    """One sheet per entry: ``{title: (header, rows)}``; numbers stay numbers, text is text."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, (header, rows) in sheets.items():
        sheet = workbook.create_sheet(title=title[:31])
        for row in (header, *rows):
            sheet.append([_cell(value) for value in row])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text, never a formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return value

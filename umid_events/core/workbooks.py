"""Uploaded XLSX workbooks: a zip archive is measured before it is opened.

A workbook is a zip of XML parts, and XML compresses a thousandfold: a 300 KB upload can unpack
to hundreds of megabytes (a "zip bomb"), which openpyxl would inflate and hold while it reads.
The sizes the archive declares are checked first, and every part is then read through a limit,
in case a declared size lies.
"""

from __future__ import annotations

import io
import zipfile

MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # a 50,000-row sheet of people is about 30 MB of XML


class WorkbookTooLarge(ValueError):
    """The workbook unpacks to more than ``MAX_UNPACKED_BYTES``."""


def check_unpacked_size(data: bytes, limit: int = MAX_UNPACKED_BYTES) -> None:
    """Raise ``WorkbookTooLarge`` when the zip in ``data`` unpacks to more than ``limit`` bytes
    (and ``zipfile.BadZipFile`` when it is no zip)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        declared = sum(info.file_size for info in archive.infolist())
        if declared > limit:
            raise WorkbookTooLarge(declared)
        total = 0
        for info in archive.infolist():
            with archive.open(info) as part:
                while chunk := part.read(1024 * 1024):
                    total += len(chunk)
                    if total > limit:
                        raise WorkbookTooLarge(total)

"""Uploaded text tables: decode them strictly and find their delimiter.

Only UTF-8 (with or without a BOM) and UTF-16 are read; a file in any other encoding is refused
rather than guessed, because many Windows code pages have no "ə" and a wrong guess would import
mangled names. Each feature turns ``UndecodableText`` into its own message.
"""

from __future__ import annotations

import csv


class UndecodableText(ValueError):
    """``reason`` is "encoding" (not UTF-8/UTF-16) or "binary" (NUL characters: not text)."""

    def __init__(self, reason: str, encoding: str):
        self.reason, self.encoding = reason, encoding
        super().__init__(f"{reason} ({encoding})")


def _strict(data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UndecodableText("encoding", encoding) from exc
    if "\x00" in text:  # UTF-16 read as UTF-8, UTF-32, or a binary file
        raise UndecodableText("binary", encoding)
    return text


def _bomless_utf16(head: bytes) -> str | None:
    """The byte order of UTF-16 text without a BOM, told by where its zero bytes fall."""
    if len(head) < 4:
        return None
    if head[1::2].count(0) > len(head) // 4 and head[0::2].count(0) == 0:
        return "utf-16-le"
    if head[0::2].count(0) > len(head) // 4 and head[1::2].count(0) == 0:
        return "utf-16-be"
    return None


def decode_text(data: bytes, *, allow_bomless_utf16: bool = False) -> tuple[str, str]:
    """(text, encoding) of UTF-8 with or without a BOM, or UTF-16 with a BOM (and, when asked,
    without one). Raises ``UndecodableText``."""
    if data.startswith(b"\xff\xfe") and not data.startswith(b"\xff\xfe\x00\x00"):
        return _strict(data[2:], "utf-16-le"), "utf-16-le"
    if data.startswith(b"\xfe\xff"):
        return _strict(data[2:], "utf-16-be"), "utf-16-be"
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8"), "utf-8-sig"
    byte_order = _bomless_utf16(data[:400]) if allow_bomless_utf16 else None
    if byte_order:
        return _strict(data, byte_order), byte_order
    return _strict(data, "utf-8"), "utf-8"


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab, judged on the first lines of the file.

    The delimiter that gives most lines as many cells as the header wins, then the one that
    splits the header into more cells. On a tie, tab and semicolon go before comma: an unquoted
    comma inside a title ("Ad, soyad;Telefon") is far more common than a stray semicolon.
    """
    lines = [line for line in text.lstrip("\ufeff").splitlines() if line.strip()][:20]
    if not lines:
        return ","

    def score(delimiter: str) -> tuple[int, int, int]:
        try:
            counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:
            return (0, 0, 0)
        if counts[0] < 2:
            return (0, 0, 0)
        return (sum(count == counts[0] for count in counts), counts[0], "\t;,".index(delimiter) * -1)

    return max(("\t", ";", ","), key=score)

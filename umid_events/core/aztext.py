"""Azerbaijani-aware case folding, search keys and alphabetical sorting.

Python's ``str.lower`` follows English rules: ``"I".lower()`` is ``"i"`` (Azerbaijani: ``"ı"``) and
``"İ".lower()`` is ``"i̇"`` (an ``i`` plus a combining dot). Everything that compares or sorts
names goes through these functions instead.
"""

from __future__ import annotations

import re
import unicodedata

# The Azerbaijani Latin alphabet, in order; "w" (foreign names) is placed after "v".
ALPHABET = "abcçdeəfgğhxıijkqlmnoöprsştuüvwyz"
_LETTER_RANK = {letter: index for index, letter in enumerate(ALPHABET)}

# Letters that people without an Azerbaijani keyboard write differently.
_LOOSE = str.maketrans({"ə": "e", "ı": "i", "ş": "s", "ç": "c", "ğ": "g", "ö": "o", "ü": "u"})
_SPACES = re.compile(r"\s+")
SORT_KEY_LENGTH = 64


def az_lower(text: str) -> str:
    """Lower-case by Azerbaijani rules (I → ı, İ → i)."""
    text = unicodedata.normalize("NFC", text)
    return text.replace("I", "ı").replace("İ", "i").lower()


def az_upper(text: str) -> str:
    """Upper-case by Azerbaijani rules (i → İ, ı → I)."""
    text = unicodedata.normalize("NFC", text)
    return text.replace("i", "İ").replace("ı", "I").upper()


def search_key(text: str | None) -> str:
    """A tolerant form for searching: case-folded the Azerbaijani way, letters loosened.

    "İLHAM", "ilham" and "Ilham" all give "ilham"; "Əliyev" and "Eliyev" both give "eliyev".
    """
    if not text:
        return ""
    folded = az_lower(text).translate(_LOOSE)
    if not folded.isascii():  # ASCII has no accents to take off (most keys, once loosened)
        folded = "".join(
            char for char in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(char)
        )
    return _SPACES.sub(" ", folded).strip()


def matches(query: str, *fields: str | None) -> bool:
    """True when every word of the query appears in one of the fields (search_key rules)."""
    haystack = " ".join(search_key(field) for field in fields if field)
    return all(word in haystack for word in search_key(query).split())


def sort_key(text: str | None) -> str:
    """A key that sorts strings in Azerbaijani alphabetical order under any database collation.

    Each character becomes three decimal digits (digits and letters of the alphabet first, then
    other characters by code point), so a plain ``ORDER BY`` on the stored key is correct on SQLite
    and on PostgreSQL whatever the server's locale.
    """
    parts = []
    for char in az_lower(text or "").strip()[:SORT_KEY_LENGTH]:
        if char.isspace() or char in "-'’.,\"«»()":
            code = 0
        elif char.isdigit() and char.isascii():
            code = 1 + int(char)
        elif char in _LETTER_RANK:
            code = 20 + _LETTER_RANK[char]
        else:
            code = 100 + min(ord(char), 899)
        parts.append(f"{code:03d}")
    return "".join(parts)


def az_sorted(items, key=lambda item: item):
    """Sort any iterable by the Azerbaijani alphabet of ``key(item)``."""
    return sorted(items, key=lambda item: sort_key(key(item)))


# The ordinal suffix follows the last vowel of the number as spoken: bir → 1-ci, üç → 3-cü,
# altı → 6-cı, doqquz → 9-cu; round numbers take the word of their highest part (on → 10-cu).
_UNIT_SUFFIX = {1: "ci", 2: "ci", 3: "cü", 4: "cü", 5: "ci", 6: "cı", 7: "ci", 8: "ci", 9: "cu"}
_TEN_SUFFIX = {1: "cu", 2: "ci", 3: "cu", 4: "cı", 5: "ci", 6: "cı", 7: "ci", 8: "ci", 9: "cı"}


def ordinal(number: int) -> str:
    """``1`` → ``"1-ci"``, ``3`` → ``"3-cü"``, ``10`` → ``"10-cu"``, ``40`` → ``"40-cı"``."""
    if number % 10:
        suffix = _UNIT_SUFFIX[number % 10]
    elif number % 100:
        suffix = _TEN_SUFFIX[(number // 10) % 10]
    elif number % 1000:
        suffix = "cü"  # yüz
    else:
        suffix = "ci"  # min
    return f"{number}-{suffix}"

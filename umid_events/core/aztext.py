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


def ordinal(number: int) -> str:
    """``1`` → ``"1-ci"``, ``3`` → ``"3-cü"``, ``10`` → ``"10-cu"``, ``40`` → ``"40-cı"``."""
    return with_suffix(int(number), "ordinal")


# --- suffixes that follow vowel harmony ------------------------------------------------------
#
# A suffix takes its vowel from the last vowel of the word it follows: a, ı, o, u are back vowels
# (-da, -dan, -a, -dır), e, ə, i, ö, ü front ones (-də, -dən, -ə, -dir); the four-way suffixes
# follow roundness too (a, ı → ı; e, ə, i → i; o, u → u; ö, ü → ü). Digits are read as spoken
# Azerbaijani and the last spoken word decides: 5 → beş → "5-də", 6 → altı → "6-da",
# 20 → iyirmi → "20-də", 1000 → min → "1000-də". A time hh:mm is read "hour minutes", so its
# minutes decide ("14:45" → qırx beş → "14:45-də"); a full hour is read as the hour alone
# ("14:00" → saat on dörd → "14:00-də", "10:00" → on → "10:00-da", "00:00" → sıfır → "-da").
# A number or an abbreviation takes the suffix after a hyphen; a word takes it directly
# ("Həsənova" → "Həsənovadır").

_BACK, _FRONT = "aıou", "eəiöü"
VOWELS = _BACK + _FRONT
_UNITS = ("sıfır", "bir", "iki", "üç", "dörd", "beş", "altı", "yeddi", "səkkiz", "doqquz")
_TENS = ("", "on", "iyirmi", "otuz", "qırx", "əlli", "altmış", "yetmiş", "səksən", "doxsan")
_SCALES = ((10**3, "min"), (10**6, "milyon"), (10**9, "milyard"), (10**12, "trilyon"))
# How the letters of an abbreviation without a vowel are read ("SMS" → es → "SMS-də").
_LETTER_NAMES = {
    "b": "be", "c": "ce", "ç": "çe", "d": "de", "f": "ef", "g": "ge", "ğ": "ğe", "h": "he",
    "x": "xe", "j": "je", "k": "ka", "q": "qe", "l": "el", "m": "em", "n": "en", "p": "pe",
    "r": "er", "s": "es", "ş": "şe", "t": "te", "v": "ve", "w": "ve", "y": "ye", "z": "ze",
}
_TIME_AT_END = re.compile(r"(\d{1,2})[:.](\d{2})$")
_NUMBER_AT_END = re.compile(r"(\d+(?:[ \u00a0\u202f]\d{3})*)(?:,(\d+))?$")
_TRAILING = "\"'’”»)]. \u00a0"


def spoken_last_word(number: int) -> str:
    """The last word of ``number`` read aloud: 25 → "beş", 40 → "qırx", 2000 → "min"."""
    number = abs(int(number))
    if number == 0:
        return _UNITS[0]
    if number % 10:
        return _UNITS[number % 10]
    if number % 100:
        return _TENS[number // 10 % 10]
    if number % 1000:
        return "yüz"
    for scale, word in reversed(_SCALES):
        if number % scale == 0:
            return word
    return "min"  # unreachable: every multiple of 1000 matched a scale


def _deciding_word(text: str) -> tuple[str, bool]:
    """The word whose vowels the suffix follows, and whether the suffix takes a hyphen."""
    text = text.rstrip(_TRAILING)
    time = _TIME_AT_END.search(text)
    if time:
        hours, minutes = int(time.group(1)), int(time.group(2))
        return spoken_last_word(minutes or hours), True
    number = _NUMBER_AT_END.search(text)
    if number:
        if number.group(2):  # 2,5 → "iki tam onda beş": the fraction's digits are read last
            return spoken_last_word(int(number.group(2))), True
        return spoken_last_word(int(re.sub(r"\D", "", number.group(1)))), True
    if text.endswith("%"):
        return "faiz", True
    word = re.split(r"[^\wəıöüçşğ]+", text)[-1] if text else ""
    folded = az_lower(word)
    if any(char in VOWELS for char in folded):
        return folded, word.isupper() and len(word) > 1  # an abbreviation such as "ASAN-da"
    if folded:  # an abbreviation of consonants only, read letter by letter: "SMS-də"
        return _LETTER_NAMES.get(folded[-1], folded[-1] + "e"), True
    return "", True


def _last_vowel(word: str) -> str:
    return next((char for char in reversed(word) if char in VOWELS), "e")


def _two_way(word: str, back: str, front: str) -> str:
    return back if _last_vowel(word) in _BACK else front


_FOUR_WAY = {"a": 0, "ı": 0, "e": 1, "ə": 1, "i": 1, "o": 2, "u": 2, "ö": 3, "ü": 3}


def _four_way(word: str, forms: str) -> str:
    """``forms`` spells the suffix's vowel for a, ı / e, ə, i / o, u / ö, ü (e.g. "ıiuü")."""
    return forms[_FOUR_WAY[_last_vowel(word)]]


# Each case: its forms after a consonant and after a vowel (the buffer consonant n, s or y).
_CASES = {
    "locative": lambda word, vowel_end: _two_way(word, "da", "də"),
    "ablative": lambda word, vowel_end: _two_way(word, "dan", "dən"),
    "dative": lambda word, vowel_end: ("y" if vowel_end else "") + _two_way(word, "a", "ə"),
    "genitive": lambda word, vowel_end: ("n" if vowel_end else "") + _four_way(word, "ıiuü") + "n",
    "accusative": lambda word, vowel_end: ("n" if vowel_end else "") + _four_way(word, "ıiuü"),
    "possessive": lambda word, vowel_end: ("s" if vowel_end else "") + _four_way(word, "ıiuü"),
    "copula": lambda word, vowel_end: "d" + _four_way(word, "ıiuü") + "r",
    "ordinal": lambda word, vowel_end: "c" + _four_way(word, "ıiuü"),
}
CASES = tuple(_CASES)


def with_suffix(value, case: str) -> str:
    """``value`` with the suffix of ``case`` attached: ``with_suffix("14:45", "locative")`` →
    ``"14:45-də"``; ``with_suffix(6, "ablative")`` → ``"6-dan"``; ``with_suffix(2, "possessive")``
    → ``"2-si"``; ``with_suffix("Həsənova", "copula")`` → ``"Həsənovadır"``. Cases: locative
    (-da/-də), ablative (-dan/-dən), dative (-a/-ə, -ya/-yə), genitive (-ın/-in/-un/-ün,
    -nın…), accusative (-ı…, -nı…), possessive (-ı…, -sı…), copula (-dır/-dir/-dur/-dür) and
    ordinal (-cı/-ci/-cu/-cü, the written form after digits)."""
    text = str(value)
    word, hyphen = _deciding_word(text)
    suffix = _CASES[case](word, bool(word) and word[-1] in VOWELS)
    return f"{text}-{suffix}" if hyphen else f"{text}{suffix}"


def locative(value) -> str:
    return with_suffix(value, "locative")


def ablative(value) -> str:
    return with_suffix(value, "ablative")


def dative(value) -> str:
    return with_suffix(value, "dative")


def possessive(value) -> str:
    return with_suffix(value, "possessive")

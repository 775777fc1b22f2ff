"""Matching a report's attendees to the event's registrations, for the organiser's preview.

Order: email (case-insensitive) → phone (normalised) → name. Names are compared as sets of
words (word order does not matter), with the Azerbaijani letters folded and the usual passport
and Russian-style transliterations tolerated.

Two levels of name keys are built for every name:

- the *variant* key folds the spellings that stand for the same letter (ə/a/e, ş/sh/s, ç/ch/c,
  ğ/gh/g, ı/i, ö/o, ü/u, x/kh, q/g, c/j/dj, doubled letters): "Əliyev" = "Aliyev",
  "Şükürova" = "Shukurova", "Məmmədov" = "Mammadov" = "Mamedov", "Qasımov" = "Gasimov".
  One registration with the same exact or variant key is a match ("matched").
- the *loose* key also folds what Russian-style spellings change (h/g: "Guseynov", "iye"/"ie":
  "Aliev", x/h): equal loose keys, fuzzy similarity among registrations sharing a word, or several
  registrations with the same key give "uncertain" with the candidates listed.

Nothing is compared pairwise across the two lists: registrations are indexed by email, phone,
exact key, variant key and by each word's loose key; an attendee's fuzzy comparison is bounded
to at most ``MAX_FUZZY`` registrations that share a word with it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import islice
from typing import Any, NamedTuple

from umid_events.core.aztext import search_key
from umid_events.core.phones import InvalidPhone, normalise_phone

from .reports import Attendee, is_device_name

MAX_FUZZY = 40
FUZZY_THRESHOLD = 0.82
MAX_LISTED = 5

# Words that are not part of whom a name designates.
_IGNORED_WORDS = {
    "oglu",
    "ogly",
    "oghlu",
    "qizi",
    "gizi",
    "kizi",
    "qyzy",
    "guest",
    "qonaq",
    "mr",
    "mrs",
    "ms",
    "dr",
}


@dataclass(frozen=True)
class Candidate:
    registration_id: Any
    name: str
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Match:
    attendee: Attendee
    kind: str  # "matched", "uncertain", "unmatched"
    candidate: Candidate | None = None
    method: str | None = None  # "email", "phone", "name", "name_variant", "fuzzy", "partial_name"
    candidates: tuple[Candidate, ...] = field(default_factory=tuple)
    score: float = 0.0


# ---------------------------------------------------------------- name keys

_DIGRAPHS = (
    ("dzh", "c"),
    ("dj", "c"),
    ("sh", "s"),
    ("ch", "c"),
    ("gh", "g"),
    ("kh", "x"),
    ("zh", "j"),
)
_VARIANT = str.maketrans({"e": "a", "q": "g", "j": "c", "w": "v"})
_LOOSE = str.maketrans({"h": "g", "x": "g", "k": "g", "y": "i"})
_DOUBLE = re.compile(r"(.)\1+")
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=65536)
def _fold_piece(piece: str) -> tuple[str, ...]:
    """The folded words of one space-separated piece of a name (cached: names repeat)."""
    words = _WORD.findall(search_key(piece))
    return tuple(word for word in words if word not in _IGNORED_WORDS)


def _words(name: str | None) -> list[str]:
    """Folded words of a name: Azerbaijani lower case, letters loosened, no accents."""
    return [word for piece in (name or "").split() for word in _fold_piece(piece)]


@lru_cache(maxsize=65536)
def _variant_word(word: str) -> str:
    for digraph, letter in _DIGRAPHS:
        word = word.replace(digraph, letter)
    return _DOUBLE.sub(r"\1", word.translate(_VARIANT))


@lru_cache(maxsize=65536)
def _loose_word(word: str) -> str:
    word = _variant_word(word).replace("iya", "ia").replace("iye", "ie")
    word = word.translate(_LOOSE)
    return _DOUBLE.sub(r"\1", word)


class NameKeys(NamedTuple):
    exact: str
    variant: str
    loose: str
    loose_words: frozenset[str]


def name_keys(name: str | None) -> NameKeys:
    """The order-free keys of a name (words sorted), at the three levels of tolerance."""
    words = _words(name)
    variant = [_variant_word(word) for word in words]
    loose = [_loose_word(word) for word in words]
    return NameKeys(
        " ".join(sorted(words)),
        " ".join(sorted(variant)),
        " ".join(sorted(loose)),
        frozenset(word for word in loose if len(word) >= 2),
    )


_E164 = re.compile(r"^\+[1-9]\d{7,14}$")


def _phone(raw: str | None) -> str | None:
    if raw and _E164.match(raw):
        return raw  # already stored in E.164 form
    try:
        return normalise_phone(raw)
    except InvalidPhone:
        return None


# ---------------------------------------------------------------- the index


class _Index:
    def __init__(self, candidates: Iterable[Candidate]):
        self.candidates: list[Candidate] = list(candidates)
        self.keys: list[NameKeys] = []
        self.by_email: dict[str, list[int]] = defaultdict(list)
        self._by_phone: dict[str, list[int]] | None = None
        self.by_exact: dict[str, list[int]] = defaultdict(list)
        self.by_variant: dict[str, list[int]] = defaultdict(list)
        self.by_loose: dict[str, list[int]] = defaultdict(list)
        self.by_word: dict[str, list[int]] = defaultdict(list)
        for index, candidate in enumerate(self.candidates):
            keys = name_keys(candidate.name)
            self.keys.append(keys)
            if candidate.email and candidate.email.strip():
                self.by_email[candidate.email.strip().lower()].append(index)
            if keys.exact:
                self.by_exact[keys.exact].append(index)
                self.by_variant[keys.variant].append(index)
                self.by_loose[keys.loose].append(index)
            for word in keys.loose_words:
                self.by_word[word].append(index)

    @property
    def by_phone(self) -> dict[str, list[int]]:
        """Built on first use: most reports carry no phone numbers at all."""
        if self._by_phone is None:
            self._by_phone = defaultdict(list)
            for index, candidate in enumerate(self.candidates):
                phone = _phone(candidate.phone)
                if phone:
                    self._by_phone[phone].append(index)
        return self._by_phone


def match_attendees(attendees: Sequence[Attendee], candidates: Iterable[Candidate]) -> list[Match]:
    """One ``Match`` per attendee, in the attendees' order."""
    index = _Index(candidates)
    results = [_match_one(attendee, index) for attendee in attendees]
    return _demote_shared(results)


def _pick(index: _Index, found: list[int], attendee_keys: NameKeys | None) -> list[int]:
    """Among several registrations sharing an email or phone, the ones whose name fits."""
    if len(found) <= 1 or attendee_keys is None or not attendee_keys.exact:
        return found
    for level in ("exact", "variant", "loose"):
        fitting = [
            i for i in found if getattr(index.keys[i], level) == getattr(attendee_keys, level)
        ]
        if fitting:
            return fitting
    return found


def _listed(index: _Index, found: Iterable[int]) -> tuple[Candidate, ...]:
    return tuple(index.candidates[i] for i in islice(found, MAX_LISTED))


def _match_one(attendee: Attendee, index: _Index) -> Match:
    email = (attendee.email or "").strip().lower()
    found = index.by_email.get(email) if email else None
    if found and len(found) == 1:
        return Match(attendee, "matched", index.candidates[found[0]], "email", score=1.0)
    keys = name_keys(attendee.name)
    if found:
        found = _pick(index, found, keys)
        if len(found) == 1:
            return Match(attendee, "matched", index.candidates[found[0]], "email", score=1.0)
        return Match(attendee, "uncertain", None, "email", _listed(index, found), 1.0)
    phones = [attendee.phone]
    if attendee.name and re.fullmatch(r"\+?[\d\s()\-]{9,}", attendee.name.strip()):
        phones.append(attendee.name)
    for raw in phones:
        phone = _phone(raw)
        if phone and phone in index.by_phone:
            found = _pick(index, index.by_phone[phone], keys)
            if len(found) == 1:
                return Match(attendee, "matched", index.candidates[found[0]], "phone", score=1.0)
            return Match(attendee, "uncertain", None, "phone", _listed(index, found), 1.0)
    if not keys.exact or attendee.is_device or is_device_name(attendee.name):
        return Match(attendee, "unmatched")
    for level, method, kind_when_one in (
        ("exact", "name", "matched"),
        ("variant", "name_variant", "matched"),
        ("loose", "name_variant", "uncertain"),
    ):
        found = getattr(index, "by_" + level).get(getattr(keys, level), [])
        if len(found) == 1:
            score = 1.0 if kind_when_one == "matched" else 0.9
            if kind_when_one == "matched":
                return Match(attendee, "matched", index.candidates[found[0]], method, score=score)
            return Match(attendee, "uncertain", None, method, _listed(index, found), score)
        if found:
            return Match(attendee, "uncertain", None, method, _listed(index, found), 0.9)
    if attendee.original_name:
        original = name_keys(attendee.original_name)
        found = index.by_variant.get(original.variant, []) if original.exact else []
        if found:
            return Match(attendee, "uncertain", None, "name_variant", _listed(index, found), 0.85)
    return _fuzzy(attendee, keys, index)


def _fuzzy(attendee: Attendee, keys: NameKeys, index: _Index) -> Match:
    """Registrations sharing a word with the attendee, compared by similarity (bounded)."""
    shared: dict[int, int] = defaultdict(int)
    words = sorted(keys.loose_words, key=lambda word: len(index.by_word.get(word, ())))
    for word in words:
        bucket = index.by_word.get(word, ())
        if len(bucket) > MAX_FUZZY * 4 and shared:
            continue  # a very common word (a frequent surname) adds nothing once rarer ones matched
        for i in bucket[: MAX_FUZZY * 4]:
            shared[i] += 1
    if not shared:
        return Match(attendee, "unmatched")
    ranked = sorted(shared, key=lambda i: -shared[i])[:MAX_FUZZY]
    scored = []
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(keys.loose)  # the attendee's side is analysed once
    for i in ranked:
        other = index.keys[i]
        matcher.set_seq1(other.loose)
        if matcher.real_quick_ratio() < FUZZY_THRESHOLD or matcher.quick_ratio() < FUZZY_THRESHOLD:
            ratio = 0.0  # an upper bound already below the threshold
        else:
            ratio = matcher.ratio()
        smaller, larger = sorted((keys.loose_words, other.loose_words), key=len)
        partial = len(smaller) >= 2 and smaller <= larger
        if ratio >= FUZZY_THRESHOLD or partial:
            scored.append(
                (max(ratio, 0.8 if partial else 0.0), i, "fuzzy" if not partial else "partial_name")
            )
    if not scored and len(keys.loose_words) == 1:
        # A first name alone ("Nərmin"): worth showing when few registrations carry it.
        found = [i for i in ranked if shared[i]]
        if 0 < len(found) <= MAX_LISTED:
            return Match(attendee, "uncertain", None, "partial_name", _listed(index, found), 0.5)
    if not scored:
        return Match(attendee, "unmatched")
    scored.sort(key=lambda item: -item[0])
    best = scored[0]
    return Match(
        attendee,
        "uncertain",
        None,
        best[2],
        _listed(index, [i for _score, i, _method in scored]),
        round(best[0], 3),
    )


def _demote_shared(results: list[Match]) -> list[Match]:
    """A registration claimed by several attendees through their names is left to the organiser."""
    claims: dict[int, list[int]] = defaultdict(list)
    for position, match in enumerate(results):
        if match.kind == "matched" and match.method in {"name", "name_variant"}:
            claims[id(match.candidate)].append(position)
    for positions in claims.values():
        if len(positions) > 1:
            for position in positions:
                match = results[position]
                results[position] = Match(
                    match.attendee, "uncertain", None, match.method, (match.candidate,), 0.9
                )
    return results


__all__ = ["Candidate", "Match", "NameKeys", "match_attendees", "name_keys"]

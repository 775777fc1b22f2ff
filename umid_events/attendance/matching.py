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

import operator
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any, NamedTuple

from umid_events.core.phones import InvalidPhone, normalise_phone

from .reports import Attendee, is_device_name, search_piece

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


class Candidate(NamedTuple):
    registration_id: Any
    name: str
    email: str | None = None
    phone: str | None = None


class Match(NamedTuple):
    attendee: Attendee
    kind: str  # "matched", "uncertain", "unmatched"
    candidate: Candidate | None = None
    method: str | None = None  # "email", "phone", "name", "name_variant", "fuzzy", "partial_name"
    candidates: tuple[Candidate, ...] = ()
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
_FIRST_GROUP = operator.methodcaller("group", 1)  # as r"\1", without re's template machinery
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=65536)
def _fold_piece(piece: str) -> tuple[str, ...]:
    """The folded words of one space-separated piece of a name (cached: names repeat)."""
    # (search_key's white-space tidying cannot change the words found)
    words = _WORD.findall(search_piece(piece))
    if not words:  # a number, punctuation
        return ()
    return tuple(word for word in words if word not in _IGNORED_WORDS)


@lru_cache(maxsize=65536)
def _variant_word(word: str) -> str:
    for digraph, letter in _DIGRAPHS:
        word = word.replace(digraph, letter)
    return _DOUBLE.sub(_FIRST_GROUP, word.translate(_VARIANT))


@lru_cache(maxsize=65536)
def _loose_word(word: str) -> str:
    word = _variant_word(word).replace("iya", "ia").replace("iye", "ie")
    word = word.translate(_LOOSE)
    return _DOUBLE.sub(_FIRST_GROUP, word)


class NameKeys(NamedTuple):
    exact: str
    variant: str
    loose: str
    loose_words: frozenset[str]


@lru_cache(maxsize=65536)
def _piece_keys(piece: str) -> tuple[tuple[str, ...], ...]:
    """The folded words of one piece of a name, their variant and loose keys, and the loose keys
    of two letters or more."""
    words = _fold_piece(piece)
    if not words:
        return (), (), (), ()
    loose = tuple(map(_loose_word, words))
    return words, tuple(map(_variant_word, words)), loose, tuple(w for w in loose if len(w) >= 2)


_new_keys = tuple.__new__  # NameKeys(...) without its Python-level __new__: thousands are made


def name_keys(name: str | None) -> NameKeys:
    """The order-free keys of a name (words sorted), at the three levels of tolerance."""
    words: list[str] = []
    variant: list[str] = []
    loose: list[str] = []
    long: list[str] = []
    for piece in (name or "").split():
        if piece.isdigit() and piece.isascii():
            continue  # no letters, no words ("Guest 3"): not worth a look in the caches
        piece_words, piece_variant, piece_loose, piece_long = _piece_keys(piece)
        if piece_words:
            words += piece_words
            variant += piece_variant
            loose += piece_loose
            long += piece_long
    words.sort()
    variant.sort()
    loose.sort()
    return _new_keys(
        NameKeys, (" ".join(words), " ".join(variant), " ".join(loose), frozenset(long))
    )


_E164 = re.compile(r"^\+[1-9]\d{7,14}$")
_PHONE_LIKE = re.compile(r"\+?[\d\s()\-]{9,}").fullmatch


def _phone(raw: str | None) -> str | None:
    if raw and _E164.match(raw):
        return raw  # already stored in E.164 form
    try:
        return normalise_phone(raw)
    except InvalidPhone:
        return None


# ---------------------------------------------------------------- the index


class _KeysOf(dict):
    """``name_keys`` remembered for one matching run (registrations and attendees share names)."""

    def __missing__(self, name: str | None) -> NameKeys:
        keys = self[name] = name_keys(name)
        return keys


class _Index:
    def __init__(self, candidates: Iterable[Candidate]):
        self.candidates: list[Candidate] = list(candidates)
        self.keys_of = keys_of = _KeysOf()
        # fuzzy comparisons already made: attendee's loose key -> theirs -> (ratio, partial)
        self.compared: dict[str, dict[str, tuple[float, bool]]] = {}
        self.keys: list[NameKeys] = []
        add = self.keys.append
        for candidate in self.candidates:
            name = candidate.name
            keys = keys_of.get(name)
            if keys is None:
                keys = keys_of[name] = name_keys(name)
            add(keys)
        self._by_phone: dict[str, list[int]] | None = None
        # key -> the registrations' positions, in their order (plain dicts: most keys are unique)
        self.by_email: dict[str, list[int]] = {}
        self.by_exact: dict[str, list[int]] = {}
        self.by_variant: dict[str, list[int]] = {}
        self.by_loose: dict[str, list[int]] = {}
        self.by_word: dict[str, list[int]] = {}
        by_email, by_exact, by_variant, by_loose, by_word = (
            self.by_email, self.by_exact, self.by_variant, self.by_loose, self.by_word
        )  # fmt: skip
        for index, (_id, _name, email, _phone) in enumerate(self.candidates):
            if email:
                email = email.strip().lower()
                if email:
                    if email in by_email:
                        by_email[email].append(index)
                    else:
                        by_email[email] = [index]
        for index, (exact, variant, loose, loose_words) in enumerate(self.keys):
            if exact:
                if exact in by_exact:
                    by_exact[exact].append(index)
                else:
                    by_exact[exact] = [index]
                if variant in by_variant:
                    by_variant[variant].append(index)
                else:
                    by_variant[variant] = [index]
                if loose in by_loose:
                    by_loose[loose].append(index)
                else:
                    by_loose[loose] = [index]
                for word in loose_words:  # (no words without an exact key)
                    if word in by_word:
                        by_word[word].append(index)
                    else:
                        by_word[word] = [index]
        self.levels = (  # (the key's position in NameKeys, its index, method, kind when one)
            (0, by_exact, "name", "matched"),
            (1, by_variant, "name_variant", "matched"),
            (2, by_loose, "name_variant", "uncertain"),
        )

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
    by_email, registrations = index.by_email, index.candidates
    results = []
    add = results.append
    for attendee in attendees:
        email = attendee.email
        if email:  # the commonest case first: one registration with the email
            found = by_email.get(email.strip().lower())
            if found is not None and len(found) == 1:
                candidate = registrations[found[0]]
                add(_new_match(Match, (attendee, "matched", candidate, "email", (), 1.0)))
                continue
        add(_match_one(attendee, index))
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


def _listed(index: _Index, found: Sequence[int]) -> tuple[Candidate, ...]:
    return tuple(map(index.candidates.__getitem__, found[:MAX_LISTED]))


_new_match = tuple.__new__  # Match(...) without its Python-level __new__: one per attendee


def _match_one(attendee: Attendee, index: _Index) -> Match:
    email = (attendee.email or "").strip().lower()
    found = index.by_email.get(email) if email else None
    if found and len(found) == 1:
        candidate = index.candidates[found[0]]
        return _new_match(Match, (attendee, "matched", candidate, "email", (), 1.0))
    keys = index.keys_of[attendee.name]
    if found:
        found = _pick(index, found, keys)
        if len(found) == 1:
            return Match(attendee, "matched", index.candidates[found[0]], "email", score=1.0)
        return Match(attendee, "uncertain", None, "email", _listed(index, found), 1.0)
    name = attendee.name
    for raw in (attendee.phone, name if name and _PHONE_LIKE(name.strip()) else None):
        if not raw:
            continue  # _phone would find nothing
        phone = _phone(raw)
        if phone and phone in index.by_phone:
            found = _pick(index, index.by_phone[phone], keys)
            if len(found) == 1:
                return Match(attendee, "matched", index.candidates[found[0]], "phone", score=1.0)
            return Match(attendee, "uncertain", None, "phone", _listed(index, found), 1.0)
    if not keys.exact or attendee.is_device or is_device_name(attendee.name):
        return Match(attendee, "unmatched")
    for level, by_level, method, kind_when_one in index.levels:
        found = by_level.get(keys[level], [])
        if len(found) == 1:
            score = 1.0 if kind_when_one == "matched" else 0.9
            if kind_when_one == "matched":
                candidate = index.candidates[found[0]]
                return _new_match(Match, (attendee, "matched", candidate, method, (), score))
            return Match(attendee, "uncertain", None, method, _listed(index, found), score)
        if found:
            listed = _listed(index, found)
            return _new_match(Match, (attendee, "uncertain", None, method, listed, 0.9))
    if attendee.original_name:
        original = index.keys_of[attendee.original_name]
        found = index.by_variant.get(original.variant, []) if original.exact else []
        if found:
            return Match(attendee, "uncertain", None, "name_variant", _listed(index, found), 0.85)
    return _fuzzy(attendee, keys, index)


def _fuzzy(attendee: Attendee, keys: NameKeys, index: _Index) -> Match:
    """Registrations sharing a word with the attendee, compared by similarity (bounded)."""
    shared: Counter[int] = Counter()
    words = sorted(keys.loose_words, key=lambda word: len(index.by_word.get(word, ())))
    for word in words:
        bucket = index.by_word.get(word, ())
        if len(bucket) > MAX_FUZZY * 4 and shared:
            continue  # a very common word (a frequent surname) adds nothing once rarer ones matched
        shared.update(bucket[: MAX_FUZZY * 4])
    if not shared:
        return Match(attendee, "unmatched")
    # most shared words first; a stable sort keeps the registrations' order among equals
    ranked = sorted(shared, key=shared.__getitem__, reverse=True)[:MAX_FUZZY]
    scored = []
    matcher = similarity = None
    # Registrations often share a name: each pair of keys is compared once per run (the loose
    # key, a string, also settles the loose words: they are its words of two letters or more).
    compared = index.compared.setdefault(keys.loose, {})
    mine = keys.loose_words
    for i in ranked:
        other = index.keys[i]
        found = compared.get(other.loose)
        if found is None:
            if matcher is None:
                matcher = SequenceMatcher(None, autojunk=False)
                matcher.set_seq2(keys.loose)  # the attendee's side is analysed once
                similarity = _Similarity(matcher)
            theirs = other.loose_words
            smaller, larger = (mine, theirs) if len(mine) <= len(theirs) else (theirs, mine)
            partial = len(smaller) >= 2 and smaller <= larger
            matcher.set_seq1(other.loose)
            # below its floor the ratio changes nothing: the score of a partial name is 0.8 then
            ratio = similarity.ratio(0.8 if partial else FUZZY_THRESHOLD)
            found = compared[other.loose] = (ratio, partial)
        ratio, partial = found
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


class _Similarity:
    """The matcher's ``ratio()`` for its current first sequence, or 0.0 when the upper bounds
    ``real_quick_ratio()`` or ``quick_ratio()`` are already below ``FUZZY_THRESHOLD``: the same
    numbers as difflib's, computed from the matcher's own index of the second sequence (``b2j``)
    without its per-call overhead. The matcher has no junk and autojunk off: difflib's longest
    match then never needs extending, so none is done here.

    Also 0.0 when the ratio is below the caller's ``floor``: difflib's matching blocks are a
    common subsequence of the two, so twice the longest common subsequence over the lengths is
    an upper bound of the ratio (computed quickly, bit-parallel: Hyyrö's algorithm)."""

    def __init__(self, matcher: SequenceMatcher):
        self.matcher = matcher
        self.mine = matcher.b
        self.letters = tuple(Counter(matcher.b).items())  # the second sequence's letter counts
        self.b2j: dict[str, list[int]] = matcher.b2j
        self.masks = {char: sum(1 << j for j in places) for char, places in self.b2j.items()}
        self.all = (1 << len(self.mine)) - 1

    def ratio(self, floor: float = 0.0) -> float:
        other = self.matcher.a
        length = len(other) + len(self.mine)
        if not length:
            return 1.0
        if 2.0 * min(len(other), len(self.mine)) / length < FUZZY_THRESHOLD:
            return 0.0
        # the letters in common whatever their order (the letters of ``mine`` only can be)
        common = 0
        count = other.count
        for char, mine in self.letters:
            theirs = count(char)
            common += mine if mine < theirs else theirs
        if 2.0 * common / length < FUZZY_THRESHOLD:
            return 0.0
        if floor and 2.0 * self._common_subsequence(other) / length < floor:
            return 0.0
        return 2.0 * self._matching_characters(other) / length

    def _common_subsequence(self, a: str) -> int:
        """The length of the longest common subsequence of ``a`` and ``mine``."""
        masks, everything = self.masks, self.all
        rest = everything  # the positions of mine not yet used by the subsequence
        for char in a:
            mask = masks.get(char)
            if mask:
                used = rest & mask
                rest = ((rest + used) | (rest - used)) & everything
        return len(self.mine) - rest.bit_count()

    def _matching_characters(self, a: str) -> int:
        """The total size of difflib's matching blocks of ``a`` against ``mine``."""
        b2j, nothing = self.b2j, ()
        total = 0
        queue = [(0, len(a), 0, len(self.mine))]
        whole = True  # the first range is all of both: no position of b is out of it
        while queue:
            alo, ahi, blo, bhi = queue.pop()
            besti, bestj, bestsize = alo, blo, 0
            j2len: dict[int, int] = {}
            if whole:
                whole = False
                for i, char in enumerate(a):
                    j2lenget = j2len.get
                    newj2len = {}
                    for j in b2j.get(char, nothing):
                        k = newj2len[j] = j2lenget(j - 1, 0) + 1
                        if k > bestsize:
                            besti, bestj, bestsize = i - k + 1, j - k + 1, k
                    j2len = newj2len
            else:
                for i in range(alo, ahi):
                    j2lenget = j2len.get
                    newj2len = {}
                    for j in b2j.get(a[i], nothing):
                        if j < blo:
                            continue
                        if j >= bhi:
                            break
                        k = newj2len[j] = j2lenget(j - 1, 0) + 1
                        if k > bestsize:
                            besti, bestj, bestsize = i - k + 1, j - k + 1, k
                    j2len = newj2len
            if bestsize:
                total += bestsize
                if alo < besti and blo < bestj:
                    queue.append((alo, besti, blo, bestj))
                if besti + bestsize < ahi and bestj + bestsize < bhi:
                    queue.append((besti + bestsize, ahi, bestj + bestsize, bhi))
        return total


def _demote_shared(results: list[Match]) -> list[Match]:
    """A registration claimed by several attendees through their names is left to the organiser."""
    claims: dict[int, list[int]] = defaultdict(list)
    for position, (_attendee, kind, candidate, method, _candidates, _score) in enumerate(results):
        if kind == "matched" and (method == "name" or method == "name_variant"):
            claims[id(candidate)].append(position)
    for positions in claims.values():
        if len(positions) > 1:
            for position in positions:
                match = results[position]
                results[position] = Match(
                    match.attendee, "uncertain", None, match.method, (match.candidate,), 0.9
                )
    return results


__all__ = ["Candidate", "Match", "NameKeys", "match_attendees", "name_keys"]

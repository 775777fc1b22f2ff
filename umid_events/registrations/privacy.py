"""What may be shown of a person to someone who only holds a link that may have been forwarded."""

from __future__ import annotations


def masked_word(word: str) -> str:
    """"Gülnarə" → "Gül…ə", "Əli" → "Ə…", "Ə" → "Ə…"."""
    if len(word) <= 3:
        return word[:1] + "…"
    return f"{word[:3]}…{word[-1]}" if len(word) > 5 else f"{word[:1]}…{word[-1]}"


def masked_name(full_name: str | None) -> str:
    """"Gülnarə Əliyeva" → "Gül…ə Ə…": enough for the invitee to know the link is theirs, too
    little for anyone it was forwarded to to learn who was invited."""
    words = (full_name or "").split()
    if not words:
        return ""
    return " ".join([masked_word(words[0]), *(word[:1] + "…" for word in words[1:2])])

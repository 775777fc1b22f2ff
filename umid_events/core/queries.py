"""Query helpers: Azerbaijani-aware search on stored search keys, and pagination."""

from __future__ import annotations

import sqlalchemy as sa

from .aztext import search_key


def like_words(column, query: str | None):
    """A clause requiring every word of ``query`` (folded by ``search_key``) inside ``column``."""
    words = search_key(query or "").split()
    if not words:
        return sa.true()
    escaped = [word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for word in words]
    return sa.and_(*(column.like(f"%{word}%", escape="\\") for word in escaped))


MAX_ID = 2**31 - 1  # the largest value of an INTEGER column on PostgreSQL (SQLite takes 2**63 - 1)


def id_arg(value) -> int | None:
    """A submitted row id, or None when it is not one."""
    number = int_arg(value)
    return number if number is not None and number > 0 else None


def int_arg(value) -> int | None:
    """A query-string value as a whole number, or None when it is missing or not a number.

    A number beyond what an INTEGER column holds is not one either: compared with an id or used
    as a page, it would make the database raise an error rather than find nothing."""
    try:
        number = int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None
    return number if number is None or abs(number) <= MAX_ID else None


def version_arg(value) -> int | None:
    """A form's hidden version field: None when the form sent none, else its number; something
    that is not a number (a hand-made form) gives -1, which matches no record, so the form is
    refused as changed in the meantime rather than saved without the check."""
    if value in (None, ""):
        return None
    number = int_arg(value)
    return -1 if number is None else number


def enum_arg(value, enum_class):
    """A query-string value as a member of ``enum_class``, or None when it is not one."""
    return enum_class(value) if value in set(enum_class) else None

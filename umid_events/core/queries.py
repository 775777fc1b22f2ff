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


def int_arg(value) -> int | None:
    """A query-string value as a whole number, or None when it is missing or not a number."""
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def enum_arg(value, enum_class):
    """A query-string value as a member of ``enum_class``, or None when it is not one."""
    return enum_class(value) if value in set(enum_class) else None

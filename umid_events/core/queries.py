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

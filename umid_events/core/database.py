"""Connection settings for the embedded SQLite default.

Write-ahead logging lets the web server read while the mail worker writes (and the other way
round), and ``synchronous=NORMAL`` makes a commit one write instead of several flushes to disk,
which is safe with WAL: a power cut can lose the last commits, never corrupt the file.
A busy timeout makes a writer wait for the other process's transaction instead of failing,
and a 64 MB page cache (instead of 2 MB) keeps a whole programme's tables in memory for the
dashboard's counts.
PostgreSQL needs none of this.
"""

from __future__ import annotations

import sqlite3

import sqlalchemy as sa
from sqlalchemy.engine import Engine


def _configure_sqlite(connection, _record) -> None:
    if not isinstance(connection, sqlite3.Connection):
        return
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


def init_app(_app) -> None:
    if not sa.event.contains(Engine, "connect", _configure_sqlite):
        sa.event.listen(Engine, "connect", _configure_sqlite)

"""Connection settings for the embedded SQLite default.

Write-ahead logging lets the web server read while the mail worker writes (and the other way
round), and ``synchronous=NORMAL`` makes a commit one write instead of several flushes to disk,
which is safe with WAL: a power cut can lose the last commits, never corrupt the file.
A busy timeout makes a writer wait for the other process's transaction instead of failing,
and a 64 MB page cache (instead of 2 MB) keeps a whole programme's tables in memory for the
dashboard's counts.
PostgreSQL needs none of this.

A pooled PostgreSQL connection may have died while it sat idle (the server restarted, a proxy
closed it): before handing out one that has been idle for ``DATABASE_PING_AFTER_IDLE_SECONDS``,
the pool asks the server ``SELECT 1`` and replaces the connection when that fails. This is
SQLAlchemy's ``pool_pre_ping`` without its cost under load, when connections go back and forth
many times a second and a ping would be one more round trip per request.
"""

from __future__ import annotations

import sqlite3
import time

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.pool import Pool

_IDLE_SINCE = "umid_idle_since"
_settings = {"ping_after_idle": 10.0}


def _configure_sqlite(connection, _record) -> None:
    if not isinstance(connection, sqlite3.Connection):
        return
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


def _note_idle(_dbapi_connection, record) -> None:
    if record is not None:
        record.info[_IDLE_SINCE] = time.monotonic()


def _ping_if_idle(dbapi_connection, record, _proxy) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        return  # a file: nothing on the other side to go away
    since = record.info.get(_IDLE_SINCE)
    if since is None or time.monotonic() - since < _settings["ping_after_idle"]:
        return  # opened just now, or back in the pool only a moment ago
    try:
        autocommit = dbapi_connection.autocommit
        dbapi_connection.autocommit = True  # no transaction is opened for the ping
        try:
            cursor = dbapi_connection.cursor()
            cursor.execute("SELECT 1")
            cursor.close()
        finally:
            dbapi_connection.autocommit = autocommit
    except Exception as exc:  # the pool discards this connection and opens a new one
        raise sa.exc.DisconnectionError(f"connection lost while idle: {exc}") from exc


def init_app(app) -> None:
    _settings["ping_after_idle"] = float(app.config.get("DATABASE_PING_AFTER_IDLE_SECONDS", 10))
    install_listeners()


def install_listeners() -> None:
    """Listen on every engine and pool of the process (once)."""
    for target, name, listener in ((Engine, "connect", _configure_sqlite),
                                   (Pool, "checkin", _note_idle),
                                   (Pool, "checkout", _ping_if_idle)):
        if not sa.event.contains(target, name, listener):
            sa.event.listen(target, name, listener)

"""Pooled PostgreSQL connections that died while idle are replaced before anyone uses them.

These tests use the PostgreSQL server of the suite whatever database the app under test uses:
the ping concerns server connections only (a SQLite file has nobody on the other side).
"""

from __future__ import annotations

import os

import psycopg
import pytest
import sqlalchemy as sa

from umid_events.core import database

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture
def engine():
    database.install_listeners()  # as the app does
    engine = sa.create_engine(POSTGRES_URL.replace("postgresql://", "postgresql+psycopg://"),
                              pool_size=1, max_overflow=0)
    yield engine
    engine.dispose()


def _backend_pid(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(sa.text("SELECT pg_backend_pid()")).scalar_one()


def _terminate(pid: int) -> None:
    with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))


def test_a_connection_killed_while_idle_is_replaced_before_it_is_used(engine, monkeypatch):
    monkeypatch.setitem(database._settings, "ping_after_idle", 0.0)  # every checkout counts as after idling
    first = _backend_pid(engine)
    _terminate(first)
    assert _backend_pid(engine) != first  # answered, on a new connection


def test_a_connection_in_use_a_moment_ago_is_not_pinged(engine, monkeypatch):
    """Under load no round trip is spent on pings: the connection that came back a moment ago
    is handed out as it is (so a server that died in that moment is noticed by the query)."""
    monkeypatch.setitem(database._settings, "ping_after_idle", 3600.0)
    first = _backend_pid(engine)
    _terminate(first)
    with pytest.raises(sa.exc.OperationalError):
        _backend_pid(engine)

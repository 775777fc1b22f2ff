"""Is the database reachable, and is its schema at the newest migration?"""

from __future__ import annotations

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import current_app
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db


def migration_heads() -> set[str]:
    config = current_app.extensions["migrate"].migrate.get_config()
    return set(ScriptDirectory.from_config(config).get_heads())


def check_health() -> dict:
    heads = sorted(migration_heads())
    try:
        with db.engine.connect() as connection:
            current = sorted(MigrationContext.configure(connection).get_current_heads())
    except SQLAlchemyError as exc:
        return {
            "status": "error",
            "database": {"ok": False, "error": exc.__class__.__name__},
            "migrations": {"head": heads, "current": None, "at_head": False},
        }
    at_head = current == heads
    return {
        "status": "ok" if at_head else "degraded",
        "database": {"ok": True, "dialect": db.engine.dialect.name},
        "migrations": {"head": heads, "current": current, "at_head": at_head},
    }

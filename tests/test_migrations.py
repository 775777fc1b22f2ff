"""The migrations are the only way the schema is built: one head, up and down on both databases,
and nothing in the models that a migration does not create."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import current_app
from flask_migrate import downgrade, upgrade

from umid_events import create_app
from umid_events.extensions import db

from .conftest import ROOT, reset_postgresql_schema

MIGRATIONS = str(ROOT / "migrations")


def test_there_is_a_single_head(app_context):
    config = current_app.extensions["migrate"].migrate.get_config(MIGRATIONS)
    assert len(ScriptDirectory.from_config(config).get_heads()) == 1


def test_models_and_migrations_agree(app_context):
    """`flask db migrate` would find nothing to do: every model change has its migration."""
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "render_as_batch": True}
        )
        differences = compare_metadata(context, db.metadata)
    assert differences == []


@pytest.fixture
def scratch_database_url(database_url, tmp_path):
    """An empty database beside the suite's own: a new SQLite file, or a new PostgreSQL schema."""
    if database_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'scratch.sqlite3'}"
    reset_postgresql_schema(database_url, "migration_scratch")
    separator = "&" if "?" in database_url else "?"
    return f"{database_url}{separator}options=-csearch_path%3Dmigration_scratch"


def _tables(engine) -> set[str]:
    return set(sa.inspect(engine).get_table_names()) - {"alembic_version"}


def test_upgrade_from_empty_to_head_and_down_to_base(scratch_database_url):
    app = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": scratch_database_url})
    with app.app_context():
        upgrade(directory=MIGRATIONS)
        assert _tables(db.engine) == set(db.metadata.tables)
        downgrade(directory=MIGRATIONS, revision="base")
        assert _tables(db.engine) == set()
        upgrade(directory=MIGRATIONS)
        assert _tables(db.engine) == set(db.metadata.tables)
        db.engine.dispose()

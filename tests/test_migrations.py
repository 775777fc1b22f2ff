"""The migrations are the only way the schema is built: one head, up and down on both databases,
and nothing in the models that a migration does not create."""

from __future__ import annotations

import warnings

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


def _expression_indexes() -> list[sa.Index]:
    return [index for table in db.metadata.tables.values() for index in table.indexes
            if any(not isinstance(expression, sa.Column) for expression in index.expressions)]


def test_models_and_migrations_agree(app_context):
    """`flask db migrate` would find nothing to do: every model change has its migration.

    Alembic cannot read indexes on expressions (``lower(email)``) back from SQLite and leaves
    them out of its comparison there, so on SQLite they are looked up by name instead;
    PostgreSQL compares them like any other index."""
    with db.engine.connect() as connection, warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based index")
        warnings.filterwarnings("ignore", "autogenerate skipping metadata-specified expression-based")
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "render_as_batch": True}
        )
        differences = compare_metadata(context, db.metadata)
        if connection.dialect.name == "sqlite":
            for index in _expression_indexes():
                names = {row[1] for row in connection.exec_driver_sql(
                    f"PRAGMA index_list('{index.table.name}')")}
                assert index.name in names
    assert _expression_indexes()  # what the SQLite branch checks
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

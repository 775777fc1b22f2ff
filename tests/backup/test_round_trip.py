"""Backup → rows lost or changed → restore gives back every row, on the suite's database.

The suite runs on SQLite and on PostgreSQL (TEST_DATABASE_URL), so each test here is the round
trip of that database: the demo programme is the data, every table of the live database is
compared in full (rows, sequences, indexes, triggers), and the stored files too.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from umid_events.auth.models import Role
from umid_events.extensions import db

from ..conftest import ROOT, reset_postgresql_schema
from .conftest import database_contents, manifest_of, stored_files

MIGRATIONS = str(ROOT / "migrations")


def _demo(cli) -> None:
    result = cli("demo")
    assert result.exit_code == 0, result.output


def _backup(cli, folders) -> Path:
    result = cli("backup", "--output", str(folders["out"] / "nightly.tar.gz"))
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Backup written: {folders['out'] / 'nightly.tar.gz'}")
    return folders["out"] / "nightly.tar.gz"


def _spoil(make_user) -> None:
    """What a mistake does: rows deleted, rows changed, a table emptied, a row added."""
    for statement in (
        "DELETE FROM knowledge_attempts WHERE id % 2 = 0",
        "DELETE FROM press_publications",
        "UPDATE people SET full_name = 'Səhvən dəyişdi' WHERE id IN "
        "(SELECT id FROM people ORDER BY id LIMIT 5)",
        "UPDATE events SET title = title || ' (köhnə)'",
    ):
        assert db.session.execute(sa.text(statement)).rowcount > 0, statement
    db.session.commit()
    make_user(Role.ADMIN, email="late-admin@example.org")


def test_backup_then_mistakes_then_restore_gives_back_every_row_and_file(
        cli, folders, make_user):
    (folders["out"]).mkdir()
    _demo(cli)
    rows, files = database_contents(), stored_files(folders["instance"])
    assert sum(len(table) for table in rows.values()) > 800  # the demo fills most tables
    archive = _backup(cli, folders)

    _spoil(make_user)
    instance = folders["instance"]
    (instance / "secret_key").write_bytes(b"a new key")
    (instance / "uploads" / "letter.pdf").unlink()
    (instance / "uploads" / "stray.txt").write_text("made after the backup")
    (instance / "huey.sqlite3").write_bytes(b"the queue moved on")
    later = stored_files(instance)
    assert database_contents() != rows

    result = cli("restore", str(archive), "--yes")

    assert result.exit_code == 0, result.output
    assert "Restored:" in result.output and "the newest this code knows" in result.output
    assert database_contents() == rows
    assert "Left in place, not in the backup: uploads/stray.txt" in result.output
    assert stored_files(instance) == dict(
        files,
        **{"huey.sqlite3": later["huey.sqlite3"],  # not a stored file: left alone
           "uploads/stray.txt": later["uploads/stray.txt"]},  # made since: never deleted
    )
    assert (instance / "secret_key").stat().st_mode & 0o777 == 0o600

    # The restored database takes new rows: its sequences are where they were.
    newest = max(row[0] for row in rows["users"]) if rows["users"] else 0
    assert make_user(Role.ORGANISER, email="after-restore@example.org").id > newest


def test_restore_after_the_database_is_lost_entirely(cli, folders, database_url):
    folders["out"].mkdir()
    _demo(cli)
    rows = database_contents()
    archive = _backup(cli, folders)

    db.session.remove()
    db.engine.dispose()
    if database_url.startswith("sqlite"):
        for suffix in ("", "-wal", "-shm"):
            Path(db.engine.url.database + suffix).unlink(missing_ok=True)
    else:
        reset_postgresql_schema(database_url)  # DROP SCHEMA public CASCADE: every table gone
    assert sa.inspect(db.engine).get_table_names() == []

    result = cli("restore", str(archive), "--yes")

    assert result.exit_code == 0, result.output
    assert database_contents() == rows


def test_restore_asks_before_replacing_anything(cli, folders, programme):
    folders["out"].mkdir()
    archive = _backup(cli, folders)
    db.session.execute(sa.text("DELETE FROM plan_quotas"))
    db.session.commit()
    spoiled = database_contents()

    refused = cli("restore", str(archive), input="n\n")
    assert refused.exit_code == 1
    assert "Replace the database" in refused.output and "Aborted" in refused.output
    assert database_contents() == spoiled

    accepted = cli("restore", str(archive), input="y\n")
    assert accepted.exit_code == 0, accepted.output
    assert database_contents()["plan_quotas"] != []


def test_an_archive_of_an_older_schema_is_restored_at_its_revision_then_upgraded(
        cli, folders, programme):
    """The archive's revision comes back (newer tables go); `flask db upgrade` brings it to head."""
    folders["out"].mkdir()
    head, head_tables = _revision(), _tables()
    try:
        _migrate(downgrade, revision="-1")
        older, older_tables = _revision(), _tables()
        db.session.execute(sa.text("UPDATE districts SET name = name || ' (əvvəl)'"))
        db.session.commit()
        older_rows = database_contents()
        archive = _backup(cli, folders)
        assert manifest_of(archive)["alembic_revision"] == older
        _migrate(upgrade)
        assert older != head and older_tables != head_tables

        result = cli("restore", str(archive), "--yes")

        assert result.exit_code == 0, result.output
        assert (f"at revision {older}, older than this code's {head}: "
                "run `flask db upgrade`") in result.output
        assert _revision() == older and _tables() == older_tables
        assert database_contents() == older_rows
        assert cli("db", "upgrade").exit_code == 0
        assert _revision() == head and _tables() == head_tables
    finally:
        _migrate(upgrade)  # the rest of the suite needs the schema at head


def _migrate(command, **kw) -> None:
    db.session.remove()
    with warnings.catch_warnings():  # as tests/test_migrations.py: SQLite's batch mode reflects
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based index")
        command(directory=MIGRATIONS, **kw)


def _revision() -> str:
    with db.engine.connect() as connection:
        return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one()


def _tables() -> dict[str, list[str]]:
    """Each table's columns: what a migration changes."""
    inspector = sa.inspect(db.engine)
    return {table: sorted(column["name"] for column in inspector.get_columns(table))
            for table in inspector.get_table_names()}

"""Fixtures of the backup tests: private folders, the CLI, and the whole database as rows."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
from pathlib import Path

import pytest
import sqlalchemy as sa

from umid_events.extensions import db

SECRET = b"restored-secret-key-0123456789abcdef0123456789"
LETTER = b"%PDF-1.4\n" + bytes(range(256)) * 40


@pytest.fixture(autouse=True)
def folders(app, tmp_path, monkeypatch):
    """The instance folder of these tests (with a key, an upload, the queue and the backups)."""
    instance = tmp_path / "instance"
    (instance / "uploads").mkdir(parents=True)
    (instance / "secret_key").write_bytes(SECRET)
    (instance / "secret_key").chmod(0o600)
    (instance / "uploads" / "letter.pdf").write_bytes(LETTER)
    (instance / "huey.sqlite3").write_bytes(b"the job queue: not a stored file")
    monkeypatch.setitem(app.config, "BACKUP_FILES_DIR", str(instance))
    monkeypatch.setitem(app.config, "BACKUP_DIR", str(instance / "backups"))
    monkeypatch.setitem(app.config, "HUEY_SQLITE_PATH", str(instance / "huey.sqlite3"))
    return {"instance": instance, "backups": instance / "backups", "out": tmp_path / "out"}


@pytest.fixture
def cli(app, app_context):
    """Run a `flask` command as the operator does; an expected failure is never a traceback."""
    def run(*args, input=None, target=None):
        db.session.remove()  # the test's own connection is not what the command waits for
        result = (target or app).test_cli_runner().invoke(args=list(args), input=input)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        assert "Traceback" not in result.output
        return result

    return run


def stored_files(instance: Path) -> dict[str, tuple[bytes, int]]:
    """Every file of the instance folder but the backups, with its bytes and mode."""
    return {path.relative_to(instance).as_posix(): (path.read_bytes(), path.stat().st_mode & 0o777)
            for path in sorted(instance.rglob("*"))
            if path.is_file() and "backups" not in path.relative_to(instance).parts}


def database_contents() -> dict[str, list]:
    """Every row of every table of the live database (reflected, not from the models), every
    sequence's position, and the schema's objects: what a restore must bring back."""
    with db.engine.connect() as connection:
        quote = connection.dialect.identifier_preparer.quote_identifier
        contents = {}
        for name in sorted(sa.inspect(connection).get_table_names()):
            rows = connection.exec_driver_sql(f"SELECT * FROM {quote(name)}").all()  # noqa: S608
            contents[name] = sorted((tuple(row) for row in rows), key=repr)
        for label, query in _catalogue(connection.dialect.name).items():
            contents[f"({label})"] = sorted((tuple(row) for row in connection.exec_driver_sql(query)),
                                            key=repr)
    db.engine.dispose()
    return contents


def _catalogue(dialect: str) -> dict[str, str]:
    if dialect == "sqlite":
        # (no table uses AUTOINCREMENT: a new id follows the largest, which the rows hold)
        return {"schema": "SELECT type, name, tbl_name, sql FROM sqlite_master"}
    return {
        "sequences": "SELECT sequencename, last_value FROM pg_sequences "
                     "WHERE schemaname = current_schema()",
        "indexes": "SELECT tablename, indexname, indexdef FROM pg_indexes "
                   "WHERE schemaname = current_schema()",
        # A CHECK's expression is parsed again on restore and PostgreSQL prints an equivalent
        # of it (`ARRAY['A'::varchar]::text[]` comes back as `ARRAY[('A'::varchar)::text]`):
        # for those the name and kind are compared, for keys the whole definition.
        "constraints": "SELECT conrelid::regclass::text, conname, contype, CASE WHEN contype = 'c' "
                       "THEN NULL ELSE pg_get_constraintdef(oid) END FROM pg_constraint "
                       "WHERE connamespace = current_schema()::regnamespace",
        "triggers": "SELECT event_object_table, trigger_name, action_timing, event_manipulation, "
                    "action_statement FROM information_schema.triggers "
                    "WHERE trigger_schema = current_schema()",
        "functions": "SELECT p.proname, p.prosrc FROM pg_proc p JOIN pg_namespace n "
                     "ON n.oid = p.pronamespace WHERE n.nspname = current_schema()",
    }


def read_members(path: Path) -> dict[str, bytes]:
    with tarfile.open(path, "r:gz") as tar:
        return {info.name: tar.extractfile(info).read() for info in tar.getmembers()}


def write_members(path: Path, members: dict[str, bytes]) -> Path:
    """A .tar.gz with these members in this order (as another tool, or a tamperer, would)."""
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def manifest_of(path: Path) -> dict:
    return json.loads(read_members(path)["manifest.json"])


def with_manifest(source: Path, target: Path, change) -> Path:
    """A copy of the archive ``source`` whose manifest ``change(manifest)`` edited."""
    members = read_members(source)
    manifest = json.loads(members["manifest.json"])
    change(manifest)
    members["manifest.json"] = json.dumps(manifest).encode()
    return write_members(target, members)


def gunzip(path: Path) -> bytes:
    return gzip.decompress(path.read_bytes())


def assert_unchanged(result, before_rows, before_files, instance, *, says: str):
    assert result.exit_code == 1, result.output
    assert says in result.output, result.output
    assert "nothing was changed" in result.output
    assert database_contents() == before_rows
    assert stored_files(instance) == before_files


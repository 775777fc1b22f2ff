"""Expected failures get one clear line (no traceback) and leave nothing half-done behind."""

from __future__ import annotations

import os
import resource
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from umid_events import create_app
from umid_events.extensions import db

from ..conftest import ROOT
from .conftest import with_manifest

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture
def postgres_url(database_url) -> str:
    """The suite's PostgreSQL server (its database when the suite runs on it): only its version
    is read by these tests."""
    return database_url if database_url.startswith("postgres") else POSTGRES_URL


def _run_on(url: str, folders, *args: str, env: dict | None = None):
    """A `flask` command of a service whose DATABASE_URL is ``url``."""
    other = create_app("testing", overrides={
        "SQLALCHEMY_DATABASE_URI": url.replace("postgresql://", "postgresql+psycopg://", 1),
        "BACKUP_FILES_DIR": str(folders["instance"]), "BACKUP_DIR": str(folders["backups"])})
    with other.app_context():
        result = other.test_cli_runner().invoke(args=list(args), env=env)
        db.engine.dispose()
    assert result.exit_code == 1, result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    return result.output


def test_an_output_folder_that_cannot_be_written_is_named(cli, folders):
    (folders["instance"] / "a-file").write_text("not a folder")
    result = cli("backup", "--output", str(folders["instance"] / "a-file" / "b.tar.gz"))
    assert result.exit_code == 1
    assert (f"could not write the backup in {folders['instance'] / 'a-file'}: not a folder; "
            "nothing was written") in result.output


def test_a_full_disk_is_told_and_the_previous_archive_is_kept(database_url, folders, tmp_path):
    """The backup runs as the operator runs it (its own process) where no file may grow past
    16 KB, as on a full disk: the snapshot cannot be written."""
    url = database_url
    if url.startswith("sqlite"):  # a copy, so that nothing of the suite's own file is at stake
        source = sqlite3.connect(url.removeprefix("sqlite:///"))
        copy = sqlite3.connect(tmp_path / "copy.sqlite3")
        source.backup(copy)
        source.close()
        copy.close()
        url = f"sqlite:///{tmp_path / 'copy.sqlite3'}"
    out = tmp_path / "out"
    out.mkdir()
    (out / "latest.tar.gz").write_bytes(b"yesterday's archive")
    env = {**os.environ, "UMID_ENV": "testing", "DATABASE_URL": url,
           "UMID_INSTANCE_PATH": str(folders["instance"])}

    def limit_file_size():
        resource.setrlimit(resource.RLIMIT_FSIZE, (16 * 1024, resource.RLIM_INFINITY))

    result = subprocess.run(
        [sys.executable, "-m", "flask", "backup", "--output", str(out / "latest.tar.gz")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
        preexec_fn=limit_file_size)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert f"could not write the backup in {out}" in result.stderr
    assert "Free some space (or write elsewhere with --output); nothing was written" in result.stderr
    assert sorted(path.name for path in out.iterdir()) == ["latest.tar.gz"]
    assert (out / "latest.tar.gz").read_bytes() == b"yesterday's archive"


def test_an_unreachable_database_is_told(cli, folders):
    nowhere = "postgresql://postgres@127.0.0.1:1/umid"
    output = _run_on(nowhere, folders, "backup")
    assert output.startswith("Error: cannot reach the database umid on 127.0.0.1:1: ")
    assert "Connection refused" in output or "connection failed" in output

    folders["out"].mkdir()
    assert cli("backup", "--output", str(folders["out"] / "b.tar.gz")).exit_code == 0
    archive = with_manifest(folders["out"] / "b.tar.gz", folders["out"] / "pg.tar.gz",
                            lambda manifest: manifest["database"].update(dialect="postgresql",
                                                                         schemas=["public"]))
    output = _run_on(nowhere, folders, "restore", str(archive), "--yes")
    assert output.startswith("Error: cannot reach the database umid on 127.0.0.1:1: ")


def test_a_login_the_server_refuses_is_told(folders, postgres_url):
    refused = postgres_url.replace("postgres@", "umid_no_such_role:wrong@", 1)
    output = _run_on(refused, folders, "backup")
    assert output.startswith("Error: cannot reach the database ")
    assert 'role "umid_no_such_role" does not exist' in output
    assert "wrong" not in output  # the password is never printed


def test_a_missing_sqlite_file_is_told(folders, tmp_path):
    output = _run_on(f"sqlite:///{tmp_path / 'gone.sqlite3'}", folders, "backup")
    assert f"Error: the database file {tmp_path / 'gone.sqlite3'} does not exist" in output


def test_a_missing_pg_dump_is_told_with_what_to_install(folders, postgres_url, tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    output = _run_on(postgres_url, folders, "backup", "--pg-bin-dir", str(empty))
    assert f"Error: pg_dump was not found (looked in {empty}); install the PostgreSQL " in output
    assert "apt-get install postgresql-client-" in output
    assert list(folders["backups"].iterdir()) == []  # nothing was written, not even a start

    again = _run_on(postgres_url, folders, "backup", env={"PG_BIN_DIR": str(empty)})
    assert f"pg_dump was not found (looked in {empty})" in again


def test_a_missing_pg_restore_is_told_before_anything_changes(cli, folders, postgres_url, tmp_path):
    folders["out"].mkdir()
    result = cli("backup", "--output", str(folders["out"] / "b.tar.gz"))
    assert result.exit_code == 0, result.output

    def as_postgresql(manifest):  # a valid archive of the PostgreSQL kind
        manifest["database"].update(dialect="postgresql", schemas=["public"])
    archive = with_manifest(folders["out"] / "b.tar.gz", folders["out"] / "pg.tar.gz", as_postgresql)
    empty = tmp_path / "bin"
    empty.mkdir()

    output = _run_on(postgres_url, folders, "restore", str(archive), "--yes", "--pg-bin-dir", str(empty))

    assert f"Error: pg_restore was not found (looked in {empty})" in output
    assert "Replace the database" not in output and "Restored" not in output


def test_the_files_folder_is_where_the_instance_is(app, monkeypatch, tmp_path):
    """Without settings, the stored files are those of UMID_INSTANCE_PATH (config.INSTANCE_DIR)."""
    from config import INSTANCE_DIR
    from umid_events.backup.services import backups_folder, files_folder

    monkeypatch.delitem(app.config, "BACKUP_FILES_DIR")
    monkeypatch.delitem(app.config, "BACKUP_DIR")
    with app.app_context():
        assert files_folder() == Path(INSTANCE_DIR)
        assert backups_folder() == Path(INSTANCE_DIR) / "backups"

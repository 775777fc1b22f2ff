"""Snapshots of the database and their restoration, for SQLite and PostgreSQL.

SQLite: the online backup API (``sqlite3.Connection.backup``) copies a consistent state of the
live file (its write-ahead log included) while others read and write; restoring copies the
snapshot into the live file the same way, in one transaction.

PostgreSQL: the row counts of the manifest and ``pg_dump`` read one exported snapshot, so they
agree; ``pg_dump`` must be at least the server's major version. Restoring drops the dumped
schemas and replays the dump through ``psql`` in one transaction: a failure anywhere leaves the
database as it was, and objects made after the backup (a newer migration's table) are gone.
"""

# ruff: noqa: S603 (the PostgreSQL tools run from the path found for them, with argument lists
# and no shell)
from __future__ import annotations

import contextlib
import glob
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine

from .errors import BackupError, sqlite_write_failure, write_failure

POSTGRES_BIN_GLOB = "/usr/lib/postgresql/*/bin"
LOCK_TIMEOUT_MS = 30_000
_SCHEMAS = ("SELECT n.nspname FROM pg_namespace n WHERE n.nspname !~ '^pg_' "
            "AND n.nspname <> 'information_schema' ORDER BY n.nspname")
_TABLES = ("SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
           "WHERE c.relkind = 'r' AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema' "
           "ORDER BY n.nspname, c.relname")


@dataclass
class Snapshot:
    """The database copied to ``path``, with what the manifest says about it."""

    path: Path
    dialect: str
    tables: dict[str, int]
    revision: str | None
    details: dict = field(default_factory=dict)


def describe(url: URL) -> str:
    """Where the database is, without its password."""
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    where = f"{url.host or 'localhost'}:{url.port or 5432}"
    return f"{url.database} on {where}"


def connection_failure(url: URL, exc: Exception) -> BackupError:
    original = getattr(exc, "orig", None) or exc
    reason = " ".join(str(original).split()) or original.__class__.__name__
    return BackupError(f"cannot reach the database {describe(url)}: {reason}")


# ---------------------------------------------------------------- SQLite

def sqlite_path(url: URL) -> Path:
    database = url.database
    if not database or database == ":memory:" or url.query.get("mode") == "memory":
        raise BackupError("the database is in memory: there is no file to back up or restore")
    return Path(database)


def snapshot_sqlite(url: URL, into: Path, where: Path) -> Snapshot:
    """Copy the live file to ``into``; ``where`` is the folder named when that cannot be written."""
    source_path = sqlite_path(url)
    if not source_path.is_file():
        raise BackupError(f"the database file {source_path} does not exist")
    try:
        source = sqlite3.connect(source_path, timeout=30)
    except sqlite3.Error as exc:
        raise BackupError(f"cannot open the database file {source_path}: {exc}") from exc
    try:
        try:
            copy = sqlite3.connect(into)
        except sqlite3.Error as exc:
            raise sqlite_write_failure(where, exc) from exc
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        except sqlite3.DatabaseError as exc:
            name = getattr(exc, "sqlite_errorname", "")
            if name in ("SQLITE_NOTADB", "SQLITE_CORRUPT"):
                raise BackupError(f"{source_path} is not a readable SQLite database: {exc}") from exc
            if name == "SQLITE_BUSY":
                raise BackupError(f"the database {source_path} stayed locked: {exc}") from exc
            raise sqlite_write_failure(where, exc) from exc
        finally:
            copy.close()
    finally:
        source.close()
    tables, revision = _read_sqlite(into)
    return Snapshot(path=into, dialect="sqlite", tables=tables, revision=revision,
                    details={"sqlite_version": sqlite3.sqlite_version})


def _read_sqlite(path: Path) -> tuple[dict[str, int], str | None]:
    connection = sqlite3.connect(path)
    try:
        names = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
            "ESCAPE '\\' ORDER BY name")]
        tables = {name: connection.execute(
            f'SELECT count(*) FROM "{_sqlite_ident(name)}"').fetchone()[0]  # noqa: S608 (quoted name)
            for name in names}
        revision = None
        if "alembic_version" in tables:
            revision = _join(row[0] for row in connection.execute(
                "SELECT version_num FROM alembic_version"))
        return tables, revision
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path.name} is not a readable SQLite database: {exc}") from exc
    finally:
        connection.close()


def read_sqlite_snapshot(path: Path) -> tuple[dict[str, int], str | None]:
    """What an unpacked snapshot holds (its tables' row counts and its revision)."""
    return _read_sqlite(path)


def restore_sqlite(url: URL, snapshot: Path) -> None:
    target = sqlite_path(url)
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(snapshot)
    try:
        try:
            live = sqlite3.connect(target, timeout=LOCK_TIMEOUT_MS / 1000)
        except sqlite3.Error as exc:
            raise BackupError(f"cannot open the database file {target}: {exc}; "
                              "nothing was changed") from exc
        try:
            source.backup(live)  # one write transaction on the live file: all of it, or nothing
        except sqlite3.OperationalError as exc:
            if getattr(exc, "sqlite_errorname", "") in ("SQLITE_BUSY", "SQLITE_LOCKED"):
                raise BackupError(f"the database {target} is in use: stop the web server and the "
                                  "worker, then restore again; nothing was changed") from exc
            raise sqlite_write_failure(target.parent, exc, what="the database",
                                       consequence="nothing was changed") from exc
        finally:
            live.close()
    finally:
        source.close()


def sqlite_side_files(path: Path) -> set[Path]:
    return {path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal"))}


def _sqlite_ident(name: str) -> str:
    return name.replace('"', '""')


def _join(values) -> str | None:
    values = sorted(values)
    return ",".join(values) if values else None


# ---------------------------------------------------------------- PostgreSQL

def conninfo(url: URL) -> tuple[str, dict[str, str]]:
    """A libpq connection string (no password) and the environment that carries the password."""
    params: dict[str, str] = {}
    if url.host:
        params["host"] = url.host
    if url.port:
        params["port"] = str(url.port)
    if url.username:
        params["user"] = url.username
    if url.database:
        params["dbname"] = url.database
    for key, value in url.query.items():
        params[key] = value if isinstance(value, str) else value[-1]
    text = " ".join(f"{key}='{_libpq_quote(value)}'" for key, value in params.items())
    env = {**os.environ, "PGCONNECT_TIMEOUT": os.environ.get("PGCONNECT_TIMEOUT", "10")}
    if url.password is not None:
        env["PGPASSWORD"] = url.password
    return text, env


def _libpq_quote(value: str) -> str:
    return value.replace("\\", "\\\\").replace("'", "\\'")


def server_major(connection) -> int:
    return int(connection.exec_driver_sql("SHOW server_version_num").scalar()) // 10000


def tool_major(path: Path) -> int | None:
    try:
        output = subprocess.run([str(path), "--version"], capture_output=True, text=True,
                                timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"\(PostgreSQL\)\s+(\d+)", output)
    return int(match.group(1)) if match else None


def find_tool(name: str, major: int, bin_dir: Path | None = None) -> Path:
    """``pg_dump``/``pg_restore``/``psql`` of at least the server's major version.

    ``bin_dir`` (``--pg-bin-dir``, ``PG_BIN_DIR``) is the only place looked at when given;
    otherwise Debian's /usr/lib/postgresql/<server's version>/bin, then PATH, then any other
    /usr/lib/postgresql/*/bin.
    """
    if bin_dir is not None:
        candidates, where = [Path(bin_dir) / name], str(bin_dir)
    else:
        candidates = [Path(POSTGRES_BIN_GLOB.replace("*", str(major))) / name]
        on_path = shutil.which(name)
        if on_path:
            candidates.append(Path(on_path))
        candidates += [Path(folder) / name for folder in sorted(
            glob.glob(POSTGRES_BIN_GLOB), key=_version_key, reverse=True)]
        where = f"{POSTGRES_BIN_GLOB.replace('*', str(major))}, PATH or {POSTGRES_BIN_GLOB}"
    too_old = []
    for candidate in dict.fromkeys(candidates):
        if not (candidate.is_file() and os.access(candidate, os.X_OK)):
            continue
        version = tool_major(candidate)
        if version is not None and version >= major:
            return candidate
        too_old.append(f"{candidate} ({version or 'unknown version'})")
    install = (f"install the PostgreSQL {major} client tools (Debian: apt-get install "
               f"postgresql-client-{major}) or name their folder with --pg-bin-dir")
    if too_old:
        raise BackupError(f"{name} is older than the PostgreSQL {major} server: found only "
                          f"{', '.join(too_old)}; {install}")
    raise BackupError(f"{name} was not found (looked in {where}); {install}")


def _version_key(folder: str) -> int:
    match = re.search(r"/(\d+)/bin$", folder)
    return int(match.group(1)) if match else 0


def snapshot_postgresql(engine: Engine, into: Path, where: Path, bin_dir: Path | None) -> Snapshot:
    url = engine.url
    try:
        connection = engine.connect()
    except sa.exc.SQLAlchemyError as exc:
        raise connection_failure(url, exc) from exc
    try:
        connection = connection.execution_options(isolation_level="REPEATABLE READ",
                                                  postgresql_readonly=True)
        with connection.begin():
            snapshot_id = connection.exec_driver_sql("SELECT pg_export_snapshot()").scalar()
            major = server_major(connection)
            pg_dump = find_tool("pg_dump", major, bin_dir)
            tables, revision, schemas = _read_postgresql(connection)
            server_version = connection.exec_driver_sql("SHOW server_version").scalar()
            _run_pg_dump(pg_dump, url, snapshot_id, into, where)
    except sa.exc.SQLAlchemyError as exc:
        raise connection_failure(url, exc) from exc
    finally:
        connection.close()
    return Snapshot(path=into, dialect="postgresql", tables=tables, revision=revision, details={
        "schemas": schemas, "server_version": server_version,
        "pg_dump_version": _version_text(pg_dump), "dump_format": "custom"})


def _read_postgresql(connection) -> tuple[dict[str, int], str | None, list[str]]:
    current = connection.exec_driver_sql("SELECT current_schema()").scalar()
    schemas = list(connection.exec_driver_sql(_SCHEMAS).scalars())
    tables: dict[str, int] = {}
    for schema, table in connection.exec_driver_sql(_TABLES).all():
        name = table if schema == current else f"{schema}.{table}"
        tables[name] = count_rows(connection, table, schema)
    revision = None
    if "alembic_version" in tables:
        table = sa.table("alembic_version", sa.column("version_num"), schema=current)
        revision = _join(connection.execute(sa.select(table.c.version_num)).scalars())
    return tables, revision, schemas


def count_rows(connection, table: str, schema: str | None = None) -> int:
    return connection.execute(sa.select(sa.func.count()).select_from(
        sa.table(table, schema=schema))).scalar_one()


def _version_text(tool: Path) -> str | None:
    try:
        return subprocess.run([str(tool), "--version"], capture_output=True, text=True,
                              timeout=30, check=False).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def _run_pg_dump(pg_dump: Path, url: URL, snapshot_id: str, into: Path, where: Path) -> None:
    info, env = conninfo(url)
    command = [str(pg_dump), "--format=custom", "--no-owner", f"--snapshot={snapshot_id}",
               f"--file={into}", f"--dbname={info}"]
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if result.returncode == 0:
        return
    message = _last_error(result.stderr) or f"exit status {result.returncode}"
    if result.returncode < 0:
        stopped = signal.Signals(-result.returncode)
        message = ("the file grew beyond the size this process may write (SIGXFSZ)"
                   if stopped == signal.SIGXFSZ else f"pg_dump was stopped by {stopped.name}")
        raise write_failure(where, message, stopped == signal.SIGXFSZ)
    if re.search(r"No space left|File too large|Disk quota|could not (write|open) (to )?output",
                 result.stderr):
        raise write_failure(where, message, "Permission denied" not in result.stderr)
    if "server version mismatch" in result.stderr:
        raise BackupError(f"{message}; install the client tools of the server's version or name "
                          "their folder with --pg-bin-dir")
    raise BackupError(f"pg_dump failed: {message}")


def _last_error(stderr: str) -> str:
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    errors = [line for line in lines if "error" in line.lower() or "fatal" in line.lower()]
    chosen = errors[0] if errors else (lines[-1] if lines else "")
    return re.sub(r"^(pg_dump|pg_restore|psql): (error: )?", "", chosen)


def restore_tools(engine: Engine, bin_dir: Path | None) -> tuple[Path, Path]:
    """``pg_restore`` and ``psql`` for the server behind ``engine``."""
    try:
        with engine.connect() as connection:
            major = server_major(connection)
    except sa.exc.SQLAlchemyError as exc:
        raise connection_failure(engine.url, exc) from exc
    return find_tool("pg_restore", major, bin_dir), find_tool("psql", major, bin_dir)


def restore_postgresql(engine: Engine, dump: Path, schemas: list[str],
                       tools: tuple[Path, Path]) -> None:
    """Drop the dumped schemas and replay the dump, in one transaction."""
    url = engine.url
    pg_restore, psql = tools
    listing = subprocess.run([str(pg_restore), "--list", str(dump)], capture_output=True,
                             text=True, check=False)
    if listing.returncode != 0:
        raise BackupError(f"pg_restore cannot read the dump: {_last_error(listing.stderr)}; "
                          "nothing was changed")
    # The schemas are made here, each one empty; the dump's own "CREATE SCHEMA" entries are left
    # out (pg_dump never writes one for public, so that must be made here anyway).
    schema_entry = re.compile(r"^\d+; \d+ \d+ SCHEMA - (\S+) ")
    in_dump = [match.group(1) for match in map(schema_entry.match, listing.stdout.splitlines())
               if match]
    use_list = "\n".join(";" + line if schema_entry.match(line) else line
                          for line in listing.stdout.splitlines())
    preamble = ["SET client_min_messages = warning;", "BEGIN;"]
    for schema in dict.fromkeys([*schemas, *in_dump]):
        quoted = '"' + schema.replace('"', '""') + '"'
        preamble.append(f"DROP SCHEMA IF EXISTS {quoted} CASCADE;")
        preamble.append(f"CREATE SCHEMA {quoted};")
    info, env = conninfo(url)
    env["PGOPTIONS"] = f"{env.get('PGOPTIONS', '')} -c lock_timeout={LOCK_TIMEOUT_MS}".strip()
    with tempfile.TemporaryFile() as psql_errors, tempfile.TemporaryFile() as restore_errors, \
            tempfile.NamedTemporaryFile("w", suffix=".list") as list_file:
        list_file.write(use_list + "\n")
        list_file.flush()
        psql_process = subprocess.Popen(
            [str(psql), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-o", os.devnull, f"--dbname={info}"],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=psql_errors, env=env)
        restore_code = None
        try:
            psql_process.stdin.write(("\n".join(preamble) + "\n").encode())
            psql_process.stdin.flush()
            restore_code = subprocess.run(
                [str(pg_restore), "--no-owner", f"--use-list={list_file.name}", "--file=-",
                 str(dump)],
                stdout=psql_process.stdin, stderr=restore_errors, check=False).returncode
            if restore_code == 0:  # only a complete script is committed
                psql_process.stdin.write(b"COMMIT;\n")
        except BrokenPipeError:
            pass  # psql stopped at an error; its message says which
        finally:
            with contextlib.suppress(BrokenPipeError):
                psql_process.stdin.close()
            psql_code = psql_process.wait()
        psql_errors.seek(0)
        restore_errors.seek(0)
        psql_stderr = psql_errors.read().decode(errors="replace")
        restore_stderr = restore_errors.read().decode(errors="replace")
    if psql_code != 0 or "ERROR" in psql_stderr:
        message = _last_error(psql_stderr) or f"psql exit status {psql_code}"
        if "lock timeout" in psql_stderr:
            raise BackupError("the database is in use (a table stayed locked for "
                              f"{LOCK_TIMEOUT_MS // 1000} s): stop the web server and the worker, "
                              "then restore again; nothing was changed")
        if psql_code == 2 or "connection to server" in psql_stderr:
            raise BackupError(f"cannot reach the database {describe(url)}: {message}; "
                              "nothing was changed")
        raise BackupError(f"the restore failed and was rolled back: {message}; nothing was changed")
    if restore_code != 0:
        raise BackupError(f"pg_restore failed: {_last_error(restore_stderr)}; the restore was "
                          "rolled back, nothing was changed")

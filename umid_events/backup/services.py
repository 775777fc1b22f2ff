"""Make a backup archive, and restore one.

What goes in: the database (see ``databases``) and the stored files, which are the files of the
instance folder (``UMID_INSTANCE_PATH``, ``instance/`` by default) except the SQLite database
itself, the job queue's SQLite file (transient: the outbox in the database is the record and
the worker's minute sweep rebuilds the queue from it) and the backups folder. Uploaded
documents (letters, logos, reports) are kept in the database, so they travel with it; what
the instance folder holds of its own is mainly the generated ``secret_key``.

Settings (``app.config``, both optional): ``BACKUP_DIR``, where `flask backup` writes by
default (``<instance>/backups``), and ``BACKUP_FILES_DIR``, the folder whose files are backed up
and restored (the instance folder).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import sqlalchemy as sa
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from flask import current_app

from config import INSTANCE_DIR

from ..extensions import db
from . import databases
from .archive import (
    FORMAT,
    FORMAT_VERSION,
    Member,
    UnpackedArchive,
    copy_and_digest,
    digest_file,
    is_backup_archive,
    unpack_archive,
    write_archive,
)
from .errors import ArchiveRefused, BackupError, os_write_failure

BACKUP_NAME = re.compile(r"^umid-backup-(\d{8}T\d{6}Z)(?:-(\d+))?\.tar\.gz$")
DATABASE_MEMBERS = {"sqlite": "database/umid-events.sqlite3",
                    "postgresql": "database/umid-events.pgdump"}


@dataclass
class BackupResult:
    path: Path
    manifest: dict

    @property
    def rows(self) -> int:
        return sum(self.manifest["database"]["tables"].values())

    @property
    def files(self) -> int:
        return sum(1 for entry in self.manifest["members"] if entry["name"].startswith("files/"))


@dataclass
class RestorePlan:
    """A verified archive ready to replace the database and the files."""

    archive: Path
    unpacked: UnpackedArchive
    current_tables: dict[str, int]
    tools: tuple[Path, Path] | None  # pg_restore and psql

    @property
    def manifest(self) -> dict:
        return self.unpacked.manifest

    @property
    def rows(self) -> int:
        return sum(self.manifest["database"]["tables"].values())

    @property
    def current_rows(self) -> int:
        return sum(self.current_tables.values())


@dataclass
class RestoreResult:
    revision: str | None
    heads: list[str]
    rows: int
    files: int
    newer_files: list[str]  # stored files the archive does not have, left in place

    @property
    def at_head(self) -> bool:
        return self.revision is not None and set(self.revision.split(",")) == set(self.heads)


# ---------------------------------------------------------------- where things are

def backups_folder() -> Path:
    return Path(current_app.config.get("BACKUP_DIR") or INSTANCE_DIR / "backups")


def files_folder() -> Path:
    return Path(current_app.config.get("BACKUP_FILES_DIR") or INSTANCE_DIR)


def _excluded_paths() -> set[Path]:
    """Files of the instance folder that are not "stored files": databases, the queue."""
    excluded: set[Path] = set()
    url = db.engine.url
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        excluded |= databases.sqlite_side_files(Path(url.database).resolve())
    queue = current_app.config.get("HUEY_SQLITE_PATH")
    if queue:
        excluded |= databases.sqlite_side_files(Path(queue).resolve())
    return excluded


def stored_files() -> list[tuple[str, Path]]:
    """The stored files as (path relative to the files folder, absolute path), sorted."""
    root = files_folder()
    if not root.is_dir():
        return []
    root = root.resolve()
    backups = backups_folder().resolve()
    excluded = _excluded_paths()
    found: list[tuple[str, Path]] = []
    for folder, subfolders, names in os.walk(root):
        here = Path(folder)
        subfolders[:] = sorted(name for name in subfolders
                               if (here / name).resolve() != backups
                               and not (here / name).is_symlink()
                               and not name.startswith((".umid-backup-", "umid-restore-")))
        for name in sorted(names):
            path = here / name
            if (path in excluded or path.is_symlink() or not path.is_file()
                    or name.startswith((".umid-backup-", ".umid-restore-"))
                    or BACKUP_NAME.match(name) or is_backup_archive(path)):
                continue
            found.append((path.relative_to(root).as_posix(), path))
    return found


# ---------------------------------------------------------------- backup

def create_backup(output: Path | None = None, *, bin_dir: Path | None = None,
                  into_folder: bool = False, now: datetime | None = None) -> BackupResult:
    """Write one archive of the database and the stored files; return where and what.

    ``output`` is the archive to write, or the folder for a time-stamped one (when it is a
    folder, or ``into_folder``); by default that folder is ``backups_folder()``.
    """
    now = now or datetime.now(UTC)
    engine = db.engine
    dialect = engine.url.get_backend_name()
    if dialect not in DATABASE_MEMBERS:
        raise BackupError(f"backups support SQLite and PostgreSQL, not {dialect}")
    destination = _destination(output, now, into_folder)
    files = [(relative, path) for relative, path in stored_files()
             if path != destination.resolve()]
    try:
        staging_folder = tempfile.TemporaryDirectory(dir=destination.parent, prefix=".umid-backup-")
    except OSError as exc:
        raise os_write_failure(destination.parent, exc) from exc
    with staging_folder as staging_name:
        staging = Path(staging_name)
        member_name = DATABASE_MEMBERS[dialect]
        snapshot_path = staging / Path(member_name).name
        if dialect == "sqlite":
            snapshot = databases.snapshot_sqlite(engine.url, snapshot_path, destination.parent)
        else:
            snapshot = databases.snapshot_postgresql(engine, snapshot_path, destination.parent,
                                                     bin_dir)
        try:
            members = [Member(member_name, snapshot_path, *digest_file(snapshot_path))]
        except OSError as exc:
            raise os_write_failure(destination.parent, exc) from exc
        for number, (relative, source) in enumerate(files, start=1):
            members.append(_stage_file(relative, source, staging / f"file-{number:06d}"))
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "app": {"name": "umid-events", "version": _app_version()},
            "alembic_revision": snapshot.revision,
            "database": {"dialect": dialect, "member": member_name, "tables": snapshot.tables,
                         **snapshot.details},
            "members": [member.entry() for member in members],
        }
        write_archive(destination, manifest, members, now.timestamp())
    return BackupResult(path=destination, manifest=manifest)


def _stage_file(relative: str, source: Path, staged: Path) -> Member:
    try:
        handle = open(source, "rb")  # noqa: SIM115 (closed below; a read error is told apart)
        mode = os.fstat(handle.fileno()).st_mode & 0o777
    except OSError as exc:
        raise BackupError(f"cannot read the stored file {source}: {exc.strerror}; "
                          "nothing was written") from exc
    with handle:
        try:
            size, sha256 = copy_and_digest(handle, staged)
        except OSError as exc:
            raise os_write_failure(staged.parent.parent, exc) from exc
    return Member(f"files/{relative}", staged, size, sha256, mode)


def _destination(output: Path | None, now: datetime, into_folder: bool) -> Path:
    if output is None or output.is_dir() or into_folder:
        folder = (output or backups_folder()).expanduser()
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            raise os_write_failure(folder, exc) from exc
        stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        # A second archive within the same second is -2, -3 …: always after the newest of that
        # second, so that the names sort as the archives were made.
        taken = [int(match.group(2) or 1) for match in map(BACKUP_NAME.match, os.listdir(folder))
                 if match and match.group(1) == stamp]
        number = max(taken, default=0) + 1
        name = f"umid-backup-{stamp}.tar.gz" if number == 1 else f"umid-backup-{stamp}-{number}.tar.gz"
        return (folder / name).absolute()
    output = output.expanduser().absolute()
    if not output.parent.is_dir():
        reason = ("not a folder" if output.parent.exists() or _under_a_file(output.parent)
                  else "no such folder")
        raise BackupError(f"could not write the backup in {output.parent}: {reason}; "
                          "nothing was written")
    return output


def _under_a_file(path: Path) -> bool:
    return any(parent.is_file() for parent in path.parents)


def _app_version() -> str | None:
    try:
        return metadata.version("umid-events")
    except metadata.PackageNotFoundError:
        return None


def prune_backups(folder: Path, keep: int, *, spare: Path | None = None) -> list[Path]:
    """Delete all but the newest ``keep`` archives named umid-backup-<time>.tar.gz in ``folder``.

    Other files are never touched, nor is ``spare`` (the archive just written).
    """
    archives = []
    for path in folder.iterdir():
        match = BACKUP_NAME.match(path.name)
        if match and path.is_file():
            archives.append(((match.group(1), int(match.group(2) or 1)), path))
    archives.sort(reverse=True)
    removed = []
    for _key, path in archives[keep:]:
        if spare is not None and path.resolve() == spare.resolve():
            continue
        try:
            path.unlink()
        except OSError as exc:
            raise BackupError(f"the backup was written, but {path} could not be removed: "
                              f"{exc.strerror}") from exc
        removed.append(path)
    return removed


# ---------------------------------------------------------------- restore

def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(current_app.extensions["migrate"].migrate.get_config())


@contextmanager
def prepare_restore(archive: Path, *, bin_dir: Path | None = None) -> Iterator[RestorePlan]:
    """Unpack and verify ``archive`` and check it fits this service; nothing is changed yet."""
    try:
        staging_folder = tempfile.TemporaryDirectory(prefix="umid-restore-")
    except OSError as exc:
        raise os_write_failure(Path(tempfile.gettempdir()), exc, what="the unpacked backup",
                               consequence="nothing was changed") from exc
    with staging_folder as staging:
        unpacked = unpack_archive(archive, Path(staging))
        manifest = unpacked.manifest
        name = archive.name
        theirs = manifest["database"]["dialect"]
        engine = db.engine
        ours = engine.url.get_backend_name()
        if theirs != ours:
            raise BackupError(
                f"{name} holds a {_dialect_name(theirs)} database, and this service uses "
                f"{_dialect_name(ours)}: restore it where DATABASE_URL is a {_dialect_name(theirs)} "
                "database; nothing was changed")
        _check_revision(manifest.get("alembic_revision"), name)
        snapshot = unpacked.paths[unpacked.database_member]
        if ours == "sqlite":
            tables, revision = databases.read_sqlite_snapshot(snapshot)
            if tables != manifest["database"]["tables"] or revision != manifest["alembic_revision"]:
                raise ArchiveRefused(f"{name}: the database inside does not match its manifest; "
                                     "nothing was changed")
            tools = None
        else:
            tools = databases.restore_tools(engine, bin_dir)
        _check_files(unpacked, name)
        current = current_tables()
        yield RestorePlan(archive=archive, unpacked=unpacked, current_tables=current, tools=tools)


def _dialect_name(dialect: str) -> str:
    return {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(dialect, dialect)


def _check_revision(revision: str | None, name: str) -> None:
    if not revision:
        raise ArchiveRefused(f"{name} holds a database without migrations (no alembic "
                             "revision): not a database of Ümid Events; nothing was changed")
    script = _script()
    for part in revision.split(","):
        try:
            known = script.get_revision(part)
        except CommandError:
            known = None
        if known is None:
            raise BackupError(
                f"{name} was made by a newer version of Ümid Events (its database is at "
                f"revision {part}, unknown to this code): update the code first; nothing was changed")


def _check_files(unpacked: UnpackedArchive, name: str) -> None:
    root = files_folder().resolve()
    excluded = _excluded_paths()
    for member in unpacked.file_members():
        target = (root / member.removeprefix("files/")).resolve()
        if not target.is_relative_to(root) or target in excluded:
            raise ArchiveRefused(f"{name}: {member} would overwrite {target}; nothing was changed")


def current_tables() -> dict[str, int]:
    """Row counts of the live database's tables (empty when the SQLite file does not exist)."""
    engine = db.engine
    url = engine.url
    if url.get_backend_name() == "sqlite" and not databases.sqlite_path(url).exists():
        return {}
    try:
        with engine.connect() as connection:
            return {table: databases.count_rows(connection, table)
                    for table in sa.inspect(connection).get_table_names()}
    except sa.exc.SQLAlchemyError as exc:
        raise databases.connection_failure(url, exc) from exc


def apply_restore(plan: RestorePlan) -> RestoreResult:
    """Replace the database, then the stored files, with the archive's."""
    engine = db.engine
    db.session.remove()
    engine.dispose()  # no pooled connection keeps the old tables open
    snapshot = plan.unpacked.paths[plan.unpacked.database_member]
    try:
        if engine.url.get_backend_name() == "sqlite":
            databases.restore_sqlite(engine.url, snapshot)
        else:
            databases.restore_postgresql(engine, snapshot, plan.manifest["database"]["schemas"],
                                         plan.tools)
    finally:
        engine.dispose()
    files, newer_files = _restore_files(plan.unpacked)
    try:
        with engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_heads()
    except sa.exc.SQLAlchemyError as exc:
        raise databases.connection_failure(engine.url, exc) from exc
    return RestoreResult(revision=",".join(sorted(current)) or None,
                         heads=sorted(_script().get_heads()), rows=plan.rows, files=files,
                         newer_files=newer_files)


def _restore_files(unpacked: UnpackedArchive) -> tuple[int, list[str]]:
    """Write the archive's files (each replaced whole); files it does not have stay."""
    root = files_folder()
    written = set()
    try:
        for member in unpacked.file_members():
            relative = member.removeprefix("files/")
            target = root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".umid-restore-")
            try:
                with os.fdopen(fd, "wb") as out, open(unpacked.paths[member], "rb") as source:
                    while chunk := source.read(1024 * 1024):
                        out.write(chunk)
                    os.fchmod(out.fileno(), unpacked.modes[member])
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
            written.add(relative)
    except OSError as exc:
        raise os_write_failure(root, exc, what="the stored files",
                               consequence="the database was restored, the files only in "
                                           "part: run the restore again") from exc
    return len(written), sorted(relative for relative, _path in stored_files()
                               if relative not in written)

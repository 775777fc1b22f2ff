"""The archive: a ``.tar.gz`` whose first member is ``manifest.json``.

Members are ``manifest.json``, ``database/<file>`` (the snapshot) and ``files/<path>`` (the
stored files). The manifest lists every other member with its size and SHA-256; reading an
archive unpacks each member into a private folder while hashing it, and refuses the whole
archive when anything is missing, extra, altered or unreadable, before the caller touches the
database or the files.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import ArchiveRefused, os_write_failure

FORMAT = "umid-events-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
DIALECTS = ("sqlite", "postgresql")
CHUNK = 1024 * 1024
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class Member:
    """One file of the archive: its name inside, where its bytes are now, and their digest."""

    name: str
    source: Path
    size: int
    sha256: str
    mode: int = 0o600

    def entry(self) -> dict:
        return {"name": self.name, "size": self.size, "sha256": self.sha256}


def digest_file(path: Path) -> tuple[int, str]:
    sha, size = hashlib.sha256(), 0
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            sha.update(chunk)
            size += len(chunk)
    return size, sha.hexdigest()


def copy_and_digest(source, destination: Path) -> tuple[int, str]:
    """Copy the open binary ``source`` to ``destination``, returning the size and SHA-256."""
    sha, size = hashlib.sha256(), 0
    with open(destination, "wb") as out:
        while chunk := source.read(CHUNK):
            sha.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return size, sha.hexdigest()


def is_member_name(name: str) -> bool:
    """``database/<file>`` or ``files/<relative path>``: nothing absolute, nothing climbing out."""
    if not isinstance(name, str) or "\\" in name or "\x00" in name:
        return False
    path = PurePosixPath(name)
    parts = path.parts
    return (len(parts) >= 2 and parts[0] in ("database", "files") and not path.is_absolute()
            and all(part not in ("", ".", "..") for part in parts) and str(path) == name
            and (parts[0] != "database" or len(parts) == 2))


def write_archive(destination: Path, manifest: dict, members: list[Member], mtime: float) -> None:
    """Write the archive to a private temporary file beside ``destination``, then rename it.

    A reader never sees a half-written archive under the final name; on any failure the
    temporary file is removed and an earlier archive of that name is left as it was.
    """
    directory = destination.parent
    try:
        fd, temporary = tempfile.mkstemp(dir=directory, prefix=".umid-backup-", suffix=".partial")
    except OSError as exc:
        raise os_write_failure(directory, exc) from exc
    try:
        with os.fdopen(fd, "wb") as raw:
            with tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6,
                              format=tarfile.PAX_FORMAT) as tar:
                data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
                tar.addfile(_info(MANIFEST, len(data), 0o600, mtime), io.BytesIO(data))
                for member in members:
                    with open(member.source, "rb") as handle:
                        tar.addfile(_info(member.name, member.size, member.mode, mtime), handle)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(temporary, destination)
        _fsync_directory(directory)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise os_write_failure(directory, exc) from exc
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _info(name: str, size: int, mode: int, mtime: float) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = size, mode & 0o777, int(mtime)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def _fsync_directory(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a directory; the rename is done all the same
    finally:
        os.close(fd)


@dataclass
class UnpackedArchive:
    """A verified archive: its manifest and where each member was unpacked."""

    manifest: dict
    paths: dict[str, Path]
    modes: dict[str, int]

    @property
    def database_member(self) -> str:
        return self.manifest["database"]["member"]

    def file_members(self) -> list[str]:
        return [entry["name"] for entry in self.manifest["members"]
                if entry["name"].startswith("files/")]


def unpack_archive(path: Path, into: Path) -> UnpackedArchive:
    """Unpack and verify the archive at ``path`` into the folder ``into`` (which must be empty).

    Raises ArchiveRefused with a one-line reason when the archive cannot be trusted.
    """
    name = path.name
    if not path.is_file():
        raise ArchiveRefused(f"{path} is not a file")
    try:
        with tarfile.open(path, mode="r:gz") as tar:
            return _unpack(tar, name, into)
    except ArchiveRefused:
        raise
    except (tarfile.ReadError, gzip.BadGzipFile) as exc:
        if _looks_gzip(path):
            raise ArchiveRefused(f"{name} is damaged or incomplete ({exc}); nothing was changed") from exc
        raise ArchiveRefused(f"{name} is not an Ümid Events backup (not a .tar.gz archive); "
                             "nothing was changed") from exc
    except (tarfile.TarError, EOFError, zlib.error) as exc:
        raise ArchiveRefused(f"{name} is damaged or incomplete ({exc}); nothing was changed") from exc
    except OSError as exc:
        raise os_write_failure(into, exc, what="the unpacked backup",
                               consequence="nothing was changed") from exc


def is_backup_archive(path: Path) -> bool:
    """Whether the file is an archive of ours (which a later backup must not swallow)."""
    try:
        if not _looks_gzip(path):
            return False
        with tarfile.open(path, mode="r:gz") as tar:
            first = tar.next()
            return first is not None and first.name == MANIFEST
    except (OSError, tarfile.TarError, EOFError, zlib.error):
        return False


def _looks_gzip(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(2) == b"\x1f\x8b"


def _unpack(tar: tarfile.TarFile, name: str, into: Path) -> UnpackedArchive:
    foreign = f"{name} is not an Ümid Events backup (no manifest); nothing was changed"
    first = tar.next()
    if first is None or first.name != MANIFEST or not first.isreg():
        raise ArchiveRefused(foreign)
    if first.size > MAX_MANIFEST_BYTES:
        raise ArchiveRefused(foreign)
    try:
        manifest = json.loads(tar.extractfile(first).read().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ArchiveRefused(f"{name}: its manifest is damaged ({exc}); nothing was changed") from exc
    expected = check_manifest(manifest, name)

    paths: dict[str, Path] = {}
    modes: dict[str, int] = {}
    number = 0
    while (info := tar.next()) is not None:
        number += 1
        if info.name not in expected:
            raise ArchiveRefused(f"{name} holds {info.name!r}, which its manifest does not list; "
                                 "nothing was changed")
        if info.name in paths:
            raise ArchiveRefused(f"{name} holds {info.name!r} twice; nothing was changed")
        if not info.isreg():
            raise ArchiveRefused(f"{name}: {info.name!r} is not a plain file; nothing was changed")
        target = into / f"{number:06d}"
        size, sha256 = copy_and_digest(tar.extractfile(info), target)
        entry = expected[info.name]
        if size != entry["size"] or sha256 != entry["sha256"]:
            raise ArchiveRefused(f"{name} is damaged: {info.name} does not match its SHA-256 in "
                                 "the manifest; nothing was changed")
        paths[info.name] = target
        modes[info.name] = info.mode & 0o777
    while tar.fileobj.read(CHUNK):  # to the end, where gzip checks its CRC and length
        pass
    missing = sorted(set(expected) - set(paths))
    if missing:
        raise ArchiveRefused(f"{name} is incomplete: {', '.join(missing)} missing; "
                             "nothing was changed")
    return UnpackedArchive(manifest=manifest, paths=paths, modes=modes)


def check_manifest(manifest, name: str) -> dict[str, dict]:
    """Check the manifest's shape; return its members by name."""
    def refuse(reason: str) -> ArchiveRefused:
        return ArchiveRefused(f"{name}: {reason}; nothing was changed")

    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise refuse("not an Ümid Events backup (its manifest is of another format)")
    version = manifest.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise refuse("its manifest has no format version")
    if version > FORMAT_VERSION:
        raise refuse(f"made by a newer version of Ümid Events (backup format {version}; this "
                     f"code reads format {FORMAT_VERSION}): update the code first")
    members = manifest.get("members")
    if not isinstance(members, list):
        raise refuse("its manifest lists no members")
    expected: dict[str, dict] = {}
    for entry in members:
        if (not isinstance(entry, dict) or not is_member_name(entry.get("name"))
                or not isinstance(entry.get("size"), int) or entry["size"] < 0
                or not isinstance(entry.get("sha256"), str) or not _SHA256.match(entry["sha256"])):
            raise refuse(f"its manifest has a malformed member entry ({str(entry)[:80]})")
        if entry["name"] in expected:
            raise refuse(f"its manifest lists {entry['name']} twice")
        expected[entry["name"]] = entry
    database = manifest.get("database")
    if (not isinstance(database, dict) or database.get("dialect") not in DIALECTS
            or database.get("member") not in expected
            or not str(database["member"]).startswith("database/")
            or not isinstance(database.get("tables"), dict)):
        raise refuse("its manifest does not describe the database")
    if database["dialect"] == "postgresql" and not all(
            isinstance(schema, str) and schema for schema in database.get("schemas") or [None]):
        raise refuse("its manifest does not name the database's schemas")
    revision = manifest.get("alembic_revision")
    if revision is not None and not isinstance(revision, str):
        raise refuse("its manifest has a malformed database revision")
    if not isinstance(manifest.get("created_at"), str):
        raise refuse("its manifest has no creation time")
    return expected

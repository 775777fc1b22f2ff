"""What can go wrong in a backup or a restore, each said in one line for the operator."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path


class BackupError(Exception):
    """An expected failure; ``str(error)`` is the message the command prints (no traceback)."""


class ArchiveRefused(BackupError):
    """The archive is damaged, incomplete or not an Ümid Events backup: nothing was touched."""


# errno values that mean "no room": a full disk, a quota, or a file-size limit.
NO_ROOM = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def write_failure(directory: Path, reason: str, no_room: bool, *, what: str = "the backup",
                  consequence: str = "nothing was written") -> BackupError:
    hint = (" Free some space (or write elsewhere with --output)" if no_room and what == "the backup"
            else " Free some space" if no_room else "")
    return BackupError(f"could not write {what} in {directory}: {reason}.{hint}; {consequence}.")


def os_write_failure(directory: Path, exc: OSError, **kw) -> BackupError:
    return write_failure(directory, exc.strerror or str(exc), exc.errno in NO_ROOM, **kw)


def sqlite_write_failure(directory: Path, exc: sqlite3.Error, **kw) -> BackupError:
    """SQLite reports a full disk as SQLITE_FULL, a refused write (a size limit) as an I/O error."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    no_room = name == "SQLITE_FULL" or name.startswith("SQLITE_IOERR")
    reason = str(exc) + (" (is the disk full?)" if name.startswith("SQLITE_IOERR") else "")
    return write_failure(directory, reason, no_room, **kw)

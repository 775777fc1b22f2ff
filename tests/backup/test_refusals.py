"""An archive that cannot be trusted, or does not fit, is refused before anything is touched."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
import zipfile
import zlib
from pathlib import Path

import pytest
import sqlalchemy as sa

from umid_events.extensions import db

from .conftest import (
    assert_unchanged,
    database_contents,
    gunzip,
    read_members,
    stored_files,
    with_manifest,
    write_members,
)


@pytest.fixture
def archive(cli, folders, programme) -> Path:
    """Yesterday's backup; since then a table was emptied and the key changed."""
    folders["out"].mkdir()
    result = cli("backup", "--output", str(folders["out"] / "good.tar.gz"))
    assert result.exit_code == 0, result.output
    db.session.execute(sa.text("DELETE FROM plan_quotas"))
    db.session.commit()
    (folders["instance"] / "secret_key").write_bytes(b"changed since")
    return folders["out"] / "good.tar.gz"


def _flip_in_member(member: str):
    def build(good: Path, target: Path) -> Path:
        raw = bytearray(gunzip(good))
        with tarfile.open(fileobj=io.BytesIO(bytes(raw))) as tar:
            info = tar.getmember(member)
        raw[info.offset_data + info.size // 2] ^= 0x01
        target.write_bytes(gzip.compress(bytes(raw)))
        return target
    build.__name__ = f"_flip_in_{member.replace('/', '_')}"
    return build


def _database_member(good: Path) -> str:
    return next(name for name in read_members(good) if name.startswith("database/"))


def _flip_in_database(good: Path, target: Path) -> Path:
    return _flip_in_member(_database_member(good))(good, target)


def _flip_compressed(good: Path, target: Path) -> Path:
    data = bytearray(good.read_bytes())
    data[len(data) // 2] ^= 0x01
    target.write_bytes(bytes(data))
    return target


def _truncated(good: Path, target: Path) -> Path:
    data = good.read_bytes()
    target.write_bytes(data[: int(len(data) * 0.6)])
    return target


def _zip(good: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in read_members(good).items():
            archive.writestr(name, data)
    return target


def _tar_without_manifest(good: Path, target: Path) -> Path:
    members = read_members(good)
    del members["manifest.json"]
    return write_members(target, members)


def _manifest_of_another_tool(good: Path, target: Path) -> Path:
    return write_members(target, {"manifest.json": json.dumps({"format": "borg", "files": []}).encode(),
                                  "database/dump.sql": b"DROP TABLE people;"})


def _extra_member(good: Path, target: Path) -> Path:
    members = read_members(good)
    members["files/planted.sh"] = b"#!/bin/sh\n"
    return write_members(target, members)


def _missing_member(good: Path, target: Path) -> Path:
    members = read_members(good)
    del members["files/uploads/letter.pdf"]
    return write_members(target, members)


def _climbing_member(good: Path, target: Path) -> Path:
    def change(manifest):
        manifest["members"].append({"name": "files/../../etc/cron.d/x", "size": 1,
                                    "sha256": "0" * 64})
    return with_manifest(good, target, change)


def _plain_text(good: Path, target: Path) -> Path:
    target.write_text("id,name\n1,Aygün\n")
    return target


def _newer_format(good: Path, target: Path) -> Path:
    return with_manifest(good, target, lambda manifest: manifest.update(format_version=2))


def _broken_manifest_json(good: Path, target: Path) -> Path:
    members = read_members(good)
    members["manifest.json"] = members["manifest.json"][:-40]
    return write_members(target, members)


@pytest.mark.parametrize(("build", "says"), [
    (_flip_in_database, "does not match its SHA-256"),
    (_flip_in_member("files/uploads/letter.pdf"), "files/uploads/letter.pdf does not match its SHA-256"),
    (_flip_compressed, "is damaged"),
    (_truncated, "is damaged or incomplete"),
    (_zip, "is not an Ümid Events backup (not a .tar.gz archive)"),
    (_plain_text, "is not an Ümid Events backup (not a .tar.gz archive)"),
    (_tar_without_manifest, "is not an Ümid Events backup (no manifest)"),
    (_manifest_of_another_tool, "not an Ümid Events backup (its manifest is of another format)"),
    (_broken_manifest_json, "its manifest is damaged"),
    (_extra_member, "holds 'files/planted.sh', which its manifest does not list"),
    (_missing_member, "is incomplete: files/uploads/letter.pdf missing"),
    (_climbing_member, "malformed member entry"),
    (_newer_format, "made by a newer version of Ümid Events (backup format 2"),
], ids=lambda value: getattr(value, "__name__", None) or "")
def test_an_untrustworthy_archive_is_refused_and_nothing_changes(cli, folders, archive, build, says):
    rows, files = database_contents(), stored_files(folders["instance"])
    bad = build(archive, folders["out"] / "bad.tar.gz")
    result = cli("restore", str(bad), "--yes")
    assert_unchanged(result, rows, files, folders["instance"], says=says)


def test_the_flipped_compressed_byte_is_noticed_wherever_it_falls(cli, folders, archive):
    """A byte flipped anywhere in the file: refused, never half restored, never a traceback.

    (Deflate has a little redundancy: now and then a flipped bit decodes to the very same bytes.
    Nothing inside is damaged then, and such a position proves nothing either way.)"""
    rows, files = database_contents(), stored_files(folders["instance"])
    good = archive.read_bytes()
    positions = [*range(0, len(good), max(1, len(good) // 16)), *range(len(good) - 8, len(good))]
    damaged = 0
    for position in positions:  # the last 8: gzip's CRC and length of what it holds
        data = bytearray(good)
        data[position] ^= 0x20
        if _same_content(bytes(data), good):
            continue
        damaged += 1
        bad = folders["out"] / f"bad-{position}.tar.gz"
        bad.write_bytes(bytes(data))
        result = cli("restore", str(bad), "--yes")
        assert result.exit_code == 1, (position, result.output)
        assert "nothing was changed" in result.output, (position, result.output)
    assert damaged >= len(positions) - 3
    assert database_contents() == rows
    assert stored_files(folders["instance"]) == files


def _same_content(data: bytes, good: bytes) -> bool:
    try:
        return gzip.decompress(data) == gzip.decompress(good)
    except (OSError, EOFError, zlib.error):
        return False


def test_a_database_of_the_other_kind_is_refused(cli, folders, archive):
    ours = db.engine.dialect.name
    other = {"sqlite": "postgresql", "postgresql": "sqlite"}[ours]
    names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}

    def change(manifest):
        manifest["database"].update(dialect=other, schemas=["public"])
    bad = with_manifest(archive, folders["out"] / "other.tar.gz", change)
    rows, files = database_contents(), stored_files(folders["instance"])

    result = cli("restore", str(bad), "--yes")

    assert_unchanged(result, rows, files, folders["instance"],
                     says=f"holds a {names[other]} database, and this service uses {names[ours]}")


def test_an_archive_from_newer_code_is_refused(cli, folders, archive):
    bad = with_manifest(archive, folders["out"] / "newer.tar.gz",
                        lambda manifest: manifest.update(alembic_revision="0099_from_the_future"))
    rows, files = database_contents(), stored_files(folders["instance"])
    result = cli("restore", str(bad), "--yes")
    assert_unchanged(result, rows, files, folders["instance"],
                     says="made by a newer version of Ümid Events (its database is at revision "
                          "0099_from_the_future")


def test_a_missing_archive_is_named(cli, folders):
    result = cli("restore", str(folders["out"] / "nowhere.tar.gz"), "--yes")
    assert result.exit_code == 1
    assert "nowhere.tar.gz is not a file" in result.output

"""What `flask backup` writes: one archive, a manifest that tells the truth, where and how named."""

from __future__ import annotations

import hashlib
import re
import tarfile
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from umid_events.extensions import db

from .conftest import LETTER, SECRET, manifest_of, read_members

NAME = re.compile(r"^umid-backup-\d{8}T\d{6}Z(-\d+)?\.tar\.gz$")


def test_the_manifest_lists_every_member_with_its_true_size_and_sha256(cli, folders, programme):
    folders["out"].mkdir()
    result = cli("backup", "--output", str(folders["out"] / "b.tar.gz"))
    assert result.exit_code == 0, result.output
    archive = folders["out"] / "b.tar.gz"

    with tarfile.open(archive, "r:gz") as tar:
        names = tar.getnames()
    members = read_members(archive)
    manifest = manifest_of(archive)
    assert names[0] == "manifest.json"
    listed = {entry["name"]: entry for entry in manifest["members"]}
    assert set(listed) == set(names) - {"manifest.json"}
    for name, data in members.items():
        if name != "manifest.json":
            assert listed[name] == {"name": name, "size": len(data),
                                    "sha256": hashlib.sha256(data).hexdigest()}

    # The stored files: the key and the upload; not the queue, not the backups folder.
    assert members["files/secret_key"] == SECRET
    assert members["files/uploads/letter.pdf"] == LETTER
    assert not any("huey" in name or "backups" in name for name in names)

    dialect = db.engine.dialect.name
    assert manifest["format"] == "umid-events-backup" and manifest["format_version"] == 1
    assert manifest["database"]["dialect"] == dialect
    assert manifest["database"]["member"] in listed
    with db.engine.connect() as connection:
        revision = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one()
        tables = sa.inspect(connection).get_table_names()
        counts = {table: connection.execute(sa.select(sa.func.count()).select_from(
            sa.table(table))).scalar_one() for table in tables}
    assert manifest["alembic_revision"] == revision
    # (other schemas of a PostgreSQL database, such as the migration test's scratch schema, are
    # in the dump too, their tables named schema.table)
    assert {table: count for table, count in manifest["database"]["tables"].items()
            if "." not in table} == counts
    assert counts["communities"] > 0 and counts["plan_quotas"] > 0  # the programme is in it
    created = datetime.strptime(manifest["created_at"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert abs(datetime.now(UTC) - created) < timedelta(minutes=5)
    assert manifest["app"]["name"] == "umid-events"
    if dialect == "postgresql":
        assert "public" in manifest["database"]["schemas"]
        assert members["database/umid-events.pgdump"].startswith(b"PGDMP")  # pg_dump's custom format
    else:
        assert members["database/umid-events.sqlite3"].startswith(b"SQLite format 3\x00")
    assert archive.stat().st_mode & 0o777 == 0o600  # personal data: readable by its owner only


def test_by_default_a_time_stamped_archive_in_the_backups_folder_and_keep_prunes(cli, folders):
    backups = folders["backups"]
    for _ in range(3):
        result = cli("backup", "--keep", "2")
        assert result.exit_code == 0, result.output
    (backups / "notes.txt").write_text("not a backup")
    result = cli("backup", "--keep", "2")
    assert "kept the newest 2 backups, removed 1" in result.output

    archives = sorted(path.name for path in backups.iterdir() if NAME.match(path.name))
    assert len(archives) == 2
    assert (backups / "notes.txt").exists()  # only its own archives are pruned
    written = result.output.split("Backup written: ")[1].split(" (")[0]
    assert written.startswith(str(backups)) and written.rsplit("/", 1)[1] in archives
    assert [path.name for path in backups.iterdir() if path.name.startswith(".")] == []


def test_an_existing_archive_of_the_same_name_is_replaced_whole(cli, folders):
    out = folders["out"]
    out.mkdir()
    (out / "latest.tar.gz").write_bytes(b"yesterday's")
    result = cli("backup", "--output", str(out / "latest.tar.gz"))
    assert result.exit_code == 0, result.output
    assert manifest_of(out / "latest.tar.gz")["format"] == "umid-events-backup"
    assert sorted(path.name for path in out.iterdir()) == ["latest.tar.gz"]

    folder = cli("backup", "--output", f"{out}/daily/")  # a folder: a time-stamped name inside
    assert folder.exit_code == 0, folder.output
    assert [NAME.match(path.name) is not None for path in (out / "daily").iterdir()] == [True]

"""`flask backup [--output PATH] [--keep N]` and `flask restore PATH [--yes]`."""

from __future__ import annotations

import os
from pathlib import Path

import click
from flask import Flask
from flask.cli import with_appcontext

from ..extensions import db
from .databases import describe
from .errors import BackupError
from .services import apply_restore, create_backup, files_folder, prepare_restore, prune_backups

pg_bin_dir_option = click.option(
    "--pg-bin-dir", envvar="PG_BIN_DIR", type=click.Path(file_okay=False, path_type=Path),
    help="The folder of pg_dump/pg_restore/psql (PostgreSQL only; default: the server's version "
         "from /usr/lib/postgresql/*/bin or PATH).")


@click.command("backup")
@click.option("--output", "-o", type=click.Path(),
              help="The archive to write, or a folder for umid-backup-<UTC time>.tar.gz "
                   "(default: the backups folder of the instance folder).")
@click.option("--keep", type=click.IntRange(min=1),
              help="Then delete all but the newest N umid-backup-*.tar.gz in that folder.")
@pg_bin_dir_option
@with_appcontext
def backup_command(output: str | None, keep: int | None, pg_bin_dir: Path | None) -> None:
    """Write one archive: a consistent snapshot of the database and the stored files."""
    try:
        result = create_backup(Path(output) if output else None, bin_dir=pg_bin_dir,
                               into_folder=bool(output) and output.endswith(("/", os.sep)))
        removed = prune_backups(result.path.parent, keep, spare=result.path) if keep else []
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    database = result.manifest["database"]
    click.echo(f"Backup written: {result.path} ({_size(result.path.stat().st_size)})")
    click.echo(f"  {database['dialect']} database at revision {result.manifest['alembic_revision']}: "
               f"{result.rows} rows in {len(database['tables'])} tables; "
               f"{result.files} stored files; created {result.manifest['created_at']}")
    if keep:
        click.echo(f"  kept the newest {keep} backups, removed {len(removed)}")


@click.command("restore")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@pg_bin_dir_option
@with_appcontext
def restore_command(path: Path, yes: bool, pg_bin_dir: Path | None) -> None:
    """Replace the database and the stored files with those of the backup PATH.

    The archive is verified completely (every member against its SHA-256) before anything is
    changed. Stop the web server and the worker first.
    """
    try:
        with prepare_restore(path, bin_dir=pg_bin_dir) as plan:
            manifest = plan.manifest
            click.echo(f"{path.name}: verified, made {manifest['created_at']}, "
                       f"{manifest['database']['dialect']} database at revision "
                       f"{manifest['alembic_revision']} ({plan.rows} rows), "
                       f"{len(plan.unpacked.file_members())} stored files.")
            if not yes:
                click.confirm(f"Replace the database {describe(db.engine.url)} ({plan.current_rows} "
                              f"rows now) and the stored files in {files_folder()} with this "
                              "backup?", abort=True)
            result = apply_restore(plan)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Restored: {result.rows} rows and {result.files} stored files.")
    if result.newer_files:
        click.echo(f"Left in place, not in the backup: {', '.join(result.newer_files)}")
    if result.at_head:
        click.echo(f"The database is at revision {result.revision}, the newest this code knows.")
    else:
        click.echo(f"The database is at revision {result.revision}, older than this code's "
                   f"{', '.join(result.heads)}: run `flask db upgrade` to bring it up to date.")
    click.echo("Restart the web server and the worker so that they work on the restored data.")


def _size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} bytes"


def init_app(app: Flask) -> None:
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)

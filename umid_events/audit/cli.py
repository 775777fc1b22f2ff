"""`flask audit purge`: delete the audit entries past ``AUDIT_RETENTION_DAYS`` (the worker does
it every minute as well)."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from ..extensions import db
from . import services

audit_cli = AppGroup("audit", help="The audit log of personal data seen and proposals re-routed.")


@audit_cli.command("purge")
def purge_command() -> None:
    """Delete the entries older than AUDIT_RETENTION_DAYS."""
    days = services.retention_days()
    if days <= 0:
        click.echo("AUDIT_RETENTION_DAYS is 0: the audit log is kept without a limit.")
        return
    count = services.purge_audit_entries()
    db.session.commit()
    click.echo(f"Audit entries older than {days} days deleted: {count}.")


def init_app(app: Flask) -> None:
    app.cli.add_command(audit_cli)

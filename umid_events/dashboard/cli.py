"""`flask dashboard rebuild-facts`: the dashboard's facts computed again from scratch."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from ..extensions import db

dashboard_cli = AppGroup("dashboard", help="The programme dashboard.")


@dashboard_cli.command("rebuild-facts")
def rebuild_facts_command() -> None:
    """Count every person's facts again from the records (after a bulk load or SQL by hand)."""
    from .cache import forget_figures
    from .facts import rebuild_facts

    people = rebuild_facts()
    db.session.commit()
    forget_figures()
    click.echo(f"Dashboard facts rebuilt: {people} people.")


def init_app(app: Flask) -> None:
    app.cli.add_command(dashboard_cli)

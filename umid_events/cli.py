"""Command-line commands: `flask programme …`, `flask users create`, `flask demo`."""

from __future__ import annotations

import json

import click
from flask import Flask
from flask.cli import AppGroup

from .auth import services as auth_services
from .auth.models import Role
from .core.errors import DomainError
from .extensions import db
from .programmes import services as programme_services
from .programmes.loader import ProgrammeFileError, parse_programme_file

programme_cli = AppGroup("programme", help="Load and inspect programme plans.")
attendance_cli = AppGroup("attendance", help="Import video platforms' attendance reports.")
users_cli = AppGroup("users", help="Manage staff accounts.")


@programme_cli.command("load")
@click.argument("path", type=click.Path(dir_okay=False))
def load_programme_command(path: str) -> None:
    """Load (or update) the programme described in the YAML file PATH."""
    try:
        plan = parse_programme_file(path)
    except ProgrammeFileError as error:
        raise click.ClickException(str(error)) from error
    programme = programme_services.load_programme(plan)
    db.session.commit()
    click.echo(
        f"Loaded '{programme.slug}': {plan.community_count} communities, "
        + ", ".join(f"{plan.planned(kind)} {kind.value}s" for kind in plan.per_community | plan.programme_wide)
        + " planned."
    )


@programme_cli.command("summary")
@click.option("--programme", "slug", help="The programme's slug (default: the newest).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def summary_command(slug: str | None, as_json: bool) -> None:
    """Print the planned, scheduled and held sessions of a programme."""
    programme = programme_services.current_programme(slug)
    if programme is None:
        raise click.ClickException("no programme is loaded; run `flask programme load FILE` first")
    summary = programme_services.summarise_programme(programme)
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
        return
    click.echo(f"{summary['name']} ({summary['starts_on']} – {summary['ends_on']})")
    for kind, tally in summary["sessions"].items():
        click.echo(f"  {kind:<13} planned {tally['planned']:>3}  scheduled {tally['scheduled']:>3}"
                   f"  held {tally['held']:>3}")


@users_cli.command("create")
@click.option("--email", prompt=True)
@click.option("--name", "full_name", prompt="Full name")
@click.option("--role", type=click.Choice([role.value for role in Role]), default=Role.ADMIN.value,
              show_default=True)
@click.password_option(confirmation_prompt=True)
def create_user_command(email: str, full_name: str, role: str, password: str) -> None:
    """Create a staff account."""
    if len(password) < auth_services.MIN_PASSWORD_LENGTH:
        raise click.ClickException(
            f"the password must have at least {auth_services.MIN_PASSWORD_LENGTH} characters")
    try:
        user = auth_services.create_user(email=email, full_name=full_name, password=password,
                                         role=Role(role))
    except DomainError as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"Created {user.role.value} {user.email}.")


@attendance_cli.command("import")
@click.argument("event_id", type=int)
@click.argument("path", type=click.Path(dir_okay=False, exists=True))
@click.option("--dry-run", is_flag=True, help="Show what would be recorded; save nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the people found as JSON.")
def import_attendance_command(event_id: int, path: str, dry_run: bool, as_json: bool) -> None:
    """Import the attendance report PATH (Zoom, Teams, Google Meet or a CSV/XLSX) for EVENT_ID."""
    from pathlib import Path

    from .attendance.reports import ReportError
    from .attendance.services import import_report
    from .events.models import Event

    event = db.session.get(Event, event_id)
    if event is None:
        raise click.ClickException(f"there is no event {event_id}")
    try:
        outcome = import_report(event, Path(path).read_bytes(), Path(path).name, dry_run=dry_run)
    except ReportError as error:
        raise click.ClickException(str(error)) from error
    if not dry_run:
        db.session.commit()
    if as_json:
        click.echo(json.dumps(outcome.rows(), ensure_ascii=False, indent=2))
        return
    kinds = [match.kind for match in outcome.matches]
    click.echo(f"{outcome.report.format}: {len(kinds)} people; matched {kinds.count('matched')}, "
               f"uncertain {kinds.count('uncertain')}, unmatched {kinds.count('unmatched')}.")
    for code, params in outcome.report.warnings:
        click.echo(f"warning: {code} {params}")
    if dry_run:
        click.echo("Dry run: nothing was saved.")
    else:
        click.echo(f"Recorded: {outcome.created} new, {outcome.updated} changed.")


@click.command("demo")
@click.option("--if-empty", is_flag=True, help="Do nothing (quietly) when data already exists.")
def demo_command(if_empty: bool) -> None:
    """Fill an empty database with the demo programme."""
    from .demo import DatabaseNotEmpty, build_demo

    try:
        summary = build_demo()
    except DatabaseNotEmpty as error:
        if if_empty:
            return
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(summary)


def init_app(app: Flask) -> None:
    app.cli.add_command(programme_cli)
    app.cli.add_command(attendance_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(demo_command)

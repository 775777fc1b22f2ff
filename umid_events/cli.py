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
    app.cli.add_command(users_cli)
    app.cli.add_command(demo_command)

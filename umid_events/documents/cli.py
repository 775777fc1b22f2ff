"""`flask dossier build …` and `flask press-release build …`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from ..core.errors import DomainError
from ..events.models import Event
from ..extensions import db

dossier_cli = AppGroup("dossier", help="Proposal dossiers for the executive authorities.")
press_cli = AppGroup("press-release", help="Press releases of events.")


@dossier_cli.command("build")
@click.option("--authority", "authority_id", type=int, required=True, help="The organisation's id.")
@click.option("--event", "event_id", type=int, help="Only the proposals of this event.")
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]), help="Period start (YYYY-MM-DD).")
@click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), help="Period end (YYYY-MM-DD).")
@click.option("--lang", type=click.Choice(["az", "en"]), default="az", show_default=True)
@click.option("--xlsx", "xlsx_path", type=click.Path(dir_okay=False), help="Also write the XLSX here.")
@click.option("--out", "out", type=click.Path(dir_okay=False), required=True, help="The PDF to write.")
def build_dossier_command(authority_id: int, event_id: int | None, start, end, lang: str,
                          xlsx_path: str | None, out: str) -> None:
    """Write the dossier of the accepted proposals for an authority (a draft: nothing is issued)."""
    from .dossiers import DossierScope, dossier_document, render_dossier_pdf, render_dossier_xlsx

    scope = DossierScope(authority_id, event_id, _day(start), _day(end))
    try:
        proposals, data = dossier_document(scope, lang=lang)
    except DomainError as error:
        raise click.ClickException(str(error)) from error
    Path(out).write_bytes(render_dossier_pdf(data))
    if xlsx_path:
        Path(xlsx_path).write_bytes(render_dossier_xlsx(data))
    db.session.rollback()  # the letterhead row a first run may have made is not worth a commit
    click.echo(f"Wrote {out}: {len(proposals)} proposals for {data['authority']['name']}.")


def _day(value) -> date | None:
    return value.date() if value else None


@press_cli.command("build")
@click.argument("event_id", type=int)
@click.option("--lang", type=click.Choice(["az", "en"]), default="az", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["pdf", "docx", "txt", "html"]), default="pdf",
              show_default=True)
@click.option("--out", "out", type=click.Path(dir_okay=False), required=True)
def build_press_release_command(event_id: int, lang: str, fmt: str, out: str) -> None:
    """Write the press release of EVENT_ID (the saved one, or the draft from the records)."""
    from . import press
    from .letterhead import get_letterhead, letterhead_data

    event = db.session.get(Event, event_id)
    if event is None:
        raise click.ClickException(f"there is no event {event_id}")
    head = get_letterhead()
    facts = {code: press.press_facts(event, letterhead_data(head, code), code) for code in ("az", "en")}
    release = press.release_for(event)
    texts = ({key: getattr(release, key) for key in ("title", "body", "title_en", "body_en")}
             if release else press.draft_texts(event, facts))
    try:
        data = press.build_press_release_data(texts, facts[lang], letterhead_data(head, lang), lang)
    except DomainError as error:
        raise click.ClickException(str(error)) from error
    writers = {"pdf": press.render_press_release_pdf, "docx": press.render_press_release_docx,
               "txt": lambda d: press.press_release_text(d).encode("utf-8"),
               "html": lambda d: press.press_release_html(d).encode("utf-8")}
    Path(out).write_bytes(writers[fmt](data))
    db.session.rollback()
    click.echo(f"Wrote {out} ({'saved' if release else 'draft'} press release, {lang}).")


def init_app(app: Flask) -> None:
    app.cli.add_command(dossier_cli)
    app.cli.add_command(press_cli)

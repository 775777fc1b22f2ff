"""Where hostile text comes back out: CSV and XLSX exports neutralise formulas, calendars keep
one event per event (no injected ATTENDEE or VEVENT), PDFs aside (test_pdf_resources.py)."""

from __future__ import annotations

import csv
import io

import sqlalchemy as sa
from openpyxl import load_workbook

from umid_events.core.exports import DANGEROUS_STARTS, is_phone_number
from umid_events.directory.models import Person
from umid_events.events.kinds import EventStatus
from umid_events.events.models import Event
from umid_events.extensions import db
from umid_events.proposals.models import Proposal
from umid_events.registrations.models import Registration

from .payloads import FORMULAS, ICAL_INJECTION


def _poison() -> None:
    for number, person in enumerate(db.session.scalars(sa.select(Person))):
        person.full_name = FORMULAS[number % len(FORMULAS)] + f" {person.id}"
    for number, proposal in enumerate(db.session.scalars(sa.select(Proposal))):
        proposal.title = FORMULAS[number % len(FORMULAS)]
        proposal.text = ICAL_INJECTION[number % len(ICAL_INJECTION)] + " " + FORMULAS[0]
    for number, event in enumerate(db.session.scalars(sa.select(Event))):
        event.title = ICAL_INJECTION[number % len(ICAL_INJECTION)] + f" {event.id}"
        event.description = "\r\n".join(ICAL_INJECTION) + "\nEND:VCALENDAR\nBEGIN:VEVENT"
    db.session.commit()


def _bad_csv_cells(data: bytes) -> list[str]:
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig")))
    return [cell for row in rows for cell in row
            if cell.startswith(DANGEROUS_STARTS) and not is_phone_number(cell.strip())]


def _bad_xlsx_cells(data: bytes) -> list[str]:
    workbook = load_workbook(io.BytesIO(data))
    return [str(cell.value) for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row
            if cell.data_type == "f"]


def test_exports_and_calendars_keep_hostile_text_inert(client, probe, demo_admin):
    _poison()
    events = db.session.scalars(sa.select(Event).where(Event.status.in_(
        [EventStatus.PUBLISHED, EventStatus.HELD])).order_by(Event.id)).all()
    bad = []
    for fmt, check in (("csv", _bad_csv_cells), ("xlsx", _bad_xlsx_cells)):
        urls = ["/staff/proposals/export." + fmt, *[f"/staff/events/{e.id}/registrations.{fmt}" for e in events[:4]]]
        for url in urls:
            response = probe.open("export of hostile text", url)
            assert response is not None and response.status_code == 200, url
            bad += [(url, cell) for cell in check(response.data)]
    assert bad == []

    registration = db.session.scalars(sa.select(Registration).order_by(Registration.id)).first()
    calendars = ["/calendar.ics", f"/p/{registration.personal_token}/event.ics",
                 *[f"/staff/events/{e.id}.ics" for e in events[:4]], *[f"/e/{e.public_token}.ics" for e in events[:4]]]
    for url in calendars:
        response = probe.open("calendar of hostile text", url)
        assert response is not None and response.status_code == 200, url
        lines = response.get_data(as_text=True).split("\r\n")
        assert not [line for line in lines if line.startswith(("ATTENDEE:mailto:evil", "SUMMARY:Saxta"))], url
        assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT"), url
        assert lines.count("BEGIN:VCALENDAR") == 1 and lines.count("END:VCALENDAR") == 1, url
        if url != "/calendar.ics":
            assert lines.count("BEGIN:VEVENT") == 1, url  # one event, whatever its title says
    assert probe.failures == []

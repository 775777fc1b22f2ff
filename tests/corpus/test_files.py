"""Hostile files through every upload (contact imports, attendance reports, the letterhead logo,
authorities' answers, outcome documents) and straight into both importers: no 5xx, a message
in Azerbaijani, and nothing saved, no upload kept, when the file is refused."""

from __future__ import annotations

import io

import sqlalchemy as sa

from tests.conftest import csrf_token
from umid_events.attendance import reports
from umid_events.contacts import importing
from umid_events.events.models import Event
from umid_events.extensions import db

from .files import hostile_files
from .test_forms import Sweep, all_forms, route_urls


def test_hostile_files_through_every_upload(app, client, probe, demo_admin):
    _admin, organiser = demo_admin
    forms = all_forms(app, client, route_urls(app, organiser))
    uploads = {endpoint: form for endpoint, (_page, form) in forms.items() if form.file_fields()}
    assert {"contacts.upload", "attendance.upload", "documents.letterhead", "proposals.answer",
            "outcomes.edit_platform", "outcomes.edit_terminal"} <= set(uploads)
    files = hostile_files(app.config["MAX_CONTENT_LENGTH"])
    sweep = Sweep(probe, csrf_token(client, "/staff/proposals/new"))
    for endpoint, form in sorted(uploads.items()):
        for field in form.file_fields():
            for label, (filename, data) in files.items():
                sweep.post(form, f"{endpoint} {field}: {label}", {field: (io.BytesIO(data), filename)})
    assert probe.failures == [], "\n".join(probe.failures)
    assert sweep.half_saved == []
    assert sweep.not_azerbaijani == []
    assert sweep.silent == [], sweep.silent


def test_hostile_files_straight_into_the_importers(app, probe, demo_admin):
    """The importers' own entry points (the CLI reads attendance files this way too)."""
    files = hostile_files(app.config["MAX_CONTENT_LENGTH"])
    event = db.session.scalar(sa.select(Event).order_by(Event.id))
    for label, (filename, data) in files.items():
        probe.call(f"contacts.read_table {label}", importing.read_table, filename, data)
        probe.call(f"attendance.read_table {label}", reports.read_table, data, filename,
                   expected=(reports.ReportError,))
        probe.call(f"attendance.parse_report {label}", reports.parse_report, data, filename,
                   expected=(reports.ReportError,))
    assert probe.failures == [], "\n".join(probe.failures)
    assert event is not None

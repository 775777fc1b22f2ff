"""Certificates are an option of each event, ticked for trainings by default."""

from __future__ import annotations

import re

import sqlalchemy as sa

from umid_events.events.models import Event
from umid_events.extensions import db

from ..conftest import post_form
from .conftest import TITLE

FORM = {"title": "", "description": "", "date": "2030-03-15", "start_time": "10:00", "end_time": "",
        "meeting_url": "", "meeting_id": "", "meeting_passcode": "", "link_visibility": "participants",
        "join_opens_minutes": "15", "reminder_minutes": "1440, 60"}
CHECKBOX = re.compile(r'<input[^>]*id="certificates_enabled"[^>]*>')


def _checked(page: str) -> bool:
    return "checked" in CHECKBOX.search(page).group(0)


def test_the_box_is_ticked_for_a_new_training_only(client, organiser, programme):
    assert _checked(client.get("/staff/events/new?kind=training").get_data(as_text=True))
    page = client.get("/staff/events/new?kind=consultation").get_data(as_text=True)
    assert not _checked(page)
    assert "İştirak edənlər üçün iştirak sertifikatları" in page


def test_the_option_is_saved_and_can_be_turned_off(client, organiser, training):
    from umid_events.directory.models import Community

    community = db.session.scalar(sa.select(Community).where(Community.code == "quba-2"))
    url = "/staff/events/new?kind=training"
    post_form(client, url, {**FORM, "kind": "training", "community_id": str(community.id),
                            "certificates_enabled": "y"})
    event = db.session.scalar(sa.select(Event).where(Event.community_id == community.id))
    assert event.certificates_enabled
    edit = f"/staff/events/{event.id}/edit"
    post_form(client, edit, {**FORM, "kind": "training", "community_id": str(community.id),
                             "title": event.title, "version": str(event.version)})
    db.session.expire_all()
    assert not db.session.get(Event, event.id).certificates_enabled
    assert db.session.scalar(sa.select(Event).where(Event.title == TITLE)).certificates_enabled

"""Every calendar the service serves reads the same in icalendar, vobject and libical: the same
calendar name (commas, semicolons and backslashes included), the same organiser name (no caret
codes), an ORGANIZER on every PUBLISH (libical's RFC 5546 check passes), no alarm on the past.

The calendars of mail (confirmation, invitation, update, cancellation) are checked in
``tests/notifications/test_calendar_parts.py``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import parseaddr

import pytest
import sqlalchemy as sa

from umid_events.auth.models import Role
from umid_events.events.kinds import EventStatus
from umid_events.extensions import db
from umid_events.registrations.models import Registration

from ..conftest import post_form
from ..registrations.conftest import community, open_event, register  # noqa: F401
from .readers import as_read, read_alike

PROGRAMME_NAME = 'Yerli idarəetmə, özünüidarəetmə; "Ümid" \\ 2022'
TITLE = 'Gənclər, könüllülər; "Bakı\\Sumqayıt" görüşü'
# The shipped programme's organisation, as written in programmes/umid-2022.yaml, reads with
# typographic quotes everywhere (not ^'Ümid^' as libical and vobject showed the caret codes).
ORGANISER = "“Ümid” Sosial İnkişafa Dəstək İctimai Birliyi"


@pytest.fixture
def organiser_address(app) -> str:
    return f"mailto:{parseaddr(app.config['MAIL_DEFAULT_SENDER'])[1]}"


@pytest.fixture
def tricky(open_event, programme):  # noqa: F811
    """An event whose title and programme name hold every character TEXT escapes."""
    assert '"Ümid"' in programme.organisation_name  # what the caret codes were written for
    programme.name = PROGRAMME_NAME
    open_event.title = TITLE
    db.session.commit()
    return open_event


def _organisers(read: dict) -> set:
    return {(event["organizer"]["cn"], event["organizer"]["address"]) for event in read["events"]}


def test_the_public_feed_reads_the_same_in_all_three(client, tricky, organiser_address, programme):
    past = datetime(2020, 5, 4, 6, 0, tzinfo=UTC)
    db.session.add_all([
        type(tricky)(programme_id=programme.id, kind=tricky.kind, community_id=tricky.community_id,
                     title="Keçmiş görüş", starts_at=past, ends_at=past + timedelta(hours=1),
                     status=EventStatus.HELD),
        type(tricky)(programme_id=programme.id, kind=tricky.kind, community_id=tricky.community_id,
                     title="Ləğv edilmiş, sonra", starts_at=tricky.starts_at + timedelta(days=3),
                     ends_at=tricky.ends_at + timedelta(days=3), status=EventStatus.CANCELLED)])
    db.session.commit()

    shown = read_alike(client.get("/calendar.ics").get_data())

    assert shown["method"] == "PUBLISH"
    assert shown["x_wr_calname"] == shown["name"] == PROGRAMME_NAME
    assert _organisers(shown) == {(ORGANISER, organiser_address)}
    assert all(event["attendees"] == [] for event in shown["events"])
    alarms = {event["summary"]: event["alarms"] for event in shown["events"]}
    assert alarms == {"Keçmiş görüş": 0, TITLE: 1, "Ləğv edilmiş, sonra": 0}


def test_the_feed_changes_its_etag_when_an_alarm_has_passed(client, tricky):
    from umid_events.ical import services

    with client.application.test_request_context():
        from umid_events.events import queries

        filters = queries.EventFilters.from_args({})
        before = services.feed_validators(tricky.programme, filters,
                                          now=tricky.starts_at - timedelta(hours=1))
        after = services.feed_validators(tricky.programme, filters,
                                         now=tricky.starts_at - timedelta(minutes=10))
    assert before[0] != after[0]  # a cached copy with the alarm is replaced


def test_every_download_reads_the_same_in_all_three(client, make_user, login, tricky,
                                                    organiser_address):
    register(client, tricky)
    registration = db.session.scalars(sa.select(Registration)).one()
    downloads = {
        "public event": client.get(f"/e/{tricky.public_token}.ics").get_data(),
        "personal event.ics": client.get(f"/p/{registration.personal_token}/event.ics").get_data(),
    }
    user = login(make_user(Role.ORGANISER))
    downloads["staff event"] = client.get(f"/staff/events/{tricky.id}.ics").get_data()
    post_form(client, "/staff/calendar/reset", {}, token_from="/staff/calendar")
    db.session.refresh(user)
    downloads["staff feed"] = client.get(f"/calendar/staff/{user.calendar_token}.ics").get_data()

    for (what, data), read in zip(downloads.items(), as_read(*downloads.values()), strict=True):
        assert read["libical_errors"] == [], what
        assert read["icalendar"] == read["vobject"] == read["libical"], what
        shown = read["libical"]
        expected_name = f"Ümid Events — {user.full_name}" if what == "staff feed" else TITLE
        assert shown["x_wr_calname"] == shown["name"] == expected_name, what
        assert shown["method"] == "PUBLISH", what
        [event] = shown["events"]
        assert event["summary"] == TITLE, what
        assert event["organizer"] == {"cn": ORGANISER, "address": organiser_address}, what
        assert event["attendees"] == [] and event["alarms"] == 1, what
        assert b"^'" not in data, what


def test_a_download_after_the_start_has_no_alarm(client, tricky):
    tricky.starts_at = datetime.now(UTC) - timedelta(minutes=10)
    tricky.ends_at = tricky.starts_at + timedelta(hours=2)
    db.session.commit()
    [event] = read_alike(client.get(f"/e/{tricky.public_token}.ics").get_data())["events"]
    assert event["alarms"] == 0  # it would ring the moment the file is opened

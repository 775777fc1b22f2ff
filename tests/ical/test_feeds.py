"""Calendar feeds served by the app, read back by two independent parsers (icalendar, vobject)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import sqlalchemy as sa
import vobject

from umid_events.auth.models import Role
from umid_events.directory.models import Community
from umid_events.events.kinds import EventKind, EventStatus, Platform
from umid_events.extensions import db

from ..conftest import post_form
from ..events.conftest import community, make_event  # noqa: F401  (fixtures)

SECRET_URL = "https://us02web.zoom.us/j/81112223334"


def _parse(body: bytes):
    """The VEVENTs as both parsers see them: (icalendar components, vobject components)."""
    by_icalendar = icalendar.Calendar.from_ical(body).walk("VEVENT")
    by_vobject = list(vobject.readOne(body.decode("utf-8")).vevent_list)
    assert len(by_icalendar) == len(by_vobject)
    return by_icalendar, by_vobject


@pytest.fixture
def published(make_event):  # noqa: F811
    return make_event(meeting_url=SECRET_URL, meeting_platform=Platform.ZOOM,
                      meeting_id="811 1222 3334", meeting_passcode="975310")


def test_public_feed_lists_public_events_without_video_links(client, published, make_event):  # noqa: F811
    make_event(status=EventStatus.DRAFT, title="Hələ qaralama")
    make_event(status=EventStatus.CANCELLED, title="Ləğv edildi",
               starts_at=datetime(2030, 4, 1, 6, 0, tzinfo=UTC))
    response = client.get("/calendar.ics")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.get_data()
    for secret in (SECRET_URL, "811 1222 3334", "975310", "81112223334"):
        assert secret.encode() not in body
    ical_events, vobject_events = _parse(body)
    titles = {str(event["SUMMARY"]) for event in ical_events}
    assert titles == {published.title, "Ləğv edildi"}
    assert {event.summary.value for event in vobject_events} == titles
    statuses = {str(event["SUMMARY"]): str(event["STATUS"]) for event in ical_events}
    assert statuses["Ləğv edildi"] == "CANCELLED"
    assert statuses[published.title] == "CONFIRMED"


def test_times_are_right_for_viewers_anywhere(client, published):
    ical_events, vobject_events = _parse(client.get("/calendar.ics").get_data())
    # 15 March 2030, 10:00 in Baku (UTC+4) is 06:00 UTC, 02:00 in New York (EDT), 06:00 in London
    for start in (ical_events[0].decoded("DTSTART"), vobject_events[0].dtstart.value):
        assert start == datetime(2030, 3, 15, 6, 0, tzinfo=UTC)
        assert start.astimezone(ZoneInfo("America/New_York")).strftime("%H:%M") == "02:00"
        assert start.astimezone(ZoneInfo("Europe/London")).strftime("%H:%M") == "06:00"
    assert ical_events[0]["DTSTART"].params["TZID"] == "Asia/Baku"


def test_sequence_rises_with_each_change_made_in_the_ui_and_the_uid_stays(client, make_user, login,
                                                                           published):
    login(make_user(Role.ORGANISER))

    def feed_event():
        [event], [same] = _parse(client.get("/calendar.ics").get_data())
        assert str(event["UID"]) == same.uid.value
        return event

    uid = str(feed_event()["UID"])
    assert int(feed_event()["SEQUENCE"]) == 0
    edit = f"/staff/events/{published.id}/edit"
    form = {"kind": "consultation", "community_id": str(published.community_id), "title": published.title,
            "description": "", "date": "2030-03-15", "start_time": "11:00", "end_time": "12:30",
            "meeting_url": SECRET_URL, "meeting_id": "", "meeting_passcode": "",
            "link_visibility": "participants", "join_opens_minutes": "15",
            "version": str(published.version)}
    assert post_form(client, edit, form).status_code == 302
    moved = feed_event()
    assert (str(moved["UID"]), int(moved["SEQUENCE"])) == (uid, 1)
    assert moved.decoded("DTSTART") == datetime(2030, 3, 15, 7, 0, tzinfo=UTC)

    post_form(client, f"/staff/events/{published.id}/cancel", {}, token_from=f"/staff/events/{published.id}")
    cancelled = feed_event()
    assert (int(cancelled["SEQUENCE"]), str(cancelled["STATUS"])) == (2, "CANCELLED")


def test_polling_clients_get_304_until_something_changes(client, published):
    first = client.get("/calendar.ics")
    etag, last_modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert etag and last_modified
    again = client.get("/calendar.ics", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    assert client.get("/calendar.ics", headers={"If-Modified-Since": last_modified}).status_code == 304
    # another filter is another resource
    assert client.get("/calendar.ics?kind=seminar", headers={"If-None-Match": etag}).status_code == 200

    published.title = "Yeni ad"
    db.session.commit()
    changed = client.get("/calendar.ics", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert "Yeni ad" in changed.get_data(as_text=True)


def test_the_feed_takes_the_same_filters_as_the_list(client, make_event, programme):  # noqa: F811
    xachmaz = db.session.scalar(sa.select(Community).where(Community.code == "xachmaz-1"))
    make_event(title="Quba görüşü")
    make_event(title="Xaçmaz görüşü", community_id=xachmaz.id)
    make_event(title="Seminar", kind=EventKind.SEMINAR)

    def titles(query):
        return sorted(str(e["SUMMARY"]) for e in _parse(client.get(f"/calendar.ics?{query}").get_data())[0])

    assert titles("") == ["Quba görüşü", "Seminar", "Xaçmaz görüşü"]
    assert titles(f"district={xachmaz.district_id}") == ["Xaçmaz görüşü"]
    assert titles(f"community={xachmaz.id}") == ["Xaçmaz görüşü"]
    assert titles("kind=seminar") == ["Seminar"]
    assert titles("kind=nonsense&district=abc") == ["Quba görüşü", "Seminar", "Xaçmaz görüşü"]


def test_the_public_event_file_has_no_link_and_the_staff_file_has_it(client, make_user, login, published):
    public = client.get(f"/e/{published.public_token}.ics")
    assert public.status_code == 200
    assert SECRET_URL.encode() not in public.get_data()
    assert client.get(f"/staff/events/{published.id}.ics").status_code == 302  # staff only

    login(make_user(Role.MODERATOR))
    staff = client.get(f"/staff/events/{published.id}.ics").get_data()
    [event], [same] = _parse(staff)
    conference = event["CONFERENCE"]
    assert str(conference) == SECRET_URL and conference.params["VALUE"] == "URI"
    assert SECRET_URL in str(event["DESCRIPTION"]) and "975310" in same.description.value


def test_a_staff_members_personal_feed(client, make_user, login, published, make_event):  # noqa: F811
    make_event(status=EventStatus.DRAFT, title="Qaralama")
    user = login(make_user(Role.ORGANISER))
    assert "Təqvim ünvanımı yarat" in client.get("/staff/calendar").get_data(as_text=True)
    post_form(client, "/staff/calendar/reset", {}, token_from="/staff/calendar")
    db.session.refresh(user)
    token = user.calendar_token
    assert len(token) >= 40

    client.post("/logout", data={})  # the feed needs no session: calendar apps have none
    feed = client.get(f"/calendar/staff/{token}.ics")
    assert feed.status_code == 200
    ical_events, _ = _parse(feed.get_data())
    assert {str(e["SUMMARY"]): str(e["STATUS"]) for e in ical_events}["Qaralama"] == "TENTATIVE"
    assert SECRET_URL.encode() in feed.get_data()

    login(user)
    post_form(client, "/staff/calendar/reset", {}, token_from="/staff/calendar")
    assert client.get(f"/calendar/staff/{token}.ics").status_code == 404
    db.session.refresh(user)
    user.active = False
    db.session.commit()
    assert client.get(f"/calendar/staff/{user.calendar_token}.ics").status_code == 404
    assert client.get("/calendar/staff/guess.ics").status_code == 404


def test_each_event_keeps_one_uid_for_its_life(app_context, make_event):  # noqa: F811
    first, second = make_event(), make_event(starts_at=datetime(2030, 5, 1, 6, tzinfo=UTC))
    uid = first.uid
    first.starts_at += timedelta(days=1)
    first.ends_at += timedelta(days=1)
    db.session.commit()
    assert first.uid == uid and first.uid != second.uid and uid.endswith("@umid-events")

"""The iCalendar writer, read back by two independent parsers (icalendar and vobject).

Every calendar the writer produces is parsed with ``icalendar.Calendar.from_ical`` and with
``vobject.readOne``; the checks go through the parsed objects, as a calendar app would see them.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st

from umid_events.ical.builder import PRODID, build_calendar, build_calendar_object
from umid_events.ical.data import CalendarEvent, CalendarLabels, CalendarOptions, Person

BAKU = ZoneInfo("Asia/Baku")
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ics"
SHARED_SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples" / "ics"

# 2022-03-15 10:00 in Baku is 06:00 UTC.
START = datetime(2022, 3, 15, 6, 0, tzinfo=UTC)
SECRET_URL = "https://us02web.zoom.us/j/86420013579?pwd=Pr1vateL1nkDoNotLeak"
TRICKY_TEXT = (
    'Əziz dostlar, "Gənclik; İnkişaf" \\ yığıncağı:\n'
    "ə Ə ğ Ğ ı İ ş Ş ç Ç ö Ö ü Ü 🎉🇦🇿 <script>alert('x')</script>\n"
    "a,b;c\\d:e \\n (this is not a newline)"
)


# --- helpers -------------------------------------------------------------------------------------


def make_event(**changes) -> CalendarEvent:
    values = {
        "uid": "event-42@umid-events",
        "sequence": 3,
        "title": "Gənclərlə görüş",
        "description": "Könüllülər üçün təlim.",
        "starts_at": START,
        "ends_at": START + timedelta(hours=2),
        "status": "published",
        "page_url": "https://events.umid.az/events/42",
        "created_at": datetime(2022, 2, 1, 8, 30, tzinfo=UTC),
        "updated_at": datetime(2022, 3, 1, 12, 45, 10, tzinfo=UTC),
    }
    values.update(changes)
    return CalendarEvent(**values)


def make_online_event(**changes) -> CalendarEvent:
    values = {
        "join_url": SECRET_URL,
        "platform_label": "Zoom",
        "meeting_id": "864 2001 3579",
        "passcode": "771199",
    }
    values.update(changes)
    return make_event(**values)


def make_options(**changes) -> CalendarOptions:
    return CalendarOptions(**{"name": "Umid Events — Bakı", **changes})


def parse_both(data: bytes) -> tuple[icalendar.Calendar, vobject.base.Component]:
    return icalendar.Calendar.from_ical(data), vobject.readOne(data.decode("utf-8"))


def build_one(event: CalendarEvent, options: CalendarOptions | None = None):
    """Build a one-event calendar; return the bytes and the VEVENT as each parser reads it."""
    data = build_calendar([event], options or make_options())
    ical, vcal = parse_both(data)
    (ical_event,) = ical.walk("VEVENT")
    (vobj_event,) = vcal.vevent_list
    return data, ical_event, vobj_event


def unfolded(data: bytes) -> str:
    return data.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")


def sample(name: str) -> bytes:
    """A calendar written by another client: the copy in tests/fixtures, else shared/samples."""
    path = FIXTURES / name
    return (path if path.exists() else SHARED_SAMPLES / name).read_bytes()


def vobject_values(component, name: str) -> list:
    return [line.value for line in component.contents.get(name, [])]


# --- the VCALENDAR ------------------------------------------------------------------------------


def test_calendar_header_names_the_calendar_for_every_client():
    data = build_calendar([make_event()], make_options())
    ical, vcal = parse_both(data)

    assert ical["VERSION"] == "2.0"
    assert ical["PRODID"] == PRODID == "-//Umid Events//Umid Events//AZ"
    assert ical["CALSCALE"] == "GREGORIAN"
    assert ical["METHOD"] == "PUBLISH"
    assert ical["X-WR-CALNAME"] == "Umid Events — Bakı"
    assert ical["NAME"] == "Umid Events — Bakı"
    assert ical["X-WR-TIMEZONE"] == "Asia/Baku"

    assert vcal.version.value == "2.0"
    assert vcal.prodid.value == PRODID
    assert vcal.calscale.value == "GREGORIAN"
    assert vobject_values(vcal, "x-wr-calname") == ["Umid Events — Bakı"]
    assert vobject_values(vcal, "name") == ["Umid Events — Bakı"]
    assert vobject_values(vcal, "x-wr-timezone") == ["Asia/Baku"]


@pytest.mark.parametrize(
    ("minutes", "written"), [(60, "PT1H"), (15, "PT15M"), (90, "PT1H30M"), (1440, "P1D")]
)
def test_refresh_interval_tells_subscribers_how_often_to_reload(minutes, written):
    data = build_calendar([make_event()], make_options(refresh_minutes=minutes))
    ical, vcal = parse_both(data)
    lines = data.decode().split("\r\n")

    assert f"REFRESH-INTERVAL;VALUE=DURATION:{written}" in lines
    assert f"X-PUBLISHED-TTL:{written}" in lines
    assert ical["REFRESH-INTERVAL"].dt == timedelta(minutes=minutes)
    assert ical["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert ical["X-PUBLISHED-TTL"] == written  # an X- property reads back as text
    assert vobject_values(vcal, "refresh-interval") == [written]
    assert vobject_values(vcal, "x-published-ttl") == [written]


@pytest.mark.parametrize("method", ["PUBLISH", "REQUEST", "CANCEL"])
def test_method_is_written_when_given(method):
    ical, vcal = parse_both(build_calendar([make_event()], make_options(method=method)))
    assert ical["METHOD"] == method
    assert vcal.method.value == method


def test_method_is_left_out_for_a_plain_download():
    data = build_calendar([make_event()], make_options(method=None))
    ical, vcal = parse_both(data)
    assert "METHOD" not in ical
    assert "method" not in vcal.contents
    assert b"METHOD" not in data


def test_an_empty_calendar_is_still_readable():
    ical, vcal = parse_both(build_calendar([], make_options()))
    assert ical.walk("VEVENT") == []
    assert ical["X-WR-CALNAME"] == "Umid Events — Bakı"
    assert "vevent" not in vcal.contents


def test_one_vevent_per_event_and_one_shared_vtimezone():
    events = [make_event(uid=f"event-{n}@umid-events", title=f"Tədbir {n}") for n in range(3)]
    ical, vcal = parse_both(build_calendar(events, make_options()))

    assert [str(e["UID"]) for e in ical.walk("VEVENT")] == [e.uid for e in events]
    assert [e.uid.value for e in vcal.vevent_list] == [e.uid for e in events]
    assert [tz["TZID"] for tz in ical.walk("VTIMEZONE")] == ["Asia/Baku"]
    assert [tz.tzid.value for tz in vcal.vtimezone_list] == ["Asia/Baku"]


# --- times ---------------------------------------------------------------------------------------


def test_start_and_end_are_the_same_instants_in_both_parsers():
    data, ical_event, vobj_event = build_one(make_event())

    assert "DTSTART;TZID=Asia/Baku:20220315T100000" in data.decode().split("\r\n")
    assert "DTEND;TZID=Asia/Baku:20220315T120000" in data.decode().split("\r\n")
    assert ical_event["DTSTART"].params["TZID"] == "Asia/Baku"
    assert ical_event.start == START
    assert ical_event.end == START + timedelta(hours=2)
    assert ical_event.start.replace(tzinfo=None) == datetime(2022, 3, 15, 10, 0)
    assert vobj_event.dtstart.value == START
    assert vobj_event.dtend.value == START + timedelta(hours=2)
    assert vobj_event.dtstart.params["X-VOBJ-ORIGINAL-TZID"] == ["Asia/Baku"]
    assert vobj_event.dtstart.value.utcoffset() == timedelta(hours=4)


@pytest.mark.parametrize(
    ("baku_wall_clock", "new_york", "london"),
    [
        # EDT started on 13 March 2022, British Summer Time only on 27 March.
        (datetime(2022, 3, 15, 10, 0), datetime(2022, 3, 15, 2, 0), datetime(2022, 3, 15, 6, 0)),
        # Summer: New York UTC-4, London UTC+1.
        (datetime(2022, 7, 1, 19, 30), datetime(2022, 7, 1, 11, 30), datetime(2022, 7, 1, 16, 30)),
        # Winter: New York UTC-5, London UTC+0.
        (datetime(2026, 1, 20, 9, 0), datetime(2026, 1, 20, 0, 0), datetime(2026, 1, 20, 5, 0)),
    ],
)
def test_viewers_outside_azerbaijan_see_their_own_wall_clock(baku_wall_clock, new_york, london):
    start = baku_wall_clock.replace(tzinfo=BAKU).astimezone(UTC)
    _, ical_event, vobj_event = build_one(make_event(starts_at=start, ends_at=start + timedelta(1)))

    for parsed in (ical_event.start, vobj_event.dtstart.value):
        assert parsed.astimezone(ZoneInfo("America/New_York")).replace(tzinfo=None) == new_york
        assert parsed.astimezone(ZoneInfo("Europe/London")).replace(tzinfo=None) == london
        assert parsed.astimezone(BAKU).replace(tzinfo=None) == baku_wall_clock


def test_vtimezone_defines_baku_as_utc_plus_four():
    ical, vcal = parse_both(build_calendar([make_event()], make_options()))
    (vtimezone,) = ical.walk("VTIMEZONE")

    assert vtimezone["TZID"] == "Asia/Baku"
    offsets = {part["TZOFFSETTO"].to_ical() for part in vtimezone.subcomponents}
    assert offsets == {"+0400"}  # no daylight saving since 2016
    # vobject builds its time zone from the VTIMEZONE text alone, not from a tz database:
    vobject_zone = vcal.vtimezone.gettzinfo()
    assert datetime(2030, 7, 1, 12, tzinfo=vobject_zone).utcoffset() == timedelta(hours=4)


def test_events_from_bakus_summer_time_years_keep_their_instant():
    # Until 2015 Baku moved to UTC+5 in summer; an old event must keep its real instant.
    start = datetime(2012, 7, 10, 14, 0, tzinfo=UTC)  # 19:00 in Baku (UTC+5)
    data = build_calendar([make_event(starts_at=start, ends_at=start)], make_options())
    ical, vcal = parse_both(data)

    assert "DTSTART;TZID=Asia/Baku:20120710T190000" in data.decode().split("\r\n")
    assert ical.walk("VEVENT")[0].start == start
    # vobject keeps the first VTIMEZONE it ever saw per TZID for the whole process, so read
    # this calendar's own VTIMEZONE directly, as a client without a tz database would.
    vobject_zone = vcal.vtimezone.gettzinfo()
    assert datetime(2012, 7, 10, 19, 0, tzinfo=vobject_zone) == start
    assert datetime(2012, 1, 10, 19, 0, tzinfo=vobject_zone).utcoffset() == timedelta(hours=4)


def test_dtstamp_created_and_last_modified_are_written_in_utc():
    in_baku = datetime(2022, 3, 1, 16, 45, 10, tzinfo=BAKU)  # 12:45:10 UTC
    data, ical_event, vobj_event = build_one(
        make_event(updated_at=in_baku, created_at=datetime(2022, 2, 1, 12, 30, tzinfo=BAKU))
    )
    lines = data.decode().split("\r\n")

    assert "DTSTAMP:20220301T124510Z" in lines
    assert "LAST-MODIFIED:20220301T124510Z" in lines
    assert "CREATED:20220201T083000Z" in lines
    assert ical_event.stamp == ical_event.last_modified == in_baku
    assert ical_event.created == datetime(2022, 2, 1, 8, 30, tzinfo=UTC)
    assert vobj_event.dtstamp.value == in_baku
    assert vobj_event.contents["last-modified"][0].value == in_baku
    assert vobj_event.created.value == datetime(2022, 2, 1, 8, 30, tzinfo=UTC)


# --- identity and status -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("draft", "TENTATIVE"),
        ("published", "CONFIRMED"),
        ("held", "CONFIRMED"),
        ("cancelled", "CANCELLED"),
    ],
)
def test_uid_sequence_and_status_let_apps_update_the_same_entry(status, expected):
    event = make_event(status=status, sequence=7)
    _, ical_event, vobj_event = build_one(event)

    assert str(ical_event["UID"]) == vobj_event.uid.value == "event-42@umid-events"
    assert ical_event["SEQUENCE"] == 7
    assert vobj_event.sequence.value == "7"
    assert ical_event["STATUS"] == vobj_event.status.value == expected
    assert ical_event["TRANSP"] == vobj_event.transp.value == "OPAQUE"


def test_method_cancel_marks_the_event_cancelled_whatever_its_status():
    options = make_options(method="CANCEL", organizer=Person("Umid", "noreply@umid.az"))
    _, ical_event, vobj_event = build_one(make_event(status="published"), options)

    assert ical_event["STATUS"] == vobj_event.status.value == "CANCELLED"
    assert ical_event.walk("VALARM") == []


def test_url_points_to_the_event_page():
    _, ical_event, vobj_event = build_one(make_event())
    assert ical_event["URL"] == "https://events.umid.az/events/42"
    assert vobj_event.url.value == "https://events.umid.az/events/42"


def test_categories_are_written_only_when_there_are_some():
    categories = ("Vebinar", "Bakı, Xətai rayonu", "Gənclər")
    data, ical_event, vobj_event = build_one(make_event(categories=categories))
    assert ical_event.categories == list(categories)
    assert vobj_event.categories.value == list(categories)

    data, ical_event, vobj_event = build_one(make_event(categories=()))
    assert "CATEGORIES" not in ical_event
    assert "categories" not in vobj_event.contents
    assert b"CATEGORIES" not in data


# --- description, location, conference and the private link -------------------------------------


def test_description_ends_with_a_link_to_the_event_page():
    _, ical_event, vobj_event = build_one(make_event())
    expected = "Könüllülər üçün təlim.\n\nƏtraflı məlumat: https://events.umid.az/events/42"

    assert ical_event["DESCRIPTION"] == expected
    assert vobj_event.description.value == expected


def test_description_without_organiser_text_is_just_the_link():
    _, ical_event, vobj_event = build_one(make_event(description=""))
    expected = "Ətraflı məlumat: https://events.umid.az/events/42"
    assert ical_event["DESCRIPTION"] == vobj_event.description.value == expected


def test_description_carries_the_joining_details_in_the_readers_language():
    labels = CalendarLabels(
        join="Join", meeting_id="Meeting ID", passcode="Passcode", details="Details"
    )
    _, ical_event, vobj_event = build_one(make_online_event(), make_options(labels=labels))
    expected = (
        "Könüllülər üçün təlim.\n\n"
        "Details: https://events.umid.az/events/42\n"
        f"Join: {SECRET_URL}\n"
        "Meeting ID: 864 2001 3579\n"
        "Passcode: 771199"
    )

    assert ical_event["DESCRIPTION"] == expected
    assert vobj_event.description.value == expected


def test_description_leaves_out_meeting_id_and_passcode_lines_that_are_not_set():
    _, ical_event, vobj_event = build_one(make_online_event(meeting_id=None, passcode=None))
    expected = (
        "Könüllülər üçün təlim.\n\n"
        "Ətraflı məlumat: https://events.umid.az/events/42\n"
        f"Qoşulma keçidi: {SECRET_URL}"
    )
    assert ical_event["DESCRIPTION"] == vobj_event.description.value == expected


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (make_online_event(), SECRET_URL),
        (make_event(platform_label="Google Meet"), "Onlayn (Google Meet)"),
        (make_event(), "Onlayn"),
    ],
)
def test_location_is_the_clickable_link_or_the_word_online(event, expected):
    _, ical_event, vobj_event = build_one(event)
    assert ical_event["LOCATION"] == vobj_event.location.value == expected


@pytest.mark.parametrize(("platform_label", "label"), [("Zoom", "Zoom"), (None, "Qoşulma keçidi")])
def test_conference_property_carries_the_join_link(platform_label, label):
    _, ical_event, vobj_event = build_one(make_online_event(platform_label=platform_label))

    conference = ical_event["CONFERENCE"]
    assert isinstance(conference, icalendar.vUri)
    assert conference == SECRET_URL
    assert dict(conference.params) == {
        "VALUE": "URI",
        "FEATURE": ["AUDIO", "VIDEO"],
        "LABEL": label,
    }
    assert ical_event.conferences[0].feature == ["AUDIO", "VIDEO"]

    assert vobj_event.conference.value == SECRET_URL
    assert vobj_event.conference.params == {
        "VALUE": ["URI"],
        "FEATURE": ["AUDIO", "VIDEO"],
        "LABEL": [label],
    }


def test_a_public_feed_never_reveals_the_private_video_link():
    event = make_online_event(join_url=None)  # what a public feed passes: no join_url
    data, ical_event, vobj_event = build_one(event)
    text = unfolded(data)

    for private in (SECRET_URL, "Pr1vateL1nkDoNotLeak", "86420013579"):
        assert private not in text
        assert private.encode() not in data
    assert "771199" not in text  # the passcode is only shown next to the link
    assert "864 2001 3579" not in text
    assert "CONFERENCE" not in ical_event
    assert "conference" not in vobj_event.contents
    assert ical_event["LOCATION"] == "Onlayn (Zoom)"
    assert "Qoşulma keçidi" not in ical_event["DESCRIPTION"]


def test_a_registered_participant_gets_the_link_everywhere_apps_look():
    _, ical_event, vobj_event = build_one(make_online_event())

    for description in (ical_event["DESCRIPTION"], vobj_event.description.value):
        assert f"Qoşulma keçidi: {SECRET_URL}" in description.split("\n")
    assert ical_event["LOCATION"] == vobj_event.location.value == SECRET_URL
    assert ical_event["CONFERENCE"] == vobj_event.conference.value == SECRET_URL
    assert ical_event["CONFERENCE"].params["VALUE"] == "URI"
    assert vobj_event.conference.params["VALUE"] == ["URI"]


# --- alarm ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("minutes", "written"), [(30, "-PT30M"), (10, "-PT10M"), (120, "-PT2H")])
def test_alarm_reminds_before_the_start(minutes, written):
    data, ical_event, vobj_event = build_one(make_event(), make_options(alarm_minutes=minutes))

    (alarm,) = ical_event.walk("VALARM")
    assert alarm["ACTION"] == "DISPLAY"
    assert alarm["DESCRIPTION"] == "Tədbir tezliklə başlayır"
    assert alarm["TRIGGER"].dt == timedelta(minutes=-minutes)
    assert f"TRIGGER:{written}" in data.decode().split("\r\n")
    assert vobj_event.valarm.action.value == "DISPLAY"
    assert vobj_event.valarm.description.value == "Tədbir tezliklə başlayır"
    assert vobj_event.valarm.trigger.value == timedelta(minutes=-minutes)


def test_no_alarm_when_switched_off_or_the_event_is_cancelled():
    for event, options in [
        (make_event(), make_options(alarm_minutes=None)),
        (make_event(status="cancelled"), make_options(alarm_minutes=30)),
    ]:
        data, ical_event, vobj_event = build_one(event, options)
        assert ical_event.walk("VALARM") == []
        assert "valarm" not in vobj_event.contents
        assert b"VALARM" not in data


@pytest.mark.parametrize(("now", "rings"), [
    (START - timedelta(days=2), True),                    # well ahead
    (START - timedelta(minutes=31), True),                # a minute before the alarm
    (START - timedelta(minutes=30), False),               # the alarm's own moment
    (START - timedelta(minutes=5), False),                # about to start: it would ring at once
    (START + timedelta(hours=1), False),                  # under way
    (START + timedelta(days=30), False),                  # long over
])
def test_no_alarm_whose_moment_has_passed_when_the_calendar_is_written(now, rings):
    data, ical_event, vobj_event = build_one(make_event(), make_options(alarm_minutes=30, now=now))
    assert len(ical_event.walk("VALARM")) == int(rings)
    assert len(vobj_event.contents.get("valarm", [])) == int(rings)
    assert (b"BEGIN:VALARM" in data) is rings


def test_a_feed_keeps_the_alarms_of_coming_events_only():
    past = make_event(uid="past@umid-events", starts_at=START - timedelta(days=7),
                      ends_at=START - timedelta(days=7) + timedelta(hours=1))
    coming = make_event(uid="coming@umid-events", starts_at=START + timedelta(days=7),
                        ends_at=START + timedelta(days=7, hours=1))
    options = make_options(now=START)
    for data in (build_calendar([past, coming], options),
                 build_calendar_object([past, coming], options).to_ical()):
        ical, vcal = parse_both(data)
        alarms = {str(e["UID"]): len(e.walk("VALARM")) for e in ical.walk("VEVENT")}
        assert alarms == {"past@umid-events": 0, "coming@umid-events": 1}
        assert {e.uid.value: len(e.contents.get("valarm", [])) for e in vcal.vevent_list} == alarms
    # the moment of writing is not part of the memo: written later, the same event is the same
    assert build_calendar([coming], options) == build_calendar([coming], make_options(
        now=START + timedelta(days=1)))


# --- organizer and attendees ---------------------------------------------------------------------


def test_invitations_name_the_organizer_and_the_attendees():
    options = make_options(
        method="REQUEST",
        organizer=Person("Umid Gənclər Təşkilatı, Bakı", "tedbirler@umid.az"),
        attendees=(Person("Leyla Məmmədova", "leyla@example.az"), Person("Tom; O'Brien", "t@x.io")),
    )
    _, ical_event, vobj_event = build_one(make_event(), options)

    organizer = ical_event["ORGANIZER"]
    assert organizer == "mailto:tedbirler@umid.az"
    assert organizer.params["CN"] == "Umid Gənclər Təşkilatı, Bakı"
    attendees = ical_event["ATTENDEE"]
    assert [str(a) for a in attendees] == ["mailto:leyla@example.az", "mailto:t@x.io"]
    assert [a.params["CN"] for a in attendees] == ["Leyla Məmmədova", "Tom; O'Brien"]
    for attendee in attendees:
        assert attendee.params["ROLE"] == "REQ-PARTICIPANT"
        assert attendee.params["PARTSTAT"] == "NEEDS-ACTION"
        assert attendee.params["RSVP"] == "FALSE"

    assert vobj_event.organizer.value == "mailto:tedbirler@umid.az"
    assert vobj_event.organizer.params["CN"] == ["Umid Gənclər Təşkilatı, Bakı"]
    assert [a.value for a in vobj_event.attendee_list] == [str(a) for a in attendees]
    assert [a.params["CN"] for a in vobj_event.attendee_list] == [
        ["Leyla Məmmədova"],
        ["Tom; O'Brien"],
    ]
    assert all(a.params["RSVP"] == ["FALSE"] for a in vobj_event.attendee_list)


def test_feeds_name_each_events_organizer_and_no_attendees():
    # RFC 5546 section 3.2.1: a PUBLISH has exactly one ORGANIZER per VEVENT and no ATTENDEE.
    event = make_event(organizer=Person("Umid Gənclər Təşkilatı", "tedbirler@umid.az"))
    data, ical_event, vobj_event = build_one(event)
    assert ical_event["ORGANIZER"] == vobj_event.organizer.value == "mailto:tedbirler@umid.az"
    assert ical_event["ORGANIZER"].params["CN"] == "Umid Gənclər Təşkilatı"
    assert vobj_event.organizer.params["CN"] == ["Umid Gənclər Təşkilatı"]
    assert "ATTENDEE" not in ical_event and "attendee" not in vobj_event.contents


def test_an_invitations_organizer_takes_the_place_of_the_events():
    options = make_options(method="REQUEST", organizer=Person("Ümid", "noreply@umid.az"),
                           attendees=(Person("Leyla", "leyla@example.az"),))
    _, ical_event, _ = build_one(make_event(organizer=Person("Başqa", "x@umid.az")), options)
    assert ical_event["ORGANIZER"] == "mailto:noreply@umid.az"
    assert ical_event["ORGANIZER"].params["CN"] == "Ümid"


# --- text typed by users -------------------------------------------------------------------------


def test_special_characters_survive_both_parsers_unchanged():
    event = make_online_event(
        title=TRICKY_TEXT.replace("\n", " "),
        description=TRICKY_TEXT,
        categories=("Mədəniyyət, İncəsənət", "a;b\\c", "🎭"),
        platform_label="Zoom: Ə, ğ; İ <b> 🎥",
    )
    labels = CalendarLabels(reminder="Xatırlatma: ş, ç; ğ \\ 🔔")
    _, ical_event, vobj_event = build_one(event, make_options(labels=labels))

    assert ical_event["SUMMARY"] == vobj_event.summary.value == event.title
    for description in (ical_event["DESCRIPTION"], vobj_event.description.value):
        assert description.startswith(TRICKY_TEXT + "\n\n")
    assert ical_event.categories == vobj_event.categories.value == list(event.categories)
    assert ical_event["CONFERENCE"].params["LABEL"] == event.platform_label
    assert vobj_event.conference.params["LABEL"] == [event.platform_label]
    assert ical_event.walk("VALARM")[0]["DESCRIPTION"] == labels.reminder
    assert vobj_event.valarm.description.value == labels.reminder

    _, ical_event, vobj_event = build_one(make_event(platform_label=event.platform_label))
    expected_location = f"Onlayn ({event.platform_label})"
    assert ical_event["LOCATION"] == vobj_event.location.value == expected_location


@pytest.mark.parametrize(("name", "shown"), [
    ('"Ümid" Sosial İnkişafa Dəstək İctimai Birliyi', "“Ümid” Sosial İnkişafa Dəstək İctimai Birliyi"),
    ('Leyla "Lala" Məmmədova', "Leyla “Lala” Məmmədova"),
    ('Tək " dırnaq', "Tək ” dırnaq"),
    ("Ad^Soyad\nBakı,\tXətai; 2:30", "AdˆSoyad Bakı, Xətai; 2:30"),
])
def test_a_name_in_a_parameter_needs_no_caret_codes(name, shown):
    # A parameter value cannot hold a DQUOTE; RFC 6868's ^' (what icalendar writes for one) is
    # shown as it is by vobject and libical, so the writer never needs it.
    options = make_options(organizer=Person(name, "leyla@example.az"))
    data, ical_event, vobj_event = build_one(make_online_event(platform_label=name), options)

    assert "^" not in unfolded(data)
    assert ical_event["ORGANIZER"].params["CN"] == shown
    assert vobj_event.organizer.params["CN"] == [shown]
    assert ical_event["CONFERENCE"].params["LABEL"] == shown
    assert vobj_event.conference.params["LABEL"] == [shown]
    assert vobj_event.organizer.value == "mailto:leyla@example.az"


@pytest.mark.parametrize("name", ["Ümid, Bakı; Gəncə", "a\\b, c", "İki\nsətir", "Sadə ad"])
def test_the_calendar_name_is_escaped_text_every_reader_gets_whole(name):
    data = build_calendar([make_event()], make_options(name=name))
    ical, vcal = parse_both(data)
    lines = unfolded(data).split("\r\n")
    escaped = name.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")
    assert f"X-WR-CALNAME;VALUE=TEXT:{escaped}" in lines
    assert f"NAME;VALUE=TEXT:{escaped}" in lines
    assert str(ical["X-WR-CALNAME"]) == str(ical["NAME"]) == str(ical.calendar_name) == name
    assert vobject_values(vcal, "x-wr-calname") == vobject_values(vcal, "name") == [name]


def test_lines_are_crlf_terminated_and_folded_at_75_octets():
    long_text = " ".join(
        ["Şəki, Gəncə, Lənkəran və Quba gəncləri üçün ödənişsiz İT təlimi 🎓"] * 12
    )
    event = make_online_event(title=long_text[:300], description=long_text)
    data = build_calendar([event], make_options(organizer=Person(long_text[:120], "o@umid.az")))

    assert data.endswith(b"\r\n")
    physical_lines = data.split(b"\r\n")[:-1]
    assert b"\n" not in b"".join(physical_lines)  # no bare LF anywhere
    for line in physical_lines:
        assert len(line) <= 75, line
        line.decode("utf-8")  # a multibyte letter is never split between two lines
    assert any(line.startswith(b" ") for line in physical_lines)  # folding did happen
    ical, vcal = parse_both(data)
    assert ical.walk("VEVENT")[0]["SUMMARY"] == long_text[:300]
    assert vcal.vevent.description.value.startswith(long_text + "\n\n")


def test_same_data_gives_the_same_bytes():
    events = [make_online_event(categories=("Vebinar",)), make_event(uid="other@umid-events")]
    options = make_options(organizer=Person("Umid", "o@umid.az"), attendees=(Person("A", "a@b.c"),))

    first = build_calendar(events, options)
    assert build_calendar(iter(events), options) == first
    # The same instants given in another zone are the same data.
    in_baku = [
        dataclasses.replace(
            e,
            starts_at=e.starts_at.astimezone(BAKU),
            ends_at=e.ends_at.astimezone(BAKU),
            updated_at=e.updated_at.astimezone(BAKU),
            created_at=e.created_at.astimezone(BAKU),
        )
        for e in events
    ]
    assert build_calendar(in_baku, options) == first


# --- compared with calendars written by other clients --------------------------------------------


def test_conference_reads_like_the_rfc_7986_example():
    raw = sample("icalendar__rfc_7986_conferences.ics")
    their_conferences = icalendar.Calendar.from_ical(raw).walk("VEVENT")[0]["CONFERENCE"]
    (theirs,) = [c for c in their_conferences if c.startswith("https:")]  # the video one
    _, ical_event, vobj_event = build_one(make_online_event())
    ours = ical_event["CONFERENCE"]

    assert type(ours) is type(theirs) is icalendar.vUri
    assert set(ours.params) == set(theirs.params) == {"VALUE", "FEATURE", "LABEL"}
    assert ours.params["VALUE"] == theirs.params["VALUE"] == "URI"
    assert ours.params["FEATURE"] == theirs.params["FEATURE"] == ["AUDIO", "VIDEO"]

    vobj_theirs = vobject.readOne(raw.decode())
    (their_line,) = [
        c for c in vobj_theirs.vevent.contents["conference"] if c.value.startswith("https:")
    ]
    assert their_line.params["FEATURE"] == vobj_event.conference.params["FEATURE"]
    assert their_line.params["VALUE"] == vobj_event.conference.params["VALUE"]


def test_calendar_has_the_shape_of_a_google_calendar_export():
    theirs = icalendar.Calendar.from_ical(sample("icalendar__x_location.ics"))
    ours = icalendar.Calendar.from_ical(build_calendar([make_event()], make_options()))

    # Calendar-level properties Google writes (bar its description) are all in ours.
    assert set(theirs) - {"X-WR-CALDESC"} <= set(ours)
    # Every VEVENT property of theirs is in ours, except the repeat rule and Apple's map pin.
    their_event, our_event = theirs.walk("VEVENT")[0], ours.walk("VEVENT")[0]
    assert set(their_event) - {"RRULE", "X-APPLE-STRUCTURED-LOCATION"} <= set(our_event)
    # Time zone definitions come before the events, and the start names a defined zone.
    for calendar in (theirs, ours):
        kinds = [c.name for c in calendar.subcomponents]
        assert kinds.index("VTIMEZONE") < kinds.index("VEVENT")
        tzids = [tz["TZID"] for tz in calendar.walk("VTIMEZONE")]
        event = calendar.walk("VEVENT")[0]
        assert event["DTSTART"].params["TZID"] == event["DTEND"].params["TZID"] == tzids[0]
        assert event.start.tzinfo is not None and event.start.tzinfo.key == tzids[0]

    for raw in (
        sample("icalendar__x_location.ics"),
        build_calendar([make_event()], make_options()),
    ):
        vevent = vobject.readOne(raw.decode()).vevent
        assert vevent.dtstart.value.tzinfo is not None
        assert list(vevent.dtstart.params) == ["X-VOBJ-ORIGINAL-TZID"]


def test_the_memoised_writer_gives_the_same_bytes_as_the_object_model():
    """``build_calendar`` reuses each event's serialised VEVENT; the output must be exactly what
    icalendar itself writes for the whole calendar, before and after an event changes."""


    options = CalendarOptions(name="Ümid — təqvim")
    events = [make_event(uid=f"{n}@umid-events", title=f"Görüş {n}, ə/İ") for n in range(5)]
    assert build_calendar(events, options) == build_calendar_object(events, options).to_ical()
    assert build_calendar(events, options) == build_calendar_object(events, options).to_ical()
    changed = [*events[:2], dataclasses.replace(events[2], sequence=3, title="Yeni ad"), *events[3:]]
    written = build_calendar(changed, options)
    assert written == build_calendar_object(changed, options).to_ical()
    assert b"SUMMARY:Yeni ad" in written and b"SEQUENCE:3" in written
    assert build_calendar([], options) == build_calendar_object([], options).to_ical()


# The memoised writer builds each VEVENT from its property list and splices in the lines many
# events share; for any event, options and addressees its bytes must be icalendar's own.
_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=120)
_moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31),
                        timezones=st.just(UTC))
_people = st.builds(Person, name=_text, email=st.emails(), rsvp=st.booleans())


@st.composite
def _calendar_events(draw) -> CalendarEvent:
    starts_at = draw(_moments)
    online = draw(st.booleans())
    return CalendarEvent(
        uid=draw(st.text("abcdef0123456789-", min_size=1, max_size=40)) + "@umid-events",
        sequence=draw(st.integers(0, 10_000)), title=draw(_text), description=draw(_text),
        starts_at=starts_at, ends_at=starts_at + timedelta(minutes=draw(st.integers(1, 600))),
        status=draw(st.sampled_from(["draft", "published", "held", "cancelled"])),
        page_url="https://events.umid.az/e/" + draw(st.text("abcXYZ09_-", min_size=1, max_size=60)),
        created_at=draw(_moments), updated_at=draw(_moments),
        categories=tuple(draw(st.lists(_text.filter(str.strip), max_size=3))),
        join_url=SECRET_URL if online else None,
        platform_label=draw(st.none() | _text) if online else None,
        meeting_id=draw(st.none() | _text) if online else None,
        passcode=draw(st.none() | _text) if online else None,
        organizer=draw(st.none() | _people),
    )


@given(events=st.lists(_calendar_events(), min_size=1, max_size=3),
       method=st.sampled_from([None, "PUBLISH", "REQUEST", "CANCEL"]),
       organizer=st.none() | _people, attendees=st.lists(_people, max_size=2),
       alarm_minutes=st.none() | st.integers(1, 1440), now=st.none() | _moments,
       reminder=_text)
@settings(max_examples=300)
def test_any_calendar_is_written_byte_for_byte_as_icalendar_writes_it(
        events, method, organizer, attendees, alarm_minutes, now, reminder):
    options = CalendarOptions(name="Ümid, təqvim", method=method, organizer=organizer,
                              attendees=tuple(attendees), alarm_minutes=alarm_minutes, now=now,
                              labels=CalendarLabels(reminder=reminder))
    written = build_calendar(events, options)
    assert written == build_calendar_object(events, options).to_ical()
    assert written == build_calendar(events, options)  # and the same again from the memo

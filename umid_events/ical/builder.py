"""The iCalendar (RFC 5545 / RFC 7986) writer: plain ``CalendarEvent`` data in, calendar bytes out.

Pure functions: no Flask, no database, no clock (the moment of writing, which decides the
alarms, is ``options.now``). The same input always gives the same bytes (DTSTAMP is the event's
``updated_at``), so feeds can be cached and compared.

Privacy rule: the video link (``join_url``) is written only when the caller filled it in; a
public feed leaves it ``None`` and the link then appears nowhere in the output.

Text every client reads the same (checked against icalendar, vobject and libical in
``tests/ical``): TEXT values are escaped (``\\,`` ``\\;`` ``\\\\`` ``\\n``), the calendar's name
too (``VALUE=TEXT``, see ``_calendar_head``); parameter values (CN, LABEL) hold nothing that
would need RFC 6868's caret codes (``parameter_text``); every event names its ORGANIZER, as
RFC 5546 requires of PUBLISH, REQUEST and CANCEL alike; no alarm that has already passed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, Timezone, vCalAddress, vDuration, vText, vUri
from icalendar.parser import Contentline

from .data import CalendarEvent, CalendarOptions, Person

PRODID = "-//Umid Events//Umid Events//AZ"

STATUS_BY_EVENT_STATUS = {
    "draft": "TENTATIVE",
    "published": "CONFIRMED",
    "held": "CONFIRMED",
    "cancelled": "CANCELLED",
}


_END = b"END:VCALENDAR\r\n"


def build_calendar(events: Iterable[CalendarEvent], options: CalendarOptions) -> bytes:
    """Return a whole VCALENDAR (CRLF line ends, lines folded at 75 octets) for ``events``.

    The bytes equal ``build_calendar_object(events, options).to_ical()``; each event's VEVENT is
    memoised by its full input, so a feed polled again re-serialises only what changed.
    """
    events = list(events)
    written = _head_bytes(options.name, options.method, options.timezone, options.refresh_minutes)
    timezone = _timezone_bytes(options.timezone, _first_year(events)) if events else b""
    # The memo is keyed by the options; the moment of writing only decides each event's alarm,
    # so it is taken out of the key (else no VEVENT would ever be found again).
    with_alarm = replace(options, now=None) if options.now is not None else options
    without_alarm = None
    written_events = []
    for event in events:
        if _alarm_minutes(event, options) is not None:
            written_events.append(_vevent_bytes(event, with_alarm))
        else:
            without_alarm = without_alarm or replace(with_alarm, alarm_minutes=None)
            written_events.append(_vevent_bytes(event, without_alarm))
    vevents = b"".join(written_events)
    return written[: -len(_END)] + timezone + vevents + _END


def build_calendar_object(events: Iterable[CalendarEvent], options: CalendarOptions) -> Calendar:
    """The same calendar as an ``icalendar.Calendar`` (nothing memoised)."""
    events = list(events)
    calendar = _calendar_head(options)
    if events:
        calendar.add_component(_timezone(options.timezone, _first_year(events)))
    for event in events:
        calendar.add_component(build_vevent(event, options))
    return calendar


def _calendar_head(options: CalendarOptions) -> Calendar:
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", PRODID)
    calendar.add("calscale", "GREGORIAN")
    if options.method is not None:
        calendar.add("method", options.method)
    # The name is TEXT (RFC 7986), escaped like SUMMARY: unescaped, vobject reads "Ümid, Bakı"
    # as a list and keeps "Ümid". ``VALUE=TEXT`` (as Apple's iCal wrote X-WR-CALNAME) because
    # icalendar knows neither property and would otherwise hand its readers the escapes
    # themselves; vobject and libical read the same text either way.
    for name in ("x-wr-calname", "name"):
        calendar.add(name, vText(options.name), parameters={"VALUE": "TEXT"})
    calendar.add("x-wr-timezone", options.timezone)
    refresh = timedelta(minutes=options.refresh_minutes)
    # RFC 7986 requires VALUE=DURATION here (the ``refresh_interval`` setter leaves it out).
    calendar.add("refresh-interval", vDuration(refresh), parameters={"VALUE": "DURATION"})
    # A bare timedelta on an X- property would be written as text ("1:00:00").
    calendar.add("x-published-ttl", vDuration(refresh))
    return calendar


@lru_cache(maxsize=1024)
def _head_bytes(name: str, method: str | None, timezone: str, refresh_minutes: int) -> bytes:
    """The calendar's own properties (all that ``_calendar_head`` reads of the options)."""
    return _calendar_head(CalendarOptions(name=name, method=method, timezone=timezone,
                                          refresh_minutes=refresh_minutes)).to_ical()


def _first_year(events: list[CalendarEvent]) -> int:
    return min(event.starts_at for event in events).year


def _timezone(tzid: str, first_year: int) -> Timezone:
    """The VTIMEZONE, its history starting on 1 January of the earliest event's year rather than
    in 1970: icalendar writes past transitions as comma-separated RDATE lists, of which vobject
    reads only the first value."""
    return Timezone.from_tzid(tzid, first_date=date(first_year, 1, 1))


@lru_cache(maxsize=64)
def _timezone_bytes(tzid: str, first_year: int) -> bytes:
    """Building a VTIMEZONE walks the zone's history hour by hour (about 10 ms): once is enough."""
    return _timezone(tzid, first_year).to_ical()


def _vevent_bytes(event: CalendarEvent, options: CalendarOptions) -> bytes:
    """The VEVENT's bytes; for a personal invitation, the memoised VEVENT of the event with the
    addressee's ATTENDEE lines put where ``build_vevent`` writes them (after the properties,
    before the VALARM), so that a batch of invitations serialises the event once."""
    if not options.attendees:
        return _shared_vevent_bytes(event, options)
    shared = _shared_vevent_bytes(event, replace(options, attendees=()))
    attendees = b"".join(_attendee_bytes(person) for person in options.attendees)
    at = _attendee_position(shared)
    return shared[:at] + attendees + shared[at:]


_CANONICAL = {name.encode() for name in Event.canonical_order}


@lru_cache(maxsize=1024)
def _attendee_position(vevent: bytes) -> int:
    """Where icalendar would write ATTENDEE in this VEVENT: its properties come in the canonical
    order first, then sorted by name; sub-components (the VALARM) after all properties."""
    offset = len(b"BEGIN:VEVENT\r\n")
    for line in vevent[offset:].split(b"\r\n"):
        if not line.startswith((b" ", b"\t")):  # not the continuation of a folded line
            name = re.split(rb"[;:]", line, maxsplit=1)[0].upper()
            if name in (b"BEGIN", b"END") or (name not in _CANONICAL and name > b"ATTENDEE"):
                return offset
        offset += len(line) + 2
    raise ValueError("not a VEVENT")


@lru_cache(maxsize=8192)
def _shared_vevent_bytes(event: CalendarEvent, options: CalendarOptions) -> bytes:
    return build_vevent(event, options).to_ical()


@lru_cache(maxsize=4096)
def _attendee_bytes(person: Person) -> bytes:
    """The ATTENDEE content line(s) of one person, exactly as ``build_vevent`` writes them
    (icalendar's own content line, folded; without building a component around it)."""
    attendee = _attendee(person)
    return Contentline.from_parts("ATTENDEE", attendee.params, attendee, sorted=True).to_ical() + b"\r\n"


def _attendee(person: Person) -> vCalAddress:
    attendee = _address(person)
    attendee.params.update(ROLE="REQ-PARTICIPANT", PARTSTAT="NEEDS-ACTION",
                           RSVP="TRUE" if person.rsvp else "FALSE")
    return attendee


def build_vevent(event: CalendarEvent, options: CalendarOptions) -> Event:
    """Return the VEVENT for one event, its times written in ``options.timezone``."""
    zone = ZoneInfo(options.timezone)
    cancelled = _cancelled(event, options)
    labels = options.labels
    vevent = Event.new(
        uid=event.uid,
        sequence=event.sequence,
        summary=event.title,
        stamp=_utc(event.updated_at),
        created=_utc(event.created_at),
        last_modified=_utc(event.updated_at),
        start=event.starts_at.astimezone(zone),
        end=event.ends_at.astimezone(zone),
        url=event.page_url,
        status="CANCELLED" if cancelled else STATUS_BY_EVENT_STATUS[event.status],
        transparency="OPAQUE",
        description=_description(event, options),
        location=_location(event, options),
    )
    if event.categories:  # an empty list would still write an empty "CATEGORIES:" line
        vevent.add("categories", list(event.categories))
    if event.join_url:
        # Not via icalendar's ``Conference``: it writes FEATURE="AUDIO,VIDEO" (one quoted value)
        # where RFC 7986 and real clients write the list FEATURE=AUDIO,VIDEO.
        parameters = {
            "VALUE": "URI",
            "FEATURE": ["AUDIO", "VIDEO"],
            "LABEL": parameter_text(event.platform_label or labels.join),
        }
        vevent.add("conference", vUri(event.join_url), parameters=parameters)
    organizer = options.organizer or event.organizer
    if organizer is not None:
        vevent.add("organizer", _address(organizer))
    for person in options.attendees:
        vevent.add("attendee", _attendee(person))
    alarm_minutes = _alarm_minutes(event, options)
    if alarm_minutes is not None:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", labels.reminder)
        alarm.add("trigger", timedelta(minutes=-alarm_minutes))
        vevent.add_component(alarm)
    return vevent


def _cancelled(event: CalendarEvent, options: CalendarOptions) -> bool:
    return event.status == "cancelled" or options.method == "CANCEL"


def _alarm_minutes(event: CalendarEvent, options: CalendarOptions) -> int | None:
    """How long before the start the VALARM rings, or None for no VALARM: none when switched
    off, on a cancelled event, or when its moment is not after ``options.now`` (the event is
    over or about to start): clients ring such an alarm as soon as the file is read, or list
    it among missed reminders."""
    if options.alarm_minutes is None or _cancelled(event, options):
        return None
    if (options.now is not None
            and event.starts_at - timedelta(minutes=options.alarm_minutes) <= options.now):
        return None
    return options.alarm_minutes


def _description(event: CalendarEvent, options: CalendarOptions) -> str:
    """The organiser's text, a blank line, then the page link and any joining details."""
    labels = options.labels
    lines = [f"{labels.details}: {event.page_url}"]
    if event.join_url:
        lines.append(f"{labels.join}: {event.join_url}")
        if event.meeting_id:
            lines.append(f"{labels.meeting_id}: {event.meeting_id}")
        if event.passcode:
            lines.append(f"{labels.passcode}: {event.passcode}")
    footer = "\n".join(lines)
    text = event.description.rstrip()  # trailing blank lines only; the text itself is kept
    return f"{text}\n\n{footer}" if text else footer


def _location(event: CalendarEvent, options: CalendarOptions) -> str:
    """The join link itself (clickable in most apps) or the word "online" and the platform."""
    if event.join_url:
        return event.join_url
    if event.platform_label:
        return f"{options.labels.online} ({event.platform_label})"
    return options.labels.online


def _address(person: Person) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.email}")
    address.params["CN"] = parameter_text(person.name)
    return address


# A parameter value has no escapes in RFC 5545, and a DQUOTE cannot appear in it even quoted.
# RFC 6868 adds caret codes (^' for ", ^n for a line break, ^^ for ^), which icalendar writes
# and reads, but which vobject and libical 3 (Evolution, GNOME, KDE) show as they are:
# "^'Ümid^' Sosial İnkişafa Dəstək İctimai Birliyi". So no value is given a character that
# needs one: straight double quotes become the typographic pair “…” (the quotation marks of
# the service's own Azerbaijani and English texts; a name in quotes still reads as one), a
# caret the modifier letter ˆ that looks the same, and line breaks and other control
# characters a space. Commas, semicolons and colons need no change: the value is then quoted,
# which every reader undoes. What remains reads back identically in all three.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
_DOUBLE_QUOTE = re.compile(r'"([^"]*)"')


def parameter_text(value: str) -> str:
    """``value`` in a form every reader of a parameter value (CN=, LABEL=) reads back alike."""
    value = _CONTROL.sub(" ", value).replace("^", "ˆ")  # U+02C6
    value = _DOUBLE_QUOTE.sub(r"“\1”", value).replace('"', "”")
    return " ".join(value.split())


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)

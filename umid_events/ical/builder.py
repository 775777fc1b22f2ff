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
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import (
    Alarm,
    Calendar,
    Event,
    Timezone,
    vCalAddress,
    vCategory,
    vDDDTypes,
    vDuration,
    vInt,
    vText,
    vUri,
)
from icalendar.parser import Contentline
from icalendar.parser_tools import DEFAULT_ENCODING

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
    memoised by its own input, so a feed polled again re-serialises only what changed.
    """
    events = list(events)
    written = _head_bytes(options.name, options.method, options.timezone, options.refresh_minutes)
    timezone = _timezone_bytes(options.timezone, _first_year(events)) if events else b""
    vevents = b"".join(_vevent_bytes(event, options) for event in events)
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
    """The VEVENT's bytes, as ``build_vevent(event, options).to_ical()`` writes them, from parts
    memoised apart: the event's own properties (keyed by the event, the labels and the
    timezone), and the lines that many events or messages share, spliced in where icalendar
    writes them: the ORGANIZER (the same on every event of a feed), the addressee's ATTENDEE
    (one per invitation of a batch) and the VALARM (the same wherever it rings). A feed served
    cold, or a batch of invitations, thus builds and folds those lines once."""
    bare = _bare_vevent_bytes(replace(event, organizer=None), _bare_options(options))
    organizer = options.organizer or event.organizer
    attendees = b"".join(_attendee_bytes(person) for person in options.attendees)
    minutes = _alarm_minutes(event, options)
    alarm = _alarm_bytes(options.labels.reminder, minutes) if minutes is not None else b""
    return (bare.text[:bare.attendee_at] + attendees + bare.text[bare.attendee_at:bare.organizer_at]
            + (_organizer_bytes(organizer) if organizer is not None else b"")
            + bare.text[bare.organizer_at:-len(_END_VEVENT)] + alarm + _END_VEVENT)


_END_VEVENT = b"END:VEVENT\r\n"


@dataclass(frozen=True, slots=True)
class _BareVevent:
    """A VEVENT without ORGANIZER, ATTENDEE and VALARM, and where icalendar writes those two."""
    text: bytes
    attendee_at: int
    organizer_at: int


@lru_cache(maxsize=64)
def _bare_options(options: CalendarOptions) -> CalendarOptions:
    """What the event's own properties depend on: not the organiser, addressees or alarms."""
    return replace(options, organizer=None, attendees=(), alarm_minutes=None, now=None)


@lru_cache(maxsize=8192)
def _bare_vevent_bytes(event: CalendarEvent, options: CalendarOptions) -> _BareVevent:
    """``build_vevent(event, options).to_ical()`` for an event without organiser, addressees
    and alarm, written straight from its property list (no component built around it): the
    properties in icalendar's order, each content line folded by icalendar only when it is
    long enough to need folding. ``test_builder`` proves the bytes equal icalendar's own."""
    written = [_BEGIN_VEVENT]
    offset = len(_BEGIN_VEVENT)
    attendee_at = organizer_at = None
    for name, value in sorted(_properties(event, options), key=_writing_order):
        if attendee_at is None and _comes_after(name, "ATTENDEE"):
            attendee_at = offset
        if organizer_at is None and _comes_after(name, "ORGANIZER"):
            organizer_at = offset
        line = _content_line(name, value)
        written.append(line)
        offset += len(line)
    written.append(_END_VEVENT)
    return _BareVevent(b"".join(written), attendee_at or offset, organizer_at or offset)


_BEGIN_VEVENT = b"BEGIN:VEVENT\r\n"
_CANONICAL_ORDER = {name: index for index, name in enumerate(Event.canonical_order)}


def _writing_order(item: tuple[str, object]) -> tuple[int, str]:
    """icalendar's order of a component's properties: the canonical ones first, in that order,
    then the others by name."""
    name = item[0]
    return _CANONICAL_ORDER.get(name, len(_CANONICAL_ORDER)), name


def _comes_after(name: str, other: str) -> bool:
    """Whether icalendar writes property ``name`` after ``other`` (a non-canonical one)."""
    return name not in _CANONICAL_ORDER and name > other


def _content_line(name: str, value) -> bytes:
    """One property as icalendar writes it (``Contentline.to_ical``): a line shorter than 75
    octets is left as it is, which is what icalendar's character-by-character folding does
    with it too, only without walking it."""
    line = Contentline.from_parts(name, value.params, value, sorted=True)
    encoded = line.encode(DEFAULT_ENCODING)
    return (encoded if len(encoded) < _FOLD_AT else line.to_ical()) + b"\r\n"


_FOLD_AT = 75


@lru_cache(maxsize=4096)
def _attendee_bytes(person: Person) -> bytes:
    """The ATTENDEE content line(s) of one person, exactly as ``build_vevent`` writes them
    (icalendar's own content line, folded; without building a component around it)."""
    return _content_line("ATTENDEE", _attendee(person))


@lru_cache(maxsize=64)
def _organizer_bytes(person: Person) -> bytes:
    return _content_line("ORGANIZER", _address(person))


@lru_cache(maxsize=64)
def _alarm_bytes(description: str, minutes: int) -> bytes:
    return _alarm(description, minutes).to_ical()


def _alarm(description: str, minutes: int) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", description)
    alarm.add("trigger", timedelta(minutes=-minutes))
    return alarm


def _attendee(person: Person) -> vCalAddress:
    attendee = _address(person)
    attendee.params.update(ROLE="REQ-PARTICIPANT", PARTSTAT="NEEDS-ACTION",
                           RSVP="TRUE" if person.rsvp else "FALSE")
    return attendee


def build_vevent(event: CalendarEvent, options: CalendarOptions) -> Event:
    """Return the VEVENT for one event, its times written in ``options.timezone``."""
    vevent = Event()
    for name, value in _properties(event, options):
        vevent.add(name, value)
    organizer = options.organizer or event.organizer
    if organizer is not None:
        vevent.add("organizer", _address(organizer))
    for person in options.attendees:
        vevent.add("attendee", _attendee(person))
    alarm_minutes = _alarm_minutes(event, options)
    if alarm_minutes is not None:
        vevent.add_component(_alarm(options.labels.reminder, alarm_minutes))
    return vevent


def _properties(event: CalendarEvent, options: CalendarOptions) -> list[tuple[str, object]]:
    """The event's own properties as icalendar values (all but ORGANIZER, ATTENDEE and the
    VALARM, which depend on the reader and the moment rather than on the event)."""
    zone = ZoneInfo(options.timezone)
    status = "CANCELLED" if _cancelled(event, options) else STATUS_BY_EVENT_STATUS[event.status]
    properties = [
        ("SUMMARY", vText(event.title)),
        ("DTSTART", vDDDTypes(event.starts_at.astimezone(zone))),
        ("DTEND", vDDDTypes(event.ends_at.astimezone(zone))),
        ("DTSTAMP", vDDDTypes(_utc(event.updated_at))),
        ("UID", vText(event.uid)),
        ("SEQUENCE", vInt(event.sequence)),
        ("CREATED", vDDDTypes(_utc(event.created_at))),
        ("LAST-MODIFIED", vDDDTypes(_utc(event.updated_at))),
        ("URL", vUri(event.page_url)),
        ("STATUS", vText(status)),
        ("TRANSP", vText("OPAQUE")),
        ("DESCRIPTION", vText(_description(event, options))),
        ("LOCATION", vText(_location(event, options))),
    ]
    if event.categories:  # an empty list would still write an empty "CATEGORIES:" line
        properties.append(("CATEGORIES", vCategory(list(event.categories))))
    if event.join_url:
        # Not via icalendar's ``Conference``: it writes FEATURE="AUDIO,VIDEO" (one quoted value)
        # where RFC 7986 and real clients write the list FEATURE=AUDIO,VIDEO.
        properties.append(("CONFERENCE", vUri(event.join_url, params={
            "VALUE": "URI",
            "FEATURE": ["AUDIO", "VIDEO"],
            "LABEL": parameter_text(event.platform_label or options.labels.join),
        })))
    return properties


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

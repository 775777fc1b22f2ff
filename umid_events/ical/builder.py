"""The iCalendar (RFC 5545 / RFC 7986) writer: plain ``CalendarEvent`` data in, calendar bytes out.

Pure functions: no Flask, no database, no clock. The same input always gives the same bytes
(DTSTAMP is the event's ``updated_at``), so feeds can be cached and compared.

Privacy rule: the video link (``join_url``) is written only when the caller filled it in; a
public feed leaves it ``None`` and the link then appears nowhere in the output.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, Timezone, vCalAddress, vDuration, vUri

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
    written = _calendar_head(options).to_ical()
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
    calendar.add("x-wr-calname", options.name)
    calendar.add("name", options.name)
    calendar.add("x-wr-timezone", options.timezone)
    refresh = timedelta(minutes=options.refresh_minutes)
    # RFC 7986 requires VALUE=DURATION here (the ``refresh_interval`` setter leaves it out).
    calendar.add("refresh-interval", vDuration(refresh), parameters={"VALUE": "DURATION"})
    # A bare timedelta on an X- property would be written as text ("1:00:00").
    calendar.add("x-published-ttl", vDuration(refresh))
    return calendar


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


@lru_cache(maxsize=8192)
def _vevent_bytes(event: CalendarEvent, options: CalendarOptions) -> bytes:
    return build_vevent(event, options).to_ical()


def build_vevent(event: CalendarEvent, options: CalendarOptions) -> Event:
    """Return the VEVENT for one event, its times written in ``options.timezone``."""
    zone = ZoneInfo(options.timezone)
    cancelled = event.status == "cancelled" or options.method == "CANCEL"
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
            "LABEL": event.platform_label or labels.join,
        }
        vevent.add("conference", vUri(event.join_url), parameters=parameters)
    if options.organizer is not None:
        vevent.add("organizer", _address(options.organizer))
    for person in options.attendees:
        attendee = _address(person)
        attendee.params.update(ROLE="REQ-PARTICIPANT", PARTSTAT="NEEDS-ACTION", RSVP="FALSE")
        vevent.add("attendee", attendee)
    if options.alarm_minutes is not None and not cancelled:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", labels.reminder)
        alarm.add("trigger", timedelta(minutes=-options.alarm_minutes))
        vevent.add_component(alarm)
    return vevent


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
    address.params["CN"] = person.name
    return address


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)

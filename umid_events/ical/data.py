"""What the calendar writer needs to know of an event: plain data, no ORM objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    rsvp: bool = False  # an ATTENDEE asked for an answer (RSVP=TRUE): a mailbox reads replies


@dataclass(frozen=True)
class CalendarEvent:
    uid: str                      # stable for the event's whole life, e.g. "…@umid-events"
    sequence: int                 # rises whenever the time, the link or the status changes
    title: str
    description: str              # plain text typed by the organiser (may hold anything)
    starts_at: datetime           # timezone-aware (UTC)
    ends_at: datetime             # timezone-aware (UTC)
    status: str                   # "draft" | "published" | "cancelled" | "held"
    page_url: str                 # absolute URL of the event's public page
    created_at: datetime          # timezone-aware
    updated_at: datetime          # timezone-aware; used for DTSTAMP and LAST-MODIFIED
    categories: tuple[str, ...] = ()   # e.g. the kind's label, the community, the district
    # Only filled when the viewer may see the video link (registered participant or staff):
    join_url: str | None = None
    platform_label: str | None = None  # "Zoom", "Google Meet", "Microsoft Teams", "Jitsi", …
    meeting_id: str | None = None
    passcode: str | None = None
    # Who holds the event (RFC 5546 requires ORGANIZER in every METHOD:PUBLISH calendar too);
    # ``CalendarOptions.organizer``, when given, takes its place.
    organizer: Person | None = None


@dataclass(frozen=True)
class CalendarLabels:
    """Words the writer puts into DESCRIPTION, in the reader's language."""

    join: str = "Qoşulma keçidi"
    meeting_id: str = "İclas ID"
    passcode: str = "Şifrə"
    details: str = "Ətraflı məlumat"
    online: str = "Onlayn"
    reminder: str = "Tədbir tezliklə başlayır"


@dataclass(frozen=True)
class CalendarOptions:
    name: str                                   # X-WR-CALNAME / NAME
    timezone: str = "Asia/Baku"
    method: str | None = "PUBLISH"              # "PUBLISH" for feeds; "REQUEST"/"CANCEL" for mail
    alarm_minutes: int | None = 30              # a VALARM this long before the start; None: no alarm
    refresh_minutes: int = 60                   # REFRESH-INTERVAL / X-PUBLISHED-TTL for feeds
    labels: CalendarLabels = field(default_factory=CalendarLabels)
    organizer: Person | None = None             # for invitations; else each event's own
    attendees: tuple[Person, ...] = ()
    # When the calendar is written: an alarm whose moment is not after it is left out (a client
    # would ring it at once, or list it as missed). None writes every alarm (fixed output).
    now: datetime | None = None

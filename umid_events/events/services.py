"""Scheduling events: create, edit, duplicate, publish, cancel, mark as held. Callers commit.

SEQUENCE (the calendar's version of an event) rises whenever the time, the video link or the
status changes, so calendar apps replace the entry they hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.exc import StaleDataError

from ..core.aztext import ordinal
from ..core.errors import DomainError
from ..core.types import utcnow
from ..directory.models import Community
from ..extensions import db
from ..invitations.services import record_event_change
from ..programmes.models import Programme
from .kinds import EventKind, EventStatus, LinkVisibility, Platform
from .links import MeetingLink, new_jitsi_room, recognise_meeting
from .models import Event

DEFAULT_DURATIONS = {
    EventKind.CONSULTATION: timedelta(minutes=90),
    EventKind.TRAINING: timedelta(minutes=120),
    EventKind.SEMINAR: timedelta(minutes=180),
}
CALENDAR_FIELDS = {"starts_at", "ends_at", "meeting_url", "meeting_id", "meeting_passcode", "status"}


class EventIsFinal(DomainError):
    def __init__(self):
        super().__init__(_l("A cancelled or held event can no longer be changed."))


class StaleEvent(DomainError):
    def __init__(self):
        super().__init__(_l("Someone else changed this event while you were editing it. "
                            "Your changes were not saved; please review the event and try again."))


class CommunityRequired(DomainError):
    def __init__(self):
        super().__init__(_l("Consultations and trainings belong to a community: choose one."))


class EndsBeforeStart(DomainError):
    def __init__(self):
        super().__init__(_l("The event must end after it starts."))


class NotStartedYet(DomainError):
    def __init__(self):
        super().__init__(_l("An event can be marked as held only once it has started."))


class WrongState(DomainError):
    def __init__(self):
        super().__init__(_l("This cannot be done to the event in its current state."))


@dataclass(frozen=True)
class EventDetails:
    """What an organiser fills in for an event; empty title and end take the kind's defaults."""

    kind: EventKind
    community_id: int | None
    starts_at: datetime
    ends_at: datetime | None = None
    title: str = ""
    description: str = ""
    meeting_url: str | None = None
    meeting_id: str | None = None
    meeting_passcode: str | None = None
    link_visibility: LinkVisibility = LinkVisibility.PARTICIPANTS
    join_opens_minutes: int = 15
    capacity: int | None = None
    registration_opens_at: datetime | None = None
    registration_closes_at: datetime | None = None
    reminder_minutes: str = "1440,60"
    certificates_enabled: bool = False


# --- titles and plan slots -----------------------------------------------------------------

def next_number(programme_id: int, kind: EventKind, community_id: int | None,
                exclude_id: int | None = None) -> int:
    """The place in the plan the next event of this kind (and community) fills: 1, 2, …"""
    query = sa.select(sa.func.count(Event.id)).where(
        Event.programme_id == programme_id, Event.kind == kind,
        Event.status != EventStatus.CANCELLED,
    )
    if kind.needs_community:
        query = query.where(Event.community_id == community_id)
    if exclude_id:
        query = query.where(Event.id != exclude_id)
    return db.session.scalar(query) + 1


def default_title(kind: EventKind, community: Community | None, number: int) -> str:
    if kind is EventKind.CONSULTATION:
        return f"Praktik məsləhət: {community.name}, {ordinal(number)} görüş"
    if kind is EventKind.TRAINING:
        return f"Elektron hökumət portalından istifadə: {community.name}"
    return f"Seminar: Hökumət və vətəndaş cəmiyyəti dialoqu, {ordinal(number)} seminar"


# --- create and edit -----------------------------------------------------------------------

def _checked_fields(programme_id: int, details: EventDetails, jitsi_server: str,
                    exclude_id: int | None = None) -> dict:
    if details.kind.needs_community and not details.community_id:
        raise CommunityRequired()
    community = db.session.get(Community, details.community_id) if details.kind.needs_community else None
    ends_at = details.ends_at or details.starts_at + DEFAULT_DURATIONS[details.kind]
    if ends_at <= details.starts_at:
        raise EndsBeforeStart()
    link = recognise_meeting(details.meeting_url, jitsi_server) if details.meeting_url else None
    title = details.title.strip() or default_title(
        details.kind, community, next_number(programme_id, details.kind, details.community_id, exclude_id))
    return {
        "kind": details.kind,
        "community_id": community.id if community else None,
        "title": title,
        "description": details.description.strip(),
        "starts_at": details.starts_at,
        "ends_at": ends_at,
        **_link_fields(link, details.meeting_id, details.meeting_passcode),
        "link_visibility": details.link_visibility,
        "join_opens_minutes": details.join_opens_minutes,
        "capacity": details.capacity,
        "registration_opens_at": details.registration_opens_at,
        "registration_closes_at": details.registration_closes_at,
        "reminder_minutes": details.reminder_minutes,
        "certificates_enabled": details.certificates_enabled,
    }


def _link_fields(link: MeetingLink | None, meeting_id: str | None, passcode: str | None) -> dict:
    if link is None:
        return {"meeting_url": None, "meeting_platform": None, "meeting_id": None,
                "meeting_passcode": None}
    return {"meeting_url": link.url, "meeting_platform": link.platform,
            "meeting_id": (meeting_id or "").strip() or link.meeting_id,
            "meeting_passcode": (passcode or "").strip() or link.passcode}


def create_event(programme: Programme, details: EventDetails, *, actor, jitsi_server: str) -> Event:
    event = Event(programme_id=programme.id, status=EventStatus.DRAFT,
                  **_checked_fields(programme.id, details, jitsi_server))
    db.session.add(event)
    db.session.flush()
    return event


def update_event(event: Event, details: EventDetails, *, actor, expected_version: int,
                 jitsi_server: str) -> set[str]:
    """Save an organiser's edit; returns the names of the fields that changed."""
    if event.status.is_final:
        raise EventIsFinal()
    if event.version != expected_version:
        raise StaleEvent()
    return _apply(event, _checked_fields(event.programme_id, details, jitsi_server, event.id))


def _apply(event: Event, fields: dict) -> set[str]:
    changed = {name for name, value in fields.items() if getattr(event, name) != value}
    for name in changed:
        setattr(event, name, fields[name])
    if changed & CALENDAR_FIELDS:
        event.sequence += 1
    if changed:
        try:
            db.session.flush()
        except StaleDataError as exc:  # a concurrent save got there first
            raise StaleEvent() from exc
        record_event_change(event, changed)
    return changed


def create_jitsi_room(event: Event, *, actor, jitsi_server: str) -> set[str]:
    if event.status.is_final:
        raise EventIsFinal()
    return _apply(event, _link_fields(new_jitsi_room(jitsi_server), None, None))


def duplicate_event(event: Event, *, actor, jitsi_server: str) -> Event:
    """A new draft one week later, titled for its own place in the plan; a Jitsi room is new."""
    shift = timedelta(days=7)
    link = (new_jitsi_room(jitsi_server) if event.meeting_platform == Platform.JITSI
            else recognise_meeting(event.meeting_url, jitsi_server) if event.meeting_url else None)
    community = event.community if event.kind.needs_community else None
    copy = Event(
        programme_id=event.programme_id, kind=event.kind, community_id=event.community_id,
        status=EventStatus.DRAFT, description=event.description,
        title=default_title(event.kind, community,
                            next_number(event.programme_id, event.kind, event.community_id)),
        starts_at=event.starts_at + shift, ends_at=event.ends_at + shift,
        link_visibility=event.link_visibility, join_opens_minutes=event.join_opens_minutes,
        capacity=event.capacity, certificates_enabled=event.certificates_enabled,
        **_link_fields(link, event.meeting_id if link and link.platform != Platform.JITSI else None,
                       event.meeting_passcode if link and link.platform != Platform.JITSI else None),
    )
    db.session.add(copy)
    db.session.flush()
    return copy


# --- state changes -------------------------------------------------------------------------

def publish_event(event: Event, *, actor) -> set[str]:
    if event.status != EventStatus.DRAFT:
        raise WrongState()
    return _apply(event, {"status": EventStatus.PUBLISHED})


def cancel_event(event: Event, *, actor) -> set[str]:
    if event.status.is_final:
        raise EventIsFinal()
    return _apply(event, {"status": EventStatus.CANCELLED})


def mark_event_held(event: Event, *, actor, now: datetime | None = None) -> set[str]:
    if event.status != EventStatus.PUBLISHED:
        raise WrongState()
    if (now or utcnow()) < event.starts_at:
        raise NotStartedYet()
    return _apply(event, {"status": EventStatus.HELD})


# --- questions asked of an event -----------------------------------------------------------

def find_overlaps(event: Event) -> list[Event]:
    """Other live events of the same community whose times overlap this one's."""
    if event.community_id is None or event.status == EventStatus.CANCELLED:
        return []
    return list(db.session.scalars(
        sa.select(Event).where(
            Event.community_id == event.community_id, Event.id != event.id,
            Event.status != EventStatus.CANCELLED,
            Event.starts_at < event.ends_at, Event.ends_at > event.starts_at,
        ).order_by(Event.starts_at)
    ))


def join_state(event: Event, now: datetime | None = None) -> str:
    """"soon" before the join window, "open" inside it, "over" after; "cancelled" if so."""
    if event.status == EventStatus.CANCELLED:
        return "cancelled"
    now = now or utcnow()
    opens, closes = event.join_window()
    if now < opens:
        return "soon"
    return "open" if now <= closes else "over"

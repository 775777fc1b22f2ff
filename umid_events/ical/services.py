"""Calendar feeds and files: which events, with or without the video link, and their validators.

The writer (``builder``) is a pure function of ``CalendarEvent`` values; this module turns
events into those values for a given reader. The video link goes in only for readers allowed to
see it (staff; registered participants through their personal link).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from email.utils import parseaddr
from functools import lru_cache

import sqlalchemy as sa
from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from ..auth.models import User
from ..core.timefmt import current_language
from ..core.types import utcnow
from ..directory.models import Community
from ..events import queries
from ..events.kinds import LinkVisibility
from ..events.labels import KIND_LABELS
from ..events.links import PLATFORM_LABELS
from ..events.models import Event
from ..extensions import db
from ..programmes.models import Programme
from .builder import build_calendar
from .data import CalendarEvent, CalendarLabels, CalendarOptions
from .data import Person as CalendarPerson

# Bump when the writer's output changes, so that clients' cached copies are replaced.
RENDER_VERSION = "2"  # 2: ORGANIZER on feeds, escaped calendar names, no past alarms


def calendar_labels() -> CalendarLabels:
    return _calendar_labels(current_language())


@lru_cache(maxsize=8)
def _calendar_labels(language: str) -> CalendarLabels:
    """Translated once per language (a batch of invitations asks for them for every message)."""
    with force_locale(language):
        return CalendarLabels(join=_("Join link"), meeting_id=_("Meeting ID"), passcode=_("Passcode"),
                              details=_("Details"), online=_("Online"),
                              reminder=_("The event starts soon"))


def sender_address() -> str:
    """The address of MAIL_DEFAULT_SENDER ("Ümid Events <umid@…>", or a (name, address) pair)."""
    sender = current_app.config.get("MAIL_DEFAULT_SENDER") or "umid-events@localhost"
    if isinstance(sender, (tuple, list)):
        return sender[1]
    return _address_of(sender)


@lru_cache(maxsize=8)
def _address_of(sender: str) -> str:
    return parseaddr(sender)[1] or sender  # uncached, a fifth of a feed's time (once an event)


def organizer_of(programme: Programme) -> CalendarPerson:
    """The ORGANIZER of the programme's events (RFC 5546 requires one in every PUBLISH too):
    the organisation's name at the service's sending address."""
    return _person(programme.organisation_name, sender_address())


@lru_cache(maxsize=64)
def _person(name: str, email: str) -> CalendarPerson:
    return CalendarPerson(name, email)


def to_calendar_event(event: Event, *, with_link: bool) -> CalendarEvent:
    community = event.community
    categories = tuple(str(part) for part in (
        KIND_LABELS[event.kind], community.name if community else None,
        community.district.name if community else None) if part)
    link = {}
    if with_link and event.meeting_url:
        link = {"join_url": event.meeting_url,
                "platform_label": str(PLATFORM_LABELS[event.meeting_platform])
                if event.meeting_platform else None,
                "meeting_id": event.meeting_id, "passcode": event.meeting_passcode}
    return CalendarEvent(
        uid=event.uid, sequence=event.sequence, title=event.title,
        description=event.description or "", starts_at=event.starts_at, ends_at=event.ends_at,
        status=event.status.value,
        page_url=url_for("public.event", token=event.public_token, _external=True),
        created_at=event.created_at, updated_at=event.updated_at, categories=categories,
        organizer=organizer_of(event.programme), **link,
    )


def participant_may_see_link(event: Event) -> bool:
    return event.link_visibility == LinkVisibility.PARTICIPANTS


def publish_options(name: str) -> CalendarOptions:
    """How feeds, downloads and the file a confirmation carries are written (METHOD:PUBLISH,
    labels in the current language, alarms only where their moment is still to come)."""
    return CalendarOptions(name=name, labels=calendar_labels(), now=utcnow())


def render_calendar(events, *, name: str, with_link: bool) -> bytes:
    return build_calendar([to_calendar_event(event, with_link=with_link) for event in events],
                          publish_options(name))


def invitation_calendar(event: Event, *, to_name: str, to_email: str, method: str,
                        with_link: bool, rsvp_address: str | None = None) -> bytes:
    """The calendar part of a mailed invitation, update (METHOD:REQUEST) or cancellation
    (METHOD:CANCEL), addressed to one person, with the programme as ORGANIZER. With an
    ``rsvp_address`` the ORGANIZER is that mailbox and the ATTENDEE is asked for an answer
    (RSVP=TRUE), which the worker reads there; a METHOD:PUBLISH invitation (no mailbox to
    answer to) names no ATTENDEE, so that calendars show no Yes / No buttons."""
    organizer = organizer_of(event.programme)
    if rsvp_address:
        organizer = _person(organizer.name, rsvp_address)
    attendees = () if method == "PUBLISH" else (CalendarPerson(to_name, to_email, rsvp=bool(rsvp_address)),)
    options = CalendarOptions(name=event.title, method=method, labels=calendar_labels(), now=utcnow(),
                              organizer=organizer, attendees=attendees)
    return build_calendar([to_calendar_event(event, with_link=with_link)], options)


# --- the public programme feed -------------------------------------------------------------

def _feed_query(programme: Programme, filters: queries.EventFilters) -> sa.Select:
    return queries.filtered(programme, filters, public=True)


def feed_validators(programme: Programme, filters: queries.EventFilters,
                    now: datetime | None = None) -> tuple[str, datetime | None]:
    """(ETag, Last-Modified) of the public feed, from one small aggregate query. The feed also
    changes when an event's alarm moment passes (its VALARM is left out from then on), so the
    number of such events is part of the ETag."""
    subquery = _feed_query(programme, filters).subquery()
    alarm_passed = (now or utcnow()) + timedelta(minutes=CalendarOptions.alarm_minutes)
    count, newest, top, without_alarm = db.session.execute(
        sa.select(sa.func.count(), sa.func.max(subquery.c.updated_at), sa.func.max(subquery.c.id),
                  sa.func.count(sa.case((subquery.c.starts_at <= alarm_passed, 1))))
    ).one()
    basis = "|".join(map(str, (RENDER_VERSION, programme.id, programme.name,
                               programme.organisation_name, count, newest, top, without_alarm,
                               sorted(filters.as_args().items()), current_language())))
    return hashlib.sha256(basis.encode()).hexdigest()[:32], newest


def public_feed(programme: Programme, filters: queries.EventFilters) -> bytes:
    events = db.session.scalars(
        _feed_query(programme, filters).order_by(Event.starts_at, Event.id)
        .options(selectinload(Event.community).selectinload(Community.district))
    )
    return render_calendar(events, name=programme.name, with_link=False)


# --- staff: one event, and a personal feed -------------------------------------------------

def staff_feed(user: User) -> bytes:
    events = db.session.scalars(
        sa.select(Event).order_by(Event.starts_at, Event.id)
        .options(selectinload(Event.community).selectinload(Community.district),
                 selectinload(Event.programme))
    )
    return render_calendar(events, name=f"Ümid Events — {user.full_name}", with_link=True)


def find_feed_owner(token: str) -> User | None:
    if not token or len(token) > 64:
        return None
    user = db.session.scalar(sa.select(User).where(User.calendar_token == token))
    return user if user and user.active else None


def reset_calendar_token(user: User) -> str:
    """A new secret feed address for the user; the old one stops working at once."""
    user.calendar_token = secrets.token_urlsafe(32)
    db.session.flush()
    return user.calendar_token

"""Calendar feeds and files: which events, with or without the video link, and their validators.

The writer (``builder``) is a pure function of ``CalendarEvent`` values; this module turns
events into those values for a given reader. The video link goes in only for readers allowed to
see it (staff; registered participants through their personal link).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from functools import lru_cache

import sqlalchemy as sa
from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from ..auth.models import User
from ..core.timefmt import current_language
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
RENDER_VERSION = "1"


def calendar_labels() -> CalendarLabels:
    return _calendar_labels(current_language())


@lru_cache(maxsize=8)
def _calendar_labels(language: str) -> CalendarLabels:
    """Translated once per language (a batch of invitations asks for them for every message)."""
    with force_locale(language):
        return CalendarLabels(join=_("Join link"), meeting_id=_("Meeting ID"), passcode=_("Passcode"),
                              details=_("Details"), online=_("Online"),
                              reminder=_("The event starts soon"))


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
        created_at=event.created_at, updated_at=event.updated_at, categories=categories, **link,
    )


def participant_may_see_link(event: Event) -> bool:
    return event.link_visibility == LinkVisibility.PARTICIPANTS


def render_calendar(events, *, name: str, with_link: bool) -> bytes:
    options = CalendarOptions(name=name, labels=calendar_labels())
    return build_calendar([to_calendar_event(event, with_link=with_link) for event in events],
                          options)


def invitation_calendar(event: Event, *, to_name: str, to_email: str, method: str,
                        with_link: bool) -> bytes:
    """The calendar part of a mailed invitation, update (METHOD:REQUEST) or cancellation
    (METHOD:CANCEL), addressed to one person, with the programme as ORGANIZER."""
    sender = current_app.config["MAIL_DEFAULT_SENDER"]
    options = CalendarOptions(
        name=event.title, method=method, labels=calendar_labels(),
        organizer=CalendarPerson(event.programme.organisation_name, sender),
        attendees=(CalendarPerson(to_name, to_email),))
    return build_calendar([to_calendar_event(event, with_link=with_link)], options)


# --- the public programme feed -------------------------------------------------------------

def _feed_query(programme: Programme, filters: queries.EventFilters) -> sa.Select:
    return queries.filtered(programme, filters, public=True)


def feed_validators(programme: Programme, filters: queries.EventFilters) -> tuple[str, datetime | None]:
    """(ETag, Last-Modified) of the public feed, from one small aggregate query."""
    subquery = _feed_query(programme, filters).subquery()
    count, newest, top = db.session.execute(
        sa.select(sa.func.count(), sa.func.max(subquery.c.updated_at), sa.func.max(subquery.c.id))
    ).one()
    basis = "|".join(map(str, (RENDER_VERSION, programme.id, programme.name, count, newest, top,
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
        .options(selectinload(Event.community).selectinload(Community.district))
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

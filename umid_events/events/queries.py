"""Which events a list, a month or a calendar feed shows, by the same filters everywhere."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from ..core.queries import enum_arg, int_arg
from ..core.types import utcnow
from ..directory.models import Community
from ..extensions import db
from ..programmes.models import Programme
from .kinds import EventKind, EventStatus
from .models import Event

PUBLIC_STATUSES = (EventStatus.PUBLISHED, EventStatus.HELD, EventStatus.CANCELLED)
PAGE_SIZE = 30


@dataclass(frozen=True)
class EventFilters:
    district_id: int | None = None
    community_id: int | None = None
    kind: EventKind | None = None
    status: EventStatus | None = None     # staff lists only
    when: str | None = None               # "upcoming" | "past" | None (all)
    page: int = 1

    @classmethod
    def from_args(cls, args, *, staff: bool = False) -> EventFilters:
        when = args.get("when")
        return cls(
            district_id=int_arg(args.get("district")),
            community_id=int_arg(args.get("community")),
            kind=enum_arg(args.get("kind"), EventKind),
            status=enum_arg(args.get("status"), EventStatus) if staff else None,
            when=when if when in ("upcoming", "past") else None,
            page=max(int_arg(args.get("page")) or 1, 1),
        )

    def as_args(self, **changes) -> dict:
        """The query-string form of these filters (for links that keep them)."""
        current = replace(self, **changes)
        values = {"district": current.district_id, "community": current.community_id,
                  "kind": current.kind.value if current.kind else None,
                  "status": current.status.value if current.status else None,
                  "when": current.when, "page": current.page if current.page > 1 else None}
        return {key: value for key, value in values.items() if value is not None}


def filtered(programme: Programme, filters: EventFilters, *, public: bool) -> sa.Select:
    query = sa.select(Event).where(Event.programme_id == programme.id)
    if public:
        query = query.where(Event.status.in_(PUBLIC_STATUSES))
    if filters.status:
        query = query.where(Event.status == filters.status)
    if filters.kind:
        query = query.where(Event.kind == filters.kind)
    if filters.community_id:
        query = query.where(Event.community_id == filters.community_id)
    if filters.district_id:
        query = query.where(Event.community_id.in_(
            sa.select(Community.id).where(Community.district_id == filters.district_id)))
    now = utcnow()
    if filters.when == "upcoming":
        query = query.where(Event.ends_at >= now)
    elif filters.when == "past":
        query = query.where(Event.ends_at < now)
    return query


def _with_places(query: sa.Select) -> sa.Select:
    return query.options(selectinload(Event.community).selectinload(Community.district))


def list_events(programme: Programme, filters: EventFilters, *, public: bool = False,
                page_size: int = PAGE_SIZE) -> list[Event]:
    order = Event.starts_at.desc() if filters.when == "past" else Event.starts_at
    query = _with_places(filtered(programme, filters, public=public).order_by(order, Event.id))
    query = query.limit(page_size + 1).offset((filters.page - 1) * page_size)
    return list(db.session.scalars(query))


def events_between(programme: Programme, filters: EventFilters, start: date, end: date, zone,
                   *, public: bool) -> list[Event]:
    """Events starting on the local days [start, end), for the month calendar."""
    lower = datetime.combine(start, datetime.min.time(), tzinfo=zone)
    upper = datetime.combine(end, datetime.min.time(), tzinfo=zone)
    query = filtered(programme, replace(filters, when=None), public=public).where(
        Event.starts_at >= lower, Event.starts_at < upper).order_by(Event.starts_at)
    return list(db.session.scalars(_with_places(query)))


def find_public_event(token: str) -> Event | None:
    if not token or len(token) > 32:
        return None
    return db.session.scalar(_with_places(
        sa.select(Event).where(Event.public_token == token, Event.status.in_(PUBLIC_STATUSES))))


def month_bounds(month: str | None, today: date) -> tuple[date, date]:
    """``"2026-11"`` → the first day of that month and of the next; bad input → this month."""
    try:
        year, number = (int(part) for part in (month or "").split("-"))
        first = date(year, number, 1)
    except ValueError:
        first = today.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following

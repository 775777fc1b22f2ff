"""What the outbox page lists: messages by status, kind and event, newest first."""

from __future__ import annotations

from dataclasses import dataclass, replace

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from ..core.queries import enum_arg, int_arg
from ..events.models import Event
from ..extensions import db
from .kinds import Channel, MessageKind, MessageStatus
from .models import OutgoingMessage

PAGE_SIZE = 50


@dataclass(frozen=True)
class OutboxFilters:
    status: MessageStatus | None = None
    kind: MessageKind | None = None
    event_id: int | None = None
    page: int = 1

    @classmethod
    def from_args(cls, args) -> OutboxFilters:
        return cls(
            status=enum_arg(args.get("status"), MessageStatus),
            kind=enum_arg(args.get("kind"), MessageKind),
            event_id=int_arg(args.get("event")),
            page=max(int_arg(args.get("page")) or 1, 1),
        )

    def as_args(self, **changes) -> dict:
        """The query-string form of these filters (for links that keep them)."""
        current = replace(self, **changes)
        values = {"status": current.status.value if current.status else None,
                  "kind": current.kind.value if current.kind else None,
                  "event": current.event_id,
                  "page": current.page if current.page > 1 else None}
        return {key: value for key, value in values.items() if value is not None}


def _scoped(query: sa.Select, filters: OutboxFilters, *, with_status: bool = True) -> sa.Select:
    if with_status and filters.status:
        query = query.where(OutgoingMessage.status == filters.status)
    if filters.kind:
        query = query.where(OutgoingMessage.kind == filters.kind)
    if filters.event_id:
        query = query.where(OutgoingMessage.event_id == filters.event_id)
    return query


def list_messages(filters: OutboxFilters, page_size: int = PAGE_SIZE) -> list[OutgoingMessage]:
    """One page, plus one more row when there is a next page."""
    query = _scoped(sa.select(OutgoingMessage), filters).order_by(OutgoingMessage.id.desc())
    query = query.offset((filters.page - 1) * page_size).limit(page_size + 1)
    return list(db.session.scalars(query))


def status_counts(filters: OutboxFilters) -> dict[MessageStatus, int]:
    """How many messages of each status match the other filters."""
    query = _scoped(sa.select(OutgoingMessage.status, sa.func.count(OutgoingMessage.id)),
                    filters, with_status=False).group_by(OutgoingMessage.status)
    counts = dict.fromkeys(MessageStatus, 0)
    counts.update({status: count for status, count in db.session.execute(query)})
    return counts


def events_with_messages() -> list[tuple[int, str]]:
    """``(id, title)`` of the events that caused mail, newest first (for the event filter)."""
    query = (sa.select(Event.id, Event.title)
             .where(Event.id.in_(sa.select(OutgoingMessage.event_id).distinct()))
             .order_by(Event.starts_at.desc()))
    return [(event_id, title) for event_id, title in db.session.execute(query)]


def unresent_failures(event_id: int | None = None) -> sa.Select:
    """Failed messages that nobody has sent again yet (oldest first)."""
    resend = aliased(OutgoingMessage)
    query = sa.select(OutgoingMessage).where(
        OutgoingMessage.status == MessageStatus.FAILED,
        ~sa.exists().where(resend.resent_from_id == OutgoingMessage.id),
    )
    if event_id is not None:
        query = query.where(OutgoingMessage.event_id == event_id)
    return query.order_by(OutgoingMessage.id)


def count_unresent_failures(event_id: int | None = None) -> int:
    query = sa.select(sa.func.count()).select_from(unresent_failures(event_id).subquery())
    return db.session.scalar(query)


def whatsapp_sent(event_id: int) -> dict[str, object]:
    """When a WhatsApp message was last sent to each phone number, for one event's pages."""
    rows = db.session.execute(
        sa.select(OutgoingMessage.to_phone, sa.func.max(OutgoingMessage.sent_at))
        .where(OutgoingMessage.event_id == event_id, OutgoingMessage.channel == Channel.WHATSAPP)
        .group_by(OutgoingMessage.to_phone)).all()
    return {phone: sent_at for phone, sent_at in rows}

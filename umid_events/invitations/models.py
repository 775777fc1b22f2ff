"""Invitations to an event, and notices that an event changed (both turned into mail by the
worker's producers, so the request that causes them only writes these rows)."""

from __future__ import annotations

import enum
import secrets
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.types import UTCDateTime, enum_column, utcnow
from ..extensions import db


def new_invitation_token() -> str:
    return secrets.token_urlsafe(16)


class Invitation(db.Model):
    """One person invited to one event; the personal link opens the registration pre-filled."""

    __tablename__ = "invitations"
    __table_args__ = (sa.UniqueConstraint("event_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id"), index=True)
    person_id: Mapped[int] = mapped_column(sa.ForeignKey("people.id"), index=True)
    token: Mapped[str] = mapped_column(sa.String(32), unique=True, default=new_invitation_token)
    language: Mapped[str] = mapped_column(sa.String(5), default="az")
    # The outbox message, once the worker has written it; None while it is still to be written.
    message_id: Mapped[int | None] = mapped_column(sa.ForeignKey("outgoing_messages.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    event = relationship("Event")
    person = relationship("Person")
    message = relationship("OutgoingMessage")


class NoticeKind(enum.StrEnum):
    UPDATE = "update"        # the time or the link changed: METHOD:REQUEST, SEQUENCE raised
    CANCEL = "cancel"        # METHOD:CANCEL


class EventNotice(db.Model):
    """"Tell everyone that this event changed", recorded with the change itself."""

    __tablename__ = "event_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id"), index=True)
    kind: Mapped[NoticeKind] = mapped_column(enum_column(NoticeKind))
    sequence: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)

    event = relationship("Event")

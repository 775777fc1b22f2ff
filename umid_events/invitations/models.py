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


class InvitationResponse(enum.StrEnum):
    """The invitee's answer from their calendar (an iTIP REPLY's PARTSTAT)."""

    ACCEPTED = "accepted"
    DECLINED = "declined"
    TENTATIVE = "tentative"


class Invitation(db.Model):
    """One person invited to one event, with a link to the registration form (which fills in
    nothing of them: the link may have been passed on)."""

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
    # The last answer given with the calendar's Yes / No / Maybe, and when.
    response: Mapped[InvitationResponse | None] = mapped_column(enum_column(InvitationResponse))
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    event = relationship("Event")
    person = relationship("Person")
    message = relationship("OutgoingMessage")


class ReplyOutcome(enum.StrEnum):
    """What became of one mail that reached the RSVP mailbox."""

    REGISTERED = "registered"              # a Yes: registered (or put on the waiting list)
    ALREADY_REGISTERED = "already_registered"  # a Yes from someone registered: link sent again
    DECLINED = "declined"                  # a No, noted on the invitation
    DECLINED_REGISTERED = "declined_registered"  # a No from someone registered: told how to cancel
    TENTATIVE = "tentative"                # a Maybe, noted
    CLOSED = "closed"                      # a Yes when registration was no longer possible: told
    UNMATCHED = "unmatched"                # no invitation of this event for this address
    UNKNOWN_EVENT = "unknown_event"        # the UID names no event of ours
    NOT_A_REPLY = "not_a_reply"            # a mail without a calendar reply: for a person to read
    UNREADABLE = "unreadable"              # a calendar reply that could not be parsed, or too large


class CalendarReply(db.Model):
    """One mail read from the RSVP mailbox and what it led to; its Message-ID makes reading the
    same mail twice (a worker that died before marking it read) change nothing."""

    __tablename__ = "calendar_replies"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_key: Mapped[str] = mapped_column(sa.String(250), unique=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    from_email: Mapped[str | None] = mapped_column(sa.String(254))
    subject: Mapped[str] = mapped_column(sa.String(300), default="")
    attendee_email: Mapped[str | None] = mapped_column(sa.String(254))
    partstat: Mapped[str | None] = mapped_column(sa.String(32))
    outcome: Mapped[ReplyOutcome] = mapped_column(enum_column(ReplyOutcome))
    event_id: Mapped[int | None] = mapped_column(sa.ForeignKey("events.id"), index=True)
    invitation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("invitations.id"), index=True)
    registration_id: Mapped[int | None] = mapped_column(sa.ForeignKey("registrations.id"))

    event = relationship("Event")
    invitation = relationship("Invitation")


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

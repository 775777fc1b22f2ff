"""The outbox: one row per outgoing message, written in the transaction of the action that causes
it and delivered by the job queue once that transaction has committed."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.types import UTCDateTime, enum_column, utcnow
from ..extensions import db
from .kinds import Channel, MessageKind, MessageStatus

CALENDAR_METHODS = ("REQUEST", "CANCEL", "PUBLISH")


class OutgoingMessage(db.Model):
    __tablename__ = "outgoing_messages"
    __table_args__ = (
        sa.CheckConstraint("attempts >= 0", name="attempts_not_negative"),
        sa.CheckConstraint(
            "calendar_method IS NULL OR calendar_method IN ('REQUEST', 'CANCEL', 'PUBLISH')",
            name="calendar_method_known",
        ),
        sa.CheckConstraint(
            "(channel = 'email' AND to_email IS NOT NULL) OR (channel <> 'email' AND to_phone IS NOT NULL)",
            name="addressed",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[MessageKind] = mapped_column(enum_column(MessageKind))
    status: Mapped[MessageStatus] = mapped_column(enum_column(MessageStatus), index=True)
    event_id: Mapped[int | None] = mapped_column(sa.ForeignKey("events.id"), index=True)
    template: Mapped[str] = mapped_column(sa.String(100))
    language: Mapped[str] = mapped_column(sa.String(5))

    # Mail has an address; an SMS (or a WhatsApp message an organiser sent) a phone number in
    # E.164 form, its text in ``text_body`` (``subject`` a one-line summary, ``html_body`` empty).
    channel: Mapped[Channel] = mapped_column(enum_column(Channel), default=Channel.EMAIL,
                                             server_default=Channel.EMAIL.value)
    to_email: Mapped[str | None] = mapped_column(sa.String(254))
    to_phone: Mapped[str | None] = mapped_column(sa.String(20))
    to_name: Mapped[str] = mapped_column(sa.String(200), default="")
    subject: Mapped[str] = mapped_column(sa.String(500))
    text_body: Mapped[str] = mapped_column(sa.Text)
    html_body: Mapped[str] = mapped_column(sa.Text)
    # An inline text/calendar alternative (an invitation); the same bytes usually travel as an
    # .ics attachment too.
    calendar_method: Mapped[str | None] = mapped_column(sa.String(16))
    calendar_data: Mapped[bytes | None] = mapped_column(sa.LargeBinary)
    # Bulk mail (invitations) carries List-Unsubscribe with this one-click address (RFC 8058).
    unsubscribe_url: Mapped[str | None] = mapped_column(sa.String(500))

    # Set once when the row is written, so that a message sent twice (only possible when a worker
    # dies between the SMTP server's "250 OK" and recording it) carries the same Message-ID and
    # mail clients can drop the copy.
    message_id_header: Mapped[str] = mapped_column(sa.String(250), unique=True)
    # Queueing again with the same key returns the existing row (the same reminder twice).
    dedupe_key: Mapped[str | None] = mapped_column(sa.String(200), unique=True)

    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(sa.Text)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    # Which delivery run holds the row while it is "sending", and since when.
    claim_token: Mapped[str | None] = mapped_column(sa.String(32), index=True)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    # A resend is a new row that points at the message it repeats; the old row keeps its history.
    resent_from_id: Mapped[int | None] = mapped_column(sa.ForeignKey("outgoing_messages.id"),
                                                       index=True)

    event = relationship("Event")
    created_by = relationship("User")
    resent_from: Mapped[OutgoingMessage | None] = relationship(
        remote_side=[id], back_populates="resends")
    resends: Mapped[list[OutgoingMessage]] = relationship(
        back_populates="resent_from", order_by="OutgoingMessage.id")
    attachments: Mapped[list[OutgoingAttachment]] = relationship(
        back_populates="message", order_by="OutgoingAttachment.position",
        cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return (f"<OutgoingMessage {self.id} {self.channel} {self.kind} to "
                f"{self.to_email or self.to_phone} {self.status}>")

    @property
    def sms_parts(self):
        """How an SMS travels: its encoding and how many segments it costs (None for mail)."""
        from .sms import sms_parts

        return sms_parts(self.text_body or "") if self.channel == Channel.SMS else None

    @property
    def recipient(self) -> str:
        """The address or the phone number, for people to read."""
        return self.to_email or self.to_phone or ""


class UnsubscribeVia(enum.StrEnum):
    ONE_CLICK = "one_click"  # the mail client's own "Unsubscribe" (RFC 8058 POST)
    PAGE = "page"            # the button on the unsubscribe page


class BulkMailAddress(db.Model):
    """An address that bulk mail (invitations) goes to: the random token of its unsubscribe
    link, and whether it has left. Transactional mail (one's own registration, reminders,
    answers) ignores this; every future invitation skips an address that has left."""

    __tablename__ = "bulk_mail_addresses"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)  # lower case
    token: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    unsubscribed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    unsubscribed_via: Mapped[UnsubscribeVia | None] = mapped_column(enum_column(UnsubscribeVia))


class OutgoingAttachment(db.Model):
    __tablename__ = "outgoing_message_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(
        sa.ForeignKey("outgoing_messages.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    filename: Mapped[str] = mapped_column(sa.String(255))
    content_type: Mapped[str] = mapped_column(sa.String(100))
    data: Mapped[bytes] = mapped_column(sa.LargeBinary)

    message: Mapped[OutgoingMessage] = relationship(back_populates="attachments")

    @property
    def size(self) -> int:
        return len(self.data or b"")

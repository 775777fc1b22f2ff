"""An online session of the programme: a consultation, a training or a seminar."""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.types import UTCDateTime, enum_column, utcnow
from ..extensions import db
from .kinds import EventKind, EventStatus, LinkVisibility, Platform

CHECK_IN_OPENS_MINUTES = 15
CHECK_IN_CLOSES_MINUTES = 30


def new_public_token() -> str:
    return secrets.token_urlsafe(12)


def new_registration_token() -> str:
    return secrets.token_urlsafe(8)  # short for posters and WhatsApp, still 64 random bits


def new_uid() -> str:
    return f"{uuid.uuid4()}@umid-events"


class Event(db.Model):
    __tablename__ = "events"
    __table_args__ = (
        sa.CheckConstraint(
            "kind = 'seminar' OR community_id IS NOT NULL", name="community_required"
        ),
        sa.CheckConstraint("ends_at > starts_at", name="ends_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_token: Mapped[str] = mapped_column(sa.String(32), unique=True, default=new_public_token)
    uid: Mapped[str] = mapped_column(sa.String(100), unique=True, default=new_uid)
    programme_id: Mapped[int] = mapped_column(sa.ForeignKey("programmes.id"), index=True)
    kind: Mapped[EventKind] = mapped_column(enum_column(EventKind))
    community_id: Mapped[int | None] = mapped_column(sa.ForeignKey("communities.id"), index=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[EventStatus] = mapped_column(
        enum_column(EventStatus), default=EventStatus.DRAFT
    )
    # The video meeting. The link is private: shown to registered participants and staff only.
    meeting_url: Mapped[str | None] = mapped_column(sa.String(1000))
    meeting_platform: Mapped[Platform | None] = mapped_column(enum_column(Platform))
    meeting_id: Mapped[str | None] = mapped_column(sa.String(100))
    meeting_passcode: Mapped[str | None] = mapped_column(sa.String(100))
    link_visibility: Mapped[LinkVisibility] = mapped_column(
        enum_column(LinkVisibility), default=LinkVisibility.PARTICIPANTS
    )
    join_opens_minutes: Mapped[int] = mapped_column(default=15)
    # Registration: its own short link, an optional window and capacity.
    registration_token: Mapped[str] = mapped_column(sa.String(16), unique=True,
                                                    default=new_registration_token)
    registration_opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    registration_closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    capacity: Mapped[int | None]
    # Attendance: present from this many minutes on; None means half of the event's length.
    attendance_threshold_minutes: Mapped[int | None]
    # Self check-in: the code the host reads out, and the token of the URL its QR code opens.
    check_in_code: Mapped[str | None] = mapped_column(sa.String(8))
    check_in_token: Mapped[str | None] = mapped_column(sa.String(32), unique=True)
    # Certificates of participation for the present participants (usually for trainings).
    certificates_enabled: Mapped[bool] = mapped_column(default=False)
    # Participants may send proposals from this moment (None: not open) until the other (None: no end).
    proposals_open_from: Mapped[datetime | None] = mapped_column(UTCDateTime())
    proposals_open_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Reminders with the join link, in minutes before the start ("1440,60": a day and an hour).
    reminder_minutes: Mapped[str] = mapped_column(sa.String(50), default="1440,60")
    # Confirmed registrations, kept by one conditional UPDATE so that simultaneous registrations
    # never exceed the capacity on any database (see registrations.services.take_seat).
    confirmed_count: Mapped[int] = mapped_column(default=0)
    # iCalendar SEQUENCE: raised whenever the time, the link or the status changes.
    sequence: Mapped[int] = mapped_column(default=0)
    # Optimistic locking: a save based on an older version is refused.
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow,
                                                 index=True)

    programme = relationship("Programme")
    community = relationship("Community")

    __mapper_args__ = {"version_id_col": version}

    @property
    def duration(self) -> timedelta:
        return self.ends_at - self.starts_at

    @property
    def reminder_offsets(self) -> list[int]:
        """Minutes before the start at which reminders go out, largest first."""
        values = {int(part) for part in (self.reminder_minutes or "").split(",") if part.strip().isdigit()}
        return sorted((value for value in values if 0 < value <= 10080), reverse=True)

    @property
    def presence_threshold(self) -> int:
        if self.attendance_threshold_minutes is not None:
            return self.attendance_threshold_minutes
        return int(self.duration.total_seconds() // 120)

    def check_in_window(self) -> tuple[datetime, datetime]:
        """When the check-in code works: shortly before the start until a while after the end."""
        return self.starts_at - timedelta(minutes=CHECK_IN_OPENS_MINUTES), \
            self.ends_at + timedelta(minutes=CHECK_IN_CLOSES_MINUTES)

    def join_window(self) -> tuple[datetime, datetime]:
        """When the participant's Join button is live: shortly before the start until the end."""
        return self.starts_at - timedelta(minutes=self.join_opens_minutes), self.ends_at

    def __str__(self) -> str:
        return self.title

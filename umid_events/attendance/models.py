"""Who really took part in an event, and for how long."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.types import UTCDateTime, enum_column, utcnow
from ..extensions import db


class AttendanceSource(enum.StrEnum):
    REPORT = "report"      # a video platform's attendance report
    MANUAL = "manual"      # marked by a moderator
    CHECK_IN = "check_in"  # the participant's own check-in


class AttendanceRecord(db.Model):
    """One person's attendance of one event; importing the same report again changes nothing."""

    __tablename__ = "attendance_records"
    __table_args__ = (sa.UniqueConstraint("event_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id"), index=True)
    person_id: Mapped[int] = mapped_column(sa.ForeignKey("people.id"), index=True)
    registration_id: Mapped[int | None] = mapped_column(sa.ForeignKey("registrations.id"))
    minutes: Mapped[int] = mapped_column(default=0)
    present: Mapped[bool] = mapped_column(default=False)
    source: Mapped[AttendanceSource] = mapped_column(enum_column(AttendanceSource))
    report_format: Mapped[str | None] = mapped_column(sa.String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    event = relationship("Event")
    person = relationship("Person")

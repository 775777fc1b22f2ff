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
    LINKED = "linked"      # a report's row an organiser linked to a person, or a walk-in


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
    # How the report named this person, so that the next import of the same file finds them
    # again even when they are not registered (walk-ins) or the organiser had to decide.
    report_key: Mapped[str | None] = mapped_column(sa.String(300))
    marked_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    event = relationship("Event")
    person = relationship("Person")


class AttendanceImport(db.Model):
    """An uploaded report, kept between its preview and the organiser's decision."""

    __tablename__ = "attendance_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id"), index=True)
    filename: Mapped[str] = mapped_column(sa.String(255))
    data: Mapped[bytes] = mapped_column(sa.LargeBinary)
    sha256: Mapped[str] = mapped_column(sa.String(64))
    uploaded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    applied_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The column mapping chosen by hand for a table no platform wrote (JSON text), if any.
    mapping: Mapped[str | None] = mapped_column(sa.Text)

    event = relationship("Event")

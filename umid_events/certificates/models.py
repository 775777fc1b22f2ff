"""A certificate of participation: one per person and event, verifiable at a random address."""

from __future__ import annotations

import enum
import secrets
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.types import UTCDateTime, enum_column, utcnow
from ..extensions import db

SERIAL_PREFIX = "ÜMİD"


class RevocationReason(enum.StrEnum):
    ORGANISER = "organiser"  # from the event's attendance page
    HOLDER = "holder"        # its holder erased the registration or all their data


def new_certificate_token() -> str:
    return secrets.token_urlsafe(16)


class Certificate(db.Model):
    """Issued to a present participant; revoking keeps the row (the verification page says so)."""

    __tablename__ = "certificates"
    __table_args__ = (
        sa.UniqueConstraint("event_id", "person_id"),
        sa.UniqueConstraint("series", "number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(sa.String(32), unique=True, default=new_certificate_token)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id"), index=True)
    person_id: Mapped[int] = mapped_column(sa.ForeignKey("people.id"), index=True)
    registration_id: Mapped[int | None] = mapped_column(sa.ForeignKey("registrations.id"))
    # The serial number printed on the certificate: ÜMİD-<series>-<number>, e.g. ÜMİD-2022-T-0007,
    # counted per year and kind of event.
    series: Mapped[str] = mapped_column(sa.String(20))
    number: Mapped[int]
    # The name as printed, kept as it was on the day of issue.
    name: Mapped[str] = mapped_column(sa.String(200))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    issued_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    revocation_reason: Mapped[RevocationReason | None] = mapped_column(enum_column(RevocationReason))

    event = relationship("Event")
    person = relationship("Person")

    @property
    def serial(self) -> str:
        return f"{SERIAL_PREFIX}-{self.series}-{self.number:04d}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def revoked_by_holder(self) -> bool:
        return self.is_revoked and self.revocation_reason == RevocationReason.HOLDER

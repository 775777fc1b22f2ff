"""A person's registration for an event, with its own secret link to a personal page."""

from __future__ import annotations

import enum
import secrets
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.types import UTCDateTime, enum_column, utcnow
from ..extensions import db


class RegistrationStatus(enum.StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"

    @classmethod
    def active(cls) -> tuple[RegistrationStatus, ...]:
        """Holding a seat or waiting for one."""
        return (cls.CONFIRMED, cls.WAITLISTED)


class ParticipantGroup(enum.StrEnum):
    """Who the participant is; the donor reports participation by these groups."""

    COMMUNITY_MEMBER = "community_member"
    MUNICIPALITY = "municipality"
    EXECUTIVE = "executive"
    NGO = "ngo"
    BUSINESS = "business"
    OTHER = "other"


class RegistrationSource(enum.StrEnum):
    SELF = "self"            # the participant, from the registration link
    MANUAL = "manual"        # an organiser, for someone who phoned in
    INVITATION = "invitation"


def new_personal_token() -> str:
    return secrets.token_urlsafe(24)


class Registration(db.Model):
    __tablename__ = "registrations"
    __table_args__ = (
        sa.UniqueConstraint("event_id", "person_id"),
        # Only the few registrations whose mail is still to be written are in this index.
        sa.Index("ix_registrations_confirmation_due", "confirmation_due_at",
                 postgresql_where=sa.text("confirmation_due_at IS NOT NULL"),
                 sqlite_where=sa.text("confirmation_due_at IS NOT NULL")),
        # An index rather than a constraint: SQLite adds one without copying the table.
        sa.Index("uq_registrations_submission_key", "submission_key", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id"), index=True)
    person_id: Mapped[int] = mapped_column(sa.ForeignKey("people.id"), index=True)
    personal_token: Mapped[str] = mapped_column(sa.String(64), unique=True,
                                                default=new_personal_token)
    status: Mapped[RegistrationStatus] = mapped_column(enum_column(RegistrationStatus))
    group: Mapped[ParticipantGroup] = mapped_column(enum_column(ParticipantGroup))
    organisation_name: Mapped[str | None] = mapped_column(sa.String(200))
    source: Mapped[RegistrationSource] = mapped_column(
        enum_column(RegistrationSource), default=RegistrationSource.SELF)
    consent_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Set when someone registers, cleared once the worker has written their confirmation (or
    # waiting-list) mail: the intent is saved with the registration, the mail is written after.
    confirmation_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The random key of the form that made it: the same form sent twice (a double tap on a slow
    # line) finds this registration and gets the same answer.
    submission_key: Mapped[str | None] = mapped_column(sa.String(43))
    # Made from a public form for someone already known by that name and contact: whoever typed
    # it proved nothing, so the personal link goes only to the contact on file, never on screen.
    for_known_person: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    event = relationship("Event")
    person = relationship("Person")

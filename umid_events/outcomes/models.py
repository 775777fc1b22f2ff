"""Outcome records the donor asks for, each tied to the programme it counts towards."""

from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, declared_attr, deferred, mapped_column, relationship

from ..core.types import UTCDateTime, enum_column, utcnow
from ..directory.models import OrganisationKind
from ..extensions import db


class PaidService(enum.StrEnum):
    UTILITIES = "utilities"    # electricity, gas, water
    PHONE = "phone"
    INTERNET = "internet"
    FINE = "fine"
    TAX = "tax"
    OTHER = "other"


class Confirmation(enum.StrEnum):
    RECEIPT = "receipt"          # the receipt was shown
    SCREENSHOT = "screenshot"    # a screenshot was sent
    PHONE_CALL = "phone_call"    # the family said so on a follow-up call
    VISIT = "visit"              # seen on a visit
    OTHER = "other"


class TerminalStatus(enum.StrEnum):
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    APPROVED = "approved"
    INSTALLED = "installed"
    REFUSED = "refused"


class PdfFileMixin:
    """An attached PDF kept in the database (letters, founding documents)."""

    file_name: Mapped[str | None] = mapped_column(sa.String(255))
    file_sha256: Mapped[str | None] = mapped_column(sa.String(64))
    file_size: Mapped[int | None]

    @declared_attr
    def file_pdf(cls) -> Mapped[bytes | None]:
        return deferred(mapped_column(sa.LargeBinary))


class PaymentFollowUp(db.Model):
    """A family that paid a bill or a fine through a portal after an e-government training.

    The household is represented by the person followed up; ``household`` names the family when
    it is more than that person. One payment (person, service, portal, day) is recorded once.
    """

    __tablename__ = "payment_follow_ups"
    __table_args__ = (sa.UniqueConstraint("person_id", "service", "portal", "paid_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(sa.ForeignKey("programmes.id"), index=True)
    person_id: Mapped[int] = mapped_column(sa.ForeignKey("people.id"), index=True)
    household: Mapped[str] = mapped_column(sa.String(200), default="")
    service: Mapped[PaidService] = mapped_column(enum_column(PaidService))
    portal: Mapped[str] = mapped_column(sa.String(100))
    paid_on: Mapped[date] = mapped_column(sa.Date)
    confirmation: Mapped[Confirmation] = mapped_column(enum_column(Confirmation))
    note: Mapped[str] = mapped_column(sa.Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    person = relationship("Person")


class TerminalApplication(PdfFileMixin, db.Model):
    """A community's application to an authority for an electronic payment terminal."""

    __tablename__ = "terminal_applications"
    __table_args__ = (sa.UniqueConstraint("community_id", "authority_id", "applied_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(sa.ForeignKey("programmes.id"), index=True)
    community_id: Mapped[int] = mapped_column(sa.ForeignKey("communities.id"))
    authority_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"))
    applied_on: Mapped[date] = mapped_column(sa.Date)
    status: Mapped[TerminalStatus] = mapped_column(enum_column(TerminalStatus),
                                                   default=TerminalStatus.SUBMITTED)
    note: Mapped[str] = mapped_column(sa.Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    community = relationship("Community")
    authority = relationship("Organisation")


class DialoguePlatform(PdfFileMixin, db.Model):
    """A local Government–Civil Society Dialogue Platform: one per district and programme."""

    __tablename__ = "dialogue_platforms"
    __table_args__ = (sa.UniqueConstraint("programme_id", "district_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(sa.ForeignKey("programmes.id"), index=True)
    district_id: Mapped[int] = mapped_column(sa.ForeignKey("districts.id"))
    name: Mapped[str] = mapped_column(sa.String(200))
    formed_on: Mapped[date] = mapped_column(sa.Date)
    note: Mapped[str] = mapped_column(sa.Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    district = relationship("District")
    members: Mapped[list[PlatformMembers]] = relationship(
        back_populates="platform", cascade="all, delete-orphan", order_by="PlatformMembers.kind")

    @property
    def member_count(self) -> int:
        return sum(row.count for row in self.members)


class PlatformMembers(db.Model):
    """How many members of one organisation kind sit on a dialogue platform."""

    __tablename__ = "platform_members"
    __table_args__ = (sa.UniqueConstraint("platform_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform_id: Mapped[int] = mapped_column(
        sa.ForeignKey("dialogue_platforms.id", ondelete="CASCADE"), index=True)
    kind: Mapped[OrganisationKind] = mapped_column(enum_column(OrganisationKind))
    count: Mapped[int]

    platform: Mapped[DialoguePlatform] = relationship(back_populates="members")


class KnowledgePhase(enum.StrEnum):
    BEFORE = "before"
    AFTER = "after"


class KnowledgeCheck(db.Model):
    """An optional short question set of one event, answered before and after it."""

    __tablename__ = "knowledge_checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id"), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    event = relationship("Event")
    questions: Mapped[list[KnowledgeQuestion]] = relationship(
        back_populates="check", cascade="all, delete-orphan", order_by="KnowledgeQuestion.position")


class KnowledgeQuestion(db.Model):
    """One question; ``options`` holds one choice a line, ``correct`` the index of the right one."""

    __tablename__ = "knowledge_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    check_id: Mapped[int] = mapped_column(sa.ForeignKey("knowledge_checks.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(sa.String(500))
    options: Mapped[str] = mapped_column(sa.Text)
    correct: Mapped[int]

    check: Mapped[KnowledgeCheck] = relationship(back_populates="questions")

    @property
    def choices(self) -> list[str]:
        return self.options.split("\n")


class KnowledgeAttempt(db.Model):
    """A participant's answers before or after the event: once per registration and phase."""

    __tablename__ = "knowledge_attempts"
    __table_args__ = (sa.UniqueConstraint("registration_id", "phase"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    check_id: Mapped[int] = mapped_column(sa.ForeignKey("knowledge_checks.id", ondelete="CASCADE"), index=True)
    registration_id: Mapped[int] = mapped_column(sa.ForeignKey("registrations.id", ondelete="CASCADE"))
    phase: Mapped[KnowledgePhase] = mapped_column(enum_column(KnowledgePhase))
    score: Mapped[int]
    total: Mapped[int]
    answers: Mapped[str] = mapped_column(sa.String(200), default="")  # chosen indexes, comma-separated
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

"""Proposals, their topics, the history of their status and the authorities' answers.

Other features (dossiers, the dashboard) read these models: keep the names stable.
"""

from __future__ import annotations

import enum
import secrets
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship, validates

from ..core.aztext import search_key
from ..core.types import UTCDateTime, enum_column, utcnow
from ..extensions import db
from ..registrations.models import ParticipantGroup


class ProposalStatus(enum.StrEnum):
    NEW = "new"                  # recorded or submitted, not yet sorted
    ACCEPTED = "accepted"        # accepted for a dossier
    MERGED = "merged"            # folded into another proposal
    DECLINED = "declined"        # not taken forward (with a reason)
    SENT = "sent"                # sent to the authority in a dossier
    ANSWERED = "answered"        # the authority answered
    IMPLEMENTED = "implemented"  # done


class ProposalOrigin(enum.StrEnum):
    PARTICIPANT = "participant"  # submitted by the participant from the event or personal page
    MODERATOR = "moderator"      # recorded by a moderator during the event
    LETTER = "letter"
    PHONE = "phone"


class AnswerOutcome(enum.StrEnum):
    ACCEPTED = "accepted"
    PARTLY = "partly"
    DECLINED = "declined"
    NO_REPLY = "no_reply"


def new_proposal_token() -> str:
    return secrets.token_urlsafe(12)


def title_from_text(text: str) -> str:
    """A short title from the first words of the text, for proposals typed without one."""
    first_line = " ".join(text.split())
    if len(first_line) <= 80:
        return first_line
    return first_line[:80].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


class ProposalTopic(db.Model):
    """One entry of the editable list of topics (utilities, roads and transport, …)."""

    __tablename__ = "proposal_topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str | None] = mapped_column(sa.String(40), unique=True)  # seeded topics only
    name: Mapped[str] = mapped_column(sa.String(120))       # Azerbaijani
    name_en: Mapped[str] = mapped_column(sa.String(120), default="")
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)       # retired topics keep their proposals
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def label(self, language: str = "az") -> str:
        return self.name_en if language == "en" and self.name_en else self.name

    def __str__(self) -> str:
        return self.name


class Proposal(db.Model):
    """A proposal: what someone asks an authority to do, where it came from, and where it stands.

    ``authority_id`` None means "to be decided". ``person_id`` None means anonymous: only
    ``proposer_group`` and ``community_id`` are known. ``show_name`` is the proposer's consent to
    show their name publicly. ``published`` is the moderation flag: participants' submissions wait
    (``published`` False, ``moderated_at`` None) until staff approve them.
    """

    __tablename__ = "proposals"
    __table_args__ = (sa.Index("ix_proposals_event_id_updated_at", "event_id", "updated_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    public_token: Mapped[str] = mapped_column(sa.String(32), unique=True, default=new_proposal_token)
    title: Mapped[str] = mapped_column(sa.String(200))
    text: Mapped[str] = mapped_column(sa.Text)
    search_text: Mapped[str] = mapped_column(sa.Text, default="")
    topic_id: Mapped[int | None] = mapped_column(sa.ForeignKey("proposal_topics.id"), index=True)
    authority_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    event_id: Mapped[int | None] = mapped_column(sa.ForeignKey("events.id"), index=True)
    origin: Mapped[ProposalOrigin] = mapped_column(enum_column(ProposalOrigin))
    person_id: Mapped[int | None] = mapped_column(sa.ForeignKey("people.id"), index=True)
    registration_id: Mapped[int | None] = mapped_column(sa.ForeignKey("registrations.id"))
    show_name: Mapped[bool] = mapped_column(default=False)
    proposer_group: Mapped[ParticipantGroup | None] = mapped_column(enum_column(ParticipantGroup))
    community_id: Mapped[int | None] = mapped_column(sa.ForeignKey("communities.id"), index=True)
    status: Mapped[ProposalStatus] = mapped_column(enum_column(ProposalStatus),
                                                   default=ProposalStatus.NEW, index=True)
    duplicate_of_id: Mapped[int | None] = mapped_column(sa.ForeignKey("proposals.id"))
    decline_reason: Mapped[str | None] = mapped_column(sa.Text)
    dossier_reference: Mapped[str | None] = mapped_column(sa.String(100))
    idempotency_key: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    published: Mapped[bool] = mapped_column(default=False)
    moderated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    # Optimistic locking: an edit based on an older version is refused.
    version: Mapped[int] = mapped_column(default=1)

    topic: Mapped[ProposalTopic | None] = relationship()
    authority = relationship("Organisation")
    event = relationship("Event")
    person = relationship("Person")
    community = relationship("Community")
    created_by = relationship("User")
    duplicate_of: Mapped[Proposal | None] = relationship(remote_side=[id])
    history: Mapped[list[ProposalStatusChange]] = relationship(
        back_populates="proposal", cascade="all, delete-orphan",
        order_by="ProposalStatusChange.changed_at, ProposalStatusChange.id")
    answers: Mapped[list[AuthorityAnswer]] = relationship(
        back_populates="proposal", cascade="all, delete-orphan",
        order_by="AuthorityAnswer.answered_on, AuthorityAnswer.id")

    __mapper_args__ = {"version_id_col": version}

    @validates("title", "text")
    def _keep_search_text(self, key, value):
        values = {"title": self.title, "text": self.text, key: value}
        self.search_text = search_key(" ".join(v for v in values.values() if v))
        return value

    @property
    def title_is_derived(self) -> bool:
        """True when the title is only the first words of the text (shown once, not twice)."""
        return self.title == title_from_text(self.text or "")

    @property
    def awaiting_moderation(self) -> bool:
        return self.moderated_at is None

    @property
    def latest_answer(self) -> AuthorityAnswer | None:
        return self.answers[-1] if self.answers else None

    def __str__(self) -> str:
        return self.title


class ProposalStatusChange(db.Model):
    """One change of a proposal's status: who, when, from, to, and a note."""

    __tablename__ = "proposal_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        sa.ForeignKey("proposals.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[ProposalStatus | None] = mapped_column(enum_column(ProposalStatus))
    to_status: Mapped[ProposalStatus] = mapped_column(enum_column(ProposalStatus))
    note: Mapped[str] = mapped_column(sa.Text, default="")
    changed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    proposal: Mapped[Proposal] = relationship(back_populates="history")
    changed_by = relationship("User")


class AuthorityAnswer(db.Model):
    """An authority's answer to a proposal, with the letter as a PDF kept in the database."""

    __tablename__ = "authority_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        sa.ForeignKey("proposals.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(sa.Text, default="")
    answered_on: Mapped[date] = mapped_column(sa.Date)
    outcome: Mapped[AnswerOutcome] = mapped_column(enum_column(AnswerOutcome))
    letter_filename: Mapped[str | None] = mapped_column(sa.String(255))
    letter_pdf: Mapped[bytes | None] = deferred(mapped_column(sa.LargeBinary))
    letter_sha256: Mapped[str | None] = mapped_column(sa.String(64))
    letter_size: Mapped[int | None]
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    proposal: Mapped[Proposal] = relationship(back_populates="answers")
    recorded_by = relationship("User")

"""A programme, its plan (sessions per community) and its outcome targets."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.types import UTCDateTime, enum_column, utcnow
from ..events.kinds import EventKind
from ..extensions import db


class Programme(db.Model):
    __tablename__ = "programmes"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    name: Mapped[str] = mapped_column(sa.String(300))
    name_en: Mapped[str | None] = mapped_column(sa.String(300))
    organisation_name: Mapped[str] = mapped_column(sa.String(300))
    donor_line: Mapped[str | None] = mapped_column(sa.Text)
    donor_line_en: Mapped[str | None] = mapped_column(sa.Text)
    starts_on: Mapped[date] = mapped_column(sa.Date)
    ends_on: Mapped[date] = mapped_column(sa.Date)
    is_demo: Mapped[bool] = mapped_column(default=False)
    # The public accountability page of proposals is shown only when this is on.
    proposals_public: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    quotas: Mapped[list[PlanQuota]] = relationship(
        back_populates="programme", cascade="all, delete-orphan"
    )
    targets: Mapped[list[Target]] = relationship(
        back_populates="programme", cascade="all, delete-orphan", order_by="Target.position"
    )

    def __str__(self) -> str:
        return self.name


class PlanQuota(db.Model):
    """How many sessions of one kind are planned: per community, or for the whole programme."""

    __tablename__ = "plan_quotas"
    __table_args__ = (sa.UniqueConstraint("programme_id", "community_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(sa.ForeignKey("programmes.id", ondelete="CASCADE"))
    community_id: Mapped[int | None] = mapped_column(sa.ForeignKey("communities.id"))
    kind: Mapped[EventKind] = mapped_column(enum_column(EventKind))
    planned: Mapped[int]

    programme: Mapped[Programme] = relationship(back_populates="quotas")


class Target(db.Model):
    """An outcome the programme promised, such as "200–300 community members reached"."""

    __tablename__ = "targets"
    __table_args__ = (sa.UniqueConstraint("programme_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(sa.ForeignKey("programmes.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(sa.String(60))
    label: Mapped[str] = mapped_column(sa.String(300))
    label_en: Mapped[str | None] = mapped_column(sa.String(300))
    minimum: Mapped[int]
    maximum: Mapped[int | None]
    position: Mapped[int] = mapped_column(default=0)

    programme: Mapped[Programme] = relationship(back_populates="targets")

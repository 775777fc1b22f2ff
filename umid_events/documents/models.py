"""The NGO's letterhead, press releases with their publication log, and issued dossiers."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from ..core.types import UTCDateTime, utcnow
from ..extensions import db

DEFAULT_REFERENCE_PATTERN = "{code}-{year}/{month}-{seq}"


class Letterhead(db.Model):
    """The one letterhead of the service (a single row): who writes, signs and numbers letters."""

    __tablename__ = "letterheads"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(300), default="")
    name_en: Mapped[str] = mapped_column(sa.String(300), default="")
    address: Mapped[str] = mapped_column(sa.String(300), default="")
    address_en: Mapped[str] = mapped_column(sa.String(300), default="")
    phone: Mapped[str] = mapped_column(sa.String(60), default="")
    email: Mapped[str] = mapped_column(sa.String(254), default="")
    website: Mapped[str] = mapped_column(sa.String(200), default="")
    signatory_name: Mapped[str] = mapped_column(sa.String(200), default="")
    signatory_title: Mapped[str] = mapped_column(sa.String(200), default="")
    signatory_title_en: Mapped[str] = mapped_column(sa.String(200), default="")
    programme_code: Mapped[str] = mapped_column(sa.String(40), default="ÜMİD")
    reference_pattern: Mapped[str] = mapped_column(sa.String(100), default=DEFAULT_REFERENCE_PATTERN)
    logo: Mapped[bytes | None] = deferred(mapped_column(sa.LargeBinary))
    logo_mimetype: Mapped[str | None] = mapped_column(sa.String(40))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class PressRelease(db.Model):
    """The press release of one event, in Azerbaijani and English, as the organiser last saved it.

    The texts may hold placeholders such as ``{date}``; only a text whose placeholders all resolve
    is saved, so the last good version is always the stored one.
    """

    __tablename__ = "press_releases"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id"), unique=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    body: Mapped[str] = mapped_column(sa.Text)
    title_en: Mapped[str] = mapped_column(sa.String(300))
    body_en: Mapped[str] = mapped_column(sa.Text)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    event = relationship("Event")
    publications: Mapped[list[PressPublication]] = relationship(
        back_populates="press_release", cascade="all, delete-orphan",
        order_by="PressPublication.published_on, PressPublication.id")

    __mapper_args__ = {"version_id_col": version}


class PressPublication(db.Model):
    """One place the press release appeared (the programme's media count reads these)."""

    __tablename__ = "press_publications"

    id: Mapped[int] = mapped_column(primary_key=True)
    press_release_id: Mapped[int] = mapped_column(
        sa.ForeignKey("press_releases.id", ondelete="CASCADE"), index=True)
    outlet: Mapped[str] = mapped_column(sa.String(200))
    url: Mapped[str] = mapped_column(sa.String(1000))
    published_on: Mapped[date] = mapped_column(sa.Date, index=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    press_release: Mapped[PressRelease] = relationship(back_populates="publications")


class Dossier(db.Model):
    """The proposals sent to one authority (optionally of one event, or of a period)."""

    __tablename__ = "dossiers"

    id: Mapped[int] = mapped_column(primary_key=True)
    authority_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    event_id: Mapped[int | None] = mapped_column(sa.ForeignKey("events.id"))
    period_start: Mapped[date | None] = mapped_column(sa.Date)
    period_end: Mapped[date | None] = mapped_column(sa.Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    authority = relationship("Organisation")
    event = relationship("Event")
    versions: Mapped[list[DossierVersion]] = relationship(
        back_populates="dossier", cascade="all, delete-orphan", order_by="DossierVersion.number")

    @property
    def latest(self) -> DossierVersion | None:
        return self.versions[-1] if self.versions else None


class DossierVersion(db.Model):
    """One issued, frozen version: the PDF and XLSX exactly as sent, with the PDF's SHA-256."""

    __tablename__ = "dossier_versions"
    __table_args__ = (sa.UniqueConstraint("dossier_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(sa.ForeignKey("dossiers.id", ondelete="CASCADE"),
                                            index=True)
    number: Mapped[int]
    reference: Mapped[str] = mapped_column(sa.String(100), unique=True)
    proposal_ids: Mapped[list] = mapped_column(sa.JSON)
    proposal_count: Mapped[int]
    pdf: Mapped[bytes] = deferred(mapped_column(sa.LargeBinary, nullable=False))
    pdf_sha256: Mapped[str] = mapped_column(sa.String(64))
    pdf_size: Mapped[int]
    xlsx: Mapped[bytes] = deferred(mapped_column(sa.LargeBinary, nullable=False))
    issued_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)

    dossier: Mapped[Dossier] = relationship(back_populates="versions")
    issued_by = relationship("User")

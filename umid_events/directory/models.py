"""Where the programme works and who takes part: districts, communities, organisations, people."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from ..core.aztext import search_key, sort_key
from ..core.types import UTCDateTime, enum_column, utcnow
from ..extensions import db
from ..notifications.kinds import Channel


class OrganisationKind(enum.StrEnum):
    MUNICIPALITY = "municipality"
    LOCAL_EXECUTIVE = "local_executive"
    EXECUTIVE = "executive"
    NGO = "ngo"
    BUSINESS = "business"
    SCHOOL = "school"
    DONOR = "donor"
    MEDIA = "media"
    OTHER = "other"


class Gender(enum.StrEnum):
    FEMALE = "female"
    MALE = "male"
    NOT_STATED = "not_stated"


class NamedMixin:
    """A name kept with its Azerbaijani sort key and search key, both maintained on assignment."""

    name: Mapped[str] = mapped_column(sa.String(200))
    name_sort: Mapped[str] = mapped_column(sa.String(200), default="", index=True)
    name_search: Mapped[str] = mapped_column(sa.String(200), default="")

    @validates("name")
    def _keep_name_keys(self, _key, value):
        self.name_sort = sort_key(value)[:200]
        self.name_search = search_key(value)[:200]
        return value


class District(NamedMixin, db.Model):
    __tablename__ = "districts"
    __table_args__ = (sa.UniqueConstraint("name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    communities: Mapped[list[Community]] = relationship(
        back_populates="district", order_by="Community.name_sort"
    )

    def __str__(self) -> str:
        return self.name


class Organisation(NamedMixin, db.Model):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[OrganisationKind] = mapped_column(enum_column(OrganisationKind))
    district_id: Mapped[int | None] = mapped_column(sa.ForeignKey("districts.id"))
    email: Mapped[str | None] = mapped_column(sa.String(254))
    address: Mapped[str | None] = mapped_column(sa.String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    district: Mapped[District | None] = relationship()

    def __str__(self) -> str:
        return self.name


class Community(NamedMixin, db.Model):
    """A target community; its municipality is an organisation of kind ``municipality``."""

    __tablename__ = "communities"
    __table_args__ = (sa.UniqueConstraint("district_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str | None] = mapped_column(sa.String(60), unique=True)
    district_id: Mapped[int] = mapped_column(sa.ForeignKey("districts.id"))
    municipality_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organisations.id"))
    needs_naming: Mapped[bool] = mapped_column(default=False)

    district: Mapped[District] = relationship(back_populates="communities")
    municipality: Mapped[Organisation | None] = relationship()

    def __str__(self) -> str:
        return self.name


class Person(db.Model):
    """Someone the programme reaches; one row per human, shared across events."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(sa.String(200))
    name_sort: Mapped[str] = mapped_column(sa.String(200), default="", index=True)
    search_text: Mapped[str] = mapped_column(sa.String(600), default="")
    # The name as people are matched by (search_key: "GÜLNARƏ Əliyeva" = "gulnare eliyeva"): a
    # form with a known phone or email and this name is the same person; another name is someone
    # else sharing the phone (a household's).
    # (No index of its own: it is only ever compared beside an indexed email or phone.)
    name_key: Mapped[str] = mapped_column(sa.String(200), default="")
    email: Mapped[str | None] = mapped_column(sa.String(254), index=True)
    phone: Mapped[str | None] = mapped_column(sa.String(20), index=True)
    gender: Mapped[Gender] = mapped_column(enum_column(Gender), default=Gender.NOT_STATED)
    community_id: Mapped[int | None] = mapped_column(sa.ForeignKey("communities.id"))
    organisation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organisations.id"))
    language: Mapped[str] = mapped_column(sa.String(5), default="az")
    # How they want their link, reminders and changes: by email or by SMS (None: email when they
    # have one). SMS is sent only with their consent, recorded when they chose it.
    preferred_channel: Mapped[Channel | None] = mapped_column(enum_column(Channel))
    sms_consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    # Set when the person asked for their data to be deleted: identifying fields are blanked and
    # only what the programme's counts need (gender, community, group) is kept.
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    community: Mapped[Community | None] = relationship()
    organisation: Mapped[Organisation | None] = relationship()

    @validates("full_name", "email", "phone")
    def _keep_search_keys(self, key, value):
        values = {"full_name": self.full_name, "email": self.email, "phone": self.phone}
        values[key] = value
        if key == "full_name":
            self.name_sort = sort_key(value)[:200]
            self.name_key = search_key(value)[:200]
        self.search_text = search_key(" ".join(v for v in values.values() if v))[:600]
        return value

    def __str__(self) -> str:
        return self.full_name


# People are found by their email in any case (registration, imports, sign-up checks).
sa.Index("ix_people_email_lower", sa.func.lower(Person.email))

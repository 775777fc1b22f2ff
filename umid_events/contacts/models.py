"""Contact groups (many people, many groups) and the imports waiting between their steps."""

from __future__ import annotations

import secrets
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.types import UTCDateTime, utcnow
from ..directory.models import NamedMixin, Person
from ..extensions import db

# Membership only: deleting a group deletes these rows and never the people.
contact_group_members = sa.Table(
    "contact_group_members",
    db.metadata,
    sa.Column("group_id", sa.ForeignKey("contact_groups.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("person_id", sa.ForeignKey("people.id", ondelete="CASCADE"), primary_key=True,
              index=True),
)


class ContactGroup(NamedMixin, db.Model):
    """A named list of people ("Quba — community members", "Seminar stakeholders")."""

    __tablename__ = "contact_groups"
    __table_args__ = (sa.UniqueConstraint("name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    description: Mapped[str | None] = mapped_column(sa.String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    members: Mapped[list[Person]] = relationship(secondary=contact_group_members,
                                                 order_by=Person.name_sort)

    def __str__(self) -> str:
        return self.name


def new_import_token() -> str:
    return secrets.token_urlsafe(24)


class ContactImport(db.Model):
    """An uploaded file between its three steps (upload → column mapping → preview → import).

    The file is decoded once, at upload, and its cells are kept here as JSON (``header`` and
    ``rows``, lists of strings), so that no file and no big cookie has to survive between
    requests. Pages reach an import by its random ``token``. After the import the rows are
    emptied (only the summary stays), and imports left unfinished are deleted after a day.
    """

    __tablename__ = "contact_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(sa.String(40), unique=True, default=new_import_token)
    filename: Mapped[str] = mapped_column(sa.String(200))
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    group_id: Mapped[int | None] = mapped_column(sa.ForeignKey("contact_groups.id"))
    header: Mapped[list] = mapped_column(sa.JSON())
    rows: Mapped[list] = mapped_column(sa.JSON())
    # {target field: column index}; None until the mapping step has been saved.
    mapping: Mapped[dict | None] = mapped_column(sa.JSON())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    imported_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    summary: Mapped[dict | None] = mapped_column(sa.JSON())

    group: Mapped[ContactGroup | None] = relationship()

"""One row per audited action. It names what was seen or changed, never the personal data itself."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..core.types import UTCDateTime, enum_column, utcnow
from ..extensions import db


class AuditAction(enum.StrEnum):
    VIEWED_PERSONAL_DATA = "viewed_personal_data"          # a staff page listing or showing people
    EXPORTED_PERSONAL_DATA = "exported_personal_data"      # a CSV/XLSX/PDF/ZIP download naming people
    ISSUED_DOSSIER = "issued_dossier"                      # a dossier issued to an authority
    CHANGED_PROPOSAL_ROUTING = "changed_proposal_routing"  # the authority a proposal is addressed to
    FORWARDED_PROPOSAL = "forwarded_proposal"              # a proposal sent to its authority
    EXPORTED_AUDIT_LOG = "exported_audit_log"              # an admin downloaded this log


class AuditEntry(db.Model):
    __tablename__ = "audit_entries"
    __table_args__ = (
        sa.Index("ix_audit_entries_action_at", "action", "at"),
        sa.Index("ix_audit_entries_user_id_at", "user_id", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    # The account is kept as a label too, so an entry outlives the account's removal.
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    user_label: Mapped[str] = mapped_column(sa.String(300), default="")
    action: Mapped[AuditAction] = mapped_column(enum_column(AuditAction))
    subject: Mapped[str] = mapped_column(sa.String(64), default="")     # "registrations", "person" …
    object_type: Mapped[str | None] = mapped_column(sa.String(32))      # "event", "person" …
    object_id: Mapped[int | None] = mapped_column()
    file_format: Mapped[str | None] = mapped_column(sa.String(8))       # "csv", "xlsx", "pdf" …
    row_count: Mapped[int | None] = mapped_column()
    summary: Mapped[str] = mapped_column(sa.String(300), default="")
    endpoint: Mapped[str | None] = mapped_column(sa.String(100))
    ip_address: Mapped[str | None] = mapped_column(sa.String(45))

    def __repr__(self) -> str:
        return f"<AuditEntry {self.action} {self.subject} {self.object_type}:{self.object_id}>"

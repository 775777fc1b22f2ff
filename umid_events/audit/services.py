"""Writing the audit log, reading it for the admin page, and forgetting what is past retention.

``record_audit_entry`` adds one row to the caller's session (it flushes nothing and commits
nothing): a service that changes a proposal's routing records it in the same transaction as the
change. The ``audited`` decorator (``decorators.py``) records the pages and downloads.
An entry names what was seen (``subject``, ``object_type`` and ``object_id``, the format and the
number of rows) and who saw it; it never holds a name, phone or email of a participant.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app, has_request_context, request

from ..auth.models import User
from ..core.queries import enum_arg, int_arg
from ..core.types import utcnow
from ..extensions import db
from ..notifications.tasks import producer
from .models import AuditAction, AuditEntry

PAGE_SIZE = 50
EXPORT_LIMIT = 100_000
SUMMARY_LENGTH = 300


def user_label(user: User | None) -> str:
    """How the entry names the staff member, kept when the account is removed."""
    if user_id_of(user) is None:
        return "system"
    return f"{user.full_name} <{user.email}>"[:300]


def describe(subject: str, object_type: str | None, object_id: int | None,
             file_format: str | None, rows: int | None) -> str:
    """``registrations of event 12, CSV, 48 rows``: the entry's summary, in English."""
    text = subject or ""
    if object_type and object_id is not None:
        text = (f"{text} of {object_type} {object_id}" if text and text != object_type
                else f"{object_type} {object_id}")
    if file_format:
        text += f", {file_format.upper()}"
    if rows is not None:
        text += f", {rows} {'row' if rows == 1 else 'rows'}"
    return text[:SUMMARY_LENGTH]


def record_audit_entry(action: AuditAction, *, user: User | None, subject: str = "",
                       object_type: str | None = None, object_id: int | None = None,
                       file_format: str | None = None, rows: int | None = None,
                       summary: str | None = None, at: datetime | None = None) -> AuditEntry:
    """Add an entry to the session (the caller's commit saves it with the rest of its work).

    ``summary`` None writes one from the other fields. The request's endpoint and address are
    taken from the request being served, if any."""
    return add_entry(action, user_id=user_id_of(user), label=user_label(user), subject=subject,
                     object_type=object_type, object_id=object_id, file_format=file_format, rows=rows,
                     summary=summary, at=at)


def user_id_of(user: User | None) -> int | None:
    if user is None or not getattr(user, "is_authenticated", True):
        return None
    return getattr(user, "id", None)


def add_entry(action: AuditAction, *, user_id: int | None, label: str, subject: str = "",
              object_type: str | None = None, object_id: int | None = None,
              file_format: str | None = None, rows: int | None = None, summary: str | None = None,
              at: datetime | None = None) -> AuditEntry:
    """``record_audit_entry`` with the account given as its id and label."""
    endpoint = ip_address = None
    if has_request_context():
        endpoint = (request.endpoint or "")[:100] or None
        ip_address = (request.remote_addr or "")[:45] or None
    entry = AuditEntry(
        at=at or utcnow(), user_id=user_id, user_label=label, action=action,
        subject=subject[:64], object_type=object_type, object_id=object_id,
        file_format=(file_format or None) and file_format[:8].lower(), row_count=rows,
        summary=(describe(subject, object_type, object_id, file_format, rows)
                 if summary is None else summary[:SUMMARY_LENGTH]),
        endpoint=endpoint, ip_address=ip_address)
    db.session.add(entry)
    return entry


def authority_name(authority) -> str:
    return authority.name if authority is not None else "—"


def record_routing_change(proposal, old_authority, new_authority, *, by: User | None) -> AuditEntry:
    """The authority a proposal is addressed to changed (names of organisations, not people)."""
    return record_audit_entry(
        AuditAction.CHANGED_PROPOSAL_ROUTING, user=by, subject="proposal", object_type="proposal",
        object_id=proposal.id,
        summary=f"proposal {proposal.id}: {authority_name(old_authority)} → {authority_name(new_authority)}")


def record_forwarding(proposal, *, by: User | None, reference: str | None) -> AuditEntry:
    """A proposal was sent to its authority (in the dossier ``reference``)."""
    summary = f"proposal {proposal.id} → {authority_name(proposal.authority)}"
    if reference:
        summary += f", dossier {reference}"
    return record_audit_entry(AuditAction.FORWARDED_PROPOSAL, user=by, subject="proposal",
                              object_type="proposal", object_id=proposal.id, summary=summary)


# --- the admin page ------------------------------------------------------------------------------

def _zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["DISPLAY_TIMEZONE"])


def _date_arg(value) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


@dataclass
class AuditFilters:
    action: AuditAction | None = None
    user_id: int | None = None
    start: date | None = None   # from this day (display time zone), inclusive
    end: date | None = None     # up to this day, inclusive

    @classmethod
    def from_args(cls, args) -> AuditFilters:
        return cls(action=enum_arg(args.get("action"), AuditAction), user_id=int_arg(args.get("user")),
                   start=_date_arg(args.get("from")), end=_date_arg(args.get("to")))

    def as_args(self) -> dict:
        args = {"action": self.action.value if self.action else None, "user": self.user_id,
                "from": self.start.isoformat() if self.start else None,
                "to": self.end.isoformat() if self.end else None}
        return {key: value for key, value in args.items() if value not in (None, "")}


def _filtered(filters: AuditFilters):
    query = sa.select(AuditEntry)
    if filters.action:
        query = query.where(AuditEntry.action == filters.action)
    if filters.user_id:
        query = query.where(AuditEntry.user_id == filters.user_id)
    if filters.start:
        query = query.where(AuditEntry.at >= datetime.combine(filters.start, time(0), tzinfo=_zone()))
    if filters.end:
        query = query.where(AuditEntry.at < datetime.combine(filters.end + timedelta(days=1), time(0),
                                                             tzinfo=_zone()))
    return query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())


def list_audit_entries(filters: AuditFilters, page: int = 1, per_page: int = PAGE_SIZE):
    """One page of the log, newest first (a Flask-SQLAlchemy ``Pagination``)."""
    return db.paginate(_filtered(filters), page=max(page, 1), per_page=per_page, error_out=False,
                       count=True)


def audit_users() -> list[tuple[int, str]]:
    """The staff accounts to filter by."""
    return [(user.id, user.full_name) for user in
            db.session.scalars(sa.select(User).order_by(User.full_name, User.id))]


EXPORT_HEADER = ("ID", "Vaxt / Time (UTC)", "İstifadəçi / User", "Əməliyyat / Action",
                 "Nə / Subject", "Obyekt / Object", "Format", "Sətir / Rows", "Xülasə / Summary",
                 "Səhifə / Endpoint", "IP")


def export_rows(filters: AuditFilters) -> list[tuple]:
    return [(entry.id, entry.at.strftime("%Y-%m-%d %H:%M:%S"), entry.user_label, entry.action.value,
             entry.subject, f"{entry.object_type} {entry.object_id}" if entry.object_type else "",
             entry.file_format or "", "" if entry.row_count is None else entry.row_count,
             entry.summary, entry.endpoint or "", entry.ip_address or "")
            for entry in db.session.scalars(_filtered(filters).limit(EXPORT_LIMIT))]


# --- retention -----------------------------------------------------------------------------------

def retention_days() -> int:
    return int(current_app.config.get("AUDIT_RETENTION_DAYS") or 0)


def purge_audit_entries(now: datetime | None = None) -> int:
    """Delete the entries older than ``AUDIT_RETENTION_DAYS`` (0 keeps them all); flushes, the
    caller commits. Returns how many were deleted."""
    days = retention_days()
    if days <= 0:
        return 0
    cutoff = (now or utcnow()) - timedelta(days=days)
    result = db.session.execute(sa.delete(AuditEntry).where(AuditEntry.at < cutoff),
                                execution_options={"synchronize_session": False})
    return result.rowcount or 0


@producer
def purge_old_audit_entries() -> int:
    """The worker's periodic job (every minute with the other producers): one indexed DELETE."""
    count = purge_audit_entries()
    db.session.commit()
    return count

"""Demo audit entries: what a few days of an organiser's and a moderator's work leave in the log
(the demo has no staff accounts yet, so they are named by their labels only)."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa

from ..core.types import utcnow
from ..directory.models import Organisation, Person
from ..events.kinds import EventKind, EventStatus
from ..events.models import Event
from ..extensions import db
from ..proposals.models import Proposal
from ..proposals.queries import AUTHORITY_KINDS
from ..registrations.models import Registration
from .models import AuditAction
from .services import add_entry

ORGANISER = "Nigar Quliyeva (demo) <organiser@example.org>"
MODERATOR = "Tural Həsənov (demo) <moderator@example.org>"
V, E = AuditAction.VIEWED_PERSONAL_DATA, AuditAction.EXPORTED_PERSONAL_DATA


def add_demo_audit_entries(now: datetime | None = None) -> int:
    now = now or utcnow()
    held = db.session.scalar(sa.select(Event).where(
        Event.kind == EventKind.SEMINAR, Event.status == EventStatus.HELD).order_by(Event.starts_at))
    person_id = db.session.scalar(sa.select(Person.id).order_by(Person.id).limit(1))
    if held is None or person_id is None:
        return 0
    registrations = db.session.scalar(sa.select(sa.func.count(Registration.id))
                                      .where(Registration.event_id == held.id)) or 0
    added = [
        (ORGANISER, V, "registrations", "event", held.id, None, None, 3 * 24 * 60,
         "event_registrations.index"),
        (ORGANISER, E, "registrations", "event", held.id, "csv", registrations, 3 * 24 * 60 - 2,
         "event_registrations.export"),
        (MODERATOR, V, "attendance marking", "event", held.id, None, None, 2 * 24 * 60 + 30,
         "attendance.mark_list"),
        (ORGANISER, V, "attendance", "event", held.id, None, None, 2 * 24 * 60, "attendance.index"),
        (ORGANISER, V, "person", "person", person_id, None, None, 26 * 60, "contacts.edit_person"),
        (ORGANISER, V, "people", None, None, None, None, 25 * 60, "directory.people"),
        (MODERATOR, V, "proposals", None, None, None, None, 5 * 60, "proposals.index"),
    ]
    for label, action, subject, object_type, object_id, fmt, rows, minutes_ago, endpoint in added:
        entry = add_entry(action, user_id=None, label=label, subject=subject, object_type=object_type,
                          object_id=object_id, file_format=fmt, rows=rows,
                          at=now - timedelta(minutes=minutes_ago))
        entry.endpoint, entry.ip_address = endpoint, "192.0.2.10"  # documentation address
    count = len(added) + _demo_routing_change(now)
    db.session.flush()
    return count


def _demo_routing_change(now: datetime) -> int:
    """A moderator addressed a proposal to another authority (and the organiser put it back)."""
    proposal = db.session.scalar(sa.select(Proposal).where(Proposal.authority_id.is_not(None))
                                 .order_by(Proposal.id))
    other = db.session.scalar(sa.select(Organisation).where(
        Organisation.kind.in_(AUTHORITY_KINDS), Organisation.id != getattr(proposal, "authority_id", None))
        .order_by(Organisation.id))
    if proposal is None or other is None:
        return 0
    for label, old, new, minutes_ago in ((MODERATOR, proposal.authority.name, other.name, 4 * 60),
                                         (ORGANISER, other.name, proposal.authority.name, 3 * 60)):
        entry = add_entry(AuditAction.CHANGED_PROPOSAL_ROUTING, user_id=None, label=label,
                          subject="proposal", object_type="proposal", object_id=proposal.id,
                          summary=f"proposal {proposal.id}: {old} → {new}",
                          at=now - timedelta(minutes=minutes_ago))
        entry.endpoint, entry.ip_address = "proposals.edit", "192.0.2.11"
    return 2

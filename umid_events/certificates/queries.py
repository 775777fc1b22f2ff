"""Certificates as staff and participants see them."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from ..attendance.models import AttendanceRecord
from ..directory.models import Person
from ..events.models import Event
from ..extensions import db
from ..registrations.models import Registration
from .models import Certificate


def find_by_token(token: str) -> Certificate | None:
    if not token or len(token) > 32:
        return None
    return db.session.scalar(sa.select(Certificate).where(Certificate.token == token))


def event_certificates(event_id: int) -> list[Certificate]:
    return list(db.session.scalars(
        sa.select(Certificate).join(Person, Person.id == Certificate.person_id)
        .where(Certificate.event_id == event_id).order_by(Person.name_sort, Certificate.id)))


def present_count(event_id: int) -> int:
    return db.session.scalar(sa.select(sa.func.count(AttendanceRecord.id)).where(
        AttendanceRecord.event_id == event_id, AttendanceRecord.present.is_(True))) or 0


@dataclass(frozen=True)
class Panel:
    """What the attendance page shows about an event's certificates."""

    event: Event
    certificates: list[Certificate]
    present: int

    @property
    def issued(self) -> int:
        return sum(not certificate.is_revoked for certificate in self.certificates)

    @property
    def revoked(self) -> int:
        return sum(certificate.is_revoked for certificate in self.certificates)


def certificate_panel(event: Event) -> Panel:
    return Panel(event, event_certificates(event.id), present_count(event.id))


def certificate_of(registration: Registration) -> Certificate | None:
    """The participant's valid certificate of the registration's event, if there is one."""
    return db.session.scalar(sa.select(Certificate).where(
        Certificate.event_id == registration.event_id, Certificate.person_id == registration.person_id,
        Certificate.revoked_at.is_(None)))

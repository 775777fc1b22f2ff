"""An event's attendance as staff see it: each registered person, and the figures."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from ..directory.models import Person
from ..extensions import db
from ..registrations.models import Registration, RegistrationStatus
from .models import AttendanceRecord


@dataclass(frozen=True)
class AttendanceRow:
    registration: Registration
    record: AttendanceRecord | None

    @property
    def present(self) -> bool:
        return bool(self.record and self.record.present)


def attendance_rows(event_id: int) -> list[AttendanceRow]:
    registrations = db.session.scalars(
        sa.select(Registration).join(Person)
        .where(Registration.event_id == event_id, Registration.status == RegistrationStatus.CONFIRMED)
        .order_by(Person.name_sort)
        .options(selectinload(Registration.person).selectinload(Person.community))).all()
    records = {record.person_id: record for record in db.session.scalars(
        sa.select(AttendanceRecord).where(AttendanceRecord.event_id == event_id))}
    return [AttendanceRow(registration, records.get(registration.person_id))
            for registration in registrations]


def attendance_figures(rows: list[AttendanceRow]) -> dict:
    """Registered and present, in all and by gender, participant group and community."""
    def split(key):
        registered, present = Counter(), Counter()
        for row in rows:
            registered[key(row)] += 1
            present[key(row)] += row.present
        return {value: (registered[value], present[value]) for value in registered}

    return {
        "registered": len(rows), "present": sum(row.present for row in rows),
        "gender": split(lambda row: row.registration.person.gender),
        "group": split(lambda row: row.registration.group),
        "community": split(lambda row: row.registration.person.community.name
                           if row.registration.person.community else "—"),
    }

"""An event's attendance as staff see it: each registered person and walk-in, and the figures."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from ..core.aztext import search_key
from ..directory.models import Person
from ..events.models import Event
from ..extensions import db
from ..registrations.models import Registration, RegistrationStatus
from .models import AttendanceRecord


@dataclass(frozen=True)
class AttendanceRow:
    person: Person
    registration: Registration | None  # None: a walk-in
    record: AttendanceRecord | None

    @property
    def present(self) -> bool:
        return bool(self.record and self.record.present)

    @property
    def group(self):
        return self.registration.group if self.registration else None

    @property
    def search_text(self) -> str:
        """What the moderator's type-to-find box compares with (folded the Azerbaijani way)."""
        return search_key(" ".join(filter(None, (self.person.full_name, self.person.email,
                                                 self.person.phone and self.person.phone[-9:]))))


def attendance_rows(event_id: int) -> list[AttendanceRow]:
    """Everyone confirmed for the event, then everyone with a record but no registration."""
    registrations = db.session.scalars(
        sa.select(Registration).join(Person)
        .where(Registration.event_id == event_id, Registration.status == RegistrationStatus.CONFIRMED)
        .options(selectinload(Registration.person).selectinload(Person.community))).all()
    records = {record.person_id: record for record in db.session.scalars(
        sa.select(AttendanceRecord).where(AttendanceRecord.event_id == event_id)
        .options(selectinload(AttendanceRecord.person).selectinload(Person.community)))}
    rows = [AttendanceRow(registration.person, registration, records.pop(registration.person_id, None))
            for registration in registrations]
    rows += [AttendanceRow(record.person, None, record) for record in records.values()]
    rows.sort(key=lambda row: row.person.name_sort or "")
    return rows


def attendance_figures(rows: list[AttendanceRow]) -> dict:
    """Registered and present, in all and by gender, participant group and community.

    Walk-ins count as present but not as registered (``walk_ins``); their group is unknown.
    """
    def split(key, among=rows):
        registered, present = Counter(), Counter()
        for row in among:
            registered[key(row)] += row.registration is not None
            present[key(row)] += row.present
        return {value: (registered[value], present[value]) for value in registered}

    registered_rows = [row for row in rows if row.registration is not None]

    return {
        "registered": sum(row.registration is not None for row in rows),
        "present": sum(row.present for row in rows),
        "walk_ins": sum(row.registration is None and row.present for row in rows),
        "gender": split(lambda row: row.person.gender),
        "group": split(lambda row: row.group, registered_rows),  # walk-ins have no group
        "community": split(lambda row: row.person.community.name if row.person.community else "—"),
    }


def people_reached(programme_id: int) -> int:
    """Unique people present at least once at any of the programme's events."""
    return db.session.scalar(
        sa.select(sa.func.count(sa.distinct(AttendanceRecord.person_id)))
        .join(Event, Event.id == AttendanceRecord.event_id)
        .where(Event.programme_id == programme_id, AttendanceRecord.present.is_(True))) or 0

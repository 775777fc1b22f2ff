"""Saving what a platform's attendance report says about an event's registered participants."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from ..core.timefmt import display_zone
from ..events.models import Event
from ..extensions import db
from ..registrations.models import Registration, RegistrationStatus
from .matching import Candidate, Match, match_attendees
from .models import AttendanceRecord, AttendanceSource
from .reports import ParsedReport, parse_report


@dataclass(frozen=True)
class ImportOutcome:
    report: ParsedReport
    matches: list[Match]
    created: int
    updated: int

    def rows(self) -> list[dict]:
        """One plain dict per person in the report (the CLI's --json and the preview)."""
        return [{
            "name": match.attendee.name, "email": match.attendee.email,
            "minutes": match.attendee.minutes, "match": match.kind, "method": match.method,
            "registration_id": match.candidate.registration_id if match.candidate else None,
            "device": match.attendee.is_device,
            "candidates": [candidate.registration_id for candidate in match.candidates],
        } for match in self.matches]


def _candidates(event: Event) -> dict[int, Registration]:
    registrations = db.session.scalars(
        sa.select(Registration).where(Registration.event_id == event.id,
                                      Registration.status != RegistrationStatus.CANCELLED)
        .options(selectinload(Registration.person))).all()
    return {registration.id: registration for registration in registrations}


def import_report(event: Event, data: bytes, filename: str = "", *, dry_run: bool = False) -> ImportOutcome:
    """Parse the report, match it to the event's registrations and, unless ``dry_run``, record
    the attendance of everyone matched for sure. Uncertain and unmatched people are returned for
    a human to decide; nothing is saved for them. Raises ``ReportError`` for a bad file.

    Importing the same report again changes nothing: a person has one record per event.
    """
    starts_local = event.starts_at.astimezone(display_zone()).replace(tzinfo=None)
    report = parse_report(data, filename, expected_start=starts_local)
    registrations = _candidates(event)
    matches = match_attendees(report.attendees, [
        Candidate(registration.id, registration.person.full_name, registration.person.email,
                  registration.person.phone) for registration in registrations.values()])
    created = updated = 0
    if not dry_run:
        existing = {record.person_id: record for record in db.session.scalars(
            sa.select(AttendanceRecord).where(AttendanceRecord.event_id == event.id))}
        threshold = event.presence_threshold
        for match in matches:
            if match.kind != "matched":
                continue
            registration = registrations[match.candidate.registration_id]
            values = {"minutes": match.attendee.minutes,
                      "present": match.attendee.minutes >= threshold,
                      "registration_id": registration.id, "report_format": report.format}
            record = existing.get(registration.person_id)
            if record is None:
                record = AttendanceRecord(event_id=event.id, person_id=registration.person_id,
                                          source=AttendanceSource.REPORT, **values)
                db.session.add(record)
                existing[registration.person_id] = record
                created += 1
            elif any(getattr(record, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(record, name, value)
                updated += 1
        db.session.flush()
    return ImportOutcome(report, matches, created, updated)

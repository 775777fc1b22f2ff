"""Importing a platform's attendance report: preview first, then save what the organiser decided.

``preview_report`` parses and matches without saving; ``save_attendance`` records the people
matched for sure plus the organiser's decisions for the others (a registration among the
candidates, any person of the directory, or a new walk-in). ``import_report`` does both for the
command line, where only certain matches are saved.

Importing the same report again changes nothing: a person has one record per event, and each
record keeps how the report named them (``report_key``) so that rows an organiser linked by hand
are found again without asking twice.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from ..core.aztext import search_key
from ..core.errors import DomainError
from ..core.phones import InvalidPhone, normalise_phone
from ..core.timefmt import display_zone
from ..core.types import utcnow
from ..directory.models import Person
from ..events.models import Event
from ..extensions import db
from ..registrations.models import Registration, RegistrationStatus
from ..registrations.services import find_person
from .matching import Candidate, Match, match_attendees
from .models import AttendanceImport, AttendanceRecord, AttendanceSource
from .reports import (
    MAX_REPORT_BYTES,
    Attendee,
    ParsedReport,
    ReportError,
    parse_generic,
    parse_report,
    read_table,
)

# Records a person's own check-in or a moderator's mark: an imported report never un-marks them.
_MARKED_BY_HAND = {AttendanceSource.MANUAL, AttendanceSource.CHECK_IN}


class ImportAlreadyApplied(DomainError):
    def __init__(self):
        super().__init__(_l("This report has already been saved. Upload it again for a new preview."))


@dataclass(frozen=True)
class ImportOutcome:
    report: ParsedReport
    matches: list[Match]
    created: int = 0
    updated: int = 0
    # Rows found through an earlier import's decision: their position -> the person's id.
    earlier: Mapping[int, int] = field(default_factory=dict)

    def rows(self) -> list[dict]:
        """One plain dict per person in the report (the CLI's --json and the preview)."""
        return [{
            "name": match.attendee.name, "email": match.attendee.email,
            "minutes": match.attendee.minutes, "match": match.kind, "method": match.method,
            "registration_id": match.candidate.registration_id if match.candidate else None,
            "device": match.attendee.is_device,
            "candidates": [candidate.registration_id for candidate in match.candidates],
        } for match in self.matches]

    def count(self, kind: str) -> int:
        return sum(match.kind == kind for match in self.matches)


def report_key(attendee: Attendee) -> str:
    """How a report names a person, folded so that the same file gives the same key."""
    return f"{search_key(attendee.name)}|{(attendee.email or '').strip().lower()}"[:300]


def _registrations(event: Event) -> dict[int, Registration]:
    registrations = db.session.scalars(
        sa.select(Registration).where(Registration.event_id == event.id,
                                      Registration.status != RegistrationStatus.CANCELLED)
        .options(selectinload(Registration.person))).all()
    return {registration.id: registration for registration in registrations}


def _records(event: Event) -> dict[int, AttendanceRecord]:
    return {record.person_id: record for record in db.session.scalars(
        sa.select(AttendanceRecord).where(AttendanceRecord.event_id == event.id))}


def _parse(event: Event, data: bytes, filename: str, mapping: Mapping | None) -> ParsedReport:
    starts_local = event.starts_at.astimezone(display_zone()).replace(tzinfo=None)
    if mapping:
        rows, _encoding = read_table(data, filename)
        return parse_generic(rows, mapping, expected_start=starts_local)
    return parse_report(data, filename, expected_start=starts_local)


def preview_report(event: Event, data: bytes, filename: str = "", mapping: Mapping | None = None
                   ) -> ImportOutcome:
    """What the report says, matched to the event's registrations; nothing is saved.

    People whom an earlier import of this event already linked (walk-ins, decisions) come back
    as matched by the method ``"earlier"``. Raises ``ReportError`` for a bad file.
    """
    report = _parse(event, data, filename, mapping)
    registrations = _registrations(event)
    matches = match_attendees(report.attendees, [
        Candidate(registration.id, registration.person.full_name, registration.person.email,
                  registration.person.phone) for registration in registrations.values()])
    linked = {record.report_key: record for record in _records(event).values() if record.report_key}
    earlier = {}
    for position, match in enumerate(matches):
        record = linked.get(report_key(match.attendee))
        if match.kind != "matched" and record is not None:
            candidate = Candidate(record.registration_id, record.person.full_name)
            matches[position] = Match(match.attendee, "matched", candidate, "earlier", score=1.0)
            earlier[position] = record.person_id
    return ImportOutcome(report, matches, earlier=earlier)


def import_report(event: Event, data: bytes, filename: str = "", *, dry_run: bool = False) -> ImportOutcome:
    """Parse, match and (unless ``dry_run``) save the certain matches: the command line's import."""
    outcome = preview_report(event, data, filename)
    if dry_run:
        return outcome
    created, updated = save_attendance(event, outcome, {}, actor=None)
    return ImportOutcome(outcome.report, outcome.matches, created, updated, outcome.earlier)


# --- the organiser's upload, preview and decision ------------------------------------------

def upload_report(event: Event, data: bytes, filename: str, *, actor) -> AttendanceImport:
    """Keep the uploaded file for its preview. Raises ``ReportError`` for a file that is no report;
    a table without recognisable columns is kept, for the organiser to map its columns."""
    if len(data) > MAX_REPORT_BYTES:
        raise ReportError("too_large", "The file is too large.", size=len(data), limit=MAX_REPORT_BYTES)
    try:
        _parse(event, data, filename, None)
    except ReportError as error:
        if error.code != "unknown_columns":
            raise
    upload = AttendanceImport(event_id=event.id, filename=(filename or "report")[:255], data=data,
                              sha256=hashlib.sha256(data).hexdigest(),
                              uploaded_by_id=getattr(actor, "id", None))
    db.session.add(upload)
    db.session.flush()
    return upload


def report_columns(upload: AttendanceImport) -> list[str]:
    """The first row of the uploaded table, for the column-mapping step."""
    rows, _encoding = read_table(upload.data, upload.filename)
    return next(([cell for cell in row] for row in rows if any(cell.strip() for cell in row)), [])


def set_column_mapping(upload: AttendanceImport, mapping: Mapping[str, str]) -> ImportOutcome:
    """Read the table through the columns the organiser chose; raises ``ReportError`` if unusable."""
    chosen = {field: column for field, column in mapping.items() if column}
    outcome = preview_report(upload.event, upload.data, upload.filename, chosen)
    upload.mapping = json.dumps(chosen, ensure_ascii=False)
    return outcome


def preview_upload(upload: AttendanceImport) -> ImportOutcome:
    mapping = json.loads(upload.mapping) if upload.mapping else None
    return preview_report(upload.event, upload.data, upload.filename, mapping)


def apply_upload(upload: AttendanceImport, decisions: Mapping[int, str], *, actor) -> tuple[int, int]:
    """Save the preview with the organiser's decisions; an upload is applied once."""
    if upload.applied_at is not None:
        raise ImportAlreadyApplied()
    outcome = preview_upload(upload)
    result = save_attendance(upload.event, outcome, decisions, actor=actor)
    upload.applied_at = utcnow()
    upload.data = b""  # the report held personal data; what was decided is in the records now
    return result


_PERSON_REFERENCE = re.compile(r"#(\d+)\s*\)?\s*$")


def person_reference(text: str | None) -> int | None:
    """The person id at the end of a picked directory entry: "Name — +994… (#12)"."""
    found = _PERSON_REFERENCE.search(text or "")
    return int(found.group(1)) if found else None


def _decided_person(event: Event, match: Match, decision: str, registrations: dict[int, Registration]
                    ) -> tuple[int, int | None] | None:
    """(person id, registration id) for one row, or None to leave it out."""
    kind, _, value = (decision or "").partition(":")
    if kind == "reg" and value.isdigit() and int(value) in registrations:
        registration = registrations[int(value)]
        return registration.person_id, registration.id
    if kind == "person" and value.isdigit() and db.session.get(Person, int(value)):
        registration = next((r for r in registrations.values() if r.person_id == int(value)), None)
        return int(value), registration.id if registration else None
    if kind == "walkin":
        person = add_walk_in_person(match.attendee.name, match.attendee.email, match.attendee.phone)
        registration = next((r for r in registrations.values() if r.person_id == person.id), None)
        return person.id, registration.id if registration else None
    return None


def add_walk_in_person(name: str, email: str | None, phone: str | None = None) -> Person:
    """The directory's person with this email or phone, or a new one (someone who came unregistered)."""
    try:
        phone = normalise_phone(phone) if phone else None
    except InvalidPhone:
        phone = None
    email = (email or "").strip().lower() or None
    person = find_person(email, phone)
    if person is None:
        person = Person(full_name=name.strip()[:200] or "—", email=email, phone=phone)
        db.session.add(person)
        db.session.flush()
    return person


def save_attendance(event: Event, outcome: ImportOutcome, decisions: Mapping[int, str], *, actor
                    ) -> tuple[int, int]:
    """Record certain matches and decided rows; returns (created, updated) records.

    ``decisions`` maps a row's position to ``"reg:<id>"``, ``"person:<id>"``, ``"walkin"`` or
    ``""`` (leave out); a matched row without a decision keeps its match. Several rows of one
    person (a phone and a laptop under two names) add up.
    """
    registrations = _registrations(event)
    chosen: dict[int, dict] = {}
    for position, match in enumerate(outcome.matches):
        decision = decisions.get(position)
        if decision is None and match.kind == "matched":
            if position in outcome.earlier:
                target = (outcome.earlier[position], match.candidate.registration_id)
            else:
                registration = registrations[match.candidate.registration_id]
                target = (registration.person_id, registration.id)
            source = AttendanceSource.REPORT if match.method != "earlier" else AttendanceSource.LINKED
        else:
            target = _decided_person(event, match, decision, registrations) if decision else None
            source = AttendanceSource.LINKED
        if target is None:
            continue
        person_id, registration_id = target
        entry = chosen.setdefault(person_id, {"minutes": 0, "registration_id": registration_id,
                                              "source": source, "report_key": None})
        entry["minutes"] += match.attendee.minutes
        if source is AttendanceSource.LINKED:
            entry["source"] = source
            entry["report_key"] = entry["report_key"] or report_key(match.attendee)
    return _upsert(event, chosen, outcome.report.format, actor)


def _upsert(event: Event, chosen: dict[int, dict], report_format: str, actor) -> tuple[int, int]:
    existing = _records(event)
    threshold = event.presence_threshold
    created = updated = 0
    for person_id, entry in chosen.items():
        record = existing.get(person_id)
        present = entry["minutes"] >= threshold
        if record is None:
            db.session.add(AttendanceRecord(
                event_id=event.id, person_id=person_id, registration_id=entry["registration_id"],
                minutes=entry["minutes"], present=present, source=entry["source"],
                report_format=report_format, report_key=entry["report_key"],
                marked_by_id=getattr(actor, "id", None)))
            created += 1
            continue
        values = {"minutes": entry["minutes"], "report_format": report_format,
                  "present": present or (record.present and record.source in _MARKED_BY_HAND),
                  "registration_id": record.registration_id or entry["registration_id"]}
        if entry["report_key"]:
            values["report_key"] = entry["report_key"]
        if any(getattr(record, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(record, name, value)
            updated += 1
    db.session.flush()
    return created, updated


def people_options() -> list[tuple[int, str]]:
    """Everyone in the directory as the preview's "link to a person" list offers them."""
    rows = db.session.execute(sa.select(Person.id, Person.full_name, Person.phone, Person.email)
                              .where(Person.anonymised_at.is_(None)).order_by(Person.name_sort))
    return [(row.id, f"{row.full_name} — {row.phone or row.email or ''} (#{row.id})") for row in rows]


def decisions_from_form(form: Mapping[str, str]) -> dict[int, str]:
    """The preview's choices: ``row-<n>`` is ``reg:<id>``, ``walkin``, ``person`` or empty;
    for ``person`` the picked directory entry is in ``person-<n>``."""
    decisions = {}
    for name, value in form.items():
        if not name.startswith("row-") or not name[4:].isdigit():
            continue
        position = int(name[4:])
        if value == "match":
            continue  # the row keeps the match the preview found
        if value == "person":
            person_id = person_reference(form.get(f"person-{position}"))
            value = f"person:{person_id}" if person_id else ""
        decisions[position] = value
    return decisions

"""Marking attendance by hand: a moderator's list, walk-ins, and the participants' own check-in."""

from __future__ import annotations

import secrets
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from ..core.errors import DomainError
from ..core.types import utcnow
from ..directory.models import Person
from ..events.models import Event
from ..extensions import db
from ..registrations.models import Registration, RegistrationStatus
from .models import AttendanceRecord, AttendanceSource


class NotOnTheList(DomainError):
    def __init__(self):
        super().__init__(_l("This person is neither registered for this event nor a walk-in."))


class CheckInClosed(DomainError):
    def __init__(self):
        super().__init__(_l("Check-in works only from shortly before the start until shortly after the end."))


class WrongCheckInCode(DomainError):
    def __init__(self):
        super().__init__(_l("This is not the code of this event. Please check it and try again."))


class NotConfirmed(DomainError):
    def __init__(self):
        super().__init__(_l("Only confirmed participants can check in."))


def _record(event: Event, person_id: int) -> AttendanceRecord | None:
    return db.session.scalar(sa.select(AttendanceRecord).where(
        AttendanceRecord.event_id == event.id, AttendanceRecord.person_id == person_id))


def _registration(event: Event, person_id: int) -> Registration | None:
    return db.session.scalar(sa.select(Registration).where(
        Registration.event_id == event.id, Registration.person_id == person_id,
        Registration.status == RegistrationStatus.CONFIRMED))


def mark_attendance(event: Event, person_id: int, present: bool, *, actor) -> AttendanceRecord:
    """A moderator marks someone on the event's list present or absent (minutes are kept)."""
    record = _record(event, person_id)
    registration = _registration(event, person_id)
    if record is None and registration is None:
        raise NotOnTheList()
    if record is None:
        record = AttendanceRecord(event_id=event.id, person_id=person_id, minutes=0,
                                  registration_id=registration.id)
        db.session.add(record)
    record.present = present
    record.source = AttendanceSource.MANUAL
    record.marked_by_id = getattr(actor, "id", None)
    db.session.flush()
    return record


def add_walk_in(event: Event, *, full_name: str, email: str | None, phone: str | None,
                community_id: int | None, actor) -> AttendanceRecord:
    """Someone who took part without registering: a person of the directory (found by email or
    phone, else created), marked present."""
    from ..registrations.services import find_person

    person = find_person(email, phone)
    if person is None:
        person = Person(full_name=full_name, email=email, phone=phone, community_id=community_id)
        db.session.add(person)
        db.session.flush()
    record = _record(event, person.id)
    if record is None:
        registration = _registration(event, person.id)
        record = AttendanceRecord(event_id=event.id, person_id=person.id, minutes=0,
                                  registration_id=registration.id if registration else None)
        db.session.add(record)
    record.present = True
    record.source = AttendanceSource.MANUAL
    record.marked_by_id = getattr(actor, "id", None)
    db.session.flush()
    return record


# --- self check-in -----------------------------------------------------------------------

def new_check_in_code() -> str:
    return f"{secrets.randbelow(10**6):06d}"


def open_check_in(event: Event, *, actor=None) -> Event:
    """Give the event a fresh code to read out (and a fresh QR link); the old ones stop working."""
    event.check_in_code = new_check_in_code()
    event.check_in_token = secrets.token_urlsafe(12)
    db.session.flush()
    return event


def check_in_state(event: Event, now: datetime | None = None) -> str:
    """``"none"`` (no code yet), ``"before"``, ``"open"`` or ``"after"``."""
    if not event.check_in_code:
        return "none"
    now = now or utcnow()
    opens, closes = event.check_in_window()
    if now < opens:
        return "before"
    return "open" if now <= closes else "after"


def find_event_by_check_in_token(token: str) -> Event | None:
    return db.session.scalar(sa.select(Event).where(Event.check_in_token == token)) if token else None


def check_in(registration: Registration, code: str | None, *, now: datetime | None = None) -> AttendanceRecord:
    """The participant confirms their presence with the code the host read out.

    ``code=None`` is the QR link's check-in: the link itself carried the event's token.
    """
    event = registration.event
    if registration.status != RegistrationStatus.CONFIRMED:
        raise NotConfirmed()
    if check_in_state(event, now) != "open":
        raise CheckInClosed()
    if code is not None and not secrets.compare_digest("".join(code.split()), event.check_in_code):
        raise WrongCheckInCode()
    record = _record(event, registration.person_id)
    if record is None:
        record = AttendanceRecord(event_id=event.id, person_id=registration.person_id, minutes=0,
                                  registration_id=registration.id, source=AttendanceSource.CHECK_IN)
        db.session.add(record)
    if not record.present:
        record.present = True
        record.source = AttendanceSource.CHECK_IN
    db.session.flush()
    return record

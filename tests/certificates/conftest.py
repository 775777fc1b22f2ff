"""A held training with three registered people: two present (one of them without an email
address), one absent; and an organiser."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from umid_events.attendance.models import AttendanceRecord, AttendanceSource
from umid_events.auth.models import Role
from umid_events.directory.models import Community, Person
from umid_events.events.kinds import EventStatus
from umid_events.events.models import Event
from umid_events.extensions import db
from umid_events.registrations.models import ParticipantGroup, Registration, RegistrationStatus

NAME = "Şükürova Gülnarə İlhamovna"
EMAIL = "gulnare.shukurova@example.org"
PHONE = "+994505551234"
TITLE = "Elektron hökumət portalından istifadə: Quba icması 1"


def add_participant(event: Event, name: str, *, email: str | None, phone: str | None = None,
                    minutes: int | None) -> Registration:
    """A confirmed registration and, unless ``minutes`` is None, an attendance record."""
    registration = Registration(
        event=event, person=Person(full_name=name, email=email, phone=phone),
        status=RegistrationStatus.CONFIRMED, group=ParticipantGroup.COMMUNITY_MEMBER,
        consent_at=event.starts_at - timedelta(days=3))
    db.session.add(registration)
    db.session.flush()
    if minutes is not None:
        db.session.add(AttendanceRecord(
            event_id=event.id, person_id=registration.person_id, registration_id=registration.id,
            minutes=minutes, present=minutes >= event.presence_threshold,
            source=AttendanceSource.REPORT))
    return registration


@pytest.fixture
def training(programme):
    community = db.session.scalar(sa.select(Community).where(Community.code == "quba-1"))
    starts = datetime(2022, 4, 5, 6, 0, tzinfo=UTC)  # 10:00 in Baku
    event = Event(programme_id=programme.id, kind="training", community_id=community.id,
                  title=TITLE, starts_at=starts, ends_at=starts + timedelta(minutes=120),
                  status=EventStatus.HELD, certificates_enabled=True)
    db.session.add(event)
    db.session.flush()
    add_participant(event, NAME, email=EMAIL, phone=PHONE, minutes=115)
    add_participant(event, "Elçin Həsənov", email=None, minutes=90)
    add_participant(event, "Rəşad Quliyev", email="resad@example.org", minutes=10)  # left early
    add_participant(event, "Leyla Məmmədova", email="leyla@example.org", minutes=None)  # absent
    db.session.commit()
    return event


@pytest.fixture
def organiser(make_user, login):
    return login(make_user(Role.ORGANISER))


def registration_of(event: Event, name: str) -> Registration:
    return db.session.scalar(sa.select(Registration).join(Person).where(
        Registration.event_id == event.id, Person.full_name == name))

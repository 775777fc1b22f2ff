"""An e-government training with three registered participants, as the attendance tests need."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from umid_events.attendance.models import AttendanceRecord
from umid_events.directory.models import Community, Person
from umid_events.events.kinds import EventStatus
from umid_events.events.models import Event
from umid_events.extensions import db
from umid_events.registrations.models import ParticipantGroup, Registration, RegistrationStatus

PEOPLE = (("Elşən Babayev", "ELSEN.B@example.org", "+994501112233"),
          ("Nərmin Quliyeva", None, "+994552223344"),
          ("Kamran Rzayev", "kamran@example.org", None))


@pytest.fixture
def make_training(programme):
    def make(starts: datetime = datetime(2022, 4, 5, 10, 0, tzinfo=UTC), minutes: int = 90,
             status: EventStatus = EventStatus.HELD) -> Event:
        community = db.session.scalar(sa.select(Community).where(Community.code == "quba-1"))
        event = Event(programme_id=programme.id, kind="training", community_id=community.id,
                      title="E-hökumət portalı: praktik təlim", starts_at=starts,
                      ends_at=starts + timedelta(minutes=minutes), status=status)
        db.session.add(event)
        for name, email, phone in PEOPLE:
            person = db.session.scalar(sa.select(Person).where(Person.full_name == name)) or \
                Person(full_name=name, email=email, phone=phone, community=community)
            db.session.add(Registration(event=event, person=person, status=RegistrationStatus.CONFIRMED,
                                        group=ParticipantGroup.COMMUNITY_MEMBER, consent_at=starts))
        db.session.commit()
        return event

    return make


@pytest.fixture
def training(make_training):
    return make_training()


def registration_of(event: Event, name: str) -> Registration:
    return db.session.scalar(sa.select(Registration).join(Person).where(
        Registration.event_id == event.id, Person.full_name == name))


def records(event: Event) -> dict[str, tuple[int, bool, str]]:
    db.session.expire_all()
    return {r.person.full_name: (r.minutes, r.present, r.source.value) for r in db.session.scalars(
        sa.select(AttendanceRecord).where(AttendanceRecord.event_id == event.id))}

"""A small programme whose every figure is known by hand.

People and where they were (2022):
  Aygün  female, Quba icması 1, community member: consultation 5 Apr (present), training 10 May (present)
  Rəşad  male,   Quba icması 2, community member: consultation 1 Jun (present)
  Leyla  female, Quba icması 1: registered for 5 Apr, cancelled, yet an attendance record says present
  Orxan  not stated, Quba icması 2: registered for 1 Jun, did not come; registered for 20 Jul (not yet held)
  Elçin  male, no community, NGO: seminar 1 Jul (present); also present at a cancelled event
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from umid_events.attendance.models import AttendanceRecord, AttendanceSource
from umid_events.directory.models import Community, Gender, Organisation, Person
from umid_events.events.kinds import EventKind, EventStatus
from umid_events.events.models import Event
from umid_events.extensions import db
from umid_events.outcomes.models import (
    Confirmation,
    DialoguePlatform,
    PaidService,
    PaymentFollowUp,
    PlatformMembers,
    TerminalApplication,
    TerminalStatus,
)
from umid_events.registrations.models import ParticipantGroup, Registration, RegistrationStatus


@dataclass
class DataSet:
    programme: object
    events: dict
    people: dict


def _event(programme, kind, community, status, day: date, name: str):
    starts = datetime(day.year, day.month, day.day, 7, 0, tzinfo=UTC)
    event = Event(programme=programme, kind=kind, community=community, status=status, title=name,
                  starts_at=starts, ends_at=starts + timedelta(hours=2))
    db.session.add(event)
    return event


def _register(event, person, group=ParticipantGroup.COMMUNITY_MEMBER, status=RegistrationStatus.CONFIRMED,
              present: bool | None = None):
    registration = Registration(event=event, person=person, group=group, status=status,
                                consent_at=event.starts_at - timedelta(days=3))
    db.session.add(registration)
    db.session.flush()
    if present is not None:
        db.session.add(AttendanceRecord(event_id=event.id, person_id=person.id, registration_id=registration.id,
                                        minutes=100 if present else 5, present=present,
                                        source=AttendanceSource.REPORT))
    return registration


@pytest.fixture
def data_set(programme) -> DataSet:
    communities = {c.code: c for c in db.session.scalars(sa.select(Community))}
    quba1, quba2 = communities["quba-1"], communities["quba-2"]
    events = {
        "c1": _event(programme, EventKind.CONSULTATION, quba1, EventStatus.HELD, date(2022, 4, 5), "C1"),
        "t1": _event(programme, EventKind.TRAINING, quba1, EventStatus.HELD, date(2022, 5, 10), "T1"),
        "c2": _event(programme, EventKind.CONSULTATION, quba2, EventStatus.HELD, date(2022, 6, 1), "C2"),
        "s1": _event(programme, EventKind.SEMINAR, None, EventStatus.HELD, date(2022, 7, 1), "S1"),
        "c3": _event(programme, EventKind.CONSULTATION, quba2, EventStatus.PUBLISHED, date(2022, 7, 20), "C3"),
        "x": _event(programme, EventKind.CONSULTATION, quba1, EventStatus.CANCELLED, date(2022, 4, 20), "X"),
    }
    people = {
        "aygun": Person(full_name="Aygün Həsənova", gender=Gender.FEMALE, community=quba1, email="a@example.org"),
        "reshad": Person(full_name="Rəşad Quliyev", gender=Gender.MALE, community=quba2, email="r@example.org"),
        "leyla": Person(full_name="Leyla Babayeva", gender=Gender.FEMALE, community=quba1, email="l@example.org"),
        "orxan": Person(full_name="Orxan Rzayev", gender=Gender.NOT_STATED, community=quba2, email="o@example.org"),
        "elchin": Person(full_name="Elçin Nəbiyev", gender=Gender.MALE, email="e@example.org"),
    }
    db.session.add_all(people.values())
    db.session.flush()
    _register(events["c1"], people["aygun"], present=True)
    _register(events["t1"], people["aygun"], present=True)
    _register(events["c2"], people["reshad"], present=True)
    _register(events["c1"], people["leyla"], status=RegistrationStatus.CANCELLED, present=True)
    _register(events["c2"], people["orxan"], present=False)
    _register(events["s1"], people["elchin"], group=ParticipantGroup.NGO, present=True)
    _register(events["x"], people["elchin"], group=ParticipantGroup.NGO, present=True)
    _register(events["c3"], people["orxan"])
    db.session.commit()
    return DataSet(programme, events, people)


@pytest.fixture
def outcome_records(data_set):
    """Two families paid online (Aygün twice: counted once; Rəşad never attended a training), one
    terminal application, one dialogue platform with 7 members."""
    programme, people = data_set.programme, data_set.people
    authority = db.session.scalar(sa.select(Organisation).where(Organisation.name == "Quba Rayon İcra Hakimiyyəti"))
    quba1 = db.session.scalar(sa.select(Community).where(Community.code == "quba-1"))
    db.session.add_all([
        PaymentFollowUp(programme_id=programme.id, person_id=people["aygun"].id, service=PaidService.UTILITIES,
                        portal="hesab.az", paid_on=date(2022, 5, 20), confirmation=Confirmation.RECEIPT),
        PaymentFollowUp(programme_id=programme.id, person_id=people["aygun"].id, service=PaidService.FINE,
                        portal="hesab.az", paid_on=date(2022, 6, 2), confirmation=Confirmation.SCREENSHOT),
        PaymentFollowUp(programme_id=programme.id, person_id=people["reshad"].id, service=PaidService.PHONE,
                        portal="e-gov.az", paid_on=date(2022, 6, 15), confirmation=Confirmation.PHONE_CALL),
        TerminalApplication(programme_id=programme.id, community_id=quba1.id, authority_id=authority.id,
                            applied_on=date(2022, 6, 20), status=TerminalStatus.UNDER_REVIEW),
        DialoguePlatform(programme_id=programme.id, district_id=quba1.district_id, name="Quba dialoq platforması",
                         formed_on=date(2022, 7, 5),
                         members=[PlatformMembers(kind="municipality", count=3), PlatformMembers(kind="ngo", count=4)]),
    ])
    db.session.commit()
    return data_set

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from umid_events.attendance.models import AttendanceRecord, AttendanceSource
from umid_events.auth.models import Role
from umid_events.directory.models import Community, Gender, Organisation, Person
from umid_events.events.kinds import EventKind, EventStatus
from umid_events.events.models import Event
from umid_events.extensions import db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def organiser(make_user, login):
    return login(make_user(Role.ORGANISER))


@pytest.fixture
def people(programme):
    quba1 = db.session.scalar(sa.select(Community).where(Community.code == "quba-1"))
    trained = Person(full_name="Aygün Həsənova", gender=Gender.FEMALE, community=quba1, phone="+994501234567")
    untrained = Person(full_name="Rəşad Quliyev", gender=Gender.MALE, community=quba1, email="r@example.org")
    starts = datetime(2022, 5, 10, 7, tzinfo=UTC)
    training = Event(programme=programme, kind=EventKind.TRAINING, community=quba1, status=EventStatus.HELD,
                     title="Təlim", starts_at=starts, ends_at=starts + timedelta(hours=2))
    db.session.add_all([trained, untrained, training])
    db.session.flush()
    db.session.add(AttendanceRecord(event_id=training.id, person_id=trained.id, minutes=110, present=True,
                                    source=AttendanceSource.MANUAL))
    db.session.commit()
    return {"trained": trained, "untrained": untrained}


@pytest.fixture
def places(programme):
    return {
        "community": db.session.scalar(sa.select(Community).where(Community.code == "quba-2")),
        "authority": db.session.scalar(sa.select(Organisation).where(Organisation.name == "Quba Rayon İcra Hakimiyyəti")),
    }

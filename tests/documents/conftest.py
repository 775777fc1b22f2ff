from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from umid_events.attendance.models import AttendanceRecord, AttendanceSource
from umid_events.directory.models import Community, Gender, Organisation, OrganisationKind, Person
from umid_events.events.kinds import EventKind, EventStatus, Platform
from umid_events.events.models import Event
from umid_events.extensions import db
from umid_events.proposals.models import Proposal, ProposalOrigin, ProposalStatus, ProposalTopic
from umid_events.proposals.services import seed_topics
from umid_events.registrations.models import ParticipantGroup, Registration, RegistrationStatus

AZ_LETTERS = "ə Ə ğ Ğ ı İ ş Ş ç Ç ö Ö ü Ü"


@pytest.fixture
def community(programme):
    return db.session.scalar(sa.select(Community).where(Community.code == "quba-1"))


@pytest.fixture
def seminar(programme, community):
    """A held seminar: 5 registered (3 community members, 2 municipality), 4 present."""
    starts = datetime(2022, 7, 15, 7, 0, tzinfo=UTC)  # 11:00 in Baku
    event = Event(programme_id=programme.id, kind=EventKind.SEMINAR, title="Onlayn seminar: Şabran, Quba, Xaçmaz",
                  starts_at=starts, ends_at=starts + timedelta(hours=3), status=EventStatus.HELD,
                  meeting_url="https://zoom.us/j/81234567890", meeting_platform=Platform.ZOOM)
    db.session.add(event)
    for number, (name, group) in enumerate([
            ("Aygün Həsənova", ParticipantGroup.COMMUNITY_MEMBER),
            ("Şahin Əliyev", ParticipantGroup.COMMUNITY_MEMBER),
            ("Çiçək Qasımova", ParticipantGroup.COMMUNITY_MEMBER),
            ("İlkin Güləliyev", ParticipantGroup.MUNICIPALITY),
            ("Ülvi Öztürk", ParticipantGroup.MUNICIPALITY)]):
        person = Person(full_name=name, gender=Gender.NOT_STATED, community=community,
                        email=f"person{number}@example.org")
        registration = Registration(event=event, person=person, group=group,
                                    status=RegistrationStatus.CONFIRMED, consent_at=starts)
        db.session.add(registration)
        db.session.flush()
        if number < 4:
            db.session.add(AttendanceRecord(event_id=event.id, person_id=person.id,
                                            registration_id=registration.id, minutes=150,
                                            present=True, source=AttendanceSource.REPORT))
    db.session.commit()
    return event


@pytest.fixture
def authority(app_context):
    organisation = Organisation(name="Quba Rayon İcra Hakimiyyəti", kind=OrganisationKind.LOCAL_EXECUTIVE,
                                address="Quba şəhəri, Heydər Əliyev prospekti 1")
    db.session.add(organisation)
    db.session.commit()
    return organisation


@pytest.fixture
def topics(app_context):
    seed_topics()
    db.session.commit()
    return {topic.code: topic for topic in db.session.scalars(sa.select(ProposalTopic))}


@pytest.fixture
def make_proposals(seminar, authority, topics, community):
    """``make(n, **fields)``: n accepted proposals for the authority, raised at the seminar."""
    def make(count: int, *, text: str = "Kənd yolunun təmiri: {n}. ğ ı İ ş ç ö ü", topic="roads_transport",
             status=ProposalStatus.ACCEPTED, **fields):
        people = db.session.scalars(sa.select(Person).order_by(Person.id)).all()
        made = []
        for n in range(1, count + 1):
            person = people[n % len(people)]
            values = dict(title=f"Təklif {n}: yol", text=text.format(n=n), topic_id=topics[topic].id,
                          authority_id=authority.id, event_id=seminar.id, origin=ProposalOrigin.MODERATOR,
                          person_id=person.id, show_name=n % 2 == 1,
                          proposer_group=ParticipantGroup.COMMUNITY_MEMBER, community_id=community.id,
                          status=status, published=True, moderated_at=seminar.starts_at)
            values.update(fields)
            proposal = Proposal(**values)
            db.session.add(proposal)
            made.append(proposal)
        db.session.commit()
        return made

    return make

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from umid_events.auth.models import Role
from umid_events.core.types import utcnow
from umid_events.directory.models import Community, Organisation, OrganisationKind, Person
from umid_events.events.kinds import EventKind, EventStatus
from umid_events.events.models import Event
from umid_events.extensions import db
from umid_events.proposals.models import ProposalTopic
from umid_events.proposals.services import seed_topics
from umid_events.registrations.models import ParticipantGroup, Registration, RegistrationStatus

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def topics(app_context):
    seed_topics()  # the migration seeded them; the suite empties every table between tests
    db.session.commit()
    return {topic.code: topic for topic in db.session.scalars(sa.select(ProposalTopic))}


@pytest.fixture
def community(programme):
    return db.session.scalar(sa.select(Community).where(Community.code == "quba-1"))


@pytest.fixture
def authority(app_context):
    organisation = Organisation(name="Quba Rayon İcra Hakimiyyəti", kind=OrganisationKind.LOCAL_EXECUTIVE)
    db.session.add(organisation)
    db.session.commit()
    return organisation


@pytest.fixture
def seminar(programme, topics):
    """A seminar happening now, open for proposals since yesterday."""
    starts = utcnow().replace(microsecond=0) - timedelta(hours=1)
    event = Event(programme_id=programme.id, kind=EventKind.SEMINAR, title="Seminar: Quba",
                  starts_at=starts, ends_at=starts + timedelta(hours=3), status=EventStatus.PUBLISHED,
                  proposals_open_from=starts - timedelta(days=1),
                  proposals_open_until=starts + timedelta(days=7))
    db.session.add(event)
    db.session.commit()
    return event


@pytest.fixture
def make_registration(seminar, community):
    def make(full_name="Aygün Həsənova", email="aygun@example.org", event=None, **fields):
        person = Person(full_name=full_name, email=email, community_id=community.id)
        registration = Registration(
            event_id=(event or seminar).id, person=person, status=RegistrationStatus.CONFIRMED,
            group=fields.pop("group", ParticipantGroup.COMMUNITY_MEMBER),
            consent_at=datetime.now(UTC))
        db.session.add(registration)
        db.session.commit()
        return registration

    return make


@pytest.fixture
def organiser(make_user):
    return make_user(Role.ORGANISER)


@pytest.fixture
def moderator(make_user):
    return make_user(Role.MODERATOR)

"""The dashboard runs the same number of SQL statements whatever the amount of data."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import event

from umid_events.attendance.models import AttendanceRecord, AttendanceSource
from umid_events.auth.models import Role
from umid_events.directory.models import Community, District, Gender, Organisation, Person
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
)
from umid_events.proposals.models import (
    AnswerOutcome,
    AuthorityAnswer,
    Proposal,
    ProposalOrigin,
    ProposalStatus,
)
from umid_events.registrations.models import ParticipantGroup, Registration, RegistrationStatus


@contextmanager
def counted_statements():
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def _grow(programme, number: int) -> None:
    """More of everything: people, events, registrations, attendance, outcomes, proposals."""
    communities = list(db.session.scalars(sa.select(Community).order_by(Community.id)))
    authorities = list(db.session.scalars(sa.select(Organisation).order_by(Organisation.id)))
    people = [Person(full_name=f"Şəxs {number}-{i}", gender=list(Gender)[i % 3], community=communities[i % 12],
                     email=f"p{number}-{i}@example.org") for i in range(30)]
    events = []
    for i in range(10):
        starts = datetime(2022, 4, 1, 7, tzinfo=UTC) + timedelta(days=i * 3 + number)
        kind = (EventKind.CONSULTATION, EventKind.TRAINING, EventKind.SEMINAR)[i % 3]
        events.append(Event(programme=programme, kind=kind, status=EventStatus.HELD if i % 4 else EventStatus.PUBLISHED,
                            community=None if kind is EventKind.SEMINAR else communities[i % 12],
                            title=f"E{number}-{i}", starts_at=starts, ends_at=starts + timedelta(hours=2)))
    db.session.add_all(people + events)
    db.session.flush()
    for i, person in enumerate(people):
        for event_ in (events[i % 10], events[(i + 3) % 10]):
            registration = Registration(event=event_, person=person, consent_at=event_.starts_at,
                                        group=list(ParticipantGroup)[i % 6],
                                        status=RegistrationStatus.CANCELLED if i % 7 == 0 else RegistrationStatus.CONFIRMED)
            db.session.add(registration)
            db.session.flush()
            db.session.add(AttendanceRecord(event_id=event_.id, person_id=person.id, registration_id=registration.id,
                                            minutes=90, present=i % 3 != 0, source=AttendanceSource.REPORT))
        db.session.add(PaymentFollowUp(programme_id=programme.id, person_id=person.id, service=list(PaidService)[i % 6],
                                       portal=("hesab.az", "e-gov.az", "GoPay")[i % 3], paid_on=date(2022, 6, 1 + i % 20),
                                       confirmation=Confirmation.RECEIPT))
        proposal = Proposal(title=f"Təklif {i}", text="...", origin=ProposalOrigin.MODERATOR, event_id=events[i % 10].id,
                            authority_id=authorities[i % len(authorities)].id, status=list(ProposalStatus)[i % 7])
        if i % 2:
            proposal.answers.append(AuthorityAnswer(answered_on=date(2022, 7, 1), outcome=AnswerOutcome.PARTLY))
        db.session.add(proposal)
    districts = list(db.session.scalars(sa.select(District).order_by(District.id)))
    for i, community in enumerate(communities[:4]):
        db.session.add(TerminalApplication(programme_id=programme.id, community_id=community.id,
                                           authority_id=authorities[i].id, applied_on=date(2022, 5, 1 + number)))
    taken = set(db.session.scalars(sa.select(DialoguePlatform.district_id)))
    for district in districts:
        if district.id not in taken:
            db.session.add(DialoguePlatform(programme_id=programme.id, district_id=district.id, name=district.name,
                                            formed_on=date(2022, 7, 1),
                                            members=[PlatformMembers(kind="ngo", count=2),
                                                     PlatformMembers(kind="municipality", count=1)]))
            break
    db.session.commit()


def test_query_count_does_not_grow_with_the_data(client, make_user, login, outcome_records):
    login(make_user(Role.ORGANISER))
    client.get("/staff/dashboard")  # warm: the first request of a process may load more
    with counted_statements() as small:
        assert client.get("/staff/dashboard").status_code == 200
    for number in range(1, 4):
        _grow(outcome_records.programme, number)
    with counted_statements() as large:
        page = client.get("/staff/dashboard?lang=en")
        assert page.status_code == 200
    assert "Unique people reached" in page.get_data(as_text=True)
    assert len(small) == len(large), (len(small), len(large))
    with counted_statements() as period:
        assert client.get("/staff/dashboard?start=2022-05-01&end=2022-06-30").status_code == 200
    assert len(period) <= len(small)  # no dialogue platform formed in May–June: nothing to load for it

"""`flask demo`: a living demo programme, so a newcomer sees the whole service at once.

Every feature adds its part here (events, people, and later registrations, attendance,
proposals …). Names of communities and people are invented; everything is marked "demo".
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from .attendance.demo import add_demo_attendance_extras
from .attendance.models import AttendanceRecord, AttendanceSource
from .audit.demo import add_demo_audit_entries
from .certificates.demo import add_demo_certificates
from .contacts.models import ContactGroup
from .core.urls import public_url_context
from .directory.models import Community, Gender, Organisation, OrganisationKind, Person
from .documents.demo import add_demo_documents
from .events.kinds import EventKind, EventStatus, Platform
from .events.links import MeetingLink, new_jitsi_room, recognise_meeting
from .events.models import Event
from .events.services import DEFAULT_DURATIONS, default_title
from .extensions import db
from .invitations.demo import add_demo_calendar_replies
from .invitations.services import invite_people
from .outcomes.demo import add_demo_outcomes
from .programmes.loader import parse_programme_file
from .programmes.models import Programme
from .programmes.services import load_programme
from .proposals.demo import add_demo_proposals
from .registrations.demo import add_demo_phone_participants
from .registrations.models import (
    ParticipantGroup,
    Registration,
    RegistrationSource,
    RegistrationStatus,
)
from .registrations.notices import notify_registered
from .registrations.services import cancel_registration, seat_status

DEMO_FILE = Path(__file__).with_name("demo_programme.yaml")
BAKU = ZoneInfo("Asia/Baku")

FIRST_NAMES = {
    Gender.FEMALE: ["Aygün", "Səbinə", "Günay", "Leyla", "Nərgiz", "Ülviyyə", "İlahə", "Şəbnəm",
                    "Çiçək", "Aynur", "Könül", "Fidan"],
    Gender.MALE: ["Elçin", "Rəşad", "İlkin", "Orxan", "Tural", "Şahin", "Ülvi", "Nicat", "Əli",
                  "Cavid", "Kamran", "Vüqar"],
}
SURNAMES = ["Əliyev", "Həsənov", "Quliyev", "Məmmədov", "İsmayılov", "Şükürov", "Babayev",
            "Cəfərov", "Nəbiyev", "Ağayev", "Qasımov", "Rzayev"]


class DatabaseNotEmpty(Exception):
    def __init__(self):
        super().__init__("the database already holds a programme; the demo fills only an empty one")


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=BAKU).astimezone(UTC)


def build_demo(today: date | None = None) -> str:
    if db.session.scalar(sa.select(sa.func.count(Programme.id))):
        raise DatabaseNotEmpty()
    today = today or datetime.now(BAKU).date()
    plan = parse_programme_file(DEMO_FILE)
    plan.starts_on, plan.ends_on = today - timedelta(days=60), today + timedelta(days=90)
    programme = load_programme(plan)
    rng = random.Random(2022)  # the same demo every time

    communities = list(db.session.scalars(sa.select(Community).order_by(Community.id)))
    events = _demo_events(programme, communities, today)
    people = _demo_people(communities, rng)
    db.session.flush()
    with public_url_context():
        registrations = _demo_registrations(events, people, rng)
        add_demo_attendance_extras(events)
        add_demo_certificates(events)  # after the attendance that _demo_registrations records
        stakeholders = ContactGroup(name="Seminar iştirakçıları (demo)",
                                    members=[p for p in people if p.organisation_id])
        quba = ContactGroup(name="Quba — icma üzvləri (demo)",
                            members=[p for p in people if p.community and p.community.district.name == "Quba"])
        db.session.add_all([stakeholders, quba])
        seminar = next(e for e in events if e.kind is EventKind.SEMINAR and e.status is EventStatus.PUBLISHED)
        invite_people(seminar, stakeholders.members, actor=None)
        add_demo_calendar_replies(seminar)
        consultation = next(e for e in events if e.kind is EventKind.CONSULTATION
                            and e.status is EventStatus.PUBLISHED)
        add_demo_phone_participants(people, consultation)
    add_demo_outcomes(programme, today)  # after the attendance: payments follow the trainings
    add_demo_proposals(programme, today)
    add_demo_documents()  # keep after the proposals demo: the dossier is made from its proposals
    add_demo_audit_entries()  # last: it names the records the others made
    return (f"Demo programme '{programme.slug}' created: {len(communities)} communities, "
            f"{len(events)} events, {len(people)} people, {registrations} registrations. "
            "Open http://127.0.0.1:5000/ "
            "and create the first administrator account.")


def _demo_events(programme: Programme, communities: list[Community], today: date) -> list[Event]:
    """Past sessions held, this month's published, later ones drafted, one cancelled."""
    events = []

    def add(kind, community, number, day, hour, status):
        starts = _at(day, hour)
        link = _demo_link(len(events))
        event = Event(
            programme=programme, kind=kind, community=community, status=status,
            title=default_title(kind, community, number), starts_at=starts,
            ends_at=starts + DEFAULT_DURATIONS[kind],
            description="Demo tədbiri: onlayn görüş, iştirak pulsuzdur.",
            meeting_url=link.url, meeting_platform=link.platform, meeting_id=link.meeting_id,
            meeting_passcode="246810" if link.platform is Platform.ZOOM else link.passcode,
        )
        db.session.add(event)
        events.append(event)

    for index, community in enumerate(communities):
        first = today - timedelta(days=50) + timedelta(days=3 * index)
        add(EventKind.CONSULTATION, community, 1, first, 11,
            EventStatus.HELD if first < today else EventStatus.PUBLISHED)
        if index % 3 != 2:
            second = first + timedelta(days=28)
            add(EventKind.CONSULTATION, community, 2, second, 15,
                EventStatus.HELD if second < today else EventStatus.PUBLISHED)
        if index % 2 == 0:
            training = first + timedelta(days=14)
            add(EventKind.TRAINING, community, 1, training, 10,
                EventStatus.HELD if training < today else EventStatus.DRAFT)
    add(EventKind.SEMINAR, None, 1, today - timedelta(days=10), 11, EventStatus.HELD)
    add(EventKind.SEMINAR, None, 2, today + timedelta(days=30), 11, EventStatus.PUBLISHED)
    add(EventKind.CONSULTATION, communities[-1], 2, today + timedelta(days=5), 15,
        EventStatus.CANCELLED)
    return events


def _demo_link(number: int) -> MeetingLink:
    """Zoom, Google Meet, Teams and Jitsi in turn (invented meeting addresses)."""
    addresses = (
        f"https://us02web.zoom.us/j/8{number:03d}4567890",
        "https://meet.google.com/dem-oumi-dxx",
        f"https://teams.live.com/meet/93{number:03d}1234567?p=Demo{number}",
    )
    if number % 4 == 3:
        return new_jitsi_room("https://meet.jit.si")
    return recognise_meeting(addresses[number % 4])


def _demo_people(communities: list[Community], rng: random.Random) -> list[Person]:
    organisations = list(db.session.scalars(
        sa.select(Organisation).where(Organisation.kind != OrganisationKind.DONOR)))
    people = []
    for number in range(48):
        gender = (Gender.FEMALE, Gender.MALE, Gender.NOT_STATED)[number % 3 if number % 7 else 2]
        first_names = FIRST_NAMES[gender if gender != Gender.NOT_STATED else rng.choice(list(FIRST_NAMES))]
        surname = rng.choice(SURNAMES)
        if gender == Gender.FEMALE:
            surname += "a"
        first = rng.choice(first_names)
        person = Person(
            full_name=f"{first} {surname}", gender=gender,
            email=f"demo.person{number + 1}@example.org" if number % 4 else None,
            phone=f"+99450{5550000 + number:07d}" if number % 5 else None,
            community=communities[number % len(communities)],
            organisation=organisations[number % len(organisations)] if number % 3 == 0 else None,
        )
        db.session.add(person)
        people.append(person)
    return people


def _demo_registrations(events: list[Event], people: list[Person], rng: random.Random) -> int:
    """People register for the events of their community and for the seminars; the second
    seminar is small, so it has a waiting list and one cancellation moves someone up."""
    count = 0
    for event in events:
        if event.status not in (EventStatus.PUBLISHED, EventStatus.HELD):
            continue
        is_seminar = event.kind is EventKind.SEMINAR
        if is_seminar and event.status is EventStatus.PUBLISHED:
            event.capacity = 6
        attendees = [p for p in people if is_seminar or p.community_id == event.community_id]
        if not is_seminar:
            attendees += rng.sample([p for p in people if p not in attendees], 3)
        for person in attendees[: 9 if is_seminar else 6]:
            group = (ParticipantGroup.MUNICIPALITY if person.organisation_id and person.id % 2
                     else ParticipantGroup.COMMUNITY_MEMBER)
            published = event.status is EventStatus.PUBLISHED
            registration = Registration(
                event=event, person=person, group=group, source=RegistrationSource.SELF,
                consent_at=event.starts_at - timedelta(days=rng.randint(2, 9)),
                organisation_name=person.organisation.name if person.organisation else None,
                status=seat_status(event.id) if published else RegistrationStatus.CONFIRMED)
            db.session.add(registration)
            db.session.flush()
            if published:
                notify_registered(registration)
            else:
                event.confirmed_count += 1
            count += 1
        if event.status is EventStatus.HELD:
            _demo_attendance(event, rng)
        if is_seminar and event.status is EventStatus.PUBLISHED:
            first = next(r for r in db.session.scalars(
                sa.select(Registration).where(Registration.event_id == event.id).order_by(Registration.id)))
            cancel_registration(first)
    return count


def _demo_attendance(event: Event, rng: random.Random) -> None:
    """As if the platform's report had been imported: most came, a few left early."""
    length = int(event.duration.total_seconds() // 60)
    for registration in db.session.scalars(sa.select(Registration).where(Registration.event_id == event.id)):
        if rng.random() < 0.2:
            continue  # did not come
        minutes = rng.choice((length, length - 5, length - 12, 20, 8))
        db.session.add(AttendanceRecord(
            event_id=event.id, person_id=registration.person_id, registration_id=registration.id,
            minutes=minutes, present=minutes >= event.presence_threshold,
            source=AttendanceSource.REPORT, report_format="zoom-participants"))

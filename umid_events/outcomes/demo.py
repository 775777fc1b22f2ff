"""The demo's outcomes: families paying online after the trainings (one without a training, so
the flag shows), a terminal application with its letter, a dialogue platform in Quba."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from ..attendance.models import AttendanceRecord
from ..directory.models import Community, District, Organisation, OrganisationKind, Person
from ..events.kinds import EventKind, EventStatus
from ..events.models import Event
from ..extensions import db
from ..programmes.models import Programme
from ..registrations.models import Registration, RegistrationStatus
from .knowledge import parse_questions
from .models import (
    Confirmation,
    DialoguePlatform,
    KnowledgeAttempt,
    KnowledgeCheck,
    KnowledgePhase,
    KnowledgeQuestion,
    PaidService,
    PaymentFollowUp,
    PlatformMembers,
    TerminalApplication,
    TerminalStatus,
)

DEMO_LETTER = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
               b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
               b"trailer << /Root 1 0 R >>\n%%EOF\n")
DEMO_QUESTIONS = """Hesab.az portalında nəyi ödəmək olar?
* Kommunal xidmətləri, telefon, internet və cərimələri
- Yalnız vergiləri
- Heç nəyi

Elektron ödəniş üçün nə lazımdır?
- Notarius
* Bank kartı və ya elektron pul kisəsi
- Bələdiyyə arayışı

Ödənişin qəbzini haradan tapmaq olar?
- Heç yerdən
* Portaldakı ödəniş tarixçəsindən"""


def add_demo_outcomes(programme: Programme, today: date) -> None:
    trained = list(db.session.scalars(
        sa.select(Person).join(AttendanceRecord, AttendanceRecord.person_id == Person.id)
        .join(Event, Event.id == AttendanceRecord.event_id)
        .where(Event.programme_id == programme.id, Event.kind == EventKind.TRAINING,
               AttendanceRecord.present.is_(True))
        .distinct().order_by(Person.id)))
    services = [PaidService.UTILITIES, PaidService.PHONE, PaidService.FINE, PaidService.INTERNET]
    portals = ["hesab.az", "hesab.az", "e-gov.az", "hesab.az", "GoPay"]
    confirmations = [Confirmation.RECEIPT, Confirmation.SCREENSHOT, Confirmation.PHONE_CALL]
    for number, person in enumerate(trained[:9]):
        db.session.add(PaymentFollowUp(
            programme_id=programme.id, person_id=person.id, household=f"{person.full_name.split()[-1]} ailəsi",
            service=services[number % len(services)], portal=portals[number % len(portals)],
            paid_on=today - timedelta(days=20 - number), confirmation=confirmations[number % len(confirmations)]))
    untrained = db.session.scalar(
        sa.select(Person).where(Person.id.not_in([p.id for p in trained] or [0])).order_by(Person.id.desc()).limit(1))
    if untrained is not None:
        db.session.add(PaymentFollowUp(
            programme_id=programme.id, person_id=untrained.id, service=PaidService.UTILITIES, portal="hesab.az",
            paid_on=today - timedelta(days=3), confirmation=Confirmation.PHONE_CALL,
            note="Təlimdə iştirak etməyib; qonşusu öyrədib (demo)."))

    quba = db.session.scalar(sa.select(District).where(District.name == "Quba"))
    community = db.session.scalar(sa.select(Community).where(Community.district_id == quba.id)
                                  .order_by(Community.id)) if quba else None
    authority = db.session.scalar(sa.select(Organisation).where(Organisation.kind == OrganisationKind.LOCAL_EXECUTIVE)
                                  .order_by(Organisation.id))
    if community is not None and authority is not None:
        db.session.add(TerminalApplication(
            programme_id=programme.id, community_id=community.id, authority_id=authority.id,
            applied_on=today - timedelta(days=12), status=TerminalStatus.UNDER_REVIEW,
            file_name="terminal-muraciet-demo.pdf", file_pdf=DEMO_LETTER, file_size=len(DEMO_LETTER),
            note="Kənd mərkəzində ödəniş terminalı üçün müraciət (demo)."))
        db.session.add(DialoguePlatform(
            programme_id=programme.id, district_id=quba.id, name="Quba Dialoq Platforması (demo)",
            formed_on=today - timedelta(days=8),
            members=[PlatformMembers(kind=OrganisationKind.MUNICIPALITY, count=4),
                     PlatformMembers(kind=OrganisationKind.LOCAL_EXECUTIVE, count=2),
                     PlatformMembers(kind=OrganisationKind.NGO, count=5),
                     PlatformMembers(kind=OrganisationKind.BUSINESS, count=1)]))
    _demo_knowledge_checks(programme)
    db.session.flush()


def _demo_knowledge_checks(programme: Programme) -> None:
    """Questions for every training; the held ones answered before and after (scores improve)."""
    trainings = db.session.scalars(sa.select(Event).where(
        Event.programme_id == programme.id, Event.kind == EventKind.TRAINING,
        Event.status != EventStatus.CANCELLED).order_by(Event.starts_at)).all()
    questions = parse_questions(DEMO_QUESTIONS)
    for training in trainings:
        check = KnowledgeCheck(event_id=training.id, questions=[
            KnowledgeQuestion(position=n, text=q.text, options="\n".join(q.options), correct=q.correct)
            for n, q in enumerate(questions)])
        db.session.add(check)
        db.session.flush()
        if training.status is not EventStatus.HELD:
            continue
        registrations = db.session.scalars(sa.select(Registration).where(
            Registration.event_id == training.id, Registration.status == RegistrationStatus.CONFIRMED)
            .order_by(Registration.id)).all()
        for number, registration in enumerate(registrations):
            before, after = 1 + number % 2, 3 - (number % 3 == 0)
            db.session.add_all([
                KnowledgeAttempt(check_id=check.id, registration_id=registration.id, phase=KnowledgePhase.BEFORE,
                                 score=before, total=3),
                KnowledgeAttempt(check_id=check.id, registration_id=registration.id, phase=KnowledgePhase.AFTER,
                                 score=after, total=3)])

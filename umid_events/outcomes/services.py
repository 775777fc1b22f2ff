"""Record outcomes: payment follow-ups, terminal applications, dialogue platforms.

Services flush, never commit; a refused action raises an ``OutcomeError`` whose text is shown.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from ..attendance.models import AttendanceRecord
from ..core.errors import DomainError
from ..directory.models import Community, OrganisationKind, Person
from ..events.kinds import EventKind, EventStatus
from ..events.models import Event
from ..extensions import db
from ..programmes.models import Programme
from .models import (
    Confirmation,
    DialoguePlatform,
    PaidService,
    PaymentFollowUp,
    PlatformMembers,
    TerminalApplication,
    TerminalStatus,
)

MAX_PDF_BYTES = 5 * 1024 * 1024


class OutcomeError(DomainError):
    pass


class DuplicateOutcome(OutcomeError):
    pass


class InvalidPdf(OutcomeError):
    pass


# --- payment follow-ups ------------------------------------------------------------------------

@dataclass(frozen=True)
class PaymentDetails:
    person_id: int
    service: PaidService
    portal: str
    paid_on: date
    confirmation: Confirmation
    household: str = ""
    note: str = ""


def attended_training(person_id: int, programme_id: int) -> bool:
    """Whether the person was present at one of the programme's e-government trainings."""
    return bool(db.session.scalar(sa.select(sa.exists().where(
        AttendanceRecord.person_id == person_id, AttendanceRecord.present.is_(True),
        AttendanceRecord.event_id == Event.id, Event.kind == EventKind.TRAINING,
        Event.programme_id == programme_id))))


def record_payment(programme: Programme, details: PaymentDetails, *, actor=None) -> tuple[PaymentFollowUp, bool]:
    """Record a family's online payment; returns it and whether the person ever attended a
    training (a follow-up without one is allowed, and flagged)."""
    portal = details.portal.strip()
    duplicate = db.session.scalar(sa.select(PaymentFollowUp.id).where(
        PaymentFollowUp.person_id == details.person_id, PaymentFollowUp.service == details.service,
        sa.func.lower(PaymentFollowUp.portal) == portal.lower(),
        PaymentFollowUp.paid_on == details.paid_on))
    if duplicate:
        raise DuplicateOutcome(_("This payment is already recorded: same person, service, portal "
                                 "and date."))
    follow_up = PaymentFollowUp(
        programme_id=programme.id, person_id=details.person_id, service=details.service,
        portal=portal, paid_on=details.paid_on, confirmation=details.confirmation,
        household=details.household.strip(), note=details.note.strip(),
        created_by_id=getattr(actor, "id", None))
    db.session.add(follow_up)
    db.session.flush()
    return follow_up, attended_training(details.person_id, programme.id)


def list_payments(programme: Programme) -> list[tuple[PaymentFollowUp, bool]]:
    """Every follow-up, newest first, each with whether its person attended a training."""
    trained = sa.exists().where(
        AttendanceRecord.person_id == PaymentFollowUp.person_id, AttendanceRecord.present.is_(True),
        AttendanceRecord.event_id == Event.id, Event.kind == EventKind.TRAINING,
        Event.programme_id == PaymentFollowUp.programme_id)
    rows = db.session.execute(
        sa.select(PaymentFollowUp, trained.label("trained"))
        .where(PaymentFollowUp.programme_id == programme.id)
        .order_by(PaymentFollowUp.paid_on.desc(), PaymentFollowUp.id.desc())
        .options(selectinload(PaymentFollowUp.person).selectinload(Person.community)))
    return [(row[0], bool(row[1])) for row in rows]


# --- attached PDFs -------------------------------------------------------------------------------

def attach_pdf(record, filename: str | None, data: bytes | None) -> None:
    """Keep an uploaded PDF on ``record``; anything else is refused (nothing is kept)."""
    if not data:
        raise InvalidPdf(_("The file is empty."))
    if len(data) > MAX_PDF_BYTES:
        raise InvalidPdf(_("The file is larger than %(mb)d MB.", mb=MAX_PDF_BYTES // (1024 * 1024)))
    if not data.startswith(b"%PDF-"):
        raise InvalidPdf(_("The file is not a PDF. Scan or save the letter as PDF and upload it again."))
    record.file_name = (filename or "document.pdf")[-255:]
    record.file_pdf = data
    record.file_sha256 = hashlib.sha256(data).hexdigest()
    record.file_size = len(data)


# --- terminal applications -----------------------------------------------------------------------

@dataclass(frozen=True)
class TerminalDetails:
    community_id: int
    authority_id: int
    applied_on: date
    status: TerminalStatus
    note: str = ""


def save_terminal_application(programme: Programme, application: TerminalApplication | None,
                              details: TerminalDetails, *, letter: tuple[str, bytes] | None = None,
                              actor=None) -> TerminalApplication:
    duplicate = db.session.scalar(sa.select(TerminalApplication.id).where(
        TerminalApplication.community_id == details.community_id,
        TerminalApplication.authority_id == details.authority_id,
        TerminalApplication.applied_on == details.applied_on,
        TerminalApplication.id != (application.id if application else -1)))
    if duplicate:
        raise DuplicateOutcome(_("This application is already recorded: same community, authority "
                                 "and date."))
    if application is None:
        application = TerminalApplication(programme_id=programme.id,
                                          created_by_id=getattr(actor, "id", None))
        db.session.add(application)
    application.community_id = details.community_id
    application.authority_id = details.authority_id
    application.applied_on = details.applied_on
    application.status = details.status
    application.note = details.note.strip()
    if letter is not None:
        attach_pdf(application, *letter)
    db.session.flush()
    return application


def list_terminal_applications(programme: Programme) -> list[TerminalApplication]:
    return list(db.session.scalars(
        sa.select(TerminalApplication).where(TerminalApplication.programme_id == programme.id)
        .order_by(TerminalApplication.applied_on.desc(), TerminalApplication.id.desc())
        .options(selectinload(TerminalApplication.community).selectinload(Community.district),
                 selectinload(TerminalApplication.authority))))


# --- dialogue platforms --------------------------------------------------------------------------

@dataclass(frozen=True)
class PlatformDetails:
    district_id: int
    name: str
    formed_on: date
    members: dict[OrganisationKind, int]
    note: str = ""


def save_dialogue_platform(programme: Programme, platform: DialoguePlatform | None,
                           details: PlatformDetails, *, document: tuple[str, bytes] | None = None,
                           actor=None) -> DialoguePlatform:
    duplicate = db.session.scalar(sa.select(DialoguePlatform.id).where(
        DialoguePlatform.programme_id == programme.id,
        DialoguePlatform.district_id == details.district_id,
        DialoguePlatform.id != (platform.id if platform else -1)))
    if duplicate:
        raise DuplicateOutcome(_("A dialogue platform is already recorded for this district."))
    if sum(details.members.values()) == 0:
        raise OutcomeError(_("Give the number of members of at least one kind of organisation."))
    if platform is None:
        platform = DialoguePlatform(programme_id=programme.id, created_by_id=getattr(actor, "id", None))
        db.session.add(platform)
    platform.district_id = details.district_id
    platform.name = details.name.strip()
    platform.formed_on = details.formed_on
    platform.note = details.note.strip()
    existing = {row.kind: row for row in platform.members}
    for kind, count in details.members.items():
        row = existing.get(kind)
        if count and row is None:
            platform.members.append(PlatformMembers(kind=kind, count=count))
        elif count:
            row.count = count
        elif row is not None:
            platform.members.remove(row)
    if document is not None:
        attach_pdf(platform, *document)
    db.session.flush()
    return platform


def list_dialogue_platforms(programme: Programme) -> list[DialoguePlatform]:
    return list(db.session.scalars(
        sa.select(DialoguePlatform).where(DialoguePlatform.programme_id == programme.id)
        .order_by(DialoguePlatform.formed_on.desc(), DialoguePlatform.id.desc())
        .options(selectinload(DialoguePlatform.district), selectinload(DialoguePlatform.members))))


def delete_record(record) -> None:
    db.session.delete(record)
    db.session.flush()


def events_for_knowledge_checks(programme: Programme, limit: int = 300) -> list[tuple[Event, int]]:
    """The programme's consultations and trainings, each with its number of questions."""
    from .knowledge import KINDS_WITH_CHECKS
    from .models import KnowledgeCheck, KnowledgeQuestion

    questions = (sa.select(sa.func.count(KnowledgeQuestion.id)).join(KnowledgeCheck)
                 .where(KnowledgeCheck.event_id == Event.id).scalar_subquery())
    return [(event, count) for event, count in db.session.execute(
        sa.select(Event, questions)
        .where(Event.programme_id == programme.id, Event.kind.in_(KINDS_WITH_CHECKS),
               Event.status != EventStatus.CANCELLED)
        .order_by(Event.starts_at).limit(limit))]

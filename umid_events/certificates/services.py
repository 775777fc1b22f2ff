"""Issuing, revoking and mailing certificates of participation. Callers commit."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import contains_eager

from ..attendance.models import AttendanceRecord
from ..core.errors import DomainError
from ..core.timefmt import display_zone, format_moment
from ..core.types import utcnow
from ..directory.models import Person
from ..events.kinds import EventKind, EventStatus
from ..events.models import Event
from ..extensions import db
from ..notifications.kinds import MessageKind
from ..notifications.mail import Attachment
from ..notifications.models import OutgoingMessage
from ..notifications.services import InvalidRecipient, queue_templated_message
from .documents import pdf_filename, render_certificate, verification_url
from .models import Certificate, RevocationReason

# The letter of the serial number: Məsləhət, Təlim, Seminar.
KIND_LETTERS = {EventKind.CONSULTATION: "M", EventKind.TRAINING: "T", EventKind.SEMINAR: "S"}


class CertificatesDisabled(DomainError):
    def __init__(self):
        super().__init__(_l("Certificates are not enabled for this event. Turn them on first "
                            "(in the event's settings, or with the button on the attendance page)."))


class EventCancelled(DomainError):
    def __init__(self):
        super().__init__(_l("A cancelled event has no certificates."))


class CertificateRevoked(DomainError):
    def __init__(self):
        super().__init__(_l("This certificate has been revoked."))


class NoEmailAddress(DomainError):
    def __init__(self):
        super().__init__(_l("There is no email address to send the certificate to. "
                            "Please download it instead."))


# --- issuing -------------------------------------------------------------------------------

def series_for(event: Event) -> str:
    """``2022-T``: the year of the event (Baku time) and the letter of its kind."""
    return f"{event.starts_at.astimezone(display_zone()).year}-{KIND_LETTERS[event.kind]}"


def enable_certificates(event: Event, *, actor) -> None:
    if event.status == EventStatus.CANCELLED:
        raise EventCancelled()
    event.certificates_enabled = True
    db.session.flush()


def _present_without_certificate(event: Event) -> list[AttendanceRecord]:
    """Present participants (not erased) who have no certificate of this event yet."""
    has_one = sa.select(Certificate.id).where(Certificate.event_id == event.id,
                                              Certificate.person_id == AttendanceRecord.person_id)
    return list(db.session.scalars(
        sa.select(AttendanceRecord).join(Person, Person.id == AttendanceRecord.person_id)
        .where(AttendanceRecord.event_id == event.id, AttendanceRecord.present.is_(True),
               Person.anonymised_at.is_(None), ~has_one.exists())
        .options(contains_eager(AttendanceRecord.person))
        .order_by(Person.name_sort, Person.id)))


def issue_certificates(event: Event, *, actor) -> list[Certificate]:
    """A certificate for every present participant who lacks one; returns the new ones.

    Issuing again creates nothing for those who already have one (revoked ones included: a
    revoked certificate is restored, not issued anew). Serial numbers follow on from the last
    one of the same year and kind.
    """
    if not event.certificates_enabled:
        raise CertificatesDisabled()
    if event.status == EventStatus.CANCELLED:
        raise EventCancelled()
    series = series_for(event)
    last = db.session.scalar(sa.select(sa.func.max(Certificate.number))
                             .where(Certificate.series == series)) or 0
    issued = []
    for offset, record in enumerate(_present_without_certificate(event), start=1):
        certificate = Certificate(
            event_id=event.id, person_id=record.person_id, registration_id=record.registration_id,
            series=series, number=last + offset, name=record.person.full_name,
            issued_by_id=getattr(actor, "id", None))
        db.session.add(certificate)
        issued.append(certificate)
    db.session.flush()
    return issued


def revoke_certificate(certificate: Certificate, *, actor) -> None:
    if certificate.revoked_at is None:
        certificate.revoked_at = utcnow()
        certificate.revoked_by_id = getattr(actor, "id", None)
        certificate.revocation_reason = RevocationReason.ORGANISER
        db.session.flush()


def restore_certificate(certificate: Certificate, *, actor) -> None:
    certificate.revoked_at = None
    certificate.revoked_by_id = None
    certificate.revocation_reason = None
    db.session.flush()


def forget_holder(person_id: int, *, event_id: int | None = None) -> int:
    """The holder's right to erasure: their certificates (of ``event_id`` alone, when given)
    lose the printed name and stop being valid, revoked at the holder's request (the
    verification page then says so without a name). Returns how many."""
    wanted = sa.select(Certificate).where(Certificate.person_id == person_id)
    if event_id is not None:
        wanted = wanted.where(Certificate.event_id == event_id)
    certificates = db.session.scalars(wanted).all()
    for certificate in certificates:
        certificate.name = "—"
        certificate.revoked_at = certificate.revoked_at or utcnow()
        certificate.revocation_reason = RevocationReason.HOLDER
    db.session.flush()
    return len(certificates)


# --- mail ----------------------------------------------------------------------------------

@dataclass
class MailOutcome:
    queued: int = 0
    already_sent: int = 0
    without_address: list[str] = field(default_factory=list)


def _mail_key(certificate: Certificate) -> str:
    return f"certificate:{certificate.id}"


def _queue_certificate(certificate: Certificate, *, dedupe_key: str | None) -> OutgoingMessage | None:
    person, event = certificate.person, certificate.event
    language = person.language or "az"
    return queue_templated_message(
        template="certificate", to_email=person.email, to_name=certificate.name,
        language=language, kind=MessageKind.OTHER, event_id=event.id, dedupe_key=dedupe_key,
        context={"name": certificate.name, "event_title": event.title, "serial": certificate.serial,
                 "date": format_moment(event.starts_at, "date", language),
                 "verify_url": verification_url(certificate)},
        attachments=(Attachment(pdf_filename(certificate), "application/pdf",
                                render_certificate(certificate)),))


def email_certificates(event: Event, *, actor) -> MailOutcome:
    """Mail every valid certificate of the event to its holder, once: pressing again sends
    only the certificates issued since. People without a usable address are listed."""
    certificates = db.session.scalars(
        sa.select(Certificate).where(Certificate.event_id == event.id, Certificate.revoked_at.is_(None))
        .order_by(Certificate.number)).all()
    sent_keys = set(db.session.scalars(sa.select(OutgoingMessage.dedupe_key).where(
        OutgoingMessage.dedupe_key.in_([_mail_key(each) for each in certificates]))))
    outcome = MailOutcome()
    for certificate in certificates:
        if _mail_key(certificate) in sent_keys:
            outcome.already_sent += 1
            continue
        try:
            message = _queue_certificate(certificate, dedupe_key=_mail_key(certificate))
        except InvalidRecipient:
            message = None
        if message is None:
            outcome.without_address.append(certificate.name)
        else:
            outcome.queued += 1
    return outcome


def email_certificate(certificate: Certificate) -> OutgoingMessage:
    """One certificate to its holder, on request (a participant's button or an organiser's)."""
    if certificate.is_revoked:
        raise CertificateRevoked()
    try:
        message = _queue_certificate(certificate, dedupe_key=None)
    except InvalidRecipient as error:
        raise NoEmailAddress() from error
    if message is None:
        raise NoEmailAddress()
    return message

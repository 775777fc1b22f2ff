"""Registering people for events: one person, one registration; capacity and a waiting list.

Callers commit. Mail goes through the notifications outbox, which hands messages to the queue
only after the commit, so a registration and its confirmation are saved together or not at all.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from ..core.aztext import search_key
from ..core.errors import DomainError
from ..core.rows import attach_loaded, insert_loaded, insert_statement, row_parameters
from ..core.types import utcnow
from ..directory.models import Gender, OrganisationKind, Person
from ..directory.services import ensure_contacts_free
from ..events.kinds import EventStatus
from ..events.models import Event
from ..extensions import db
from ..notifications.kinds import Channel
from ..notifications.services import erase_messages_to
from ..notifications.tasks import produce_after_commit
from .models import (
    ParticipantGroup,
    Registration,
    RegistrationSource,
    RegistrationStatus,
    new_personal_token,
)
from .notices import notify_cancelled, notify_promoted, write_registration_mail

ACTIVE = RegistrationStatus.active()


class RegistrationClosed(DomainError):
    """Registration is not possible now; ``reason`` says why (for the page to explain)."""

    MESSAGES = {
        "draft": _l("This event is not open for registration."),
        "not_yet": _l("Registration has not opened yet."),
        "closed": _l("Registration for this event has closed."),
        "cancelled": _l("This event has been cancelled."),
        "past": _l("This event has already taken place."),
    }

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(self.MESSAGES[reason])


class AlreadyRegistered(DomainError):
    def __init__(self, registration: Registration):
        self.registration = registration
        super().__init__(_l("You are already registered for this event."))


@dataclass(frozen=True)
class ParticipantDetails:
    full_name: str
    email: str | None
    phone: str | None          # already normalised to E.164
    community_id: int | None
    group: ParticipantGroup
    organisation_name: str | None
    gender: Gender
    language: str = "az"
    channel: Channel | None = None  # how they want their messages (SMS means consent to SMS)
    submission_key: str | None = None  # the form's own key: the same form twice, one registration

    @property
    def name_key(self) -> str:
        return search_key(self.full_name)[:200]


# --- when can people register? ---------------------------------------------------------------

def registration_state(event: Event, now: datetime | None = None) -> str:
    """"open", or why not: "draft", "not_yet", "closed", "cancelled", "past"."""
    now = now or utcnow()
    if event.status == EventStatus.CANCELLED:
        return "cancelled"
    if event.status == EventStatus.HELD or now >= event.ends_at:
        return "past"
    if event.status != EventStatus.PUBLISHED:
        return "draft"
    if event.registration_opens_at and now < event.registration_opens_at:
        return "not_yet"
    if event.registration_closes_at and now >= event.registration_closes_at:
        return "closed"
    return "open"


def is_full(event: Event) -> bool:
    return event.capacity is not None and event.confirmed_count >= event.capacity


# --- seats ---------------------------------------------------------------------------------

# A seat is a count, not a change of the event: ``updated_at`` (the calendar's DTSTAMP, the feeds'
# validators) stays as the organiser left it, so that registrations do not invalidate every
# calendar copy and cache of the event.
_UNCHANGED_STAMP = {"updated_at": Event.__table__.c.updated_at}


_TAKE_SEAT = (
    Event.__table__.update()
    .where(Event.__table__.c.id == sa.bindparam("seat_event_id"),
           sa.or_(Event.__table__.c.capacity.is_(None),
                  Event.__table__.c.confirmed_count < Event.__table__.c.capacity))
    .values(confirmed_count=Event.__table__.c.confirmed_count + 1, **_UNCHANGED_STAMP)
)


def take_seat(event_id: int) -> bool:
    """Count one more confirmed registration if a seat is free, atomically, on any database."""
    return db.session.execute(_TAKE_SEAT, {"seat_event_id": event_id}).rowcount == 1


def _release_seat(event_id: int) -> None:
    table = Event.__table__
    db.session.execute(table.update().where(table.c.id == event_id, table.c.confirmed_count > 0)
                       .values(confirmed_count=table.c.confirmed_count - 1, **_UNCHANGED_STAMP))


def seat_status(event_id: int) -> RegistrationStatus:
    """Confirmed while seats last (the seat is taken now), on the waiting list after that."""
    return RegistrationStatus.CONFIRMED if take_seat(event_id) else RegistrationStatus.WAITLISTED


# --- people --------------------------------------------------------------------------------

def find_person(email: str | None, phone: str | None) -> Person | None:
    """The person with this email (any case) or, failing that, this phone number (for staff's
    tools, such as attendance reports, which then show who they found; never for a public form,
    which also needs the name: see ``_find_match``)."""
    if email:
        person = db.session.scalar(sa.select(Person).where(sa.func.lower(Person.email) == email.lower())
                                   .order_by(Person.id).limit(1))
        if person:
            return person
    if phone:
        return db.session.scalar(sa.select(Person).where(Person.phone == phone).order_by(Person.id).limit(1))
    return None


# Who a form's details are. A contact someone typed proves nothing, and a household shares a
# phone: the same person is the same name (by its search key: "GÜLNARƏ Əliyeva" is "gulnare
# eliyeva") with the same email in any case or the same phone number. The same phone with
# another name is someone else, with a record of their own.
#
# Built once, of the tables' columns (no ORM compilation per request): anyone with this name and
# this email or phone, and their registration for the event if they have one. A missing email or
# phone is NULL, which matches no one.
_people, _registrations = Person.__table__.c, Registration.__table__.c
_MATCH_EMAIL = sa.func.lower(_people.email) == sa.bindparam("email")
_MATCH = (
    sa.select(_people.id, _registrations.id, _MATCH_EMAIL.label("by_email"))
    .select_from(Person.__table__.outerjoin(Registration.__table__, sa.and_(
        _registrations.person_id == _people.id, _registrations.event_id == sa.bindparam("event_id"))))
    .where(_people.name_key == sa.bindparam("name_key"),
           sa.or_(_MATCH_EMAIL, _people.phone == sa.bindparam("phone")))
    .order_by(_people.id)
)


def _find_match(event: Event, details: ParticipantDetails) -> tuple[Registration | None, Person | None]:
    """In one query: this event's registration of anyone with the same name and the same email
    (any case) or phone number, and the person to reuse (by email first, then by phone)."""
    if not (details.email or details.phone):
        return None, None
    rows = db.session.execute(_MATCH, {"email": details.email.lower() if details.email else None,
                                       "phone": details.phone, "event_id": event.id,
                                       "name_key": details.name_key}).all()
    if not rows:  # known a moment ago, and erased since
        return None, None
    registration_ids = [registration_id for _, registration_id, _ in rows if registration_id]
    person_id = next((person_id for person_id, _, email_matches in rows if email_matches), rows[0][0])
    existing = db.session.get(Registration, min(registration_ids)) if registration_ids else None
    return existing, db.session.get(Person, person_id)


# --- registering ---------------------------------------------------------------------------

def register_participant(event: Event, details: ParticipantDetails, *,
                         source: RegistrationSource = RegistrationSource.SELF,
                         now: datetime | None = None) -> Registration:
    """Register someone, confirmed while seats last and on the waiting list after that.

    Raises ``RegistrationClosed`` outside the window (organisers registering someone by hand
    may do so until the event is over) and ``AlreadyRegistered`` for the same name with the same
    email or phone. A registration of someone already known from a public form is marked
    ``for_known_person``: its link goes to the contact on file, never on the screen.
    """
    state = registration_state(event, now)
    if state != "open" and not (source == RegistrationSource.MANUAL and state in ("not_yet", "closed", "draft")):
        raise RegistrationClosed(state)
    now = now or utcnow()
    fields = dict(event_id=event.id, group=details.group, organisation_name=details.organisation_name,
                  source=source, consent_at=now, confirmation_due_at=now, cancelled_at=None,
                  submission_key=details.submission_key, for_known_person=False)
    registration = _register_someone_new(details, fields, now)
    if registration is None:  # known by this name and email or phone: perhaps registered already
        registration = _register_someone_known(event, details, fields, now)
    # The mail (confirmation or waiting list) is written by the worker once this commits: the
    # intent is saved with the registration, so a page never waits for mail and none is lost.
    produce_after_commit(db.session, only=write_registration_mail)
    return registration


def _new_person(details: ParticipantDetails, now: datetime) -> Person:
    person = Person(full_name=details.full_name, email=details.email, phone=details.phone,
                    gender=details.gender, community_id=details.community_id,
                    language=details.language)
    choose_channel(person, details.channel, now=now)
    return person


# Someone is known when a person has this name and this email (any case) or phone number; a
# missing email or phone is NULL, which matches no one.
_KNOWN = sa.exists().where(_people.name_key == sa.bindparam("known_name"),
                           sa.or_(sa.func.lower(_people.email) == sa.bindparam("known_email"),
                                  _people.phone == sa.bindparam("known_phone")))
_INSERT_NEW_PERSON = insert_statement(Person.__table__, unless=_KNOWN)

# On PostgreSQL, someone new is registered by one statement: their person row (unless known),
# the seat if one is free (the UPDATE locks the event's row until the commit), and the
# registration, confirmed if it took a seat and waiting if not. Nothing is written when they
# are known.
_written_person = insert_statement(Person.__table__, prefix="person_", unless=_KNOWN).cte("person")
_seat = (_TAKE_SEAT.where(sa.exists(_written_person.select()))
         .returning(Event.__table__.c.id).cte("seat"))
_status = Registration.__table__.c.status
_REGISTER_SOMEONE_NEW = insert_statement(Registration.__table__, ctes=[_written_person, _seat], computed={
    "person_id": _written_person.c.id,
    "status": sa.case((sa.exists(_seat.select()), sa.literal(RegistrationStatus.CONFIRMED, _status.type)),
                      else_=sa.literal(RegistrationStatus.WAITLISTED, _status.type)),
})


def _register_someone_new(details: ParticipantDetails, fields: dict,
                          now: datetime) -> Registration | None:
    """Someone no one knows by this name with this email or phone: their person record (shared
    by all their future events) and the registration, written at once. None, with nothing
    written, when they are known."""
    person, registration = _new_person(details, now), Registration(**fields)
    known = {"known_email": details.email.lower() if details.email else None,
             "known_phone": details.phone, "known_name": details.name_key}
    if db.session.get_bind().dialect.name == "postgresql":
        row = db.session.execute(_REGISTER_SOMEONE_NEW, {
            **row_parameters(person, "person_"), **known, "seat_event_id": registration.event_id,
            **row_parameters(registration, computed=("person_id", "status"))}).first()
        if row is None:
            return None
        attach_loaded(person, {"id": row.person_id})
        attach_loaded(registration, row._mapping)
        return registration
    # SQLite has no data-modifying WITH, and its writers take turns anyway.
    if not insert_loaded(person, _INSERT_NEW_PERSON, **known):
        return None
    registration.person_id = person.id
    registration.status = seat_status(registration.event_id)
    insert_loaded(registration)
    return registration


def _register_someone_known(event: Event, details: ParticipantDetails, fields: dict,
                            now: datetime) -> Registration:
    """A returning person keeps their record; registered before and cancelled, they get the
    same registration again. From a public form nothing typed is written into the record
    (someone else may have typed it: an address of theirs would then receive this person's
    link) and the registration is ``for_known_person``; organisers entering someone fill in
    the fields the record lacks."""
    existing, person = _find_match(event, details)
    if existing is not None and existing.status in ACTIVE:
        raise AlreadyRegistered(existing)
    by_staff = fields["source"] == RegistrationSource.MANUAL
    fields = {**fields, "for_known_person": person is not None and not by_staff}
    if person is None:  # known a moment ago, and erased since
        person = _new_person(details, now)
        insert_loaded(person)
    elif by_staff:
        person.email = person.email or details.email
        person.phone = person.phone or details.phone
        person.community_id = person.community_id or details.community_id
        if person.gender == Gender.NOT_STATED:
            person.gender = details.gender
    if existing is not None:
        for name, value in fields.items():
            setattr(existing, name, value)
        existing.status = seat_status(event.id)
        db.session.flush()
        return existing
    registration = Registration(person_id=person.id, status=seat_status(event.id), **fields)
    insert_loaded(registration)
    return registration


_GROUP_OF_ORGANISATION = {
    OrganisationKind.MUNICIPALITY: ParticipantGroup.MUNICIPALITY,
    OrganisationKind.LOCAL_EXECUTIVE: ParticipantGroup.EXECUTIVE,
    OrganisationKind.EXECUTIVE: ParticipantGroup.EXECUTIVE,
    OrganisationKind.NGO: ParticipantGroup.NGO,
    OrganisationKind.BUSINESS: ParticipantGroup.BUSINESS,
}


def _usual_group(person: Person) -> tuple[ParticipantGroup, str | None]:
    """The group (and organisation) a person registered with last time, else their
    organisation's, else a community member."""
    last = db.session.scalar(sa.select(Registration).where(Registration.person_id == person.id)
                             .order_by(Registration.id.desc()).limit(1))
    if last is not None:
        return last.group, last.organisation_name
    organisation = person.organisation
    if organisation is not None:
        return _GROUP_OF_ORGANISATION.get(organisation.kind, ParticipantGroup.OTHER), organisation.name
    return ParticipantGroup.COMMUNITY_MEMBER, None


def register_invitee(event: Event, person: Person, *, now: datetime | None = None) -> Registration:
    """Register an invited person as they are on file (their "Yes" from a calendar): confirmed
    while seats last, else waiting; the confirmation with the personal link goes to the contact
    on file. Raises ``RegistrationClosed`` outside the window and ``AlreadyRegistered``."""
    state = registration_state(event, now)
    if state != "open":
        raise RegistrationClosed(state)
    now = now or utcnow()
    existing = db.session.scalar(sa.select(Registration).where(
        Registration.event_id == event.id, Registration.person_id == person.id)
        .order_by(Registration.id.desc()).limit(1))
    if existing is not None and existing.status in ACTIVE:
        raise AlreadyRegistered(existing)
    group, organisation_name = _usual_group(person)
    fields = dict(group=group, organisation_name=organisation_name, source=RegistrationSource.INVITATION,
                  consent_at=now, confirmation_due_at=now, cancelled_at=None, for_known_person=True)
    if existing is not None:  # cancelled before: the same registration again
        for name, value in fields.items():
            setattr(existing, name, value)
        existing.status = seat_status(event.id)
        registration = existing
    else:
        registration = Registration(event_id=event.id, person_id=person.id,
                                    status=seat_status(event.id), **fields)
        insert_loaded(registration)
    db.session.flush()
    produce_after_commit(db.session, only=write_registration_mail)
    return registration


def cancel_registration(registration: Registration, *, now: datetime | None = None,
                        notify: bool = False) -> Registration | None:
    """Cancel; a freed seat goes to the first person waiting, who is told. Returns them. With
    ``notify`` the participant is told too (by their channel), before the person moving up.

    A second cancel (a double tap, two requests at once) changes nothing: only the statement
    that finds the registration still as it was read cancels it and frees its seat."""
    was = registration.status
    if was == RegistrationStatus.CANCELLED:
        return None
    moment = now or utcnow()
    changed = db.session.execute(
        sa.update(Registration).where(Registration.id == registration.id, Registration.status == was)
        .values(status=RegistrationStatus.CANCELLED, cancelled_at=moment)
        .execution_options(synchronize_session=False)).rowcount
    db.session.refresh(registration)
    if changed != 1:
        return None
    if notify:
        notify_cancelled(registration)
    if was != RegistrationStatus.CONFIRMED:
        return None
    _release_seat(registration.event_id)
    db.session.flush()
    return promote_from_waitlist(registration.event)


def register_again(registration: Registration, *, now: datetime | None = None) -> bool:
    """From the personal page of a cancelled registration: the same registration again, confirmed
    while a seat is free, else at the end of the waiting list; the mail follows as for a new one.
    Raises ``RegistrationClosed`` outside the window. Returns False when it was active already
    (a second tap, or two at once: only the statement that finds it still cancelled reopens it)."""
    if registration.status != RegistrationStatus.CANCELLED:
        return False
    state = registration_state(registration.event, now)
    if state != "open":
        raise RegistrationClosed(state)
    moment = now or utcnow()
    reopened = db.session.execute(
        sa.update(Registration)
        .where(Registration.id == registration.id, Registration.status == RegistrationStatus.CANCELLED)
        .values(status=RegistrationStatus.WAITLISTED, cancelled_at=None, consent_at=moment,
                confirmation_due_at=moment)
        .execution_options(synchronize_session=False)).rowcount
    if reopened == 1:
        if take_seat(registration.event_id):
            status = {"status": RegistrationStatus.CONFIRMED}
        else:  # at the end of the queue, which is ordered by ``created_at``
            status = {"created_at": moment}
        db.session.execute(sa.update(Registration).where(Registration.id == registration.id)
                           .values(**status).execution_options(synchronize_session=False))
        produce_after_commit(db.session, only=write_registration_mail)
    db.session.refresh(registration)
    return reopened == 1


def promote_from_waitlist(event: Event) -> Registration | None:
    """Give a free seat to whoever has waited longest, and tell them."""
    waiting = db.session.scalar(
        sa.select(Registration)
        .where(Registration.event_id == event.id, Registration.status == RegistrationStatus.WAITLISTED)
        .order_by(Registration.created_at, Registration.id).limit(1)
        .with_for_update(skip_locked=True)
    )
    if waiting is None or not take_seat(event.id):
        return None
    waiting.status = RegistrationStatus.CONFIRMED
    waiting.confirmation_due_at = None  # the news of the seat replaces a waiting-list mail not yet written
    db.session.flush()
    notify_promoted(waiting)
    return waiting


def update_my_details(registration: Registration, details: ParticipantDetails) -> None:
    """The participant corrects their details from their personal page."""
    person = registration.person
    ensure_contacts_free(details.email, details.phone, own_id=person.id, name=details.full_name)
    person.full_name = details.full_name
    person.email = details.email
    person.phone = details.phone
    person.community_id = details.community_id
    person.gender = details.gender
    person.language = details.language
    choose_channel(person, details.channel)
    registration.group = details.group
    registration.organisation_name = details.organisation_name
    db.session.flush()


def choose_channel(person: Person, channel: Channel | None, *, now: datetime | None = None) -> None:
    """How the person wants their messages; choosing SMS is their consent to SMS, kept with its
    time (a later choice of email withdraws it)."""
    if channel == Channel.SMS and not person.phone:
        channel = Channel.EMAIL if person.email else None
    if channel == Channel.EMAIL and not person.email:
        channel = None
    person.preferred_channel = channel
    if channel == Channel.SMS:
        person.sms_consent_at = person.sms_consent_at or now or utcnow()
    else:
        person.sms_consent_at = None


class ErasureScope(enum.StrEnum):
    """What a participant deletes from their personal page."""

    REGISTRATION = "registration"  # this registration only
    EVERYTHING = "everything"      # all that is known of them


def erase_personal_data(registration: Registration, *, now: datetime | None = None,
                        scope: ErasureScope = ErasureScope.EVERYTHING) -> None:
    """The participant's right to erasure, for ``scope``; either way the registration's personal
    link ends (its token is replaced by one nobody knows) and its certificate, revoked at the
    holder's request, no longer names them.

    ``REGISTRATION``: this registration is cancelled and keeps nothing of them but the person it
    belongs to (organisation, proposals' names and attendance-report match gone); their record
    stays for their other registrations. ``EVERYTHING``: every registration of theirs is
    cancelled and every link ends, and what identifies them is blanked; only the counts' facts
    (gender, community, group) remain."""
    if scope == ErasureScope.REGISTRATION:
        _erase_registration(registration, now=now)
        db.session.flush()
        return
    person = registration.person
    for other in db.session.scalars(sa.select(Registration).where(
            Registration.person_id == person.id, Registration.status.in_(ACTIVE))).all():
        cancel_registration(other, now=now)
    erase_messages_to(person.email, person.phone)
    person.full_name = "—"
    person.email = None
    person.phone = None
    person.organisation_id = None
    person.anonymised_at = now or utcnow()
    for each in db.session.scalars(sa.select(Registration).where(Registration.person_id == person.id)):
        each.organisation_name = None
        each.personal_token = new_personal_token()
    _forget_elsewhere(person.id)
    db.session.flush()


def _erase_registration(registration: Registration, *, now: datetime | None) -> None:
    from ..attendance.models import AttendanceRecord
    from ..certificates.services import forget_holder
    from ..proposals.models import Proposal

    cancel_registration(registration, now=now)
    registration.organisation_name = None
    registration.personal_token = new_personal_token()
    forget_holder(registration.person_id, event_id=registration.event_id)
    # Its proposals stay, anonymous: the group and community that counts keep are on the proposal.
    db.session.execute(sa.update(Proposal).where(Proposal.registration_id == registration.id)
                       .values(person_id=None, registration_id=None, show_name=False)
                       .execution_options(synchronize_session="fetch"))
    db.session.execute(sa.update(AttendanceRecord).where(
        AttendanceRecord.person_id == registration.person_id,
        AttendanceRecord.event_id == registration.event_id).values(report_key=None))


def erasure_consequences(registration: Registration) -> dict:
    """What each scope of erasure would delete, for the page to say before the click: the
    events of the person's other active registrations, their valid certificates (this event's
    and all), how many proposals name them (from this registration and all)."""
    from ..certificates.models import Certificate
    from ..proposals.models import Proposal

    person_id = registration.person_id
    others = db.session.scalars(
        sa.select(Event).join(Registration, Registration.event_id == Event.id)
        .where(Registration.person_id == person_id, Registration.id != registration.id,
               Registration.status.in_(ACTIVE)).order_by(Event.starts_at)).all()
    certificates = db.session.execute(
        sa.select(Certificate.event_id, Event.title).join(Event, Event.id == Certificate.event_id)
        .where(Certificate.person_id == person_id, Certificate.revoked_at.is_(None))
        .order_by(Event.starts_at)).all()
    proposals = db.session.execute(
        sa.select(Proposal.registration_id).where(Proposal.person_id == person_id)).scalars().all()
    return {
        "other_events": [event.title for event in others],
        "certificate_here": next((title for event_id, title in certificates
                                  if event_id == registration.event_id), None),
        "certificates": [title for _, title in certificates],
        "proposals_here": sum(each == registration.id for each in proposals),
        "proposals": len(proposals),
    }


def _forget_elsewhere(person_id: int) -> None:
    """What other features keep of the person's name: certificates, attendance reports' names."""
    from ..attendance.models import AttendanceRecord
    from ..certificates.services import forget_holder

    forget_holder(person_id)
    db.session.execute(sa.update(AttendanceRecord).where(AttendanceRecord.person_id == person_id)
                       .values(report_key=None))


def find_by_submission_key(key: str | None) -> Registration | None:
    """The registration a form with this key made, if any (the same form sent twice)."""
    if not key or len(key) > 43:
        return None
    return db.session.scalar(sa.select(Registration).where(Registration.submission_key == key))


def find_by_personal_token(token: str) -> Registration | None:
    """The registration of this personal link; none once its person's data were erased (their
    links also got new tokens then; this covers those erased before that)."""
    if not token or len(token) > 64:
        return None
    return db.session.scalar(sa.select(Registration).join(Person, Person.id == Registration.person_id)
                             .where(Registration.personal_token == token, Person.anonymised_at.is_(None)))


_EVENT_BY_REGISTRATION_TOKEN = sa.select(Event).where(Event.registration_token == sa.bindparam("token"))


def find_event_by_registration_token(token: str) -> Event | None:
    if not token or len(token) > 16:
        return None
    return db.session.scalar(_EVENT_BY_REGISTRATION_TOKEN, {"token": token})


def send_link_on_whatsapp(registration: Registration, *, actor) -> str:
    """The wa.me address that opens the organiser's WhatsApp with the participant's personal
    link written, recorded in the outbox as sent by ``actor``."""
    from ..notifications.kinds import MessageKind
    from ..notifications.services import record_whatsapp_message
    from ..notifications.whatsapp import whatsapp_text, whatsapp_url
    from .notices import message_context

    person = registration.person
    text = whatsapp_text("personal_link", person.language, **message_context(registration))
    record_whatsapp_message(to_phone=person.phone, to_name=person.full_name, text=text,
                            kind=MessageKind.CONFIRMATION, event_id=registration.event_id,
                            actor=actor)
    return whatsapp_url(person.phone, text)

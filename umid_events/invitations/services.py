"""Invitations, change notices and reminders: recorded by requests, written as mail by producers.

A request only writes ``Invitation`` / ``EventNotice`` rows (so inviting 300 people returns at
once); the worker's producers, run after the commit and every minute, turn them into outbox
messages. Every producer is safe to run twice: a message's dedupe key names the intent it
serves, and the outbox never records the same key twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app, url_for
from flask_babel import force_locale
from sqlalchemy.orm import selectinload

from ..core.timefmt import format_moment
from ..core.types import utcnow
from ..directory.models import Person
from ..events.kinds import EventStatus
from ..events.models import Event
from ..extensions import db
from ..ical.services import invitation_calendar, participant_may_see_link
from ..notifications.channels import channel_for, queue_person_message
from ..notifications.kinds import Channel, MessageKind, MessageStatus
from ..notifications.mail import CalendarPart
from ..notifications.models import OutgoingMessage
from ..notifications.services import (
    InvalidRecipient,
    messages_by_dedupe_key,
    normalise_recipient,
    outbox_batch,
    queue_templated_message,
    record_whatsapp_message,
)
from ..notifications.tasks import backlog, produce_after_commit, producer
from ..notifications.unsubscribe import (
    UNSUBSCRIBED_EMAILS,
    unsubscribe_tokens,
    unsubscribe_url,
    unsubscribed,
)
from ..notifications.whatsapp import whatsapp_text, whatsapp_url
from ..registrations.models import Registration, RegistrationStatus
from .models import EventNotice, Invitation, NoticeKind, new_invitation_token

BATCH = 200
NOTIFIED_FIELDS = {"starts_at", "ends_at", "meeting_url", "meeting_id", "meeting_passcode"}


@dataclass
class InviteResult:
    invited: int = 0
    already: int = 0
    without_email: list = field(default_factory=list)  # the people (or rows) left out
    by_whatsapp: int = 0  # invited, with a phone and no email: organisers send it on WhatsApp
    unsubscribed: list = field(default_factory=list)  # their address left the invitations


def invite_people(event: Event, people, *, actor) -> InviteResult:
    """Record an invitation for everyone with an email address not yet invited; the worker
    writes and sends the mail. People without an address, and those whose address has left
    the invitations (its unsubscribe link), are listed, not silently dropped.

    ``people`` are Person objects or rows with the same attributes (id, full_name, email,
    language); the rows are inserted in one statement, so a large batch stays quick.
    """
    result = InviteResult()
    invited = set(db.session.scalars(sa.select(Invitation.person_id).where(Invitation.event_id == event.id)))
    rows, now, actor_id = [], utcnow(), getattr(actor, "id", None)
    people = {person.id: person for person in people}.values()
    left = unsubscribed(person.email for person in people)
    for person in people:
        by_whatsapp = not person.email and bool(getattr(person, "phone", None))
        if not by_whatsapp and not _reachable(person.email):
            result.without_email.append(person)
        elif person.email and person.email.lower() in left:
            result.unsubscribed.append(person)
        elif person.id in invited:
            result.already += 1
        else:
            rows.append({"event_id": event.id, "person_id": person.id, "token": new_invitation_token(),
                         "language": person.language or "az", "created_at": now,
                         "created_by_id": actor_id})
            result.by_whatsapp += by_whatsapp
    if rows:
        db.session.execute(sa.insert(Invitation), rows)
        produce_after_commit(db.session)
    result.invited = len(rows)
    return result


def _reachable(email: str | None) -> bool:
    """An address the outbox accepts (a bad one would stop the worker's batch every minute)."""
    if not email:
        return False
    try:
        normalise_recipient(email)
    except InvalidRecipient:
        return False
    return True


def rsvp_enabled() -> bool:
    """Whether invitations ask calendars for an answer: a mailbox receives and reads them."""
    config = current_app.config
    return bool(config.get("RSVP_ADDRESS") and config.get("RSVP_IMAP_HOST"))


def find_invitation(event: Event, token: str | None) -> Invitation | None:
    if not token or len(token) > 32:
        return None
    return db.session.scalar(sa.select(Invitation).where(Invitation.event_id == event.id,
                                                         Invitation.token == token))


def record_event_change(event: Event, changed: set[str]) -> None:
    """Called when an event is saved: people who were told about it are told of the change."""
    if "status" in changed and event.status == EventStatus.CANCELLED:
        kind = NoticeKind.CANCEL
    elif changed & NOTIFIED_FIELDS and event.status == EventStatus.PUBLISHED:
        kind = NoticeKind.UPDATE
    else:
        return
    db.session.add(EventNotice(event_id=event.id, kind=kind, sequence=event.sequence))
    produce_after_commit(db.session)


def invitation_progress(event_id: int) -> dict:
    """How far the event's invitations have gone: {"total", "preparing", <message status>: n}."""
    rows = db.session.execute(
        sa.select(OutgoingMessage.status, sa.func.count(Invitation.id))
        .select_from(Invitation).outerjoin(OutgoingMessage, Invitation.message_id == OutgoingMessage.id)
        .where(Invitation.event_id == event_id).group_by(OutgoingMessage.status)).all()
    progress = {"total": sum(count for _status, count in rows), "preparing": 0}
    for status, count in rows:
        progress["preparing" if status is None else status.value] = count
    progress["done"] = progress.get(MessageStatus.SENT.value, 0)
    return progress


# --- the mail ------------------------------------------------------------------------------

def _when(event: Event, language: str) -> str:
    return (f"{format_moment(event.starts_at, 'weekday', language)}, "
            f"{format_moment(event.starts_at, 'time', language)}–{format_moment(event.ends_at, 'time', language)}")


def mail_context(event: Event, person: Person, language: str, **extra) -> dict:
    return {"name": person.full_name, "event_title": event.title, "when": _when(event, language),
            "short_when": format_moment(event.starts_at, "short", language),
            "description": event.description or "",
            "event_url": url_for("public.event", token=event.public_token, _external=True), **extra}


def _calendar(event: Event, person: Person, method: str, with_link: bool, language: str, *,
              invitation: bool = False):
    """The calendar of a mail to ``person``: asking for their answer when an RSVP mailbox reads
    replies; an invitation without one is METHOD:PUBLISH (a Yes would reach no one, so no
    buttons; the mail's own button registers). Updates and cancellations keep REQUEST/CANCEL
    (RSVP=FALSE without a mailbox), so that calendars move or remove the entry they hold."""
    rsvp = rsvp_enabled()
    if invitation and not rsvp:
        method = "PUBLISH"
    with force_locale(language):  # its labels in the addressee's language, as the mail
        data = invitation_calendar(event, to_name=person.full_name, to_email=person.email,
                                   method=method, with_link=with_link,
                                   rsvp_address=current_app.config["RSVP_ADDRESS"] if rsvp else None)
    # Once, as the inline part: an attachment of the same bytes would not be sent (build_mime
    # leaves it out) and would only cost an outbox row per message.
    return CalendarPart(method, data)


def queue_invitation_mail(event: Event, person: Person, *, language: str,
                          invitation_token: str | None = None, dedupe_key: str | None = None,
                          dedupe_checked: bool = False, unsubscribe_token: str | None = None):
    """The invitation message: the registration link (the invitation's token in it shows the
    invitee's masked name) and a METHOD:REQUEST calendar part with ORGANIZER and ATTENDEE;
    with ``unsubscribe_token``, the link to leave the invitations, in the text and in the
    List-Unsubscribe header."""
    arguments = {"i": invitation_token} if invitation_token else {}
    link = url_for("registrations.register", token=event.registration_token, _external=True,
                   **arguments)
    leave = unsubscribe_url(unsubscribe_token) if unsubscribe_token else None
    calendar = _calendar(event, person, "REQUEST", with_link=False, language=language, invitation=True)
    return queue_templated_message(
        template="invitation", to_email=person.email, to_name=person.full_name, language=language,
        context=mail_context(event, person, language, register_url=link, unsubscribe_url=leave,
                             rsvp=rsvp_enabled()),
        kind=MessageKind.INVITATION, event_id=event.id, calendar=calendar,
        dedupe_key=dedupe_key, dedupe_checked=dedupe_checked, unsubscribe_url=leave)


# Invitations the worker writes as mail: not those of people with a phone and no email, who
# wait for an organiser to send them on WhatsApp (``send_invitation_on_whatsapp``), nor those
# of addresses that have left the invitations.
_BY_MAIL = Invitation.person_id.in_(sa.select(Person.id).where(
    Person.email.is_not(None), sa.func.lower(Person.email).not_in(UNSUBSCRIBED_EMAILS)))


def send_invitation_on_whatsapp(invitation: Invitation, *, actor) -> str:
    """The wa.me address that opens the organiser's WhatsApp with the invitation and its
    registration link written; recorded as the invitation's message, sent by ``actor``."""
    event, person = invitation.event, invitation.person
    language = invitation.language or person.language or "az"
    link = url_for("registrations.register", token=event.registration_token, _external=True,
                   i=invitation.token)
    text = whatsapp_text("invitation", language, **mail_context(event, person, language, register_url=link))
    message = record_whatsapp_message(to_phone=person.phone, to_name=person.full_name, text=text,
                                      kind=MessageKind.INVITATION, event_id=event.id, actor=actor)
    invitation.message_id = message.id
    return whatsapp_url(person.phone, text)


@backlog(MessageKind.INVITATION)
def invitations_to_write():
    return db.session.execute(sa.select(sa.func.count(), sa.func.min(Invitation.created_at))
                              .where(Invitation.message_id.is_(None), _BY_MAIL)).one()


@producer
def prepare_invitations() -> int:
    """Write the mail of invitations that have none yet (a batch at a time)."""
    written = 0
    while True:
        pending = db.session.scalars(
            sa.select(Invitation).where(Invitation.message_id.is_(None), _BY_MAIL).order_by(Invitation.id)
            .limit(BATCH).options(selectinload(Invitation.person), selectinload(Invitation.event))).all()
        if not pending:
            return written
        keys = {invitation.id: f"invitation:{invitation.id}" for invitation in pending}
        already = messages_by_dedupe_key(keys.values())  # one query for the batch, not one each
        tokens = unsubscribe_tokens(invitation.person.email for invitation in pending)
        messages = {}
        with outbox_batch():  # and one write
            for invitation in pending:
                key = keys[invitation.id]
                if key not in already:
                    messages[key] = queue_invitation_mail(
                        invitation.event, invitation.person, language=invitation.language,
                        invitation_token=invitation.token, dedupe_key=key, dedupe_checked=True,
                        unsubscribe_token=tokens[invitation.person.email.lower()])
        for invitation in pending:
            key = keys[invitation.id]
            invitation.message_id = already[key] if key in already else messages[key].id
        db.session.commit()
        written += len(pending)


def _audience(event: Event) -> list[tuple[Person, Registration | None]]:
    """Everyone who knows of the event: its active registrations and the invited who did not
    register (each person once)."""
    registrations = db.session.scalars(
        sa.select(Registration).where(Registration.event_id == event.id,
                                      Registration.status != RegistrationStatus.CANCELLED)
        .options(selectinload(Registration.person))).all()
    people = {registration.person_id: (registration.person, registration) for registration in registrations}
    invited = db.session.scalars(sa.select(Invitation).where(Invitation.event_id == event.id)
                                 .options(selectinload(Invitation.person))).all()
    left = unsubscribed(invitation.person.email for invitation in invited)
    for invitation in invited:  # not those who left the invitations, unless registered
        if (invitation.person.email or "").lower() not in left:
            people.setdefault(invitation.person_id, (invitation.person, None))
    return [(person, registration) for person, registration in people.values()
            if channel_for(person) is not None]


@producer
def prepare_event_notices() -> int:
    """Tell everyone of each recorded change: an update (same UID, SEQUENCE raised, METHOD:
    REQUEST) or a cancellation (METHOD:CANCEL)."""
    done = 0
    for notice in db.session.scalars(sa.select(EventNotice).where(EventNotice.processed_at.is_(None))
                                     .order_by(EventNotice.id)).all():
        event = notice.event
        cancel = notice.kind == NoticeKind.CANCEL
        for person, registration in _audience(event):
            with_link = (not cancel and registration is not None
                         and registration.status == RegistrationStatus.CONFIRMED
                         and participant_may_see_link(event))
            channel = channel_for(person)
            calendar = (_calendar(event, person, "CANCEL" if cancel else "REQUEST", with_link,
                                  person.language or "az") if channel == Channel.EMAIL else None)
            personal = (url_for("registrations.personal_page", token=registration.personal_token, _external=True)
                        if registration else None)
            queue_person_message(
                person, template="event_cancelled" if cancel else "event_updated", channel=channel,
                context=mail_context(event, person, person.language or "az", personal_url=personal),
                kind=MessageKind.CANCELLATION if cancel else MessageKind.UPDATE, event_id=event.id,
                calendar=calendar, dedupe_key=f"notice:{notice.id}:{person.id}")
        notice.processed_at = utcnow()
        db.session.commit()
        done += 1
    return done


@producer
def queue_due_reminders(now=None) -> int:
    """Reminders with the join link, at each of the event's reminder times (once each)."""
    now = now or utcnow()
    queued = 0
    upcoming = db.session.scalars(sa.select(Event).where(
        Event.status == EventStatus.PUBLISHED, Event.starts_at > now,
        Event.starts_at <= now + timedelta(days=7))).all()
    for event in upcoming:
        due = [minutes for minutes in event.reminder_offsets
               if event.starts_at - timedelta(minutes=minutes) <= now]
        if not due:
            continue
        minutes = min(due)  # only the latest reminder that fell due: no burst of stale ones
        registrations = db.session.scalars(sa.select(Registration).where(
            Registration.event_id == event.id, Registration.status == RegistrationStatus.CONFIRMED)
            .options(selectinload(Registration.person))).all()
        for registration in registrations:
            person = registration.person
            message = queue_person_message(
                person, template="reminder", asked=registration.for_known_person,
                context=mail_context(event, person, person.language or "az",
                                 personal_url=url_for("registrations.personal_page",
                                                      token=registration.personal_token, _external=True),
                                 join_url=url_for("registrations.join", token=registration.personal_token,
                                                  _external=True) if participant_may_see_link(event) else None),
                kind=MessageKind.REMINDER, event_id=event.id,
                dedupe_key=f"reminder:{event.id}:{registration.id}:{minutes}")
            queued += message is not None
        db.session.commit()
    return queued  # messages written or found already written

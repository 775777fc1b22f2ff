"""Answers from calendars: an invitee's "Yes" in Outlook, Gmail or Thunderbird registers them.

Invitations carry a METHOD:REQUEST calendar whose ORGANIZER is ``RSVP_ADDRESS``; a calendar's
Yes / No / Maybe sends an iTIP REPLY (RFC 5546, in mail by RFC 6047) there, which the worker
reads over IMAP (``inbox.py``). This module reads the replies out of a mail and acts on them:

* **Yes** from an invitee: registered as they are on file (``register_invitee``): nothing in
  the reply is written into their record, and the confirmation with the personal link goes to
  the address on file — the invitation was sent there, so the reply comes from its owner (a
  forged reply could at most register someone, who is then told). Registered already: the link
  is sent again. Registration closed or the event full: they are told (waiting list).
* **No**: noted on the invitation for organisers. Someone registered is not cancelled by a
  mail anyone can forge: they are sent their page's link to cancel there.
* **Maybe**: noted.

A reply is matched by its UID (the event's) and its ATTENDEE address (else the mail's From)
to the invitation of a person with that address; two people sharing one address are told
apart by the attendee's name, or the reply is left for organisers ("unmatched").
"""

from __future__ import annotations

import email
import email.policy
import hashlib
from contextlib import suppress
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import parseaddr

import sqlalchemy as sa
from flask import url_for
from icalendar import Calendar

from ..core.aztext import search_key
from ..core.types import utcnow
from ..directory.models import Person
from ..events.models import Event
from ..extensions import db
from ..notifications.kinds import MessageKind
from ..notifications.services import InvalidRecipient, queue_templated_message
from ..registrations.models import Registration, RegistrationStatus
from ..registrations.notices import resend_personal_link
from ..registrations.services import AlreadyRegistered, RegistrationClosed, register_invitee
from .models import CalendarReply, Invitation, InvitationResponse, ReplyOutcome
from .services import mail_context

MAX_REPLY_BYTES = 2 * 1024 * 1024  # a calendar reply is a few KB; anything this big is not one
_CALENDAR_TYPES = ("text/calendar", "application/ics", "text/x-vcalendar")
_RESPONSES = {"ACCEPTED": InvitationResponse.ACCEPTED, "DECLINED": InvitationResponse.DECLINED,
              "TENTATIVE": InvitationResponse.TENTATIVE}


@dataclass(frozen=True)
class ReplyItem:
    """One attendee's answer in a REPLY: plain data read from the mail."""

    uid: str
    attendee_email: str | None
    attendee_name: str | None
    partstat: str  # upper case: ACCEPTED, DECLINED, TENTATIVE, or anything a client writes


@dataclass(frozen=True)
class ReadMail:
    message_key: str   # its Message-ID, else a hash of the bytes
    from_email: str | None
    subject: str
    items: tuple[ReplyItem, ...]
    readable: bool     # False: a calendar part was there but could not be read


def read_mail(raw: bytes) -> ReadMail:
    """The calendar replies in one mail, as any of the three clients writes them (inline
    text/calendar alternative, an .ics attachment, or both: the same answer is kept once)."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    message_id = str(message.get("Message-ID") or "").strip()
    key = message_id[:250] if message_id else "sha256:" + hashlib.sha256(raw).hexdigest()
    from_email = parseaddr(str(message.get("From") or ""))[1].lower() or None
    subject = " ".join(str(message.get("Subject") or "").split())[:300]
    items, readable = [], True
    for part in message.walk():
        if not _is_calendar(part):
            continue
        try:
            found = _reply_items(part.get_payload(decode=True) or b"")
        except ValueError:
            readable = False
            continue
        items.extend(item for item in found if item not in items)
    return ReadMail(key, from_email, subject, tuple(items), readable)


def _is_calendar(part: EmailMessage) -> bool:
    if part.is_multipart():
        return False
    filename = (part.get_filename() or "").lower()
    return part.get_content_type() in _CALENDAR_TYPES or filename.endswith(".ics")


def _reply_items(data: bytes) -> list[ReplyItem]:
    """Raises ValueError for a calendar that cannot be parsed."""
    try:
        calendar = Calendar.from_ical(data.decode("utf-8", errors="replace"))
    except Exception as error:  # icalendar raises ValueError, KeyError, IndexError…
        raise ValueError(str(error)) from error
    if str(calendar.get("METHOD", "")).upper() != "REPLY":
        return []
    items = []
    for component in calendar.walk("VEVENT"):
        uid = str(component.get("UID", "")).strip()
        attendees = component.get("ATTENDEE", [])
        for attendee in attendees if isinstance(attendees, list) else [attendees]:
            partstat = str(attendee.params.get("PARTSTAT", "")).upper()
            address = str(attendee)
            address = address[7:] if address.lower().startswith("mailto:") else address
            items.append(ReplyItem(uid, address.strip().lower() or None,
                                   str(attendee.params.get("CN", "")).strip() or None, partstat))
    return items


# --- acting on a reply ---------------------------------------------------------------------

def record_mail(raw: bytes, *, too_large: bool = False) -> CalendarReply | None:
    """Read one mail from the RSVP mailbox and act on it, in the current transaction; None if
    this very mail was recorded before (read twice). ``too_large``: only the header of a mail
    too large to be a reply, recorded for organisers to look at."""
    too_large = too_large or len(raw) > MAX_REPLY_BYTES
    mail = read_mail(raw.split(b"\r\n\r\n", 1)[0] + b"\r\n\r\n" if too_large else raw)
    if db.session.scalar(sa.select(CalendarReply.id).where(CalendarReply.message_key == mail.message_key)):
        return None
    if too_large:
        return _record(mail, ReplyOutcome.UNREADABLE)
    if not mail.items:
        return _record(mail, ReplyOutcome.NOT_A_REPLY if mail.readable else ReplyOutcome.UNREADABLE)
    item = mail.items[0]  # a client answers for its own attendee only
    event = db.session.scalar(sa.select(Event).where(Event.uid == item.uid)) if item.uid else None
    if event is None:
        return _record(mail, ReplyOutcome.UNKNOWN_EVENT, item)
    invitation = _find_invitation(event, item, mail.from_email)
    if invitation is None:
        return _record(mail, ReplyOutcome.UNMATCHED, item, event=event)
    return _answer(mail, item, invitation)


def _find_invitation(event: Event, item: ReplyItem, from_email: str | None) -> Invitation | None:
    for address in dict.fromkeys(filter(None, (item.attendee_email, from_email))):
        invited = list(db.session.scalars(
            sa.select(Invitation).join(Person, Invitation.person_id == Person.id)
            .where(Invitation.event_id == event.id, sa.func.lower(Person.email) == address)
            .order_by(Invitation.id)))
        if len(invited) > 1 and item.attendee_name:  # one address, several people: by name
            name = search_key(item.attendee_name)
            invited = [each for each in invited if each.person.name_key == name]
        if len(invited) == 1:
            return invited[0]
    return None


def _active_registration(invitation: Invitation) -> Registration | None:
    return db.session.scalar(sa.select(Registration).where(
        Registration.event_id == invitation.event_id, Registration.person_id == invitation.person_id,
        Registration.status.in_(RegistrationStatus.active())))


def _answer(mail: ReadMail, item: ReplyItem, invitation: Invitation) -> CalendarReply:
    response = _RESPONSES.get(item.partstat)
    if response is None:  # NEEDS-ACTION, DELEGATED…: nothing to act on
        return _record(mail, ReplyOutcome.NOT_A_REPLY, item, invitation=invitation)
    invitation.response, invitation.responded_at = response, utcnow()
    registration = _active_registration(invitation)
    if response == InvitationResponse.TENTATIVE:
        return _record(mail, ReplyOutcome.TENTATIVE, item, invitation=invitation, registration=registration)
    if response == InvitationResponse.DECLINED:
        if registration is None:
            return _record(mail, ReplyOutcome.DECLINED, item, invitation=invitation)
        _tell(invitation, "rsvp_declined_registered",
              personal_url=url_for("registrations.personal_page", token=registration.personal_token,
                                   _external=True))
        return _record(mail, ReplyOutcome.DECLINED_REGISTERED, item, invitation=invitation,
                       registration=registration)
    try:
        with db.session.begin_nested():
            registration = register_invitee(invitation.event, invitation.person)
    except AlreadyRegistered as error:
        resend_personal_link(error.registration, email=invitation.person.email)
        return _record(mail, ReplyOutcome.ALREADY_REGISTERED, item, invitation=invitation,
                       registration=error.registration)
    except RegistrationClosed as error:
        _tell(invitation, "rsvp_not_registered", reason=str(error))
        return _record(mail, ReplyOutcome.CLOSED, item, invitation=invitation)
    return _record(mail, ReplyOutcome.REGISTERED, item, invitation=invitation, registration=registration)


def _tell(invitation: Invitation, template: str, **extra) -> None:
    """A short answer to the address on file (the one the invitation went to)."""
    event, person = invitation.event, invitation.person
    language = invitation.language or person.language or "az"
    # An address no longer usable gets nothing: the answer stays recorded for organisers.
    with suppress(InvalidRecipient):
        queue_templated_message(template=template, to_email=person.email, to_name=person.full_name,
                                language=language, context=mail_context(event, person, language, **extra),
                                kind=MessageKind.OTHER, event_id=event.id,
                                dedupe_key=f"{template}:{invitation.id}:{invitation.responded_at.timestamp()}")


def _record(mail: ReadMail, outcome: ReplyOutcome, item: ReplyItem | None = None, *,
            event: Event | None = None, invitation: Invitation | None = None,
            registration: Registration | None = None) -> CalendarReply:
    event = event or (invitation.event if invitation else None)
    reply = CalendarReply(
        message_key=mail.message_key, from_email=(mail.from_email or "")[:254] or None,
        subject=mail.subject, attendee_email=(item.attendee_email or "")[:254] or None if item else None,
        partstat=(item.partstat[:32] or None) if item else None, outcome=outcome,
        event_id=event.id if event else None, invitation_id=invitation.id if invitation else None,
        registration_id=registration.id if registration else None)
    db.session.add(reply)
    db.session.flush()
    return reply


def list_replies(event_id: int | None = None, limit: int = 200) -> list[CalendarReply]:
    query = sa.select(CalendarReply).order_by(CalendarReply.received_at.desc(), CalendarReply.id.desc())
    if event_id is not None:
        query = query.where(CalendarReply.event_id == event_id)
    return list(db.session.scalars(query.limit(limit)))

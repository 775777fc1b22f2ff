"""The mail a registration causes.

A new registration saves only the intent (``Registration.confirmation_due_at``) and the worker
writes its mail (``write_registration_mail``, run after the commit and every minute); moving up
from the waiting list and asking for one's link again write their mail at once, in the
transaction of the action.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import url_for
from flask_babel import force_locale
from sqlalchemy.orm import selectinload

from ..core.timefmt import format_moment
from ..core.types import utcnow
from ..directory.models import Community, Person
from ..events.models import Event
from ..extensions import db
from ..ical.services import invitation_calendar, participant_may_see_link, render_calendar
from ..notifications.channels import channel_for, queue_person_message
from ..notifications.kinds import Channel, MessageKind
from ..notifications.mail import Attachment, CalendarPart
from ..notifications.services import messages_by_dedupe_key, outbox_batch
from ..notifications.tasks import backlog, producer
from .models import Registration, RegistrationStatus

BATCH = 100


def personal_url(registration: Registration) -> str:
    return url_for("registrations.personal_page", token=registration.personal_token, _external=True)


def message_context(registration: Registration) -> dict:
    event, person = registration.event, registration.person
    lang = person.language or "az"
    return {
        "name": person.full_name,
        "event_title": event.title,
        "short_when": format_moment(event.starts_at, "short", lang),
        "when": f"{format_moment(event.starts_at, 'weekday', lang)}, "
                f"{format_moment(event.starts_at, 'time', lang)}–{format_moment(event.ends_at, 'time', lang)}",
        "personal_url": personal_url(registration),
        "event_url": url_for("public.event", token=event.public_token, _external=True),
        "waitlisted": registration.status == RegistrationStatus.WAITLISTED,
    }


def _calendar_file(registration: Registration) -> Attachment:
    event = registration.event
    with_link = (registration.status == RegistrationStatus.CONFIRMED
                 and participant_may_see_link(event))
    with force_locale(registration.person.language or "az"):  # labels in the mail's language
        data = render_calendar([event], name=event.title, with_link=with_link)
    return Attachment("event.ics", "text/calendar", data)


def _cancel_calendar(registration: Registration) -> CalendarPart:
    """METHOD:CANCEL of the event's entry (its UID, addressed to the participant), so that the
    calendar the confirmation's file went into removes the entry rather than keep a meeting
    they no longer attend."""
    person = registration.person
    with force_locale(person.language or "az"):
        data = invitation_calendar(registration.event, to_name=person.full_name, to_email=person.email,
                                   method="CANCEL", with_link=False)
    return CalendarPart("CANCEL", data)


def _queue(registration: Registration, template: str, kind: MessageKind, *, key: str | None,
           with_calendar: bool, dedupe_checked: bool = False, asked: bool = False,
           channel: Channel | None = None, cancels_calendar: bool = False):
    """By the person's channel (mail with the calendar file, or SMS); a registration made from a
    public form for someone already known counts as asked for: its link must reach them."""
    person = registration.person
    channel = channel or channel_for(person, asked=asked or registration.for_known_person)
    if channel is None:
        return None
    return queue_person_message(
        person, template=template, context=message_context(registration), kind=kind,
        event_id=registration.event_id,
        attachments=(_calendar_file(registration),) if with_calendar and channel == Channel.EMAIL else (),
        calendar=_cancel_calendar(registration) if cancels_calendar and channel == Channel.EMAIL else None,
        dedupe_key=key, dedupe_checked=dedupe_checked, channel=channel)


def _registered_key(registration: Registration) -> str:
    return (f"registered:{registration.id}:{registration.status.value}:"
            f"{registration.consent_at.timestamp()}")


def notify_registered(registration: Registration) -> None:
    """A confirmation (with the calendar file) or the news of a place on the waiting list; for
    ``write_registration_mail``, which has looked the dedupe key up already."""
    confirmed = registration.status == RegistrationStatus.CONFIRMED
    _queue(registration, "registration_confirmed" if confirmed else "registration_waitlisted",
           MessageKind.CONFIRMATION, key=_registered_key(registration),
           with_calendar=confirmed, dedupe_checked=True)


@backlog(MessageKind.CONFIRMATION)
def confirmations_to_write():
    due = Registration.confirmation_due_at
    return db.session.execute(sa.select(sa.func.count(), sa.func.min(due)).where(due.is_not(None))).one()


@producer
def write_registration_mail() -> int:
    """Write the mail of the registrations saved since the last run, a batch at a time, for the
    status each has now (a registration cancelled or erased meanwhile gets none). Safe to run
    twice at once: PostgreSQL hands each row to one run, and the dedupe key stops a second copy
    anywhere. Returns how many registrations were handled."""
    handled = 0
    while True:
        due = db.session.scalars(
            sa.select(Registration).where(Registration.confirmation_due_at.is_not(None))
            .order_by(Registration.confirmation_due_at, Registration.id).limit(BATCH)
            .options(selectinload(Registration.person),
                     selectinload(Registration.event).selectinload(Event.community)
                     .selectinload(Community.district))
            .with_for_update(skip_locked=True, of=Registration)).all()
        if not due:
            return handled
        keys = {each.id: _registered_key(each) for each in due
                if each.status in RegistrationStatus.active()}
        already = messages_by_dedupe_key(keys.values())  # one query for the batch
        with outbox_batch():  # and one write
            for registration in due:
                if registration.id in keys and keys[registration.id] not in already:
                    notify_registered(registration)
        for registration in due:
            registration.confirmation_due_at = None
        db.session.commit()
        handled += len(due)


def notify_promoted(registration: Registration) -> None:
    _queue(registration, "registration_promoted", MessageKind.WAITLIST_PROMOTION,
           key=f"promoted:{registration.id}:{registration.updated_at.timestamp()}", with_calendar=True)


def notify_cancelled(registration: Registration) -> None:
    """The participant cancelled from their page: told by their channel, with the way back
    (their page offers "Register again" while places or the waiting list are open); by mail
    with the calendar's cancellation of the entry their confirmation added."""
    _queue(registration, "registration_cancelled", MessageKind.CANCELLATION,
           key=f"cancelled:{registration.id}:{registration.cancelled_at.timestamp()}",
           with_calendar=False, cancels_calendar=True)


LINK_RESEND_MINUTES = 10  # the same link is sent again at most this often


def resend_personal_link(registration: Registration, *, email: str | None = None,
                         phone: str | None = None, now=None) -> bool:
    """For someone who asks for their link (or registers again): it goes to the contact on file,
    never on screen; by SMS when the phone typed is the one on file, by mail when the email is,
    else by the person's own channel. At most once in ``LINK_RESEND_MINUTES`` per registration,
    so that typing someone's number again and again does not flood their phone. Returns whether
    a message was (or had just been) written."""
    person = registration.person
    if phone and person.phone == phone:
        channel = Channel.SMS
    elif email and person.email and person.email.lower() == email.lower():
        channel = Channel.EMAIL
    else:
        channel = None
    slot = int((now or utcnow()).timestamp() // (LINK_RESEND_MINUTES * 60))
    message = _queue(registration, "registration_reminder_link", MessageKind.CONFIRMATION,
                     key=f"link:{registration.id}:{slot}", with_calendar=False, asked=True,
                     channel=channel)
    return message is not None


def send_personal_links(event: Event, *, email: str | None = None, phone: str | None = None) -> int:
    """"Send me my link again": the link of every active registration for ``event`` of anyone
    with this email (any case) or phone on file, to that contact on file. The caller answers
    the same whatever this finds, so that the form tells nothing of who is registered. Returns
    how many links were sent (for the tests and the log, never for the page)."""
    wanted = []
    if email:
        wanted.append(sa.func.lower(Person.email) == email.lower())
    if phone:
        wanted.append(Person.phone == phone)
    if not wanted:
        return 0
    registrations = db.session.scalars(
        sa.select(Registration).join(Person, Registration.person_id == Person.id)
        .where(Registration.event_id == event.id, Registration.status.in_(RegistrationStatus.active()),
               sa.or_(*wanted))
        .options(selectinload(Registration.person)).order_by(Registration.id).limit(10)).all()
    return sum(resend_personal_link(registration, email=email, phone=phone)
               for registration in registrations)

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
from ..directory.models import Community
from ..events.models import Event
from ..extensions import db
from ..ical.services import participant_may_see_link, render_calendar
from ..notifications.kinds import MessageKind
from ..notifications.mail import Attachment
from ..notifications.services import messages_by_dedupe_key, outbox_batch, queue_templated_message
from ..notifications.tasks import backlog, producer
from .models import Registration, RegistrationStatus

BATCH = 100


def personal_url(registration: Registration) -> str:
    return url_for("registrations.personal_page", token=registration.personal_token, _external=True)


def _context(registration: Registration) -> dict:
    event, person = registration.event, registration.person
    lang = person.language or "az"
    return {
        "name": person.full_name,
        "event_title": event.title,
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


def _queue(registration: Registration, template: str, kind: MessageKind, *, key: str | None,
           with_calendar: bool, dedupe_checked: bool = False) -> None:
    person = registration.person
    queue_templated_message(
        template=template, to_email=person.email, to_name=person.full_name,
        language=person.language or "az", context=_context(registration), kind=kind,
        event_id=registration.event_id,
        attachments=(_calendar_file(registration),) if with_calendar else (),
        dedupe_key=key, dedupe_checked=dedupe_checked,
    )


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


def resend_personal_link(registration: Registration) -> bool:
    """For someone who registers again: their link goes to the address on file, never on screen."""
    if not registration.person.email:
        return False
    _queue(registration, "registration_reminder_link", MessageKind.CONFIRMATION,
           key=None, with_calendar=False)
    return True

"""The demo's calendar answers and unsubscriptions: replies as calendars send them, read by the
same code that reads the RSVP mailbox."""

from __future__ import annotations

import secrets
from email.message import EmailMessage

import sqlalchemy as sa
from icalendar import Calendar, Event, vCalAddress

from ..extensions import db
from ..notifications.models import UnsubscribeVia
from ..notifications.unsubscribe import find_address, unsubscribe_address, unsubscribe_tokens
from ..registrations.models import Registration, RegistrationStatus
from .models import Invitation
from .rsvp import record_mail


def demo_reply_mail(uid: str, attendee: str, name: str, partstat: str) -> bytes:
    """A REPLY mail of the kind a calendar sends when its Yes / No / Maybe is pressed."""
    calendar = Calendar()
    calendar.add("prodid", "-//Ümid Events demo//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "REPLY")
    vevent = Event()
    vevent.add("uid", uid)
    address = vCalAddress(f"mailto:{attendee}")
    address.params.update(CN=name, PARTSTAT=partstat)
    vevent.add("attendee", address)
    calendar.add_component(vevent)
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = attendee, "rsvp@umid.example", f"{partstat.title()}: demo"
    mail["Message-ID"] = f"<{secrets.token_hex(8)}@demo.example>"
    mail.set_content(f"{name}: {partstat}")
    mail.add_attachment(calendar.to_ical(), maintype="text", subtype="calendar",
                        params={"method": "REPLY"}, filename="invite.ics")
    return mail.as_bytes()


def add_demo_calendar_replies(event) -> None:
    """Three invitees answer from their calendars (Yes, No, Maybe), a stranger's reply matches
    no one, and one invitee left the invitations with the link in the mail."""
    invitations = list(db.session.scalars(sa.select(Invitation).where(Invitation.event_id == event.id)
                                          .order_by(Invitation.id)))
    registered = set(db.session.scalars(sa.select(Registration.person_id).where(
        Registration.event_id == event.id, Registration.status.in_(RegistrationStatus.active()))))
    with_email = [invitation for invitation in invitations
                  if invitation.person.email and invitation.person_id not in registered]
    for invitation, answer in zip(with_email, ("ACCEPTED", "DECLINED", "TENTATIVE"), strict=False):
        record_mail(demo_reply_mail(event.uid, invitation.person.email, invitation.person.full_name, answer))
    record_mail(demo_reply_mail(event.uid, "stranger@example.com", "Stranger", "ACCEPTED"))
    if len(with_email) > 3:
        email = with_email[3].person.email
        token = unsubscribe_tokens([email])[email.lower()]
        unsubscribe_address(find_address(token), via=UnsubscribeVia.ONE_CLICK)

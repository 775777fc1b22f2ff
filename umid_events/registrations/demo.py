"""The demo's phone-first participants: SMS by consent, a household sharing one phone, and
people only WhatsApp reaches (the organisers' registrations page offers it)."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from ..core.types import utcnow
from ..directory.models import Gender, Person
from ..extensions import db
from ..notifications.kinds import Channel
from .models import ParticipantGroup, Registration, RegistrationSource
from .notices import notify_registered, send_personal_links
from .services import seat_status


def add_demo_phone_participants(people: list[Person], event) -> None:
    """Half of the phone-only people chose SMS; a wife and husband share her phone and are
    registered each in their own name; one asked for her link again."""
    phone_only = [person for person in people if person.phone and not person.email]
    for person in phone_only[::2]:
        person.preferred_channel, person.sms_consent_at = Channel.SMS, utcnow() - timedelta(days=30)
    wife = phone_only[0]
    husband = Person(full_name="Rauf Məmmədov (demo)", phone=wife.phone, gender=Gender.MALE,
                     community_id=wife.community_id, preferred_channel=Channel.SMS,
                     sms_consent_at=utcnow())
    db.session.add(husband)
    db.session.flush()
    registered = set(db.session.scalars(sa.select(Registration.person_id)
                                        .where(Registration.event_id == event.id)))
    for person in (wife, husband):
        if person.id in registered:
            continue
        registration = Registration(event=event, person=person, group=ParticipantGroup.COMMUNITY_MEMBER,
                                    source=RegistrationSource.SELF, consent_at=utcnow(),
                                    status=seat_status(event.id))
        db.session.add(registration)
        db.session.flush()
        notify_registered(registration)
    send_personal_links(event, phone=wife.phone)

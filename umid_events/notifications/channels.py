"""Which channel reaches a person, and one call that writes their message by it.

Most participants have a phone and no email: a message to a person goes by the channel they
chose, else by email when they have one, else by SMS when they consented to it. A message the
person has just asked for (the confirmation of the form they sent, their link again) goes by
SMS to the phone on file even without a recorded consent: the request is the consent, and the
phone on file, not whatever was typed, is where it goes.
"""

from __future__ import annotations

from collections.abc import Sequence

from .kinds import Channel, MessageKind
from .mail import Attachment, CalendarPart
from .services import queue_sms, queue_templated_message


def channel_for(person, *, asked: bool = False) -> Channel | None:
    """How a message reaches ``person`` (None: by no channel of ours; organisers may use
    WhatsApp)."""
    sms_allowed = bool(person.phone) and (person.sms_consent_at is not None or asked)
    if person.preferred_channel == Channel.SMS and sms_allowed:
        return Channel.SMS
    if person.email:
        return Channel.EMAIL
    return Channel.SMS if sms_allowed else None


def reachable(person) -> bool:
    """True when mail or SMS reaches the person without their asking."""
    return channel_for(person) is not None


def queue_person_message(person, *, template: str, context: dict, kind: MessageKind,
                         event_id: int | None = None, attachments: Sequence[Attachment] = (),
                         calendar: CalendarPart | None = None, dedupe_key: str | None = None,
                         dedupe_checked: bool = False, asked: bool = False,
                         channel: Channel | None = None, shorten: str | None = "event_title"):
    """Write ``template`` to ``person`` by ``channel`` (or ``channel_for``): mail from
    ``email/<template>``, SMS from ``sms/<template>.txt`` (the calendar parts are mail's alone;
    ``shorten`` names the context value an SMS may shorten to stay within two segments).
    Returns the outbox row, or None when no channel reaches them."""
    channel = channel or channel_for(person, asked=asked)
    language = person.language or "az"
    if channel == Channel.SMS:
        return queue_sms(template=template, to_phone=person.phone, language=language,
                         context=context, kind=kind, event_id=event_id, dedupe_key=dedupe_key,
                         dedupe_checked=dedupe_checked, shorten=shorten)
    if channel == Channel.EMAIL:
        return queue_templated_message(
            template=template, to_email=person.email, to_name=person.full_name, language=language,
            context=context, kind=kind, event_id=event_id, attachments=attachments,
            calendar=calendar, dedupe_key=dedupe_key, dedupe_checked=dedupe_checked)
    return None

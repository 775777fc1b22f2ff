"""Mail bodies hold personal data: they are blanked after the retention period, and at once when
the person erases their data. The record that a message was sent remains."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from umid_events.core.types import utcnow
from umid_events.extensions import db
from umid_events.notifications.kinds import MessageKind, MessageStatus
from umid_events.notifications.mail import Attachment
from umid_events.notifications.models import OutgoingMessage
from umid_events.notifications.services import purge_old_message_bodies, queue_templated_message
from umid_events.registrations.models import Registration

from ..conftest import csrf_token, run_worker_producers
from ..registrations.conftest import community, open_event, register  # noqa: F401


def _queue(email: str) -> OutgoingMessage:
    message = queue_templated_message(
        template="test_message", to_email=email, to_name="Şəhla Əliyeva", language="az",
        context={"requested_by": "Gülnarə"}, kind=MessageKind.TEST,
        attachments=[Attachment("invite.ics", "text/calendar", b"BEGIN:VCALENDAR\r\n")])
    db.session.commit()
    return message


def test_old_sent_messages_keep_only_their_record(app_context):
    old, recent, waiting = _queue("old@example.az"), _queue("new@example.az"), _queue("q@example.az")
    for message in (old, recent):
        message.status = MessageStatus.SENT
    old.created_at = utcnow() - timedelta(days=181)
    waiting.created_at = utcnow() - timedelta(days=400)  # not delivered yet: kept whole
    db.session.commit()

    assert purge_old_message_bodies() == 1
    db.session.expire_all()
    old, recent, waiting = (db.session.get(OutgoingMessage, m.id) for m in (old, recent, waiting))
    assert (old.text_body, old.html_body, old.attachments) == ("", "", [])
    assert (old.status, old.to_email, old.subject) == (MessageStatus.SENT, "old@example.az", recent.subject)
    assert "Gülnarə" in recent.text_body and recent.attachments
    assert "Gülnarə" in waiting.text_body
    assert purge_old_message_bodies() == 0  # nothing left to do


def test_erasing_my_data_erases_the_mail_written_to_me(client, open_event):  # noqa: F811
    register(client, open_event)
    run_worker_producers()
    message = db.session.scalars(sa.select(OutgoingMessage)).one()
    assert message.to_email == "aygun@example.org"
    token = db.session.scalars(sa.select(Registration)).one().personal_token
    client.post(f"/p/{token}/erase", data={"csrf_token": csrf_token(client, f"/p/{token}/erase"),
                                       "scope": "everything"})
    db.session.expire_all()
    message = db.session.get(OutgoingMessage, message.id)
    assert (message.to_email, message.to_name, message.text_body, message.attachments) == ("", "", "", [])

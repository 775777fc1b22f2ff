"""Delivery through a real SMTP server and a real Huey consumer: what arrives, exactly once;
the server going down mid-batch; a worker killed mid-batch; SQLite and Redis queues alike."""

from __future__ import annotations

import sqlalchemy as sa

from umid_events.extensions import db
from umid_events.notifications.delivery import deliver_messages
from umid_events.notifications.kinds import MessageKind, MessageStatus
from umid_events.notifications.mail import Attachment, CalendarPart
from umid_events.notifications.models import OutgoingMessage
from umid_events.notifications.services import (
    queue_templated_message,
    resend_failed,
    resend_message,
)

from .conftest import all_sent, running_consumer, statuses, wait_for

ICS = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Umid Events//AZ\r\nMETHOD:REQUEST\r\n"
       "BEGIN:VEVENT\r\nUID:abc@umid-events\r\nSUMMARY:Praktik məsləhət: Şabran\r\n"
       "END:VEVENT\r\nEND:VCALENDAR\r\n").encode()
PEOPLE = [("Şəhla Əliyeva", "shahla@example.az"), ("İlkin Çələbi", "ilkin@example.az"),
          ("Gülər Ağayeva", "guler@example.az"), ("Ülvi Öztürk", "ulvi@example.az"),
          ("Xəyyam Qasımov", "xeyyam@example.az"), ("Nərgiz Həsənova", "nergiz@example.az")]


def queue_for(people, *, language: str = "az", **fields) -> list[OutgoingMessage]:
    messages = []
    for name, address in people:
        messages.append(queue_templated_message(
            template="sample_invitation", to_email=address, to_name=name, language=language,
            context={"name": name, "event_title": "Praktik məsləhət: Şabran, 2-ci görüş",
                     "when": "15 mart 2030, 10:00–11:30"},
            kind=MessageKind.INVITATION, **fields))
    return messages


def queue_and_commit(mail_app, people, **fields) -> dict[int, str]:
    """Queue one message per person in one transaction; returns {id: Message-ID}."""
    with mail_app.app_context():
        messages = queue_for(people, **fields)
        db.session.commit()
        return {message.id: message.message_id_header for message in messages}


def rows(mail_app) -> list[OutgoingMessage]:
    with mail_app.app_context():
        found = list(db.session.scalars(sa.select(OutgoingMessage).order_by(OutgoingMessage.id)))
        db.session.expunge_all()
        return found


def test_messages_arrive_once_as_mime_that_keeps_azerbaijani_letters(make_mail_app, smtp_server,
                                                                     backend):
    mail_app = make_mail_app(smtp=smtp_server, backend=backend)
    with mail_app.app_context():
        invitation = queue_for(PEOPLE[:1], attachments=[Attachment("invite.ics", "text/calendar", ICS)],
                               calendar=CalendarPart("REQUEST", ICS))[0]
        plain = queue_for(PEOPLE[1:3])
        english = queue_for([("John Smith", "john@example.org")], language="en")[0]
        db.session.commit()
        expected = {m.message_id_header: m for m in [invitation, *plain, english]}

    with running_consumer(mail_app):
        wait_for(lambda: all_sent(mail_app, 4), "four messages sent")

    received = {message["Message-ID"]: message for message in smtp_server.messages()}
    assert sorted(received) == sorted(expected)           # each exactly once
    assert len(smtp_server.received) == 4
    assert smtp_server.connections == 1                    # one SMTP connection for the batch

    first = received[invitation.message_id_header]
    assert first["Subject"] == "Tədbirlər: Praktik məsləhət: Şabran, 2-ci görüş"
    assert first["To"].addresses[0].display_name == "Şəhla Əliyeva"
    assert first["To"].addresses[0].addr_spec == "shahla@example.az"
    assert first["From"].addresses[0].display_name == "Ümid Events"
    # The attachment held the same calendar as the inline part: it travels once, inline.
    assert first.get_content_type() == "multipart/alternative"
    alternative = first
    assert [part.get_content_type() for part in alternative.iter_parts()] == [
        "text/plain", "text/html", "text/calendar"]
    text, html, calendar = alternative.iter_parts()
    assert text.get_content().startswith("Hörmətli Şəhla Əliyeva,")
    assert "Praktik məsləhət: Şabran, 2-ci görüş — 15 mart 2030" in text.get_content()
    assert "<strong>Praktik məsləhət: Şabran, 2-ci görüş</strong>" in html.get_content()
    assert calendar.get_param("method") == "REQUEST"
    assert calendar.get_content_charset() == "utf-8"
    assert calendar.get_payload(decode=True) == ICS
    assert list(first.iter_attachments()) == []

    second = received[plain[0].message_id_header]
    assert second.get_content_type() == "multipart/alternative"
    assert second["To"].addresses[0].display_name == "İlkin Çələbi"
    assert received[english.message_id_header]["Subject"] == "Events: Praktik məsləhət: Şabran, 2-ci görüş"
    envelope = next(item for item in smtp_server.received if "guler@example.az" in item.rcpt_tos)
    assert envelope.mail_from == "umid@example.az"

    for row in rows(mail_app):
        assert row.status == MessageStatus.SENT
        assert row.sent_at is not None and row.attempts == 1 and row.last_error is None


def test_a_rolled_back_action_sends_nothing(make_mail_app, smtp_server):
    mail_app = make_mail_app(smtp=smtp_server)
    with running_consumer(mail_app):
        with mail_app.app_context():
            queue_for(PEOPLE[:2])
            db.session.rollback()
        sent = queue_and_commit(mail_app, PEOPLE[2:3])
        wait_for(lambda: all_sent(mail_app, 1), "the committed message sent")
    assert smtp_server.message_ids() == list(sent.values())
    assert [item.rcpt_tos for item in smtp_server.received] == [("guler@example.az",)]


def test_smtp_server_stopped_mid_batch_every_message_arrives_once(make_mail_app, smtp_server,
                                                                  backend):
    mail_app = make_mail_app(smtp=smtp_server, backend=backend)
    smtp_server.refuse_after = 3  # the server starts going down after the third message
    with running_consumer(mail_app):
        sent = queue_and_commit(mail_app, PEOPLE)

        def refused() -> bool:
            found = statuses(mail_app)
            return (list(found.values()).count(MessageStatus.SENT) == 3
                    and all(row.attempts >= 1 and row.last_error for row in rows(mail_app)
                            if row.status == MessageStatus.QUEUED))

        wait_for(refused, "the rest of the batch put back to wait")
        smtp_server.stop()
        wait_for(lambda: all("ConnectionRefusedError" in (row.last_error or "")
                             for row in rows(mail_app) if row.status != MessageStatus.SENT),
                 "a retry against the stopped server")
        assert len(smtp_server.received) == 3
        smtp_server.refuse_after = None
        smtp_server.start()
        wait_for(lambda: all_sent(mail_app, len(PEOPLE)), "every message sent after the restart")

    assert sorted(smtp_server.message_ids()) == sorted(sent.values())  # each exactly once
    retried = [row for row in rows(mail_app) if row.attempts > 1]
    assert len(retried) == 3
    assert all(row.last_error is None and row.sent_at for row in retried)


def test_worker_killed_mid_batch_loses_nothing(make_mail_app, smtp_server, backend, start_worker):
    mail_app = make_mail_app(smtp=smtp_server, backend=backend)
    setup = mail_app.mail_setup
    # The server stores the third message but holds back its "250 OK": the worker is killed
    # while it waits, so it cannot know that message was accepted (the crash window).
    smtp_server.hold_at = 3
    first = start_worker(setup)
    sent = queue_and_commit(mail_app, PEOPLE[:5])
    assert smtp_server.reached.wait(timeout=30), first.log()
    first.kill()
    assert len(smtp_server.received) == 3
    assert sorted(statuses(mail_app).values()) == sorted(
        [MessageStatus.SENT] * 2 + [MessageStatus.SENDING] * 3)

    # Started again (the dead worker's claim is taken as expired at once, instead of after
    # MAIL_SENDING_TIMEOUT_SECONDS), it sends what was left.
    second = start_worker(setup, MAIL_SENDING_TIMEOUT_SECONDS="0")
    wait_for(lambda: all_sent(mail_app, 5), "every message sent by the restarted worker")
    second.stop()

    received = smtp_server.message_ids()
    assert set(received) == set(sent.values())  # nothing lost
    duplicates = {message_id for message_id in received if received.count(message_id) > 1}
    # Only the message in the crash window arrives twice, with the same Message-ID, so that mail
    # clients show it once.
    assert len(received) == 6 and duplicates == {received[2]}
    released = [row for row in rows(mail_app) if row.attempts == 2]
    assert len(released) == 3


def test_a_refused_recipient_fails_at_once_and_can_be_resent(make_mail_app, smtp_server):
    mail_app = make_mail_app(smtp=smtp_server)
    with running_consumer(mail_app):
        ids = list(queue_and_commit(mail_app, [("Heç kim", "nobody@example.az"), PEOPLE[0]]))
        wait_for(lambda: sorted(statuses(mail_app).values()) == sorted(
            [MessageStatus.SENT, MessageStatus.FAILED]), "one sent, one refused")
        failed = rows(mail_app)[0]
        assert failed.status == MessageStatus.FAILED and failed.attempts == 1
        assert failed.last_error.startswith("nobody@example.az: 550 5.1.1 No such user here")

        with mail_app.app_context():
            original = db.session.get(OutgoingMessage, ids[1])
            copy = resend_message(original, actor=None)  # "I did not get it": send again
            db.session.commit()
            copy_id, copy_message_id = copy.id, copy.message_id_header
        wait_for(lambda: statuses(mail_app).get(copy_id) == MessageStatus.SENT, "the copy sent")
    assert copy_message_id != sent_message_id(mail_app, ids[1])
    assert smtp_server.message_ids().count(copy_message_id) == 1


def sent_message_id(mail_app, message_id: int) -> str:
    with mail_app.app_context():
        return db.session.get(OutgoingMessage, message_id).message_id_header


def test_out_of_attempts_a_message_fails_and_resend_failed_sends_it_again(make_mail_app,
                                                                          smtp_server):
    mail_app = make_mail_app(smtp=smtp_server, MAIL_MAX_ATTEMPTS=2, MAIL_RETRY_SECONDS=0)
    smtp_server.stop()
    (message_id,) = queue_and_commit(mail_app, PEOPLE[:1])
    with mail_app.app_context():
        first = deliver_messages([message_id])
        assert first.sent == [] and list(first.retry.values()) == [[message_id]]
        second = deliver_messages([message_id])
        assert second.failed == [message_id]
        assert deliver_messages([message_id]).sent == []  # a failed message is not retried
        failed = db.session.get(OutgoingMessage, message_id)
        assert (failed.status, failed.attempts) == (MessageStatus.FAILED, 2)
        assert "Connection refused" in failed.last_error

    smtp_server.start()
    with running_consumer(mail_app):
        with mail_app.app_context():
            assert resend_failed(actor=None) == 1
            db.session.commit()
            assert resend_failed(actor=None) == 0  # already resent: not twice
        wait_for(lambda: MessageStatus.SENT in statuses(mail_app).values(), "the resent copy sent")
    assert len(smtp_server.received) == 1
    assert smtp_server.messages()[0]["To"].addresses[0].display_name == "Şəhla Əliyeva"


def test_immediate_mode_sends_during_the_commit(make_mail_app, smtp_server):
    """HUEY_IMMEDIATE (local convenience): no worker; the job runs when the commit succeeds."""
    mail_app = make_mail_app(smtp=smtp_server, backend="memory", HUEY_IMMEDIATE=True)
    sent = queue_and_commit(mail_app, PEOPLE[:2])
    assert sorted(smtp_server.message_ids()) == sorted(sent.values())
    assert all_sent(mail_app, 2)

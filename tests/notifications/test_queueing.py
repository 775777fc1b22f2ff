"""Writing messages into the outbox: rendering in the recipient's language, bad input, dedupe,
and the hand-over to the queue only after the commit."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from umid_events.extensions import db
from umid_events.notifications import tasks
from umid_events.notifications.delivery import sweep_outbox
from umid_events.notifications.kinds import MessageKind, MessageStatus
from umid_events.notifications.mail import Attachment, CalendarPart
from umid_events.notifications.models import OutgoingMessage
from umid_events.notifications.services import (
    InvalidRecipient,
    MailTemplateError,
    queue_templated_message,
)
from umid_events.notifications.tasks import get_queue

CONTEXT = {"name": "Şəhla Əliyeva", "event_title": "Praktik məsləhət: Qırmızı Qəsəbə, 1-ci görüş",
           "when": "15 mart 2030, 10:00"}


def queue(**fields) -> OutgoingMessage | None:
    values = {"template": "sample_invitation", "to_email": "shahla@example.az",
              "to_name": "Şəhla Əliyeva", "language": "az", "context": CONTEXT,
              "kind": MessageKind.INVITATION}
    values.update(fields)
    return queue_templated_message(**values)


def pending_deliveries(mail_app) -> list[list[int]]:
    """The message ids of the delivery jobs waiting in the (not consumed) queue."""
    huey = get_queue(mail_app).huey
    return [task.args[0] for task in huey.pending()]


def test_a_message_is_rendered_in_the_recipients_language(make_mail_app):
    mail_app = make_mail_app(backend="memory")
    with mail_app.test_request_context("/?lang=en"):  # the staff member reads English
        azerbaijani = queue()
        english = queue(to_email="john@example.org", to_name="John", language="en")
        context_with_markup = {**CONTEXT, "name": "<b>Ağa</b> & Co"}
        escaped = queue(to_email="aga@example.az", context=context_with_markup)
        db.session.commit()

        assert azerbaijani.subject == "Tədbirlər: Praktik məsləhət: Qırmızı Qəsəbə, 1-ci görüş"
        assert english.subject == "Events: Praktik məsləhət: Qırmızı Qəsəbə, 1-ci görüş"
        assert azerbaijani.text_body.startswith("Hörmətli Şəhla Əliyeva,\n\nPraktik məsləhət")
        assert "Sosial İnkişafa Dəstək" in azerbaijani.text_body
        assert '<html lang="az">' in azerbaijani.html_body
        assert "<title>Tədbirlər: Praktik" in azerbaijani.html_body
        assert '<html lang="en">' in english.html_body
        assert "Hörmətli <b>Ağa</b> & Co," in escaped.text_body  # plain text is not escaped
        assert "&lt;b&gt;Ağa&lt;/b&gt; &amp; Co" in escaped.html_body
        assert azerbaijani.to_name == "Şəhla Əliyeva"
        assert azerbaijani.message_id_header.endswith("@example.az>")
        assert len({azerbaijani.message_id_header, english.message_id_header}) == 2


def test_attachments_and_the_calendar_part_are_stored(make_mail_app):
    mail_app = make_mail_app(backend="memory")
    ics = b"BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"
    with mail_app.app_context():
        message = queue(attachments=[Attachment("invite.ics", "text/calendar", ics),
                                     Attachment("proqram.pdf", "application/pdf", b"%PDF-1.4")],
                        calendar=CalendarPart("REQUEST", ics), event_id=None)
        db.session.commit()
        stored = db.session.get(OutgoingMessage, message.id)
        assert [(item.filename, item.content_type, item.data) for item in stored.attachments] == [
            ("invite.ics", "text/calendar", ics), ("proqram.pdf", "application/pdf", b"%PDF-1.4")]
        assert (stored.calendar_method, stored.calendar_data) == ("REQUEST", ics)


def test_the_calendar_part_must_say_the_method_it_is_sent_as(make_mail_app):
    mail_app = make_mail_app(backend="memory")
    with mail_app.app_context(), pytest.raises(ValueError, match="METHOD:CANCEL"):
        queue(calendar=CalendarPart("CANCEL", b"BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"))


def test_the_queue_hears_of_a_message_only_after_the_commit(make_mail_app):
    mail_app = make_mail_app(smtp=None, backend="memory", MAIL_SERVER="mail.example.az")
    with mail_app.app_context():
        message = queue()
        assert message.id is not None  # flushed, visible to the rest of the transaction
        assert pending_deliveries(mail_app) == []
        db.session.commit()
        assert pending_deliveries(mail_app) == [[message.id]]


def test_a_rolled_back_action_leaves_no_message_and_no_job(make_mail_app):
    mail_app = make_mail_app(smtp=None, backend="memory", MAIL_SERVER="mail.example.az")
    with mail_app.app_context():
        queue()
        db.session.rollback()
        db.session.commit()  # a later, unrelated commit does not send the forgotten message
        assert db.session.scalar(sa.select(sa.func.count(OutgoingMessage.id))) == 0
        assert pending_deliveries(mail_app) == []


def test_several_messages_of_one_transaction_go_to_the_queue_together(make_mail_app):
    mail_app = make_mail_app(smtp=None, backend="memory", MAIL_SERVER="mail.example.az",
                             MAIL_BATCH_SIZE=2)
    with mail_app.app_context():
        ids = [queue(to_email=f"person{number}@example.az").id for number in range(3)]
        db.session.commit()
        assert pending_deliveries(mail_app) == [ids[:2], ids[2:]]


def test_a_recipient_without_an_address_is_skipped_and_nothing_recorded(make_mail_app):
    mail_app = make_mail_app(backend="memory")
    with mail_app.app_context():
        assert queue(to_email=None) is None
        assert queue(to_email="   ") is None
        db.session.commit()
        assert db.session.scalar(sa.select(sa.func.count(OutgoingMessage.id))) == 0


@pytest.mark.parametrize("address", ["shahla@", "şəhla@example.az", "two@@example.az",
                                     "no spaces@example.az"])
def test_an_invalid_address_is_refused_with_a_clear_message(make_mail_app, address):
    mail_app = make_mail_app(backend="memory")
    with mail_app.app_context():
        with pytest.raises(InvalidRecipient) as refused:
            queue(to_email=address)
        with force_locale("en"):
            assert str(refused.value) == f"“{address}” is not a valid email address."


def test_an_address_is_stored_normalised(make_mail_app):
    mail_app = make_mail_app(backend="memory")
    with mail_app.app_context():
        assert queue(to_email="  Shahla@Example.AZ ").to_email == "Shahla@example.az"


@pytest.mark.parametrize(("template", "context", "detail"), [
    ("sample_invitation", {"name": "Əli"}, "'event_title' is undefined"),
    ("missing_template", CONTEXT, "template email/missing_template.txt not found"),
    ("no_subject", CONTEXT, "has no {% block subject %}"),
    ("broken", CONTEXT, "TemplateSyntaxError"),
])
def test_a_template_error_is_a_clear_message(make_mail_app, template, context, detail):
    mail_app = make_mail_app(backend="memory")
    with mail_app.app_context():
        with pytest.raises(MailTemplateError) as broken:
            queue(template=template, context=context)
        with force_locale("en"):
            assert str(broken.value).startswith(f"The message “{template}” could not be prepared")
            assert detail in str(broken.value)


def test_the_same_dedupe_key_gives_the_same_message(make_mail_app):
    mail_app = make_mail_app(smtp=None, backend="memory", MAIL_SERVER="mail.example.az")
    with mail_app.app_context():
        first = queue(dedupe_key="reminder:42:24h")
        again = queue(dedupe_key="reminder:42:24h")
        assert again is first
        db.session.commit()
        later = queue(dedupe_key="reminder:42:24h", to_email="other@example.az")
        db.session.commit()
        assert later.id == first.id
        assert db.session.scalar(sa.select(sa.func.count(OutgoingMessage.id))) == 1
        assert pending_deliveries(mail_app) == [[first.id]]


def test_without_a_mail_server_messages_are_held_not_queued(make_mail_app):
    mail_app = make_mail_app(smtp=None, backend="memory")
    with mail_app.app_context():
        message = queue()
        db.session.commit()
        assert message.status == MessageStatus.HELD
        assert pending_deliveries(mail_app) == []


def test_a_message_whose_hand_over_fails_is_sent_by_the_sweep(make_mail_app, smtp_server,
                                                              monkeypatch):
    mail_app = make_mail_app(smtp=smtp_server)

    def queue_is_down(message_ids):
        raise ConnectionError("the queue's Redis is down")

    monkeypatch.setattr(tasks, "enqueue_delivery", queue_is_down)
    with mail_app.app_context():
        message = queue()
        db.session.commit()  # the action itself succeeds
        assert db.session.get(OutgoingMessage, message.id).status == MessageStatus.QUEUED
        report = sweep_outbox()
        assert report.sent == [message.id]
    assert smtp_server.message_ids() == [message.message_id_header]


def test_a_savepoint_rolled_back_inside_the_action_keeps_the_rest_of_its_mail(make_mail_app):
    mail_app = make_mail_app(smtp=None, backend="memory", MAIL_SERVER="mail.example.az")
    with mail_app.app_context():
        kept = queue(to_email="kept@example.az")
        savepoint = db.session.begin_nested()
        queue(to_email="undone@example.az")
        savepoint.rollback()
        db.session.commit()
        assert db.session.scalars(sa.select(OutgoingMessage.to_email)).all() == ["kept@example.az"]
        assert kept.id in pending_deliveries(mail_app)[0]

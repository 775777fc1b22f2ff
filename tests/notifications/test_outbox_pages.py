"""The staff outbox: held mail is visible, failed mail can be resent, and only organisers and
admins get in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from umid_events.auth.models import Role
from umid_events.events.kinds import EventKind, EventStatus
from umid_events.events.models import Event
from umid_events.extensions import db
from umid_events.notifications.kinds import MessageKind, MessageStatus
from umid_events.notifications.mail import Attachment
from umid_events.notifications.models import OutgoingMessage
from umid_events.notifications.services import queue_templated_message

from ..conftest import PASSWORD, csrf_token, post_form
from .conftest import all_sent, running_consumer, wait_for

OUTBOX = "/staff/outbox"


def queue(to_email: str = "shahla@example.az", **fields) -> OutgoingMessage:
    values = {"template": "test_message", "to_email": to_email, "to_name": "Şəhla Əliyeva",
              "language": "az", "context": {"requested_by": "Gülnarə Məmmədova"},
              "kind": MessageKind.TEST}
    values.update(fields)
    message = queue_templated_message(**values)
    db.session.commit()
    return message


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


@pytest.fixture
def event(programme):
    starts = datetime(2030, 3, 15, 6, 0, tzinfo=UTC)
    event = Event(programme_id=programme.id, kind=EventKind.SEMINAR, title="Seminar: Dialoq, 1-ci seminar",
                  starts_at=starts, ends_at=starts + timedelta(hours=3), status=EventStatus.PUBLISHED)
    db.session.add(event)
    db.session.commit()
    return event


@pytest.fixture
def organiser(client, make_user, login):
    user = login(make_user(Role.ORGANISER))
    client.get("/lang/en")  # the assertions below read the English UI
    return user


def test_without_a_mail_server_messages_are_held_and_shown(client, organiser):
    message = queue()
    assert message.status == MessageStatus.HELD
    html = page(client, f"{OUTBOX}")
    assert "No mail server is configured" in html
    assert "Ümid Events-dən sınaq məktubu" in html  # written in the recipient's language
    assert "Şəhla Əliyeva" in html and "shahla@example.az" in html
    assert 'data-status-count="held">1<' in html
    assert "Send held messages now" not in html  # nothing to send them with

    response = post_form(client, f"{OUTBOX}/send-held", {}, token_from=OUTBOX,
                         follow_redirects=True)
    assert ("No mail server is configured (MAIL_SERVER), so held messages cannot be sent yet."
            in response.get_data(as_text=True))
    assert db.session.get(OutgoingMessage, message.id).status == MessageStatus.HELD


def test_one_message_shows_recipient_subject_body_attempts_and_error(client, organiser):
    message = queue(attachments=[Attachment("invite.ics", "text/calendar", b"BEGIN:VCALENDAR\r\n")])
    message.status, message.attempts = MessageStatus.FAILED, 3
    message.last_error = "nobody@example.az: 550 5.1.1 No such user here"
    db.session.commit()
    html = page(client, f"{OUTBOX}/{message.id}")
    for text in ("Ümid Events-dən sınaq məktubu", "Şəhla Əliyeva &lt;shahla@example.az&gt;",
                 "Onu Gülnarə Məmmədova məktublar səhifəsindən göndərib", "550 5.1.1 No such user here",
                 "invite.ics", message.message_id_header.replace("<", "&lt;").replace(">", "&gt;"),
                 f'src="{OUTBOX}/{message.id}/html"', ">Resend<"):
        assert text in html, text
    framed = client.get(f"{OUTBOX}/{message.id}/html")  # the HTML part, under the mail's own policy
    assert framed.get_data(as_text=True).startswith("<!doctype html>")
    assert "sandbox" in framed.headers["Content-Security-Policy"]
    assert ">Attempts</dt>\n  <dd class=\"col-sm-9\">3" in html


def test_filters_by_status_kind_and_event_with_counts(client, organiser, event):
    queue(kind=MessageKind.INVITATION, event_id=event.id, to_email="a@example.az")
    queue(kind=MessageKind.REMINDER, event_id=event.id, to_email="b@example.az")
    other = queue(kind=MessageKind.REMINDER, to_email="c@example.az")
    other.status = MessageStatus.FAILED
    db.session.commit()

    everything = page(client, f"{OUTBOX}")
    assert all(address in everything for address in ("a@example.az", "b@example.az", "c@example.az"))
    assert 'data-status-count="held">2<' in everything
    assert 'data-status-count="failed">1<' in everything
    assert f'<option value="{event.id}" >Seminar: Dialoq, 1-ci seminar</option>' in everything

    of_event = page(client, f"{OUTBOX}?event={event.id}")
    assert "a@example.az" in of_event and "b@example.az" in of_event
    assert "c@example.az" not in of_event
    reminders = page(client, f"{OUTBOX}?kind=reminder")
    assert "b@example.az" in reminders and "a@example.az" not in reminders
    failed = page(client, f"{OUTBOX}?status=failed")
    assert "c@example.az" in failed and "b@example.az" not in failed
    assert "Resend all failed" in failed


def test_resend_and_resend_all_failed(client, organiser):
    first, second = queue(to_email="a@example.az"), queue(to_email="b@example.az")
    for message in (first, second):
        message.status = MessageStatus.FAILED
    db.session.commit()

    response = post_form(client, f"{OUTBOX}/{first.id}/resend", {}, token_from=f"{OUTBOX}/{first.id}")
    assert response.status_code == 302
    copy = db.session.scalar(sa.select(OutgoingMessage).where(OutgoingMessage.resent_from_id == first.id))
    assert response.headers["Location"].endswith(f"{OUTBOX}/{copy.id}")
    assert (copy.to_email, copy.subject, copy.text_body) == (first.to_email, first.subject, first.text_body)
    assert copy.created_by_id == organiser.id
    assert db.session.get(OutgoingMessage, first.id).status == MessageStatus.FAILED  # history kept

    assert "Resend all failed" in page(client, OUTBOX)  # the second one is still waiting
    response = post_form(client, f"{OUTBOX}/resend-failed", {}, token_from=OUTBOX,
                         follow_redirects=True)
    assert "1 failed message will be sent again." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(OutgoingMessage.id))) == 4
    assert "Resend all failed" not in page(client, OUTBOX)  # both have their copy now

    # A queued or held message is still on its way: resending it could deliver it twice.
    response = post_form(client, f"{OUTBOX}/{copy.id}/resend", {},
                         token_from=f"{OUTBOX}/{first.id}", follow_redirects=True)
    assert "Only a sent or failed message can be sent again" in response.get_data(as_text=True)


def test_forms_need_their_csrf_token(client, organiser):
    message = queue()
    message.status = MessageStatus.FAILED
    db.session.commit()
    for url in (f"{OUTBOX}/{message.id}/resend", f"{OUTBOX}/resend-failed", f"{OUTBOX}/send-held",
                f"{OUTBOX}/test"):
        assert client.post(url, data={"email": "x@example.az"}).status_code == 400, url
    assert db.session.scalar(sa.select(sa.func.count(OutgoingMessage.id))) == 1


def test_a_test_message_can_be_sent_from_the_page(client, organiser):
    response = post_form(client, f"{OUTBOX}/test", {"email": "admin@example.az"},
                         token_from=OUTBOX, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "The test message is in the outbox." in html
    message = db.session.scalar(sa.select(OutgoingMessage))
    assert (message.kind, message.to_email, message.created_by_id) == (
        MessageKind.TEST, "admin@example.az", organiser.id)
    response = post_form(client, f"{OUTBOX}/test", {"email": "admin@"}, token_from=OUTBOX,
                         follow_redirects=True)
    assert "“admin@” is not a valid email address." in response.get_data(as_text=True)


def test_moderators_are_refused_and_visitors_sent_to_sign_in(client, make_user, login):
    moderator = make_user(Role.MODERATOR)
    message = queue()
    for url in (OUTBOX, f"{OUTBOX}/{message.id}"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    token = csrf_token(client, "/login")
    assert client.post(f"{OUTBOX}/send-held", data={"csrf_token": token}).status_code == 302
    login(moderator)
    for url in (OUTBOX, f"{OUTBOX}/{message.id}"):
        assert client.get(url).status_code == 403
    token = csrf_token(client, "/plan")  # the sign-out form of any page the moderator may open
    for url in (f"{OUTBOX}/{message.id}/resend", f"{OUTBOX}/resend-failed", f"{OUTBOX}/send-held"):
        assert client.post(url, data={"csrf_token": token}).status_code == 403, url


def test_admins_may_open_the_outbox(client, make_user, login):
    login(make_user(Role.ADMIN))
    assert client.get(OUTBOX).status_code == 200


def test_held_messages_go_out_once_a_server_is_configured(app, make_mail_app, smtp_server,
                                                          make_user):
    user = make_user(Role.ORGANISER)
    without_server = make_mail_app(smtp=None)
    with without_server.app_context():
        held = [queue(to_email=f"person{number}@example.az").id for number in range(3)]
        assert {db.session.get(OutgoingMessage, i).status for i in held} == {MessageStatus.HELD}

    mail_app = make_mail_app(smtp=smtp_server)
    client = mail_app.test_client()
    post_form(client, "/login", {"email": user.email, "password": PASSWORD})
    client.get("/lang/en")
    assert "Send held messages now" in page(client, f"{OUTBOX}")
    with running_consumer(mail_app):
        response = post_form(client, f"{OUTBOX}/send-held", {}, token_from=OUTBOX,
                             follow_redirects=True)
        assert "3 held messages are being sent." in response.get_data(as_text=True)
        wait_for(lambda: all_sent(mail_app, 3), "the held messages sent")
    assert sorted(item.rcpt_tos[0] for item in smtp_server.received) == [
        "person0@example.az", "person1@example.az", "person2@example.az"]

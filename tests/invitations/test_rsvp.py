"""A "Yes" pressed in Outlook, Gmail or Thunderbird registers the invitee and sends their link;
the replies are read from a real IMAP server by the worker's producer."""

from __future__ import annotations

import base64
import quopri
import uuid
from pathlib import Path

import icalendar
import pytest
import sqlalchemy as sa

from umid_events.auth.models import Role
from umid_events.directory.models import Person
from umid_events.extensions import db
from umid_events.invitations.inbox import read_calendar_replies
from umid_events.invitations.models import (
    CalendarReply,
    Invitation,
    InvitationResponse,
    ReplyOutcome,
)
from umid_events.invitations.services import invite_people
from umid_events.notifications.kinds import MessageKind
from umid_events.notifications.models import OutgoingMessage
from umid_events.registrations.models import Registration, RegistrationSource, RegistrationStatus

from ..conftest import run_worker_producers
from ..registrations.conftest import community, open_event, register  # noqa: F401

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "rsvp"
ANSWERS = {"ACCEPTED": "Accepted", "DECLINED": "Declined", "TENTATIVE": "Tentative"}
ORGANIZER = "rsvp@umid.example"


def reply_mail(client: str, event, attendee: str, name: str, partstat: str = "ACCEPTED") -> bytes:
    """A REPLY mail as ``client`` writes it, for ``event``'s UID."""
    values = {"uid": event.uid, "attendee": attendee, "name": name, "organizer": ORGANIZER,
              "partstat": partstat, "answer": ANSWERS[partstat], "answer_lower": ANSWERS[partstat].lower(),
              "message_id": f"{uuid.uuid4().hex}@{client}.example"}
    calendar = (FIXTURES / f"{client}.ics").read_text(encoding="utf-8").format(**values)
    calendar = calendar.replace("\n", "\r\n").encode()
    mail = (FIXTURES / f"{client}.eml").read_text(encoding="utf-8").format(
        **values, calendar=calendar.decode(),
        calendar_base64=base64.encodebytes(calendar).decode().strip(),
        calendar_qp=quopri.encodestring(calendar).decode())
    return mail.replace("\r\n", "\n").replace("\n", "\r\n").encode()


@pytest.fixture
def mailbox(app, imap_server, monkeypatch):
    for key, value in imap_server.settings(ORGANIZER).items():
        monkeypatch.setitem(app.config, key, value)
    return imap_server


def _invite(event, full_name="Gülnarə Məmmədova", email="gulnare@example.az"):
    person = Person(full_name=full_name, email=email, community_id=event.community_id)
    db.session.add(person)
    db.session.flush()
    invitation = Invitation(event_id=event.id, person_id=person.id, language="az")
    db.session.add(invitation)
    db.session.commit()
    return invitation


def _read(mailbox) -> None:
    assert read_calendar_replies() >= 0
    run_worker_producers()  # the confirmations the replies caused
    db.session.expire_all()


def _mail_to(address: str) -> list[OutgoingMessage]:
    """What the replies caused (not the invitation the worker also writes)."""
    return list(db.session.scalars(sa.select(OutgoingMessage).where(
        OutgoingMessage.to_email == address, OutgoingMessage.kind != MessageKind.INVITATION)
        .order_by(OutgoingMessage.id)))


@pytest.mark.parametrize("client_name", ["outlook", "gmail", "thunderbird"])
def test_a_yes_from_each_client_registers_the_invitee_and_sends_their_link(
        app_context, mailbox, open_event, client_name):  # noqa: F811
    invitation = _invite(open_event)
    mailbox.deliver(reply_mail(client_name, open_event, "Gulnare@Example.az", "Gülnarə Məmmədova"))

    _read(mailbox)

    registration = db.session.scalar(sa.select(Registration).where(Registration.event_id == open_event.id))
    assert registration.person_id == invitation.person_id
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.source == RegistrationSource.INVITATION
    assert db.session.get(Invitation, invitation.id).response == InvitationResponse.ACCEPTED
    [confirmation] = _mail_to("gulnare@example.az")
    assert f"/p/{registration.personal_token}" in confirmation.text_body
    assert mailbox.unseen() == 0  # marked read once handled


def test_a_no_is_noted_and_a_registered_person_is_told_how_to_cancel_not_cancelled(
        app_context, mailbox, open_event, client):  # noqa: F811
    declining = _invite(open_event)
    registered = _invite(open_event, "Aygün Həsənova", "aygun@example.org")
    register(client, open_event)  # Aygün registered with the form before answering "No"
    run_worker_producers()
    mailbox.deliver(reply_mail("gmail", open_event, "gulnare@example.az", "Gülnarə", "DECLINED"))
    mailbox.deliver(reply_mail("thunderbird", open_event, "aygun@example.org", "Aygün", "DECLINED"))

    _read(mailbox)

    assert db.session.get(Invitation, declining.id).response == InvitationResponse.DECLINED
    assert not db.session.scalar(sa.select(Registration).where(
        Registration.person_id == declining.person_id))
    registration = db.session.scalar(sa.select(Registration).where(
        Registration.person_id == registered.person_id))
    assert registration.status == RegistrationStatus.CONFIRMED  # a forged "No" cancels no one
    told = _mail_to("aygun@example.org")[-1]
    assert "still registered" not in told.text_body  # Azerbaijani first
    assert "Siz hələ də qeydiyyatdasınız" in told.text_body
    assert f"/p/{registration.personal_token}" in told.text_body
    assert _mail_to("gulnare@example.az") == []


def test_a_maybe_is_noted_without_registering(app_context, mailbox, open_event):  # noqa: F811
    invitation = _invite(open_event)
    mailbox.deliver(reply_mail("outlook", open_event, "gulnare@example.az", "G", "TENTATIVE"))
    _read(mailbox)
    assert db.session.get(Invitation, invitation.id).response == InvitationResponse.TENTATIVE
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Registration)) == 0


def test_a_yes_from_someone_registered_sends_the_link_again(app_context, mailbox, open_event, client):  # noqa: F811
    _invite(open_event, "Aygün Həsənova", "aygun@example.org")
    register(client, open_event)
    run_worker_producers()
    before = len(_mail_to("aygun@example.org"))
    mailbox.deliver(reply_mail("outlook", open_event, "aygun@example.org", "Aygün"))
    _read(mailbox)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Registration)) == 1
    assert len(_mail_to("aygun@example.org")) == before + 1
    assert db.session.scalar(sa.select(CalendarReply.outcome)) == ReplyOutcome.ALREADY_REGISTERED


def test_a_yes_after_registration_closed_tells_the_invitee_why(app_context, mailbox, open_event):  # noqa: F811
    invitation = _invite(open_event)
    open_event.status = "cancelled"
    db.session.commit()
    mailbox.deliver(reply_mail("gmail", open_event, "gulnare@example.az", "Gülnarə"))
    _read(mailbox)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Registration)) == 0
    [told] = _mail_to("gulnare@example.az")
    assert "Bu tədbir ləğv edilib." in told.text_body
    assert db.session.get(Invitation, invitation.id).response == InvitationResponse.ACCEPTED


def test_two_people_sharing_an_address_are_told_apart_by_name(app_context, mailbox, open_event):  # noqa: F811
    _invite(open_event, "Rauf Quliyev", "family@example.az")
    wife = _invite(open_event, "Səbinə Quliyeva", "family@example.az")
    mailbox.deliver(reply_mail("thunderbird", open_event, "family@example.az", "SƏBİNƏ QULİYEVA"))
    _read(mailbox)
    [registration] = db.session.scalars(sa.select(Registration)).all()
    assert registration.person_id == wife.person_id


def test_the_same_reply_read_twice_changes_nothing(app_context, mailbox, open_event):  # noqa: F811
    _invite(open_event)
    mail = reply_mail("outlook", open_event, "gulnare@example.az", "Gülnarə")
    mailbox.deliver(mail)
    mailbox.deliver(mail)  # a worker that died before marking it read reads it again
    _read(mailbox)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Registration)) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CalendarReply)) == 1
    assert len(_mail_to("gulnare@example.az")) == 1
    assert mailbox.unseen() == 0


def test_mail_that_matches_nothing_is_listed_for_organisers(
        app_context, mailbox, open_event, client, make_user, login):  # noqa: F811
    _invite(open_event)
    mailbox.deliver(reply_mail("gmail", open_event, "stranger@example.com", "Stranger"))
    mailbox.deliver(b"From: someone@example.az\r\nSubject: Sual\r\nMessage-ID: <q1@x>\r\n\r\nSalam!\r\n")
    mailbox.deliver(b"From: broken@example.az\r\nSubject: Accepted\r\nMessage-ID: <b1@x>\r\n"
                    b"Content-Type: text/calendar; method=REPLY\r\n\r\nBEGIN:VCALENDAR\r\nMETHOD:REPLY\r\n"
                    b"BEGIN:VEVENT\r\nDTSTART:not a date\r\n")
    _read(mailbox)
    outcomes = set(db.session.scalars(sa.select(CalendarReply.outcome)))
    assert outcomes == {ReplyOutcome.UNMATCHED, ReplyOutcome.NOT_A_REPLY, ReplyOutcome.UNREADABLE}
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Registration)) == 0

    login(make_user(Role.ORGANISER))
    page = client.get("/staff/calendar-replies").get_data(as_text=True)
    assert "stranger@example.com" in page and "Sual" in page
    assert "Bu ünvana dəvət yoxdur: əl ilə yoxlayın" in page
    event_page = client.get(f"/staff/events/{open_event.id}/invitations").get_data(as_text=True)
    assert "stranger@example.com" in event_page


def test_a_mailbox_that_is_down_loses_nothing(app, app_context, mailbox, open_event, monkeypatch):  # noqa: F811
    _invite(open_event)
    mailbox.deliver(reply_mail("outlook", open_event, "gulnare@example.az", "Gülnarə"))
    monkeypatch.setitem(app.config, "RSVP_IMAP_PASSWORD", "wrong")
    assert read_calendar_replies() == 0  # logged, tried again next minute
    monkeypatch.setitem(app.config, "RSVP_IMAP_PORT", 1)
    assert read_calendar_replies() == 0
    assert mailbox.unseen() == 1

    monkeypatch.setitem(app.config, "RSVP_IMAP_PASSWORD", mailbox.settings()["RSVP_IMAP_PASSWORD"])
    monkeypatch.setitem(app.config, "RSVP_IMAP_PORT", mailbox.port)
    _read(mailbox)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Registration)) == 1


def test_without_a_mailbox_nothing_is_read(app_context, open_event):  # noqa: F811
    assert read_calendar_replies() == 0


def test_the_demo_shows_calendar_answers_and_an_unsubscribed_address(app, client, make_user, login):
    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    outcomes = set(db.session.scalars(sa.select(CalendarReply.outcome)))
    assert {ReplyOutcome.REGISTERED, ReplyOutcome.DECLINED, ReplyOutcome.TENTATIVE,
            ReplyOutcome.UNMATCHED} <= outcomes
    login(make_user(Role.ORGANISER))
    assert "stranger@example.com" in client.get("/staff/calendar-replies").get_data(as_text=True)
    unsubscribed = client.get("/staff/outbox/unsubscribed").get_data(as_text=True)
    assert "Poçt proqramının «Abunəlikdən çıx» düyməsi" in unsubscribed


def _invitation_calendar(address: str) -> tuple[OutgoingMessage, icalendar.Calendar]:
    db.session.expire_all()
    message = db.session.scalar(sa.select(OutgoingMessage).where(
        OutgoingMessage.kind == MessageKind.INVITATION, OutgoingMessage.to_email == address))
    return message, icalendar.Calendar.from_ical(message.calendar_data)


def test_with_a_mailbox_the_invitation_asks_the_calendar_for_an_answer_sent_there(
        app_context, mailbox, open_event):  # noqa: F811
    invite_people(open_event, [_invite_person(open_event)], actor=None)
    db.session.commit()
    run_worker_producers()
    message, calendar = _invitation_calendar("gulnare@example.az")
    assert message.calendar_method == "REQUEST" and calendar["METHOD"] == "REQUEST"
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["ORGANIZER"]).lower() == f"mailto:{ORGANIZER}"
    attendee = vevent["ATTENDEE"]
    assert str(attendee).lower() == "mailto:gulnare@example.az"
    assert attendee.params["RSVP"] == "TRUE" and attendee.params["PARTSTAT"] == "NEEDS-ACTION"
    assert "Bəli / Xeyr" in message.text_body  # the mail says what the buttons do

    # The invitee presses Yes: Outlook answers the invitation's own UID, to its ORGANIZER.
    mailbox.deliver(reply_mail("outlook", open_event, "gulnare@example.az", "Gülnarə Məmmədova"))
    _read(mailbox)
    assert db.session.scalar(sa.select(Registration.status)) == RegistrationStatus.CONFIRMED


def test_without_a_mailbox_the_invitation_has_no_yes_no_buttons(app_context, open_event):  # noqa: F811
    invite_people(open_event, [_invite_person(open_event)], actor=None)
    db.session.commit()
    run_worker_producers()
    message, calendar = _invitation_calendar("gulnare@example.az")
    assert message.calendar_method == "PUBLISH" and calendar["METHOD"] == "PUBLISH"
    [vevent] = calendar.walk("VEVENT")
    assert "ATTENDEE" not in vevent  # nothing for a calendar to answer
    assert "Bəli / Xeyr" not in message.text_body


def _invite_person(event, full_name="Gülnarə Məmmədova", email="gulnare@example.az") -> Person:
    person = Person(full_name=full_name, email=email, community_id=event.community_id)
    db.session.add(person)
    db.session.commit()
    return person

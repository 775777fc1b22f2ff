"""The calendar a mail carries, as the SMTP server receives it: exactly one calendar part per mail
(one METHOD:REQUEST per invitation or update, one CANCEL per cancellation, the confirmation's
PUBLISH file), each with ``charset`` and a ``method`` equal to its METHOD, and read the same by
icalendar, vobject and libical (organiser and calendar name included, libical's RFC 5546 check
passing)."""

from __future__ import annotations

from datetime import timedelta
from email.utils import parseaddr

import sqlalchemy as sa

from umid_events.core.urls import public_url_context
from umid_events.directory.models import Person
from umid_events.events import services as event_services
from umid_events.events.models import Event
from umid_events.extensions import db
from umid_events.invitations import services as invitations
from umid_events.notifications.kinds import MessageKind
from umid_events.notifications.mail import Attachment, CalendarPart, MailContent, build_mime
from umid_events.notifications.models import OutgoingMessage
from umid_events.notifications.tasks import run_producers
from umid_events.registrations.models import Registration
from umid_events.registrations.services import cancel_registration

from ..ical.readers import read_alike
from ..registrations.conftest import community, open_event, register  # noqa: F401
from .conftest import all_sent, running_consumer, wait_for

TITLE = 'Gənclər, könüllülər; "Bakı\\Sumqayıt" görüşü'
ORGANISER = "“Ümid” Sosial İnkişafa Dəstək İctimai Birliyi"
CALENDAR_TYPES = ("text/calendar", "application/ics")


def calendar_parts(message) -> list:
    """Every part that carries a calendar, whatever its type says."""
    return [part for part in message.walk() if not part.is_multipart()
            and (part.get_content_type() in CALENDAR_TYPES
                 or b"BEGIN:VCALENDAR" in (part.get_payload(decode=True) or b""))]


def _write_every_kind_of_calendar_mail(mail_app, client, event_id: int):
    """A confirmation (a registration), a participant's own cancellation, an invitation, an
    update and the event's cancellation, written by the worker's producers as in production."""
    register(client, db.session.get(Event, event_id))  # Aygün Həsənova, by mail
    register(client, db.session.get(Event, event_id), full_name="Rəşad Quliyev",
             email="rashad@example.org", phone="055 765 43 21")
    with mail_app.app_context():
        event = db.session.get(Event, event_id)
        leaving = db.session.scalar(sa.select(Registration).join(Registration.person)
                                    .where(Person.email == "rashad@example.org"))
        with public_url_context():
            cancel_registration(leaving, notify=True)  # from their page: the entry is removed
            db.session.commit()
        invitee = Person(full_name='Leyla "Lala" Məmmədova', email="leyla@example.az")
        db.session.add(invitee)
        db.session.commit()
        with public_url_context():
            invitations.invite_people(event, [invitee], actor=None)
            db.session.commit()
        run_producers()
        details = event_services.EventDetails(
            kind=event.kind, community_id=event.community_id, title=event.title,
            starts_at=event.starts_at + timedelta(hours=1), ends_at=event.ends_at + timedelta(hours=1),
            meeting_url=event.meeting_url)
        event_services.update_event(event, details, actor=None, expected_version=event.version,
                                    jitsi_server="https://meet.jit.si")
        db.session.commit()
        run_producers()
        event_services.cancel_event(event, actor=None)
        db.session.commit()
        run_producers()
        return {row.message_id_header: (row.kind, row.calendar_method)
                for row in db.session.scalars(sa.select(OutgoingMessage))}


def test_every_calendar_mail_carries_one_calendar_that_reads_the_same_everywhere(
        app, client, open_event, make_mail_app, smtp_server):  # noqa: F811
    open_event.title = TITLE
    db.session.commit()
    mail_app = make_mail_app(smtp=smtp_server)
    written = _write_every_kind_of_calendar_mail(mail_app, client, open_event.id)
    assert sorted(kind for kind, _method in written.values()) == sorted([
        MessageKind.CONFIRMATION, MessageKind.INVITATION, MessageKind.UPDATE, MessageKind.UPDATE,
        MessageKind.CANCELLATION, MessageKind.CANCELLATION, MessageKind.CANCELLATION])
    with running_consumer(mail_app):
        wait_for(lambda: all_sent(mail_app, len(written)), "every message sent")
    organiser = f"mailto:{parseaddr(mail_app.config['MAIL_DEFAULT_SENDER'])[1]}"

    received = smtp_server.messages()
    assert len(received) == len(written)
    for message in received:
        kind, method = written[message["Message-ID"]]
        if kind == MessageKind.CONFIRMATION:
            method = "PUBLISH"  # a file to add, attached
        elif kind == MessageKind.CANCELLATION:
            assert method == "CANCEL"
        else:
            assert method in ("REQUEST", "PUBLISH"), kind  # PUBLISH: no RSVP buttons
        [part] = calendar_parts(message)  # exactly one: no second copy as an attachment
        data = part.get_payload(decode=True)
        assert part.get_content_type() == "text/calendar", kind
        assert part.get_content_charset() == "utf-8", kind
        assert part.get_param("method") == method, kind
        if kind == MessageKind.CONFIRMATION:  # the file to add, not an iTIP message
            assert part.get_content_disposition() == "attachment"
            assert part.get_filename() == "event.ics"
        else:  # the invitation Outlook, Gmail and Thunderbird act on: inline, in the alternative
            assert part.get_content_disposition() is None
            assert message.get_content_type() == "multipart/alternative"

        shown = read_alike(data)
        assert shown["method"] == method, kind
        assert shown["x_wr_calname"] == shown["name"] == TITLE, kind
        [event] = shown["events"]
        assert event["summary"] == TITLE
        assert event["organizer"] == {"cn": ORGANISER, "address": organiser}, kind
        assert event["alarms"] == (0 if kind == MessageKind.CANCELLATION else 1), kind
        to = message["To"].addresses[0].addr_spec
        if method == "PUBLISH":
            assert event["attendees"] == []  # RFC 5546: a PUBLISH names no attendee
        else:
            [attendee] = event["attendees"]
            assert attendee["address"] == f"mailto:{to}"
            if to == "leyla@example.az":
                assert attendee["cn"] == "Leyla “Lala” Məmmədova"  # no ^'Lala^'
        assert b"^'" not in data


def test_an_invitation_stored_with_its_calendar_twice_is_sent_with_it_once():
    """Rows written before this rule (inline part and the same bytes as an .ics attachment,
    typed ``text/calendar; method=REQUEST``) go out with one REQUEST part too."""
    ics = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:1@umid-events\r\n"
           "SUMMARY:Dəvət\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").encode()
    pdf = Attachment("proqram.pdf", "application/pdf", b"%PDF-1.4")
    message = build_mime(MailContent(
        sender="Ümid Events <umid@example.az>", to_email="leyla@example.az", to_name="Leyla",
        subject="Dəvət", text_body="Salam\n", html_body="<p>Salam</p>\n", message_id="<1@example.az>",
        calendar=CalendarPart("REQUEST", ics),
        attachments=(Attachment("invite.ics", "text/calendar; method=REQUEST", ics), pdf)))
    requests = [part for part in message.walk()
                if not part.is_multipart() and b"METHOD:REQUEST" in part.get_payload(decode=True)]
    assert len(requests) == 1
    assert requests[0].get_params() == [("text/calendar", ""), ("charset", "utf-8"),
                                        ("method", "REQUEST")]
    assert [part.get_filename() for part in message.walk() if part.get_filename()] == ["proqram.pdf"]


def test_a_calendar_file_stored_without_parameters_gets_its_charset_and_method():
    for stored in ("text/calendar", "text/calendar; method=REQUEST", "application/ics"):
        ics = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:CANCEL\r\nEND:VCALENDAR\r\n"
        message = build_mime(MailContent(
            sender="umid@example.az", to_email="a@example.az", to_name="", subject="Ləğv",
            text_body="x\n", html_body="<p>x</p>\n", message_id="<2@example.az>",
            attachments=(Attachment("ləğv.ics", stored, ics),)))
        [part] = [part for part in message.walk() if part.get_filename()]
        assert part["Content-Type"] == 'text/calendar; charset="utf-8"; method="CANCEL"', stored
        assert part.get_payload(decode=True) == ics

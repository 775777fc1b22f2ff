"""Invitations, updates, cancellations and reminders: written by the worker, read by clients."""

from __future__ import annotations

import logging
from datetime import timedelta
from urllib.parse import quote

import icalendar
import sqlalchemy as sa
import vobject

from umid_events.auth.models import Role
from umid_events.core.urls import public_url_context
from umid_events.directory.models import Organisation, Person
from umid_events.extensions import db
from umid_events.invitations import services
from umid_events.invitations.models import Invitation
from umid_events.notifications.kinds import MessageKind
from umid_events.notifications.models import OutgoingMessage
from umid_events.registrations.models import Registration, RegistrationSource

from ..conftest import csrf_token, post_form
from ..notifications.conftest import (  # noqa: F401
    all_sent,
    make_mail_app,
    running_consumer,
    smtp_server,
    wait_for,
)
from ..registrations.conftest import community, open_event, register  # noqa: F401


def _people(community):  # noqa: F811
    municipality = Organisation(name="Quba bələdiyyəsi (sınaq)", kind="municipality")
    people = [Person(full_name="Şəhla Əliyeva", email="shahla@example.az", community_id=community.id),
              Person(full_name="John Smith", email="john@example.org", language="en", organisation=municipality),
              Person(full_name="Telefonu olan", phone="+994501112233", community_id=community.id),
              Person(full_name="Yanlış ünvan", email="not an address", community_id=community.id)]
    db.session.add_all([municipality, *people])
    db.session.commit()
    return people, municipality


def _messages(kind=None):
    db.session.expire_all()
    query = sa.select(OutgoingMessage).order_by(OutgoingMessage.id)
    if kind:
        query = query.where(OutgoingMessage.kind == kind)
    return list(db.session.scalars(query))


def _produce(app):
    with app.app_context():
        from umid_events.notifications.tasks import run_producers

        run_producers()


def test_inviting_records_rows_at_once_and_the_worker_writes_the_mail(app, client, make_user, login,
                                                                      open_event, community):  # noqa: F811
    people, municipality = _people(community)
    login(make_user(Role.ORGANISER))
    url = f"/staff/events/{open_event.id}/invitations"
    response = post_form(client, url, {"communities": str(community.id), "organisations": str(municipality.id)},
                         follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "3 dəvət yoldadır." in page
    assert "1 nəfərin telefonu var, e-poçtu yoxdur: dəvəti siyahıdan WhatsApp ilə göndərin." in page
    assert "E-poçt ünvanı yoxdur və ya yanlışdır, dəvət edilmədi: Yanlış ünvan" in page
    assert len(db.session.scalars(sa.select(Invitation)).all()) == 3
    assert _messages() == []  # the request wrote no mail: the worker does
    assert "Dəvət: 2" in client.get("/staff/outbox").get_data(as_text=True)  # what it has to do

    _produce(app)
    assert "data-mail-backlog" not in client.get("/staff/outbox").get_data(as_text=True)
    invitations = _messages(MessageKind.INVITATION)
    assert {m.to_email for m in invitations} == {"shahla@example.az", "john@example.org"}
    english = next(m for m in invitations if m.to_email == "john@example.org")
    # No RSVP mailbox in the suite's settings: a calendar without Yes / No (test_rsvp.py has both).
    assert english.subject.startswith("Invitation:") and english.calendar_method == "PUBLISH"
    calendar = icalendar.Calendar.from_ical(english.calendar_data)
    assert str(calendar["METHOD"]) == "PUBLISH"
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == open_event.uid
    assert "ATTENDEE" not in vevent
    assert "zoom.us" not in english.calendar_data.decode()  # not registered: no link yet
    assert english.attachments == []  # the calendar travels once, as the inline part
    # The calendar speaks the addressee's language, as the mail does.
    assert str(vevent["DESCRIPTION"]).startswith("Details: ")
    azerbaijani = next(m for m in invitations if m.to_email == "shahla@example.az")
    [az_vevent] = icalendar.Calendar.from_ical(azerbaijani.calendar_data).walk("VEVENT")
    assert str(az_vevent["DESCRIPTION"]).startswith("Ətraflı: ")

    _produce(app)  # running again sends nothing twice
    assert len(_messages(MessageKind.INVITATION)) == 2
    progress = client.get(url).get_data(as_text=True)
    assert "0 / 3 göndərilib" in progress  # no mail server in the tests: both are on hold
    assert 'Saxlanılır: <span data-status="held">2</span>' in progress
    assert "WhatsApp ilə göndər" in progress  # the third: the organiser's WhatsApp
    again = post_form(client, url, {"communities": str(community.id)}, follow_redirects=True)
    assert "2 nəfər artıq dəvət olunmuşdu." in again.get_data(as_text=True)
    assert len(db.session.scalars(sa.select(Invitation)).all()) == 3


def test_the_worker_writes_a_large_invitation_in_batches_each_invitation_once(
        app, client, make_user, login, open_event, community, monkeypatch):  # noqa: F811
    monkeypatch.setattr(services, "BATCH", 3)  # 7 people: batches of 3, 3 and 1
    people = [Person(full_name=f"Qonaq {number}", email=f"guest{number}@example.az",
                     community_id=community.id) for number in range(7)]
    db.session.add_all(people)
    db.session.commit()
    login(make_user(Role.ORGANISER))
    post_form(client, f"/staff/events/{open_event.id}/invitations", {"people": [str(p.id) for p in people]})
    _produce(app)
    invitations = db.session.scalars(sa.select(Invitation).order_by(Invitation.id)).all()
    messages = {message.id: message for message in _messages(MessageKind.INVITATION)}
    assert len(invitations) == len(messages) == 7
    assert {messages[invitation.message_id].to_email for invitation in invitations} == {
        person.email for person in people}
    assert all(message.calendar_data for message in messages.values())  # a calendar each


def test_a_contact_group_can_be_invited(app, client, make_user, login, open_event, community):  # noqa: F811
    from umid_events.contacts.models import ContactGroup

    people, _ = _people(community)
    group = ContactGroup(name="Seminar stakeholders", members=people[1:])
    db.session.add(group)
    db.session.commit()
    login(make_user(Role.ORGANISER))
    page = post_form(client, f"/staff/events/{open_event.id}/invitations", {"groups": str(group.id)},
                     follow_redirects=True).get_data(as_text=True)
    assert "2 dəvət yoldadır." in page and "Yanlış ünvan" in page  # no usable address: listed
    invitations = db.session.scalars(sa.select(Invitation).order_by(Invitation.id)).all()
    assert [i.person.email or i.person.phone for i in invitations] == ["john@example.org", "+994501112233"]


def test_the_invitation_link_fills_in_nothing_and_registers_the_invitee(app, client, make_user, login,
                                                                        open_event, community):  # noqa: F811
    people, _ = _people(community)
    with public_url_context():
        services.invite_people(open_event, people[:1], actor=None)
        db.session.commit()
    invitation = db.session.scalars(sa.select(Invitation)).one()
    url = f"/r/{open_event.registration_token}?i={invitation.token}"
    page = client.get(url).get_data(as_text=True)
    assert "Ş…a Ə…" in page  # enough for her to know it is hers
    assert "Şəhla" not in page and "shahla@example.az" not in page  # nothing for whoever it was forwarded to
    client.post(url, data={"csrf_token": csrf_token(client, url), "full_name": "Şəhla Əliyeva",
                           "email": "shahla@example.az", "phone": "", "community_id": str(community.id),
                           "group": "community_member", "gender": "female", "consent": "y", "website": ""})
    registration = db.session.scalars(sa.select(Registration)).one()
    assert registration.source == RegistrationSource.INVITATION
    assert registration.person_id == people[0].id  # the same person, not a new one
    assert registration.for_known_person  # her link goes to her address, not to the screen


def test_moving_an_event_tells_everyone_with_the_same_uid_and_a_higher_sequence(
        app, client, make_user, login, open_event, community):  # noqa: F811
    people, _ = _people(community)
    register(client, open_event)  # a registered participant, with the link
    with public_url_context():
        services.invite_people(open_event, people[:2], actor=None)
        db.session.commit()
    _produce(app)
    login(make_user(Role.ORGANISER))
    from umid_events.events import services as event_services

    details = event_services.EventDetails(
        kind=open_event.kind, community_id=open_event.community_id,
        starts_at=open_event.starts_at + timedelta(hours=1), ends_at=open_event.ends_at + timedelta(hours=1),
        title=open_event.title, meeting_url=open_event.meeting_url)
    event_services.update_event(open_event, details, actor=None, expected_version=open_event.version,
                                jitsi_server="https://meet.jit.si")
    db.session.commit()
    _produce(app)
    updates = _messages(MessageKind.UPDATE)
    assert {m.to_email for m in updates} == {"aygun@example.org", "shahla@example.az", "john@example.org"}
    for message in updates:
        [vevent] = icalendar.Calendar.from_ical(message.calendar_data).walk("VEVENT")
        assert str(vevent["UID"]) == open_event.uid and int(vevent["SEQUENCE"]) == 1
        assert vevent.decoded("DTSTART") == open_event.starts_at
    registered = next(m for m in updates if m.to_email == "aygun@example.org")
    assert "zoom.us" in registered.calendar_data.decode()

    event_services.cancel_event(open_event, actor=None)
    db.session.commit()
    _produce(app)
    cancels = _messages(MessageKind.CANCELLATION)
    assert len(cancels) == 3
    for message in cancels:
        calendar = icalendar.Calendar.from_ical(message.calendar_data)
        assert str(calendar["METHOD"]) == "CANCEL" == message.calendar_method
        [vevent] = calendar.walk("VEVENT")
        assert str(vevent["STATUS"]) == "CANCELLED" and int(vevent["SEQUENCE"]) == 2


def test_reminders_go_once_at_each_time_with_the_join_link(app, client, open_event):  # noqa: F811
    register(client, open_event)
    register(client, open_event, full_name="Rəşad Quliyev", email="reshad@example.org", phone="")
    with app.app_context(), public_url_context():
        early = open_event.starts_at - timedelta(days=2)
        assert services.queue_due_reminders(now=early) == 0
        day_before = open_event.starts_at - timedelta(hours=23)
        services.queue_due_reminders(now=day_before)
        services.queue_due_reminders(now=day_before + timedelta(minutes=5))
    reminders = _messages(MessageKind.REMINDER)
    assert len(reminders) == 2
    assert all("/join" in m.text_body for m in reminders)
    with app.app_context(), public_url_context():
        services.queue_due_reminders(now=open_event.starts_at - timedelta(minutes=30))
    assert len(_messages(MessageKind.REMINDER)) == 4


def test_an_invitation_arrives_as_a_calendar_invitation(app, open_event, community, make_mail_app,  # noqa: F811
                                                        smtp_server):  # noqa: F811
    # With an RSVP mailbox, which a Yes reaches (test_rsvp.py reads it).
    mail_app = make_mail_app(smtp=smtp_server, RSVP_ADDRESS="rsvp@umid.example", RSVP_IMAP_HOST="127.0.0.1")
    with mail_app.app_context():
        event = db.session.get(type(open_event), open_event.id)
        person = Person(full_name="Şəhla Əliyeva", email="shahla@example.az")
        db.session.add(person)
        db.session.commit()
        with public_url_context():
            services.invite_people(event, [person], actor=None)
            db.session.commit()
        from umid_events.notifications.tasks import run_producers

        run_producers()
    with running_consumer(mail_app):
        wait_for(lambda: all_sent(mail_app, 1), "the invitation sent")
    [received] = smtp_server.received
    message = received.message
    parts = {part.get_content_type(): part for part in message.walk()}
    calendar_part = parts["text/calendar"]
    assert calendar_part.get_param("method") == "REQUEST"
    data = calendar_part.get_payload(decode=True)
    assert str(icalendar.Calendar.from_ical(data)["METHOD"]) == "REQUEST"
    assert vobject.readOne(data.decode()).method.value == "REQUEST"
    assert message["To"].addresses[0].display_name == "Şəhla Əliyeva"


def test_moderators_cannot_invite(client, make_user, login, open_event):  # noqa: F811
    login(make_user(Role.MODERATOR))
    assert client.get(f"/staff/events/{open_event.id}/invitations").status_code == 403


def test_two_workers_writing_the_same_invitations_lose_nothing_and_log_no_error(
        app, open_event, monkeypatch, caplog):  # noqa: F811
    from umid_events.notifications.tasks import run_producers

    person = Person(full_name="Şəhla Əliyeva", email="shahla@example.az")
    db.session.add(person)
    db.session.commit()
    with public_url_context():
        services.invite_people(open_event, [person], actor=None)
        db.session.commit()
    invitation = db.session.scalars(sa.select(Invitation)).one()
    # Another worker's run has written the message; this run looked for it just before that.
    with public_url_context():
        first = services.queue_invitation_mail(open_event, person, language="az",
                                               invitation_token=invitation.token,
                                               dedupe_key=f"invitation:{invitation.id}")
        db.session.commit()
    monkeypatch.setattr(services, "messages_by_dedupe_key", lambda keys: {})
    # (Alembic's logging set-up, run by the suite's migrations, disables loggers that existed.)
    monkeypatch.setattr(logging.getLogger("umid_events.notifications.tasks"), "disabled", False)
    with caplog.at_level("INFO", logger="umid_events.notifications.tasks"):
        run_producers()
    assert [r.levelname for r in caplog.records if "prepare_invitations" in r.getMessage()] == ["INFO"]
    monkeypatch.undo()
    run_producers()  # the next run links the invitation to the message already written
    db.session.expire_all()
    assert db.session.get(Invitation, invitation.id).message_id == first.id
    assert db.session.scalar(sa.select(sa.func.count(OutgoingMessage.id))) == 1


def test_an_invitation_to_someone_with_only_a_phone_is_sent_on_whatsapp_and_recorded(
        app, client, make_user, login, open_event, community):  # noqa: F811
    people, _ = _people(community)
    login(make_user(Role.ORGANISER))
    url = f"/staff/events/{open_event.id}/invitations"
    post_form(client, url, {"people": str(people[2].id)})
    [invitation] = db.session.scalars(sa.select(Invitation)).all()
    _produce(app)
    assert _messages() == []  # the worker writes no mail for it
    response = post_form(client, f"{url}/{invitation.id}/whatsapp", {}, token_from=url)
    assert response.status_code == 303
    location = response.headers["Location"]
    assert location.startswith("https://wa.me/994501112233?text=")
    assert quote(f"?i={invitation.token}", safe="") in location
    [message] = _messages()
    assert (message.channel.value, message.status.value, message.to_phone) == ("whatsapp", "sent", "+994501112233")
    db.session.refresh(invitation)
    assert invitation.message_id == message.id
    assert "WhatsApp ilə göndərilib" in client.get(url).get_data(as_text=True)

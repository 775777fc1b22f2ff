"""Leaving the invitation lists: one-click (RFC 8058) and the page; every later invitation
skips the address, organisers see it, and one's own registration mail still arrives."""

from __future__ import annotations

import re

import sqlalchemy as sa

from umid_events.auth.models import Role
from umid_events.directory.models import Person
from umid_events.events.models import Event
from umid_events.extensions import db
from umid_events.invitations import services
from umid_events.invitations.models import Invitation
from umid_events.notifications.delivery import deliver_messages
from umid_events.notifications.kinds import MessageKind
from umid_events.notifications.models import BulkMailAddress, OutgoingMessage, UnsubscribeVia
from umid_events.notifications.services import send_held_messages
from umid_events.registrations.models import Registration

from ..conftest import csrf_token, post_form, run_worker_producers
from ..notifications.conftest import make_mail_app, smtp_server  # noqa: F401
from ..registrations.conftest import community, open_event, register  # noqa: F401


def _person(community, email="leyla@example.az", name="Leyla Qasımova"):  # noqa: F811
    person = Person(full_name=name, email=email, community_id=community.id)
    db.session.add(person)
    db.session.commit()
    return person


def _invitation_mail(address: str) -> OutgoingMessage:
    db.session.expire_all()
    return db.session.scalar(sa.select(OutgoingMessage).where(
        OutgoingMessage.kind == MessageKind.INVITATION, OutgoingMessage.to_email == address))


def _invite(event, people):
    result = services.invite_people(event, people, actor=None)
    db.session.commit()
    run_worker_producers()
    return result


def test_an_invitation_carries_one_click_unsubscribe_to_the_real_smtp_server(
        app_context, make_mail_app, smtp_server, open_event, community):  # noqa: F811
    _invite(open_event, [_person(community)])
    message = _invitation_mail("leyla@example.az")
    mail_app = make_mail_app(smtp=smtp_server)
    with mail_app.app_context():
        send_held_messages(actor=None)  # held: the suite's own app has no mail server
        db.session.commit()
        assert deliver_messages([message.id]).sent == [message.id]
    [received] = smtp_server.messages()
    token = db.session.scalar(sa.select(BulkMailAddress.token))
    assert received["List-Unsubscribe"] == f"<http://127.0.0.1:5000/u/{token}>"
    assert received["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"/u/{token}" in received.get_body(("plain",)).get_content()


def test_one_click_unsubscribe_then_the_next_invitation_skips_the_address(
        app_context, client, open_event, community, make_user, login):  # noqa: F811
    leyla, other = _person(community), _person(community, "rauf@example.az", "Rauf Məmmədov")
    _invite(open_event, [leyla])
    token = re.search(r"/u/([\w-]+)", _invitation_mail("leyla@example.az").unsubscribe_url).group(1)

    # What Gmail's "Unsubscribe" sends: a POST with this body, no cookies, no CSRF token.
    response = client.post(f"/u/{token}", data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    address = db.session.scalar(sa.select(BulkMailAddress))
    assert address.unsubscribed_via == UnsubscribeVia.ONE_CLICK

    second = Event(**{column: getattr(open_event, column) for column in (
        "programme_id", "kind", "community_id", "starts_at", "ends_at", "status", "meeting_url")},
        title="İkinci görüş")
    db.session.add(second)
    db.session.commit()
    login(make_user(Role.ORGANISER))
    page = post_form(client, f"/staff/events/{second.id}/invitations",
                     {"people": [str(leyla.id), str(other.id)]}, follow_redirects=True).get_data(as_text=True)
    assert "Dəvətlərdən çıxıb, dəvət edilmədi: Leyla Qasımova" in page
    run_worker_producers()
    assert {invitation.person_id for invitation in db.session.scalars(
        sa.select(Invitation).where(Invitation.event_id == second.id))} == {other.id}
    assert _invitation_mail("rauf@example.az") is not None

    listed = client.get("/staff/outbox/unsubscribed").get_data(as_text=True)
    assert "leyla@example.az" in listed and "rauf@example.az" not in listed


def test_the_page_asks_before_unsubscribing_and_allows_coming_back(
        app_context, client, open_event, community):  # noqa: F811
    _invite(open_event, [_person(community)])
    token = db.session.scalar(sa.select(BulkMailAddress.token))
    page = client.get(f"/u/{token}").get_data(as_text=True)
    assert "l…@example.az" in page and "leyla@example.az" not in page  # masked: links get forwarded
    assert db.session.scalar(sa.select(BulkMailAddress.unsubscribed_at)) is None  # a GET changes nothing

    assert client.post(f"/u/{token}", data={}).status_code == 200  # no CSRF token: the page again
    assert db.session.scalar(sa.select(BulkMailAddress.unsubscribed_at)) is None
    done = client.post(f"/u/{token}", data={"csrf_token": csrf_token(client, f"/u/{token}")})
    assert "Daha dəvət almayacaqsınız" in done.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(sa.select(BulkMailAddress.unsubscribed_via)) == UnsubscribeVia.PAGE

    back = client.post(f"/u/{token}/back", data={"csrf_token": csrf_token(client, f"/u/{token}")})
    assert "yenə dəvət alacaq" in back.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(sa.select(BulkMailAddress.unsubscribed_at)) is None
    assert client.get("/u/not-a-token").status_code == 404


def test_own_registration_mail_still_arrives_after_unsubscribing(
        app_context, client, open_event, community):  # noqa: F811
    _invite(open_event, [_person(community, "aygun@example.org", "Aygün Həsənova")])
    token = db.session.scalar(sa.select(BulkMailAddress.token))
    client.post(f"/u/{token}", data={"List-Unsubscribe": "One-Click"})
    register(client, open_event)  # Aygün registers with the form all the same
    run_worker_producers()
    assert db.session.scalar(sa.select(Registration)) is not None
    assert db.session.scalar(sa.select(OutgoingMessage).where(
        OutgoingMessage.kind == MessageKind.CONFIRMATION,
        OutgoingMessage.to_email == "aygun@example.org")) is not None

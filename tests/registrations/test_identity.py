"""A contact typed into a form proves nothing: no one reaches another person's record, and the
personal link reaches phone-only participants (SMS, recovery), never the screen of a stranger."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from umid_events.directory.models import Gender, Person
from umid_events.extensions import db
from umid_events.notifications.kinds import Channel
from umid_events.notifications.models import OutgoingMessage
from umid_events.registrations.models import Registration, RegistrationStatus

from ..conftest import csrf_token, run_worker_producers
from .conftest import register

NEIGHBOUR = {"full_name": "Gülnarə Əliyeva", "phone": "+994551112233", "email": "gulnare@example.org"}


@pytest.fixture
def neighbour(open_event, community):
    """Someone the programme knows, already registered for the event."""
    person = Person(**NEIGHBOUR, gender=Gender.FEMALE, community_id=community.id,
                    preferred_channel=Channel.SMS)
    db.session.add(person)
    db.session.flush()
    db.session.add(Registration(event_id=open_event.id, person_id=person.id,
                                status=RegistrationStatus.CONFIRMED, group="community_member",
                                consent_at=open_event.starts_at, personal_token="neighbour-secret-token"))
    db.session.commit()
    return person


def _registrations():
    return list(db.session.scalars(sa.select(Registration).order_by(Registration.id)))


def _messages():
    db.session.expire_all()
    return list(db.session.scalars(sa.select(OutgoingMessage).order_by(OutgoingMessage.id)))


def _shows_nothing_of(page: str, person) -> None:
    for secret in ("neighbour-secret-token", person.email, "gulnare@", "Gülnarə", "Əliyeva", "055 111"):
        assert secret not in page


def test_a_neighbours_phone_with_another_name_is_someone_else(client, open_event, neighbour):
    response = register(client, open_event, full_name="Rauf Məmmədov", phone="055 111 22 33",
                        email="", gender="male")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Rauf Məmmədov" in page
    _shows_nothing_of(page, neighbour)
    people = db.session.scalars(sa.select(Person).order_by(Person.id)).all()
    assert [p.full_name for p in people] == ["Gülnarə Əliyeva", "Rauf Məmmədov"]
    assert people[1].phone == people[0].phone  # a household shares a phone
    assert len(_registrations()) == 2


def test_a_neighbours_name_and_phone_show_nothing_and_send_the_link_to_her_phone(
        client, open_event, neighbour):
    response = register(client, open_event, full_name="gulnare eliyeva", phone="055 111 22 33",
                        email="stranger@example.org")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Siz bu tədbirə artıq qeydiyyatdan keçmisiniz." in page
    _shows_nothing_of(page, neighbour)
    assert "/p/" not in page
    [sms] = _messages()
    assert (sms.channel, sms.to_phone) == (Channel.SMS, "+994551112233")  # the phone on file
    assert "/p/neighbour-secret-token" in sms.text_body
    db.session.refresh(neighbour)
    assert neighbour.email == "gulnare@example.org"  # nothing typed is written into her record
    assert len(_registrations()) == 1


def test_a_known_person_registering_for_another_event_gets_the_link_by_their_channel(
        client, open_event, neighbour, programme, community):
    from umid_events.events.models import Event

    other = Event(programme_id=programme.id, kind="training", community_id=community.id, title="Təlim",
                  starts_at=open_event.starts_at, ends_at=open_event.ends_at, status=open_event.status)
    db.session.add(other)
    db.session.commit()
    response = register(client, other, full_name="GÜLNARƏ ƏLİYEVA", phone="", email="gulnare@example.org")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "/p/" not in page
    assert "telefon nömrənizə və ya e-poçt ünvanınıza" in page
    _shows_nothing_of(page, neighbour)
    registration = db.session.scalar(sa.select(Registration).where(Registration.event_id == other.id))
    assert registration.person_id == neighbour.id and registration.for_known_person
    run_worker_producers()
    [confirmation] = _messages()
    assert confirmation.channel == Channel.SMS and confirmation.to_phone == neighbour.phone
    assert registration.personal_token in confirmation.text_body


def test_the_same_form_sent_twice_ends_on_the_same_personal_page(client, open_event):
    url = f"/r/{open_event.registration_token}"
    form_page = client.get(url).get_data(as_text=True)
    key = re.search(r'name="submission" type="hidden" value="([^"]+)"', form_page)
    key = key or re.search(r'id="submission" name="submission" type="hidden" value="([^"]+)"', form_page)
    assert key
    data = {"csrf_token": csrf_token(client, url), "submission": key.group(1),
            "community_id": str(open_event.community_id), "full_name": "Səbinə Quliyeva",
            "phone": "050 765 43 21", "email": "", "group": "community_member", "gender": "female",
            "channel": "sms", "consent": "y", "website": ""}
    first, second = client.post(url, data=data), client.post(url, data=data)
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert len(_registrations()) == 1


def test_someone_registering_again_gets_their_link_sent_not_shown(client, open_event):
    first = register(client, open_event, email="", channel="sms")
    token = _registrations()[0].personal_token
    again = register(client, open_event, email="")
    page = again.get_data(as_text=True)
    assert "Siz bu tədbirə artıq qeydiyyatdan keçmisiniz." in page and token not in page
    assert first.headers["Location"] not in page
    sms = [m for m in _messages() if m.template == "registration_reminder_link"]
    assert len(sms) == 1 and sms[0].to_phone == "+994501234567" and token in sms[0].text_body


def test_an_invitation_link_fills_in_nothing_of_the_invitee(client, open_event, neighbour):
    from umid_events.invitations.models import Invitation

    invitation = Invitation(event_id=open_event.id, person_id=neighbour.id, token="invite-token-1",
                            language="az")
    db.session.add(invitation)
    db.session.commit()
    page = client.get(f"/r/{open_event.registration_token}?i=invite-token-1").get_data(as_text=True)
    assert "Gül…ə Ə…" in page
    _shows_nothing_of(page, neighbour)


@pytest.mark.parametrize("typed", ["055 111 22 33", "GULNARE@example.org", "050 000 00 00",
                                   "nobody@example.org"])
def test_link_recovery_answers_the_same_and_sends_only_to_the_contact_on_file(
        client, open_event, neighbour, typed):
    url = f"/r/{open_event.registration_token}/link"
    response = client.post(url, data={"csrf_token": csrf_token(client, url), "contact": typed,
                                      "website": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Əgər bu telefon nömrəsi və ya e-poçt ünvanı ilə" in page
    _shows_nothing_of(page, neighbour)
    sent = _messages()
    if typed.startswith("055"):
        assert [(m.channel, m.to_phone) for m in sent] == [(Channel.SMS, "+994551112233")]
    elif typed.startswith("GULNARE"):
        assert [(m.channel, m.to_email) for m in sent] == [(Channel.EMAIL, "gulnare@example.org")]
    else:
        assert sent == []
    assert all("neighbour-secret-token" in m.text_body for m in sent)


def test_link_recovery_refuses_nonsense_clearly_and_is_rate_limited(client, open_event, neighbour):
    url = f"/r/{open_event.registration_token}/link"
    bad = client.post(url, data={"csrf_token": csrf_token(client, url), "contact": "12"})
    assert bad.status_code == 200 and "Telefon nömrəsini 050 123 45 67 kimi" in bad.get_data(as_text=True)
    statuses = [client.post(url, data={"csrf_token": csrf_token(client, url),
                                       "contact": "055 111 22 33"}).status_code for _ in range(6)]
    assert 429 in statuses
    assert len([m for m in _messages() if m.channel == Channel.SMS]) == 1  # once per ten minutes

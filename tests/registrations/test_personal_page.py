"""The participant's own page: join in the window, calendar, edit, cancel, delete their data."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
import sqlalchemy as sa

from umid_events.directory.models import Person
from umid_events.events.kinds import LinkVisibility
from umid_events.extensions import db
from umid_events.registrations.models import Registration, RegistrationStatus

from ..conftest import csrf_token
from .conftest import PERSON, register


def _registration() -> Registration:
    db.session.expire_all()
    return db.session.scalars(sa.select(Registration)).one()


def test_join_button_is_live_only_in_its_window(client, open_event):
    register(client, open_event)
    page_url = f"/p/{_registration().personal_token}"
    assert "Düymə saat" in client.get(page_url).get_data(as_text=True)
    early = client.get(f"{page_url}/join")
    assert early.headers["Location"] == page_url

    open_event.starts_at = datetime.now(UTC) + timedelta(minutes=10)
    open_event.ends_at = open_event.starts_at + timedelta(hours=1)
    db.session.commit()
    live = client.get(f"{page_url}/join")
    assert live.status_code == 302 and live.headers["Location"] == "https://zoom.us/j/81234567890"


def test_the_personal_calendar_file_carries_the_link_when_allowed(client, open_event):
    register(client, open_event)
    token = _registration().personal_token
    [event] = icalendar.Calendar.from_ical(client.get(f"/p/{token}/event.ics").get_data()).walk("VEVENT")
    assert str(event["CONFERENCE"]) == "https://zoom.us/j/81234567890"

    open_event.link_visibility = LinkVisibility.STAFF
    db.session.commit()
    assert b"zoom.us" not in client.get(f"/p/{token}/event.ics").get_data()
    assert "Qoşul" not in client.get(f"/p/{token}").get_data(as_text=True)


def test_waiting_list_people_do_not_get_the_link(client, open_event):
    open_event.capacity = 1
    db.session.commit()
    register(client, open_event, email="first@example.org", phone="")
    register(client, open_event, full_name="Rəşad Quliyev", email="second@example.org", phone="")
    waiting = db.session.scalars(sa.select(Registration).where(
        Registration.status == RegistrationStatus.WAITLISTED)).one()
    assert b"zoom.us" not in client.get(f"/p/{waiting.personal_token}/event.ics").get_data()
    assert "Gözləmə siyahısında" in client.get(f"/p/{waiting.personal_token}").get_data(as_text=True)


def test_the_participant_corrects_their_details(client, open_event):
    register(client, open_event)
    url = f"/p/{_registration().personal_token}/edit"
    response = client.post(url, data={**PERSON, "csrf_token": csrf_token(client, url),
                                      "community_id": str(open_event.community_id),
                                      "full_name": "Aygün Həsənli", "phone": "055 765 43 21"})
    assert response.status_code == 302
    person = _registration().person
    assert (person.full_name, person.phone) == ("Aygün Həsənli", "+994557654321")


def test_cancelling_frees_the_place(client, open_event):
    register(client, open_event)
    token = _registration().personal_token
    client.post(f"/p/{token}/cancel", data={"csrf_token": csrf_token(client, f"/p/{token}/cancel")})
    assert _registration().status == RegistrationStatus.CANCELLED
    db.session.refresh(open_event)
    assert open_event.confirmed_count == 0
    assert "Qeydiyyatınız ləğv edildi." in client.get(f"/p/{token}").get_data(as_text=True)
    # registering again later reopens the same registration
    register(client, open_event)
    assert _registration().status == RegistrationStatus.CONFIRMED


def test_deleting_my_data_keeps_only_anonymous_counts(client, open_event):
    register(client, open_event)
    token = _registration().personal_token
    page = client.post(f"/p/{token}/erase", data={"csrf_token": csrf_token(client, f"/p/{token}/erase"),
                                                  "scope": "everything"})
    assert "Məlumatlarınız silindi" in page.get_data(as_text=True)
    person = db.session.scalars(sa.select(Person)).one()
    assert (person.full_name, person.email, person.phone) == ("—", None, None)
    assert person.anonymised_at is not None and person.gender.value == "female"
    assert _registration().status == RegistrationStatus.CANCELLED
    assert "aygun" not in person.search_text


def test_a_participant_cannot_become_another_person_but_may_share_a_phone(client, open_event):
    register(client, open_event)  # Aygün: 050 123 45 67, aygun@example.org
    register(client, open_event, full_name="Rəşad Quliyev", phone="055 111 22 33", email="r@example.org")
    reshad = db.session.scalars(sa.select(Registration).join(Person)
                                .where(Person.full_name == "Rəşad Quliyev")).one()
    url = f"/p/{reshad.personal_token}/edit"

    def edit(**change):
        data = {**PERSON, "csrf_token": csrf_token(client, url), "community_id": str(open_event.community_id),
                "full_name": "Rəşad Quliyev", "phone": "055 111 22 33", "email": "r@example.org", **change}
        return client.post(url, data=data).get_data(as_text=True)

    for change, message in (({"full_name": "Aygün Həsənova", "phone": "+994 50 123 45 67"},
                             "Bu telefon nömrəsi artıq başqa şəxsə aiddir."),
                            ({"full_name": "AYGÜN HƏSƏNOVA", "email": "AYGUN@example.org"},
                             "Bu e-poçt ünvanı artıq başqa şəxsə aiddir.")):
        assert message in edit(**change), change
    db.session.expire_all()
    person = db.session.get(Person, reshad.person_id)
    assert (person.full_name, person.phone, person.email) == ("Rəşad Quliyev", "+994551112233", "r@example.org")
    edit(phone="050 123 45 67")  # his wife's phone: a household shares one
    db.session.expire_all()
    assert db.session.get(Person, reshad.person_id).phone == "+994501234567"

"""A participant registers from the short link; one person, one registration."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from umid_events.auth.models import Role
from umid_events.directory.models import Gender, Person
from umid_events.events.kinds import EventStatus
from umid_events.extensions import db
from umid_events.registrations.models import Registration, RegistrationStatus

from ..conftest import csrf_token
from .conftest import PERSON, register


def _registrations():
    return list(db.session.scalars(sa.select(Registration).order_by(Registration.id)))


def test_registering_leads_to_the_personal_page(client, open_event):
    response = register(client, open_event)
    assert response.status_code == 302
    [registration] = _registrations()
    assert response.headers["Location"] == f"/p/{registration.personal_token}?new=1"
    person = registration.person
    assert (person.full_name, person.phone, person.email, person.gender) == (
        "Aygün Həsənova", "+994501234567", "aygun@example.org", Gender.FEMALE)
    assert registration.status == RegistrationStatus.CONFIRMED
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Qeydiyyatdan keçdiniz" in page and open_event.title in page
    assert "zoom.us" not in page  # the link itself is behind the Join button


@pytest.mark.parametrize(("first", "second"), [
    ({"email": "Aygun@Example.org", "phone": ""}, {"email": "aygun@example.ORG", "phone": ""}),
    ({"phone": "050 123 45 67", "email": ""}, {"phone": "+994 50 123 45 67", "email": ""}),
    ({"phone": "(050) 123-45-67", "email": ""}, {"phone": "994501234567", "email": "new@example.org"}),
])
def test_the_same_name_with_the_same_email_or_phone_finds_the_existing_registration(
        client, open_event, first, second):
    register(client, open_event, **first)
    again = register(client, open_event, full_name="AYGUN HƏSƏNOVA", **second)
    assert again.status_code == 200
    assert "Siz bu tədbirə artıq qeydiyyatdan keçmisiniz." in again.get_data(as_text=True)
    assert len(_registrations()) == 1
    assert db.session.scalar(sa.select(sa.func.count(Person.id))) == 1


def test_another_name_with_the_same_phone_is_someone_else(client, open_event):
    register(client, open_event, email="")
    other = register(client, open_event, full_name="Aygün H.", email="")
    assert other.status_code == 302  # their own page: a household shares a phone
    assert len(_registrations()) == 2
    assert db.session.scalar(sa.select(sa.func.count(Person.id))) == 2


def test_a_returning_person_is_one_person_across_events(client, open_event, programme, community):
    from umid_events.events.models import Event

    register(client, open_event)
    other = Event(programme_id=programme.id, kind="training", community_id=community.id, title="Təlim",
                  starts_at=open_event.starts_at + timedelta(days=7),
                  ends_at=open_event.ends_at + timedelta(days=7), status=EventStatus.PUBLISHED)
    db.session.add(other)
    db.session.commit()
    again = register(client, other, full_name="aygün həsənova", phone="0501234567", email="x@example.org",
                     gender="male")
    assert again.status_code == 200 and "/p/" not in again.get_data(as_text=True)  # the link goes by mail
    people = db.session.scalars(sa.select(Person)).all()
    assert len(people) == 1 and len(_registrations()) == 2
    # a stranger typing her name and phone can change nothing of her record
    assert (people[0].full_name, people[0].email, people[0].gender) == (
        "Aygün Həsənova", "aygun@example.org", Gender.FEMALE)


@pytest.mark.parametrize(("changes", "message"), [
    ({"full_name": "    "}, "Bu sahə mütləq doldurulmalıdır."),
    ({"full_name": "Ə" * 10_000}, "Ən çoxu 200 simvol yazmaq olar."),
    ({"phone": "12345"}, "Telefon nömrəsini 050 123 45 67 kimi yazın."),
    ({"email": "aygun@"}, "E-poçt ünvanı düzgün deyil."),
    ({"phone": "", "email": ""}, "Telefon nömrəsi və ya e-poçt ünvanı yazın"),
    ({"consent": None}, "Qeydiyyat üçün məlumatlarınızın emalına razılığınız lazımdır."),
])
def test_bad_input_gets_a_clear_message_and_keeps_what_was_typed(client, open_event, changes, message):
    response = register(client, open_event, **changes)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in page
    if "full_name" not in changes:
        assert 'value="Aygün Həsənova"' in page
    assert _registrations() == []


def test_an_expired_form_keeps_what_was_typed(client, open_event):
    url = f"/r/{open_event.registration_token}"
    response = client.post(url, data={"csrf_token": "stale", "community_id": str(open_event.community_id),
                                      "full_name": "Aygün Həsənova", "phone": "050 123 45 67",
                                      "group": "community_member", "gender": "female", "consent": "y"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Formanın vaxtı bitmişdi" in page and 'value="Aygün Həsənova"' in page
    assert _registrations() == []


def test_a_bot_filling_the_hidden_field_saves_nothing(client, open_event):
    response = register(client, open_event, website="http://spam.example")
    assert response.status_code == 200 and _registrations() == []


@pytest.mark.parametrize(("setup", "message"), [
    ({"status": EventStatus.CANCELLED}, "Bu tədbir ləğv edilib."),
    ({"status": EventStatus.DRAFT}, "Bu tədbir qeydiyyat üçün açıq deyil."),
    ({"registration_closes_at": datetime.now(UTC) - timedelta(hours=1)}, "Bu tədbirə qeydiyyat bağlanıb."),
    ({"registration_opens_at": datetime.now(UTC) + timedelta(days=1)}, "Qeydiyyat hələ açılmayıb."),
    ({"starts_at": datetime.now(UTC) - timedelta(days=2), "ends_at": datetime.now(UTC) - timedelta(days=2, hours=-1)},
     "Bu tədbir artıq keçirilib."),
])
def test_closed_events_say_so_plainly_and_refuse(client, open_event, setup, message):
    for name, value in setup.items():
        setattr(open_event, name, value)
    db.session.commit()
    page = client.get(f"/r/{open_event.registration_token}").get_data(as_text=True)
    assert message in page and "<form" not in page
    register_attempt = client.post(f"/r/{open_event.registration_token}", data={})
    assert register_attempt.status_code == 200 and _registrations() == []


def test_unknown_links_are_not_found(client, open_event):
    assert client.get("/r/not-the-token").status_code == 404
    assert client.get(f"/r/{open_event.public_token}").status_code == 404
    assert client.get("/p/tampered-token").status_code == 404
    register(client, open_event)
    token = _registrations()[0].personal_token
    tampered = token[:-1] + ("y" if token.endswith("x") else "x")  # certainly another token
    assert client.get(f"/p/{tampered}").status_code == 404


def test_public_forms_are_rate_limited(client, open_event):
    statuses = [client.post(f"/r/{open_event.registration_token}", data={}).status_code for _ in range(31)]
    assert statuses[:30] == [200] * 30 and statuses[30] == 429


@pytest.mark.parametrize(("second", "refusal"), [
    ("participant", "Siz bu tədbirə artıq qeydiyyatdan keçmisiniz."),
    ("organiser", "Bu e-poçt ünvanı və ya telefon nömrəsi ilə bu tədbirə artıq qeydiyyatdan keçən var."),
])
def test_someone_new_registered_twice_at_the_same_moment_is_registered_once(
        app, client, make_user, login, open_event, monkeypatch, second, refusal):
    """The participant presses twice (or an organiser enters them by hand as they register), and
    the second statement runs before the first registration has committed, so it finds no one
    with that email yet. It is refused at its commit with a clear message; one person and one
    registration remain."""
    from umid_events.registrations import services

    first_written, first_may_commit, second_sent = threading.Event(), threading.Event(), threading.Event()
    register_participant = services.register_participant

    def first_waits_before_its_commit(*args, **kwargs):
        registration = register_participant(*args, **kwargs)
        if threading.current_thread().name == "first":
            first_written.set()
            assert first_may_commit.wait(timeout=30)
        return registration

    def note_second_write(_conn, _cursor, statement, *_args):
        if threading.current_thread().name == "second" and statement.lstrip().startswith(("WITH", "INSERT")):
            second_sent.set()

    participant, url = app.test_client(), f"/r/{open_event.registration_token}"
    form = {"csrf_token": csrf_token(participant, url), "community_id": str(open_event.community_id), **PERSON}
    if second == "participant":  # one phone, pressed twice
        presses = {"first": (participant, url, form), "second": (participant, url, form)}
    else:
        login(make_user(Role.ORGANISER))
        staff_url = f"/staff/events/{open_event.id}/registrations/new"
        staff_form = {**form, "csrf_token": csrf_token(client, staff_url)}
        presses = {"first": (participant, url, form), "second": (client, staff_url, staff_form)}
    monkeypatch.setattr(services, "register_participant", first_waits_before_its_commit)
    pages = {}

    def press(name):
        browser, address, data = presses[name]
        pages[name] = browser.post(address, data=data)

    threads = {name: threading.Thread(target=press, args=(name,), name=name) for name in presses}
    sa.event.listen(db.engine, "before_cursor_execute", note_second_write)
    try:
        threads["first"].start()
        assert first_written.wait(timeout=30)
        threads["second"].start()
        assert second_sent.wait(timeout=30)
        if db.engine.dialect.name == "postgresql":  # the second statement waits for the event's row
            _until_a_statement_waits_for_a_lock()
        first_may_commit.set()
        for thread in threads.values():
            thread.join(timeout=60)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", note_second_write)
    assert pages["first"].status_code == 302
    assert pages["second"].status_code == 200
    assert refusal in pages["second"].get_data(as_text=True)
    db.session.expire_all()
    assert len(_registrations()) == 1
    assert db.session.scalar(sa.select(sa.func.count(Person.id))) == 1


def _until_a_statement_waits_for_a_lock(timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    with db.engine.connect() as connection:
        while time.monotonic() < deadline:
            waiting = connection.exec_driver_sql(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'").scalar()
            connection.rollback()
            if waiting:
                return
            time.sleep(0.01)
    raise AssertionError("the second press never waited for the first")

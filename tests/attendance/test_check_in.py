"""Self check-in: the host reads out a code (or shows a QR code) while the event runs."""

from __future__ import annotations

from datetime import timedelta

import pytest

from umid_events.auth.models import Role
from umid_events.core.types import utcnow
from umid_events.events.kinds import EventStatus
from umid_events.extensions import db

from ..conftest import csrf_token, post_form
from .conftest import records, registration_of


@pytest.fixture
def running(make_training):
    """A training that started ten minutes ago, with a check-in code made by an organiser."""
    event = make_training(starts=utcnow() - timedelta(minutes=10), status=EventStatus.PUBLISHED)
    return event


def _make_code(client, login, make_user, event) -> str:
    login(make_user(Role.ORGANISER))
    url = f"/staff/events/{event.id}/attendance/check-in"
    page = post_form(client, url, {}, follow_redirects=True).get_data(as_text=True)
    assert "check-in-code" in page
    client.post("/logout", data={"csrf_token": csrf_token(client, "/staff/events")})
    db.session.refresh(event)
    return event.check_in_code


def _personal(event, name="Kamran Rzayev") -> str:
    return f"/p/{registration_of(event, name).personal_token}"


def _check_in(client, event, code, name="Kamran Rzayev"):
    page = _personal(event, name)
    return post_form(client, f"{page}/check-in", {"code": code}, token_from=f"{page}/cancel", follow_redirects=True)


def test_the_right_code_records_the_participant_as_present(client, login, make_user, running):
    code = _make_code(client, login, make_user, running)
    assert len(code) == 6 and code.isdigit()
    page = client.get(_personal(running)).get_data(as_text=True)
    assert "Buradayam" in page  # the check-in button is shown while it is open
    response = _check_in(client, running, f"{code[:3]} {code[3:]}")  # typed with a space
    assert "iştirakınız qeydə alındı" in response.get_data(as_text=True)
    assert records(running) == {"Kamran Rzayev": (0, True, "check_in")}


def test_a_wrong_code_is_refused(client, login, make_user, running):
    code = _make_code(client, login, make_user, running)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    assert "Bu, bu tədbirin kodu deyil" in _check_in(client, running, wrong).get_data(as_text=True)
    assert records(running) == {}


def test_the_code_works_only_around_the_event(client, login, make_user, make_training):
    later = make_training(starts=utcnow() + timedelta(hours=3), status=EventStatus.PUBLISHED)
    code = _make_code(client, login, make_user, later)
    page = client.get(_personal(later)).get_data(as_text=True)
    assert "Buradayam" not in page
    assert "yalnız başlamazdan bir az əvvəl" in _check_in(client, later, code).get_data(as_text=True)
    assert records(later) == {}


def test_a_new_code_replaces_the_old_one(client, login, make_user, running):
    old = _make_code(client, login, make_user, running)
    new = _make_code(client, login, make_user, running)
    if old != new:  # one chance in a million that they are equal
        assert "Bu, bu tədbirin kodu deyil" in _check_in(client, running, old).get_data(as_text=True)
    _check_in(client, running, new)
    assert records(running)["Kamran Rzayev"][1] is True


def test_the_qr_code_checks_in_the_phone_that_opened_its_personal_page(client, login, make_user, running):
    _make_code(client, login, make_user, running)
    landing = f"/k/{running.check_in_token}"
    assert "şəxsi səhifənizi açın" in client.get(landing).get_data(as_text=True)  # a stranger's phone
    client.get(_personal(running, "Nərmin Quliyeva"))  # the participant's own phone
    page = client.get(landing).get_data(as_text=True)
    assert "Nərmin Quliyeva" in page
    post_form(client, landing, {}, follow_redirects=True)
    assert records(running) == {"Nərmin Quliyeva": (0, True, "check_in")}


def test_staff_see_the_code_and_its_qr(client, login, make_user, running):
    _make_code(client, login, make_user, running)
    login(make_user(Role.MODERATOR))
    page = client.get(f"/staff/events/{running.id}/attendance/check-in").get_data(as_text=True)
    assert running.check_in_code[:3] in page
    image = client.get(f"/staff/events/{running.id}/attendance/check-in/qr.png")
    assert image.status_code == 200 and image.data.startswith(b"\x89PNG")


def test_unknown_check_in_links_are_not_found(client):
    assert client.get("/k/not-a-token").status_code == 404
    assert client.post("/p/not-a-token/check-in").status_code in (400, 404)

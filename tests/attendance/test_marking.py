"""A moderator's attendance list: mark present or absent, add walk-ins."""

from __future__ import annotations

import sqlalchemy as sa

from umid_events.attendance.services import import_report
from umid_events.auth.models import Role
from umid_events.directory.models import Person
from umid_events.extensions import db

from ..conftest import ROOT, csrf_token, post_form
from .conftest import records

TEAMS = ROOT / "tests" / "fixtures" / "attendance" / "teams_training_example_utf16le.csv"


def _mark(client, event, person_id: int, present: bool):
    url = f"/staff/events/{event.id}/attendance/mark"
    return client.post(f"{url}/{person_id}", data={"csrf_token": csrf_token(client, url),
                                                   "present": "1" if present else "0"},
                       headers={"Accept": "application/json"})


def _person(name: str) -> Person:
    return db.session.scalar(sa.select(Person).where(Person.full_name == name))


def test_a_moderator_marks_someone_present_and_absent_again(client, login, make_user, training):
    login(make_user(Role.MODERATOR))
    kamran = _person("Kamran Rzayev")
    response = _mark(client, training, kamran.id, True)
    assert response.get_json() == {"person_id": kamran.id, "present": True}
    assert records(training) == {"Kamran Rzayev": (0, True, "manual")}
    page = client.get(f"/staff/events/{training.id}/attendance/mark").get_data(as_text=True)
    assert '<span id="present-count">1</span>' in page
    assert _mark(client, training, kamran.id, False).get_json()["present"] is False
    assert records(training) == {"Kamran Rzayev": (0, False, "manual")}


def test_without_scripts_the_row_button_is_a_plain_form(client, login, make_user, training):
    login(make_user(Role.MODERATOR))
    url = f"/staff/events/{training.id}/attendance/mark"
    response = post_form(client, f"{url}/{_person('Elşən Babayev').id}", {"present": "1"}, token_from=url)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"#person-{_person('Elşən Babayev').id}")
    assert records(training)["Elşən Babayev"][1] is True


def test_someone_not_on_the_list_cannot_be_marked(client, login, make_user, training):
    stranger = Person(full_name="Heç kim")
    db.session.add(stranger)
    db.session.commit()
    login(make_user(Role.MODERATOR))
    response = _mark(client, training, stranger.id, True)
    assert response.status_code == 409 and "qeydiyyatsız gələnlərdəndir" in response.get_json()["error"]
    assert records(training) == {}


def test_a_walk_in_is_added_once_and_reuses_a_known_person(client, login, make_user, training):
    known = Person(full_name="Sevda Həsənova", phone="+994509998877")
    db.session.add(known)
    db.session.commit()
    login(make_user(Role.MODERATOR))
    url = f"/staff/events/{training.id}/attendance/mark"
    page = post_form(client, f"/staff/events/{training.id}/attendance/walk-in",
                     {"full_name": "Sevda H.", "phone": "050 999 88 77", "email": "", "community_id": "0"},
                     token_from=url, follow_redirects=True).get_data(as_text=True)
    assert "Sevda Həsənova" in page
    assert records(training)["Sevda Həsənova"] == (0, True, "manual")
    assert db.session.scalar(sa.select(sa.func.count(Person.id)).where(Person.phone == "+994509998877")) == 1


def test_a_walk_in_needs_a_name(client, login, make_user, training):
    login(make_user(Role.MODERATOR))
    url = f"/staff/events/{training.id}/attendance/mark"
    page = post_form(client, f"/staff/events/{training.id}/attendance/walk-in",
                     {"full_name": " ", "phone": "", "email": "", "community_id": "0"},
                     token_from=url, follow_redirects=True).get_data(as_text=True)
    assert "Bu sahə mütləqdir" in page or "doldurulmalıdır" in page
    assert records(training) == {}


def test_an_import_never_unmarks_someone_a_moderator_marked_present(client, login, make_user, app, training):
    login(make_user(Role.MODERATOR))
    # Nərmin is in the report with 31 minutes (below the 45-minute threshold).
    _mark(client, training, _person("Nərmin Quliyeva").id, True)
    _mark(client, training, _person("Elşən Babayev").id, False)
    outcome = import_report(training, TEAMS.read_bytes(), "a.csv")
    db.session.commit()
    assert outcome.count("matched") >= 1
    assert records(training)["Nərmin Quliyeva"][1] is True
    assert records(training)["Elşən Babayev"][:2] == (81, True)  # the report shows 81 minutes


def test_the_attendance_figures_count_walk_ins_as_present_not_registered(client, login, make_user, training):
    login(make_user(Role.MODERATOR))
    _mark(client, training, _person("Kamran Rzayev").id, True)
    url = f"/staff/events/{training.id}/attendance/mark"
    post_form(client, f"/staff/events/{training.id}/attendance/walk-in",
              {"full_name": "Orxan Qonaq", "phone": "", "email": "orxan@example.org", "community_id": "0"},
              token_from=url)
    page = client.get(f"/staff/events/{training.id}/attendance").get_data(as_text=True)
    assert "3 qeydiyyatdan keçmiş iştirakçıdan 1 nəfər iştirak edib" in page
    assert "qeydiyyatdan keçmədən gələn 1 nəfər" in page

"""The organiser drops a platform's report in, checks the preview, decides, and saves."""

from __future__ import annotations

import io
import re

import sqlalchemy as sa

from umid_events.auth.models import Role
from umid_events.directory.models import Person
from umid_events.extensions import db

from ..conftest import ROOT, csrf_token
from .conftest import records, registration_of

TEAMS = ROOT / "tests" / "fixtures" / "attendance" / "teams_training_example_utf16le.csv"


def _upload(client, event, data: bytes, filename: str, *, follow=False):
    url = f"/staff/events/{event.id}/attendance/import"
    return client.post(url, data={"csrf_token": csrf_token(client, url),
                                  "file": (io.BytesIO(data), filename)},
                       content_type="multipart/form-data", follow_redirects=follow)


def _preview_url(response) -> str:
    assert response.status_code == 302, response.get_data(as_text=True)[:400]
    return response.headers["Location"]


def _row(page: str, name: str) -> int:
    """The position of the preview's row that shows ``name``."""
    table = page[page.index('id="preview"'):]
    return int(re.search(r'name="row-(\d+)"', table[table.index(name):]).group(1))


def _save(client, preview_url: str, decisions: dict, token_from: str | None = None):
    token = csrf_token(client, token_from or preview_url)
    return client.post(preview_url, data={"csrf_token": token, **decisions},
                       follow_redirects=True)


def test_preview_saves_nothing_then_the_organisers_decisions_are_saved(client, login, make_user, training):
    login(make_user(Role.ORGANISER))
    preview_url = _preview_url(_upload(client, training, TEAMS.read_bytes(), "attendance.csv"))
    page = client.get(preview_url).get_data(as_text=True)
    assert "Babayev, Elşən" in page and "Nərmin" in page
    assert "Tanındı: 1" in page  # Recognised: 1 (by email)
    assert records(training) == {}  # nothing is saved by the preview

    nermin = registration_of(training, "Nərmin Quliyeva")
    row = _row(page, "Nərmin")
    saved = _save(client, preview_url, {f"row-{row}": f"reg:{nermin.id}"}).get_data(as_text=True)
    assert "Davamiyyət saxlanıldı: 2 yeni, 0 dəyişdi." in saved
    assert records(training) == {"Elşən Babayev": (81, True, "report"),
                                 "Nərmin Quliyeva": (31, False, "linked")}


def test_importing_the_same_file_again_changes_nothing_and_remembers_decisions(client, login, make_user,
                                                                               training):
    login(make_user(Role.ORGANISER))
    first = _preview_url(_upload(client, training, TEAMS.read_bytes(), "attendance.csv"))
    page = client.get(first).get_data(as_text=True)
    row = _row(page, "Nərmin")
    _save(client, first, {f"row-{row}": f"reg:{registration_of(training, 'Nərmin Quliyeva').id}"})
    before = records(training)

    again = _preview_url(_upload(client, training, TEAMS.read_bytes(), "attendance.csv"))
    page = client.get(again).get_data(as_text=True)
    assert "Tanındı: 2" in page and "əvvəlki idxalda qərara alındığı kimi" in page
    saved = _save(client, again, {}).get_data(as_text=True)
    assert "Davamiyyət saxlanıldı: 0 yeni, 0 dəyişdi." in saved
    assert records(training) == before
    # An applied preview cannot be saved twice (a double press, the back button).
    upload_page = f"/staff/events/{training.id}/attendance/import"
    assert "artıq saxlanılıb" in _save(client, first, {}, token_from=upload_page).get_data(as_text=True)


def test_a_table_of_unknown_layout_is_mapped_by_hand_and_a_walk_in_added(client, login, make_user,
                                                                          training):
    login(make_user(Role.ORGANISER))
    table = "Kim;Neçə dəqiqə;Telefon\nKamran Rzayev;70\nSevda Həsənova;65;050 999 88 77\n"
    preview_url = _preview_url(_upload(client, training, table.encode(), "list.csv"))
    page = client.get(preview_url).get_data(as_text=True)
    assert "Sütunları seçin" in page  # Choose the columns
    mapping = client.post(f"{preview_url}/columns", data={
        "csrf_token": csrf_token(client, preview_url), "name": "Kim", "minutes": "Neçə dəqiqə",
        "email": "", "phone": "Telefon"})
    assert mapping.headers["Location"].endswith(preview_url.rsplit("/", 1)[-1])
    page = client.get(preview_url).get_data(as_text=True)
    assert "Sevda Həsənova" in page
    row = _row(page, "Sevda Həsənova")
    _save(client, preview_url, {f"row-{row}": "walkin"})
    assert records(training)["Sevda Həsənova"] == (65, True, "linked")
    assert records(training)["Kamran Rzayev"] == (70, True, "report")
    sevda = db.session.scalar(sa.select(Person).where(Person.full_name == "Sevda Həsənova"))
    assert sevda.phone == "+994509998877"
    listing = client.get(f"/staff/events/{training.id}/attendance").get_data(as_text=True)
    assert "Sevda Həsənova" in listing and "qeydiyyatsız" in listing  # the walk-in badge


def test_a_row_can_be_linked_to_any_person_of_the_directory(client, login, make_user, training):
    login(make_user(Role.ORGANISER))
    person = Person(full_name="Rəşad Məmmədli", email="resad@example.org")
    db.session.add(person)
    db.session.commit()
    table = "Name,Minutes\nRashad M.,50\n"
    preview_url = _preview_url(_upload(client, training, table.encode(), "list.csv"))
    page = client.get(preview_url).get_data(as_text=True)
    assert f"Rəşad Məmmədli — resad@example.org (#{person.id})" in page  # offered in the list
    _save(client, preview_url, {"row-0": "person", "person-0": f"Rəşad Məmmədli — resad@example.org (#{person.id})"})
    assert records(training)["Rəşad Məmmədli"] == (50, True, "linked")


def test_bad_files_get_a_clear_message_and_nothing_is_kept(client, login, make_user, training):
    login(make_user(Role.ORGANISER))
    for data, name, message in (
        (b"", "empty.csv", "Fayl boşdur."),
        (b"%PDF-1.7 not a table", "report.pdf", "Bu davamiyyət hesabatı deyil"),
        ("Ad,Dəqiqə\nŞükür,50\n".encode("cp1254", errors="replace"), "win.csv", "CSV UTF-8"),
        (b"\x00" * 10, "zeros.csv", None),
        (b"Name,Minutes\n" + b"Ali,5\n" * 1_000_000, "huge.csv", "5 MB həddindən böyükdür"),
    ):
        response = _upload(client, training, data, name, follow=True)
        assert response.status_code == 200
        if message:
            assert message in response.get_data(as_text=True)
    assert records(training) == {}


def test_a_report_of_another_meeting_is_flagged(client, login, make_user, make_training):
    from datetime import UTC, datetime

    event = make_training(starts=datetime(2022, 6, 1, 10, 0, tzinfo=UTC))
    login(make_user(Role.ORGANISER))
    page = client.get(_preview_url(_upload(client, event, TEAMS.read_bytes(), "a.csv"))).get_data(as_text=True)
    assert "başqa görüşə aid" in page  # "seems to be of another meeting"


def test_formula_cells_stay_text(client, login, make_user, training):
    login(make_user(Role.ORGANISER))
    table = 'Name,Minutes\n"=HYPERLINK(""http://evil"",""x"")",50\n'
    page = client.get(_preview_url(_upload(client, training, table.encode(), "f.csv"))).get_data(as_text=True)
    assert "=HYPERLINK(" in page and "düstur" in page  # shown as text, with a warning


def test_moderators_mark_but_do_not_import(client, login, make_user, training):
    login(make_user(Role.MODERATOR))
    assert client.get(f"/staff/events/{training.id}/attendance/import").status_code == 403
    assert client.get(f"/staff/events/{training.id}/attendance/mark").status_code == 200

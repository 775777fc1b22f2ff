"""Importing people from a file, step by step, as an organiser sees it."""

from __future__ import annotations

import io

import sqlalchemy as sa

from umid_events.contacts.models import ContactGroup, ContactImport, contact_group_members
from umid_events.directory.models import Gender, Organisation, Person
from umid_events.extensions import db

from ..conftest import csrf_token
from .conftest import (
    UPLOAD,
    choose_columns,
    confirm,
    csv_bytes,
    import_file,
    preview,
    token_of,
    upload,
    xlsx_bytes,
)

HEADER = ["Ad, soyad", "E-poçt", "Telefon", "Təşkilat", "Cinsi"]


def _people() -> list[tuple]:
    db.session.expire_all()
    return [(person.full_name, person.email, person.phone) for person in
            db.session.scalars(sa.select(Person).order_by(Person.id))]


def _actions(page: str) -> list[str]:
    return [part.split('"', 1)[0] for part in page.split('data-action="')[1:]]


def test_a_utf8_bom_semicolon_file_goes_through_the_three_steps(client, organiser):
    data = csv_bytes([HEADER, ["Şəhla Əliyeva", "shahla@example.org", "050 123 45 67", "Quba QHT", "qadın"],
                      ["İlkin Qasımov", "", "+994 55 222 33 44", "", "Kişi"]],
                     delimiter=";", encoding="utf-8-sig")
    token = token_of(upload(client, data))

    columns = client.get(f"{UPLOAD}/{token}/columns").get_data(as_text=True)
    assert "Which column is which?" in columns
    assert "Şəhla Əliyeva" in columns  # the first rows, to check the choice against

    assert choose_columns(client, token).status_code == 302  # the guesses are right
    page = preview(client, token)
    assert "Nothing has been saved yet." in page
    assert _actions(page) == ["new", "new"]
    assert "New organisation “Quba QHT” will be added to the directory." in page
    assert _people() == []

    summary = confirm(client, token).get_data(as_text=True)
    assert "Import finished" in summary and "New people: 2" in summary
    assert _people() == [("Şəhla Əliyeva", "shahla@example.org", "+994501234567"),
                         ("İlkin Qasımov", None, "+994552223344")]
    shahla = db.session.scalar(sa.select(Person).where(Person.email == "shahla@example.org"))
    assert shahla.gender == Gender.FEMALE and shahla.organisation.name == "Quba QHT"
    # The contacts page shows the names as they were written.
    assert "Şəhla Əliyeva" in client.get("/staff/contacts/", query_string={"q": "SEHLA"}).get_data(as_text=True)


def test_utf16_tab_separated_files_from_excel_import_the_same(client, organiser):
    for encoding, name in (("utf-16-le", "Şəhla Əliyeva"), ("utf-16-be", "Günel Məmmədova")):
        rows = [["Name", "Email", "Phone"], [name, f"{encoding}@example.org", ""]]
        data = "\ufeff".encode(encoding) + csv_bytes(rows, delimiter="\t", encoding=encoding)
        _token, summary = import_file(client, data, filename="people.txt")
        assert "New people: 1" in summary
    assert [person[0] for person in _people()] == ["Şəhla Əliyeva", "Günel Məmmədova"]


def test_an_xlsx_workbook_with_phones_as_numbers(client, organiser):
    data = xlsx_bytes([["Name", "Phone", "E-mail"], ["Aygün Həsənova", 994501112233, None],
                       ["=HYPERLINK(\"http://evil.example\")", 994501112244, None]])
    _token, summary = import_file(client, data, filename="people.xlsx")
    assert "New people: 1" in summary  # the formula cell is read as its (empty) value: no name
    assert _people() == [("Aygün Həsənova", None, "+994501112233")]


def test_a_file_in_a_windows_code_page_is_refused_and_nothing_is_imported(client, organiser):
    data = csv_bytes([["Name", "Email"], ["Müşfiq Şükürov", "m@example.org"]], encoding="cp1254")
    response = upload(client, data)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "The file is not UTF-8 or UTF-16 text." in page and "CSV UTF-8" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ContactImport)) == 0


def test_rows_matching_known_people_are_merged_never_overwritten(client, organiser):
    known_by_email = Person(full_name="Şəhla Əliyeva", email="Shahla@Example.org", phone=None)
    known_by_phone = Person(full_name="Rauf Məmmədov", email="rauf@example.org", phone="+994501234567",
                            gender=Gender.MALE)
    db.session.add_all([known_by_email, known_by_phone])
    db.session.commit()
    data = csv_bytes([HEADER,
                      ["Shahla Aliyeva", "shahla@EXAMPLE.org", "055 777 88 99", "", "qadın"],
                      ["R. Məmmədov", "other@example.org", "+994 (50) 123-45-67", "", "qadın"]])
    token = token_of(upload(client, data))
    choose_columns(client, token)
    page = preview(client, token)
    assert _actions(page) == ["merge", "same"]
    assert "Recognised by the email address." in page and "Recognised by the phone number." in page
    assert "Filled in: Phone, Gender" in page
    assert "The record has another email address; it is kept." in page

    assert "Known people completed: 1" in confirm(client, token).get_data(as_text=True)
    assert _people() == [("Şəhla Əliyeva", "Shahla@Example.org", "+994557778899"),
                         ("Rauf Məmmədov", "rauf@example.org", "+994501234567")]
    db.session.refresh(known_by_phone)
    assert known_by_phone.gender == Gender.MALE


def test_bad_rows_are_skipped_with_their_reason(client, organiser):
    data = csv_bytes([HEADER,
                      ["", "noname@example.org", "", "", ""],
                      ["Bad Email", "not-an-address", "", "", ""],
                      ["Bad Phone", "", "12345", "", ""],
                      ["No Contact", "", "", "", ""],
                      ["Aygün", "aygun@example.org", "050 111 22 33", "", ""],
                      ["Aygün again", "AYGUN@example.org", "", "", ""],
                      ["Aygün's phone", "", "+994501112233", "", ""]])
    token = token_of(upload(client, data))
    choose_columns(client, token)
    page = preview(client, token)
    assert _actions(page) == ["skip", "skip", "skip", "skip", "new", "skip", "skip"]
    for reason in ("No name.", "The email address “not-an-address” is not valid.",
                   "The phone number “12345” is not valid.",
                   "No email and no phone: the person could not be recognised later.",
                   "Same email or phone as line 6 of the file."):
        assert reason in page, reason
    assert "Skipped: 6" in confirm(client, token).get_data(as_text=True)
    assert _people() == [("Aygün", "aygun@example.org", "+994501112233")]


def test_importing_the_same_file_twice_creates_nothing_new(client, organiser):
    group = ContactGroup(name="Quba — community members")
    db.session.add(group)
    db.session.commit()
    data = csv_bytes([HEADER, ["Şəhla Əliyeva", "shahla@example.org", "050 123 45 67", "Quba QHT", ""],
                      ["İlkin Qasımov", "", "055 222 33 44", "Quba QHT", ""]])
    _token, first = import_file(client, data, group_id=group.id)
    assert "New people: 2" in first and "Added to the group “Quba — community members”: 2" in first
    _token, second = import_file(client, data, group_id=group.id)
    assert "New people: 0" in second and "Already in the contacts: 2" in second
    assert "Added to the group “Quba — community members”: 0" in second
    assert len(_people()) == 2
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Organisation)) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(contact_group_members)) == 2


def test_pressing_import_twice_imports_once(client, organiser):
    data = csv_bytes([HEADER, ["Şəhla Əliyeva", "shahla@example.org", "", "", ""]])
    token = token_of(upload(client, data))
    choose_columns(client, token)
    url = f"{UPLOAD}/{token}/preview"
    token_on_the_page = csrf_token(client, url)
    first = client.post(url, data={"csrf_token": token_on_the_page})  # a double click
    second = client.post(url, data={"csrf_token": token_on_the_page})
    assert first.status_code == 302
    assert second.status_code == 302 and second.headers["Location"].endswith(f"/import/{token}")
    assert len(_people()) == 1
    batch = db.session.scalar(sa.select(ContactImport))
    assert batch.rows == [] and batch.summary["new"] == 1  # the personal data are not kept


def test_a_file_with_wrong_columns_gets_a_clear_message_and_nothing_is_lost(client, organiser):
    data = csv_bytes([["Kolonka 1", "Kolonka 2"], ["Şəhla Əliyeva", "050 123 45 67"]])
    token = token_of(upload(client, data))
    page = client.get(f"{UPLOAD}/{token}/columns").get_data(as_text=True)
    assert "None of the column titles of this file was recognised." in page

    refused = choose_columns(client, token).get_data(as_text=True)
    assert "Choose the column that holds the full name." in refused
    refused = choose_columns(client, token, full_name=0).get_data(as_text=True)
    assert "Choose the column of the email address or of the phone number" in refused
    refused = choose_columns(client, token, full_name=0, phone=0).get_data(as_text=True)
    assert "Each column can be used for one field only." in refused
    # The file is still there: choosing the columns by hand goes on to the preview.
    assert choose_columns(client, token, full_name=0, phone=1).status_code == 302
    assert _actions(preview(client, token)) == ["new"]
    assert "New people: 1" in confirm(client, token).get_data(as_text=True)


def test_an_upload_larger_than_the_limit_gets_the_413_page(client, organiser):
    response = client.post(UPLOAD, data={"file": (io.BytesIO(b"x" * (11 * 1024 * 1024)), "big.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 413
    assert "File too large" in response.get_data(as_text=True)


def test_an_upload_without_a_file_or_of_an_unreadable_kind_says_so(client, organiser):
    page = upload(client, b"", filename="").get_data(as_text=True)
    assert "Choose a file." in page
    page = upload(client, b"\xd0\xcf\x11\xe0" + b"\x00" * 64, filename="old.xls").get_data(as_text=True)
    assert "Old Excel .xls files cannot be read." in page


def test_unknown_import_links_are_not_found(client, organiser):
    assert client.get(f"{UPLOAD}/nope/columns").status_code == 404
    assert client.get(f"{UPLOAD}/{'x' * 200}/preview").status_code == 404


def test_communities_and_organisations_are_found_by_name_in_any_case(client, organiser, programme):
    data = csv_bytes([["Name", "Phone", "Community", "Organisation", "Language"],
                      ["Ilqar Şükürov", "050 222 22 22", "QUBA İCMASI 1", "quba bələdiyyəsi 1", "English"],
                      ["Aysel Quliyeva", "050 333 33 33", "Atlantis", "", "az"]])
    token = token_of(upload(client, data))
    choose_columns(client, token)
    page = preview(client, token)
    assert "Community “Atlantis” not found in the directory; left out." in page
    assert "New organisation" not in page
    confirm(client, token)
    ilqar = db.session.scalar(sa.select(Person).where(Person.phone == "+994502222222"))
    assert (ilqar.community.name, ilqar.organisation.name, ilqar.language) == (
        "Quba icması 1", "Quba bələdiyyəsi 1", "en")

"""CSV and XLSX exports as LibreOffice Calc opens them: phone numbers read as the text they are,
with no quote in front; formula payloads stay inert text; one charset in the Content-Type."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import openpyxl
import pytest
import sqlalchemy as sa

from umid_events.auth.models import Role
from umid_events.core.exports import neutralise, write_csv, write_xlsx
from umid_events.directory.models import Community, Gender, Person
from umid_events.events.kinds import EventStatus, Platform
from umid_events.events.models import Event
from umid_events.extensions import db
from umid_events.registrations.models import ParticipantGroup, Registration, RegistrationStatus

from ..libreoffice import CSV_AS_OPENED, libreoffice  # noqa: F401  (the fixture)

PHONES = ["+994 50 123 45 67", "+994 12 000 00 00", "+7 912 345-67-89", "+1 650-253-0000"]
# Text a spreadsheet would take for a formula (or, the last, for a number): kept behind a quote.
PAYLOADS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example","click")', "+SUM(1+1)",
            "-1+1", "@SUM(1+1)", "=1+1", "+994501234567"]
HEADER = ("Ad / Name", "Telefon / Phone")
ROWS = [(f"Şəxs {n}", phone) for n, phone in enumerate(PHONES)] + [(payload, "-") for payload in PAYLOADS]


def _calc_rows(path) -> list[list[tuple[object, str]]]:
    """The data rows of the sheet Calc saved: (value, type) of columns A and B, where the type is
    ``s`` for text, ``n`` for a number, ``f`` for a formula."""
    sheet = openpyxl.load_workbook(path).active
    return [[(cell.value, cell.data_type) for cell in row] for row in sheet.iter_rows(min_row=2, max_col=2)]


@pytest.mark.parametrize("formulas", ["true", "false"], ids=["formulas-evaluated", "formulas-off"])
@pytest.mark.parametrize("special", ["false", "true"], ids=["plain-numbers", "special-numbers"])
def test_calc_shows_phone_numbers_as_text_without_a_quote(libreoffice, tmp_path, formulas, special):  # noqa: F811
    source = tmp_path / "registrations.csv"
    source.write_bytes(write_csv(HEADER, ROWS))
    rows = _calc_rows(libreoffice.convert(
        source, "xlsx", infilter=CSV_AS_OPENED.format(special=special, formulas=formulas)))
    phones = [phone for _name, phone in rows[:len(PHONES)]]
    assert [kind for _value, kind in phones] == ["s"] * len(PHONES)
    assert [value.strip() for value, _kind in phones] == PHONES  # no quote, only the leading space
    # Every payload is text Calc shows with its apostrophe: none became a formula or a number.
    assert [name for name, _phone in rows[len(PHONES):]] == [("'" + payload, "s") for payload in PAYLOADS]


def test_the_guard_still_neutralises_formulas_and_spares_only_phone_numbers():
    for payload in PAYLOADS + ["\tx", "\r=1", "+1-1", "+994 50 123 45 67; =1+1", "+(0) 1"]:
        assert neutralise(payload) == "'" + payload, payload
    for phone in PHONES:
        assert neutralise(phone) == " " + phone
    assert neutralise("Aygün") == "Aygün" and neutralise(None) == "" and neutralise(12) == "12"


def test_xlsx_phone_cells_are_text_in_calc(libreoffice, tmp_path):  # noqa: F811
    source = tmp_path / "registrations.xlsx"
    source.write_bytes(write_xlsx({"Qeydiyyat": (HEADER, ROWS)}))
    shown = libreoffice.convert(source, "csv:Text - txt - csv (StarCalc):44,34,76,1")
    table = list(csv.reader(io.StringIO(shown.read_text("utf-8-sig"))))
    assert table[1:1 + len(PHONES)] == [[f"Şəxs {n}", phone] for n, phone in enumerate(PHONES)]
    # What Calc displays (and so saves) for the payloads is their text, never a computed value.
    assert [row[0] for row in table[1 + len(PHONES):]] == PAYLOADS


@pytest.fixture
def event_with_registrations(programme):
    community = db.session.scalar(sa.select(Community).where(Community.code == "quba-1"))
    starts = datetime.now(UTC).replace(microsecond=0) + timedelta(days=3)
    event = Event(programme_id=programme.id, kind="consultation", community_id=community.id,
                  title="Praktik məsləhət: Quba icması", starts_at=starts,
                  ends_at=starts + timedelta(minutes=90), status=EventStatus.PUBLISHED,
                  meeting_url="https://zoom.us/j/81234567890", meeting_platform=Platform.ZOOM)
    db.session.add(event)
    for number, (name, phone) in enumerate([("Aygün Həsənova", "+994501234567"),
                                            ("=cmd|' /C calc'!A0", "+994702223344")]):
        person = Person(full_name=name, gender=Gender.NOT_STATED, community=community, phone=phone,
                        email=f"person{number}@example.org")
        db.session.add(Registration(event=event, person=person, group=ParticipantGroup.COMMUNITY_MEMBER,
                                    status=RegistrationStatus.CONFIRMED, consent_at=starts))
    db.session.commit()
    return event


def test_the_registrations_csv_has_one_charset_and_opens_cleanly(client, make_user, login, libreoffice,  # noqa: F811
                                                                 event_with_registrations, tmp_path):
    login(make_user(Role.ORGANISER))
    response = client.get(f"/staff/events/{event_with_registrations.id}/registrations.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    source = tmp_path / "registrations.csv"
    source.write_bytes(response.get_data())
    opened = openpyxl.load_workbook(libreoffice.convert(
        source, "xlsx", infilter=CSV_AS_OPENED.format(special="false", formulas="true"))).active
    rows = [[cell.value for cell in row[:2]] for row in opened.iter_rows(min_row=2)]
    assert sorted(rows) == sorted([["Aygün Həsənova", " +994 50 123 45 67"],
                                   ["'=cmd|' /C calc'!A0", " +994 70 222 33 44"]])


def test_the_proposals_csv_has_one_charset(client, make_user, login):
    login(make_user(Role.ORGANISER))
    response = client.get("/staff/proposals/export.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"

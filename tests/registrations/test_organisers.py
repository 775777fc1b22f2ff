"""Organisers see who registered, register people by hand, export, and share the link."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import openpyxl
import pypdf
import sqlalchemy as sa

from umid_events.auth.models import Role
from umid_events.extensions import db
from umid_events.registrations.models import Registration, RegistrationSource

from ..conftest import post_form
from .conftest import register

NASTY = "=HYPERLINK(\"http://evil.example\",\"click\")"


def _people(client, open_event):
    register(client, open_event, full_name="İlham Əliyev", phone="050 111 11 11", email="", gender="male")
    register(client, open_event, full_name="Ilqar Şükürov", phone="050 222 22 22", email="", gender="male",
             group="municipality", organisation_name="Quba bələdiyyəsi")
    register(client, open_event, full_name=NASTY, phone="", email="x@example.org", gender="not_stated",
             organisation_name="@SUM(1+1)")


def test_the_registrations_table_searches_and_counts(client, make_user, login, open_event):
    _people(client, open_event)
    login(make_user(Role.ORGANISER))
    url = f"/staff/events/{open_event.id}/registrations"
    page = client.get(url).get_data(as_text=True)
    assert 'data-count="confirmed">3<' in page
    assert "Kişi: 2" in page and "Bələdiyyə: 1" in page
    found = client.get(url, query_string={"q": "ILHAM"}).get_data(as_text=True)
    assert "İlham Əliyev" in found and "Ilqar" not in found
    assert "Ilqar Şükürov" in client.get(url, query_string={"q": "sukurov"}).get_data(as_text=True)
    by_group = client.get(url, query_string={"group": "municipality"}).get_data(as_text=True)
    assert "Ilqar Şükürov" in by_group and "İlham" not in by_group


def test_moderators_do_not_see_participants_personal_data(client, make_user, login, open_event):
    login(make_user(Role.MODERATOR))
    for suffix in ("registrations", "registrations.csv", "registrations.xlsx", "share", "poster.pdf"):
        assert client.get(f"/staff/events/{open_event.id}/{suffix}").status_code == 403


def test_exports_are_safe_against_formula_injection_and_keep_phones_readable(client, make_user, login,
                                                                               open_event):
    _people(client, open_event)
    login(make_user(Role.ORGANISER))
    workbook = openpyxl.load_workbook(io.BytesIO(
        client.get(f"/staff/events/{open_event.id}/registrations.xlsx").get_data()))
    rows = list(workbook.active.iter_rows(values_only=True))
    cells = {cell for row in rows for cell in row}
    assert NASTY in cells and "@SUM(1+1)" in cells and "+994 50 111 11 11" in cells
    for row in workbook.active.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.value  # nothing is a formula

    text = client.get(f"/staff/events/{open_event.id}/registrations.csv").get_data().decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    flat = [cell for row in table for cell in row]
    assert "'" + NASTY in flat and "'@SUM(1+1)" in flat
    assert " +994 50 111 11 11" in flat and "İlham Əliyev" in flat  # a phone: a space, no quote
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in flat)


def test_an_organiser_registers_someone_who_phoned_in(client, make_user, login, open_event):
    open_event.registration_closes_at = datetime.now(UTC) - timedelta(hours=1)
    db.session.commit()
    login(make_user(Role.ORGANISER))
    response = post_form(client, f"/staff/events/{open_event.id}/registrations/new", {
        "full_name": "Nərgiz Babayeva", "phone": "070 555 44 33", "email": "",
        "community_id": str(open_event.community_id), "group": "ngo", "organisation_name": "Gənclər QHT",
        "gender": "female"})
    assert response.status_code == 302
    registration = db.session.scalars(sa.select(Registration)).one()
    assert registration.source == RegistrationSource.MANUAL
    assert registration.person.phone == "+994705554433"


def test_sharing_link_qr_codes_and_poster(client, make_user, login, open_event):
    login(make_user(Role.ORGANISER))
    page = client.get(f"/staff/events/{open_event.id}/share").get_data(as_text=True)
    link = f"http://localhost/r/{open_event.registration_token}"
    assert link in page
    assert "https://wa.me/?text=" in page and "facebook.com/sharer" in page and "t.me/share" in page

    png = client.get(f"/staff/events/{open_event.id}/qr.png")
    assert png.mimetype == "image/png" and png.get_data().startswith(b"\x89PNG")
    svg = client.get(f"/staff/events/{open_event.id}/qr.svg")
    assert svg.mimetype == "image/svg+xml" and ET.fromstring(svg.get_data()).tag.endswith("svg")

    poster = client.get(f"/staff/events/{open_event.id}/poster.pdf")
    assert poster.mimetype == "application/pdf"
    pages = pypdf.PdfReader(io.BytesIO(poster.get_data())).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert "Praktik məsləhət: Quba icması 1" in text
    assert f"localhost/r/{open_event.registration_token}" in text
    assert "Bakı vaxtı" in text

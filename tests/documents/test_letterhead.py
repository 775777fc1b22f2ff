"""Organisers set the letterhead in the UI; a logo that is not a real PNG/JPEG is refused."""

from __future__ import annotations

import io

import pypdf
import pytest
from PIL import Image

from umid_events.auth.models import Role
from umid_events.documents.letterhead import get_letterhead, next_reference
from umid_events.documents.models import Letterhead
from umid_events.extensions import db

from ..conftest import post_form

FIELDS = {"name": "“Ümid” Sosial İnkişafa Dəstək İctimai Birliyi", "name_en": "Umid PU",
          "address": "Bakı, Nizami küçəsi 10", "address_en": "", "phone": "+994 12 555 00 00",
          "email": "office@umid.az", "website": "umid.az", "signatory_name": "Gülşən Əhmədova",
          "signatory_title": "Sədr", "signatory_title_en": "Chair", "programme_code": "ÜMİD",
          "reference_pattern": "{code}-{year}/{month}-{seq}"}


def png(width=40, height=20) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (11, 93, 75)).save(buffer, "PNG")
    return buffer.getvalue()


def save(client, logo: tuple[bytes, str] | None = None, **changes):
    data = {**FIELDS, **changes}
    if logo:
        data["logo"] = (io.BytesIO(logo[0]), logo[1])
    return post_form(client, "/staff/letterhead", data, follow_redirects=True)


def test_an_organiser_sets_the_letterhead_with_a_logo(client, make_user, login):
    login(make_user(Role.ORGANISER))
    page = save(client, logo=(png(), "logo.png")).get_data(as_text=True)
    assert "Blank saxlanıldı." in page
    letterhead = get_letterhead()
    assert letterhead.signatory_name == "Gülşən Əhmədova"
    assert letterhead.logo.startswith(b"\x89PNG") and letterhead.logo_mimetype == "image/png"
    logo = client.get("/staff/letterhead/logo")
    assert logo.mimetype == "image/png" and logo.get_data() == letterhead.logo

    # saving again without choosing a file keeps the logo; ticking "remove" removes it
    assert "saxlanıldı" in save(client, phone="+994 12 555 11 11").get_data(as_text=True)
    db.session.expire_all()
    assert get_letterhead().logo.startswith(b"\x89PNG") and get_letterhead().phone == "+994 12 555 11 11"
    save(client, remove_logo="y")
    db.session.expire_all()
    assert get_letterhead().logo is None
    assert client.get("/staff/letterhead/logo").status_code == 404


@pytest.mark.parametrize(("content", "name", "message"), [
    (b"%PDF-1.4 not an image", "logo.png", "PNG və ya JPEG"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "logo.png", "zədələnib"),
    (b"<svg xmlns='http://www.w3.org/2000/svg'><image href='file:///etc/passwd'/></svg>", "logo.svg", "PNG və ya JPEG"),
    (b"\xff\xd8\xff" + b"\x00" * 1_100_000, "big.jpg", "çox böyükdür"),
])
def test_a_bad_logo_is_refused_with_a_clear_message_and_the_old_one_kept(client, make_user, login,
                                                                        content, name, message):
    login(make_user(Role.ORGANISER))
    save(client, logo=(png(), "logo.png"))
    good = get_letterhead().logo
    response = save(client, logo=(content, name), signatory_name="Başqa Ad")
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    db.session.expire_all()
    letterhead = get_letterhead()
    assert letterhead.logo == good and letterhead.signatory_name == "Gülşən Əhmədova"


def test_a_reference_pattern_without_a_sequence_is_refused(client, make_user, login):
    login(make_user(Role.ORGANISER))
    page = save(client, reference_pattern="{code}-{year}").get_data(as_text=True)
    assert "{seq}" in page
    assert db.session.query(Letterhead).one().reference_pattern != "{code}-{year}"


def test_reference_numbers_follow_the_pattern(app_context):
    from datetime import UTC, datetime

    letterhead = get_letterhead()
    assert next_reference(letterhead, datetime(2022, 7, 15, 8, tzinfo=UTC)) == "ÜMİD-2022/07-001"


def test_the_logo_is_drawn_in_the_pdf(client, make_user, login, make_proposals, authority):
    login(make_user(Role.ORGANISER))
    save(client, logo=(png(), "logo.png"))
    make_proposals(1)
    pdf = client.get(f"/staff/dossiers/draft.pdf?authority_id={authority.id}&event_id=0")
    assert pdf.mimetype == "application/pdf"
    first = pypdf.PdfReader(io.BytesIO(pdf.get_data())).pages[0]
    assert len(first.images) == 1
    assert "Gülşən Əhmədova" in first.extract_text()


def test_moderators_and_strangers_cannot_change_the_letterhead(client, make_user, login):
    assert client.get("/staff/letterhead").status_code == 302
    login(make_user(Role.MODERATOR))
    assert client.get("/staff/letterhead").status_code == 403
    assert client.get("/staff/dossiers").status_code == 403

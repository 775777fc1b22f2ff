"""The certificate PDF, read back as a reader's PDF software would."""

from __future__ import annotations

import io

import sqlalchemy as sa
from PIL import Image, ImageChops
from pypdf import PdfReader

from umid_events.certificates.models import Certificate
from umid_events.core.qr import qr_png
from umid_events.extensions import db

from ..conftest import post_form
from .conftest import NAME, TITLE


def _issue(client, event):
    post_form(client, f"/staff/events/{event.id}/certificates/issue", {},
              token_from=f"/staff/events/{event.id}/attendance")
    db.session.expire_all()
    return db.session.scalars(sa.select(Certificate).order_by(Certificate.number)).all()


def test_the_pdf_is_one_landscape_page_with_the_name_in_azerbaijani_letters(client, training, organiser):
    certificates = _issue(client, training)
    gulnare = next(each for each in certificates if each.name == NAME)
    response = client.get(f"/staff/events/{training.id}/certificates/{gulnare.id}.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert page.mediabox.width > page.mediabox.height  # A4 landscape
    text = " ".join(page.extract_text().split())
    assert NAME in text                       # Ş, ü, ə, İ survive: the font is embedded
    assert gulnare.serial == "ÜMİD-2022-T-0002"  # Elçin Həsənov comes first in the alphabet
    assert "ÜMİD-2022-T-0002" in text
    assert TITLE in text
    assert "İştirak sertifikatı" in text and "5 aprel 2022" in text
    assert f"/c/{gulnare.token}" in text      # the address the QR code opens, printed for typing
    fonts = {str(font.get_object().get("/BaseFont")) for font in page["/Resources"]["/Font"].values()}
    assert any("DejaVu" in font for font in fonts)
    images = page["/Resources"]["/XObject"].values()
    assert any(image.get_object()["/Subtype"] == "/Image" for image in images)  # the QR code


def test_the_qr_code_is_the_code_of_the_verification_address(client, training, organiser):
    """qrcode is deterministic: the picture in the PDF must equal the code made from the
    certificate's own address (and not from another certificate's)."""
    first, second = _issue(client, training)[:2]
    response = client.get(f"/staff/events/{training.id}/certificates/{first.id}.pdf")
    [image] = PdfReader(io.BytesIO(response.data)).pages[0].images
    printed = Image.open(io.BytesIO(image.data)).convert("L")

    def differs(url):
        expected = Image.open(io.BytesIO(qr_png(url))).convert("L")
        return expected.size != printed.size or ImageChops.difference(expected, printed).getbbox()

    assert not differs(f"http://localhost/c/{first.token}")
    assert differs(f"http://localhost/c/{second.token}")


def test_the_longest_title_and_name_still_fit_on_one_page(client, training, organiser):
    training.title = ("Elektron hökumət portalından istifadə: ərizələr, arayışlar və ödənişlər " * 5)[:300]
    db.session.commit()
    certificates = _issue(client, training)
    certificates[0].name = "Şükürova-Əliyeva Gülnarə-Ülviyyə " * 6
    db.session.commit()
    response = client.get(f"/staff/events/{training.id}/certificates/{certificates[0].id}.pdf")
    assert len(PdfReader(io.BytesIO(response.data)).pages) == 1

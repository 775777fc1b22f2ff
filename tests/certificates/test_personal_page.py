"""The participant finds their certificate on their personal page."""

from __future__ import annotations

import io

from pypdf import PdfReader

from umid_events.certificates.services import issue_certificates
from umid_events.extensions import db
from umid_events.notifications.models import OutgoingMessage

from ..conftest import post_form
from .conftest import NAME, registration_of


def _issue(event):
    issue_certificates(event, actor=None)
    db.session.commit()


def test_download_and_email_from_the_personal_page(client, training):
    _issue(training)
    page_url = f"/p/{registration_of(training, NAME).personal_token}"
    page = client.get(page_url).get_data(as_text=True)
    assert "Sertifikatı yüklə" in page and "E-poçtuma göndər" in page and "ÜMİD-2022-T-0002" in page
    pdf = client.get(f"{page_url}/certificate.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert NAME in PdfReader(io.BytesIO(pdf.data)).pages[0].extract_text()

    sent = post_form(client, f"{page_url}/certificate/email", {}, token_from=page_url,
                     follow_redirects=True)
    assert "Sertifikat e-poçt ünvanınıza göndərilir." in sent.get_data(as_text=True)
    db.session.expire_all()
    [message] = db.session.query(OutgoingMessage).all()
    assert message.attachments[0].content_type == "application/pdf"


def test_the_email_button_is_rate_limited(client, training):
    _issue(training)
    page_url = f"/p/{registration_of(training, NAME).personal_token}"
    statuses = [post_form(client, f"{page_url}/certificate/email", {}, token_from=page_url).status_code
                for _ in range(4)]
    assert statuses == [302, 302, 302, 429]
    assert db.session.query(OutgoingMessage).count() == 3


def test_no_certificate_no_button(client, training):
    _issue(training)
    page_url = f"/p/{registration_of(training, 'Rəşad Quliyev').personal_token}"  # left early
    assert "Sertifikatı yüklə" not in client.get(page_url).get_data(as_text=True)
    assert client.get(f"{page_url}/certificate.pdf").status_code == 404
    holder_page = f"/p/{registration_of(training, NAME).personal_token}"  # a page with a form
    assert post_form(client, f"{page_url}/certificate/email", {},
                     token_from=holder_page).status_code == 404


def test_without_an_email_address_only_the_download(client, training):
    _issue(training)
    page_url = f"/p/{registration_of(training, 'Elçin Həsənov').personal_token}"
    page = client.get(page_url).get_data(as_text=True)
    assert "Sertifikatı yüklə" in page and "E-poçtuma göndər" not in page

"""Certificates by email: in bulk from the attendance page, or on the participant's request."""

from __future__ import annotations

import io

import sqlalchemy as sa
from pypdf import PdfReader

from umid_events.certificates.models import Certificate
from umid_events.extensions import db
from umid_events.notifications.models import OutgoingMessage

from ..conftest import post_form
from .conftest import EMAIL, NAME


def _outbox() -> list[OutgoingMessage]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(OutgoingMessage).order_by(OutgoingMessage.id)))


def _press(client, event, action):
    return post_form(client, f"/staff/events/{event.id}/certificates/{action}", {},
                     token_from=f"/staff/events/{event.id}/attendance", follow_redirects=True)


def test_email_all_queues_each_certificate_once_with_its_pdf(client, training, organiser):
    _press(client, training, "issue")
    page = _press(client, training, "email").get_data(as_text=True)
    assert "E-poçtla göndərilən sertifikatlar: 1 yeni, 0 əvvəl göndərilib." in page
    assert "İşlək e-poçt ünvanı yoxdur (bunları yükləyib təhvil verin): Elçin Həsənov" in page
    [message] = _outbox()
    assert (message.to_email, message.event_id) == (EMAIL, training.id)
    assert message.subject.startswith("Sertifikatınız: ")
    assert f"Salam, {NAME}!" in message.text_body
    certificate = db.session.scalars(sa.select(Certificate).where(Certificate.name == NAME)).one()
    assert f"/c/{certificate.token}" in message.text_body
    [attachment] = message.attachments
    assert attachment.content_type == "application/pdf"
    assert attachment.filename == "sertifikat-UMID-2022-T-0002.pdf"
    text = PdfReader(io.BytesIO(attachment.data)).pages[0].extract_text()
    assert NAME in text and "ÜMİD-2022-T-0002" in text

    again = _press(client, training, "email").get_data(as_text=True)
    assert "0 yeni, 1 əvvəl göndərilib" in again
    assert len(_outbox()) == 1


def test_one_certificate_can_be_sent_again_by_the_organiser(client, training, organiser):
    _press(client, training, "issue")
    certificate = db.session.scalars(sa.select(Certificate).where(Certificate.name == NAME)).one()
    _press(client, training, "email")
    page = _press(client, training, f"{certificate.id}/email").get_data(as_text=True)
    assert f"Sertifikat göndərildi: {NAME}." in page
    assert len(_outbox()) == 2


def test_a_revoked_certificate_is_not_mailed(client, training, organiser):
    _press(client, training, "issue")
    certificate = db.session.scalars(sa.select(Certificate).where(Certificate.name == NAME)).one()
    _press(client, training, f"{certificate.id}/revoke")
    page = _press(client, training, "email").get_data(as_text=True)
    assert "0 yeni, 0 əvvəl göndərilib" in page
    page = _press(client, training, f"{certificate.id}/email").get_data(as_text=True)
    assert "Bu sertifikat ləğv edilib." in page
    assert _outbox() == []

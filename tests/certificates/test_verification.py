"""The public page a certificate's QR code opens: it confirms, and shows nothing personal but the name."""

from __future__ import annotations

import sqlalchemy as sa

from umid_events.certificates.models import Certificate
from umid_events.certificates.services import issue_certificates, revoke_certificate
from umid_events.extensions import db
from umid_events.registrations.services import erase_personal_data

from .conftest import EMAIL, NAME, TITLE, registration_of


def _certificate_of(event, name=NAME) -> Certificate:
    issue_certificates(event, actor=None)
    db.session.commit()
    return db.session.scalars(sa.select(Certificate).where(Certificate.name == name)).one()


def test_the_page_confirms_name_event_and_date_and_nothing_else(client, training):
    certificate = _certificate_of(training)
    response = client.get(f"/c/{certificate.token}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Bu sertifikat həqiqidir." in page
    assert (f"ÜMİD-2022-T-0002 nömrəli sertifikat 5 aprel 2022 tarixində keçirilmiş “{TITLE}” "
            f"tədbirində iştirakına görə {NAME} adına verilib.") in page
    for personal in (EMAIL, "gulnare", "+994", "50 555", "555 12 34", "5551234"):
        assert personal not in page
    assert response.headers["X-Robots-Tag"].startswith("noindex")


def test_a_revoked_certificate_says_so(client, training):
    certificate = _certificate_of(training)
    revoke_certificate(certificate, actor=None)
    db.session.commit()
    page = client.get(f"/c/{certificate.token}").get_data(as_text=True)
    assert "Bu sertifikat ləğv edilib." in page and "həqiqidir" not in page


def test_after_the_holder_erased_their_data_the_name_is_gone(client, training):
    certificate = _certificate_of(training)
    erase_personal_data(registration_of(training, NAME))
    db.session.commit()
    page = client.get(f"/c/{certificate.token}").get_data(as_text=True)
    assert "Bu sertifikat artıq etibarlı deyil" in page and NAME not in page


def test_forgetting_the_holder_blanks_the_printed_name(client, training):
    from umid_events.certificates.services import forget_holder

    certificate = _certificate_of(training)
    assert forget_holder(certificate.person_id) == 1
    db.session.commit()
    page = client.get(f"/c/{certificate.token}").get_data(as_text=True)
    assert NAME not in page and "Bu sertifikat ləğv edilib." in page


def test_an_unknown_address_is_a_404_page_in_the_visitors_language(client, training):
    _certificate_of(training)
    response = client.get("/c/not-a-real-token")
    assert response.status_code == 404 and "Səhifə tapılmadı" in response.get_data(as_text=True)
    english = client.get("/c/not-a-real-token?lang=en")
    assert english.status_code == 404 and "Page not found" in english.get_data(as_text=True)
    assert client.get("/c/" + "x" * 200).status_code == 404


def test_guessing_addresses_is_rate_limited(client, training):
    statuses = [client.get(f"/c/guess-{number}").status_code for number in range(31)]
    assert statuses[:30] == [404] * 30 and statuses[30] == 429

"""A participant who deletes their personal data: their certificate no longer names them."""

from __future__ import annotations

import sqlalchemy as sa

from umid_events.certificates.models import Certificate
from umid_events.certificates.services import issue_certificates
from umid_events.extensions import db
from umid_events.registrations.models import Registration

from ..conftest import post_form
from .conftest import NAME


def test_erasing_my_data_removes_my_name_from_the_certificate(client, training):
    issue_certificates(training, actor=None)
    db.session.commit()
    certificate = db.session.scalars(sa.select(Certificate).where(Certificate.name == NAME)).one()
    registration = db.session.scalar(sa.select(Registration).where(
        Registration.person_id == certificate.person_id))
    page = f"/p/{registration.personal_token}/erase"
    post_form(client, page, {"scope": "everything"}, follow_redirects=True)
    verification = client.get(f"/c/{certificate.token}").get_data(as_text=True)
    assert NAME not in verification
    db.session.expire_all()
    assert db.session.get(Certificate, certificate.id).revoked_at is not None

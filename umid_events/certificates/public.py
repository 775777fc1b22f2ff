"""The public side: anyone can check a certificate at its random address; its holder downloads
it or has it mailed from their personal page."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from ..core.errors import DomainError
from ..core.permissions import secret_link
from ..events.labels import KIND_LABELS
from ..extensions import db, limiter
from ..registrations.services import find_by_personal_token
from . import services
from .queries import certificate_of, find_by_token
from .views import pdf_response

bp = Blueprint("certificates_public", __name__)

VERIFY_RATE_LIMIT = "30 per minute;300 per hour"
EMAIL_ME_RATE_LIMIT = "3 per minute;10 per hour"


@bp.get("/c/<token>")
@limiter.limit(VERIFY_RATE_LIMIT)
@secret_link()
def verify(token: str):
    """Confirms the certificate: its serial, the name printed on it, the event and the date.
    Nothing else about the person is shown."""
    certificate = find_by_token(token) or abort(404)
    event = certificate.event
    response = current_app.make_response(render_template(
        "certificates/verify.html", certificate=certificate, event=event,
        kind=KIND_LABELS[event.kind], erased=certificate.person.anonymised_at is not None))
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Cache-Control"] = "no-store"
    return response


def _my_certificate(token: str):
    registration = find_by_personal_token(token) or abort(404)
    return certificate_of(registration) or abort(404)


@bp.get("/p/<token>/certificate.pdf")
@secret_link()
def my_certificate(token: str):
    return pdf_response(_my_certificate(token), download=True)


@bp.post("/p/<token>/certificate/email")
@limiter.limit(EMAIL_ME_RATE_LIMIT)
@secret_link()
def email_me(token: str):
    certificate = _my_certificate(token)
    try:
        services.email_certificate(certificate)
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        flash(str(error), "warning")
    else:
        flash(_("The certificate is on its way to your email address."), "success")
    return redirect(url_for("registrations.personal_page", token=token))

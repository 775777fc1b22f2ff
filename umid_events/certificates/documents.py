"""The certificate as a PDF: plain data in (built here from the certificate), bytes out."""

from __future__ import annotations

from flask import url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from ..core.qr import qr_data_uri
from ..core.timefmt import format_moment
from ..documents.renderer import render_pdf
from ..events.labels import KIND_LABELS
from .models import Certificate

CERTIFICATE_LANGUAGE = "az"


def verification_url(certificate: Certificate) -> str:
    return url_for("certificates_public.verify", token=certificate.token, _external=True)


def pdf_filename(certificate: Certificate) -> str:
    """An ASCII file name (mail clients and browsers differ on anything else)."""
    return f"sertifikat-UMID-{certificate.series}-{certificate.number:04d}.pdf"


def _font_size(text: str, steps: tuple[tuple[int, int], ...], smallest: int) -> int:
    """Long names and titles get smaller type, so that the certificate stays one page."""
    return next((size for length, size in steps if len(text) <= length), smallest)


def certificate_data(certificate: Certificate, language: str = CERTIFICATE_LANGUAGE) -> dict:
    """Everything printed on the certificate, as plain strings."""
    event = certificate.event
    link = verification_url(certificate)
    with force_locale(language):
        return {
            "lang": language,
            "organisation": event.programme.organisation_name,
            "donor_line": event.programme.donor_line if language == "az" else
            (event.programme.donor_line_en or event.programme.donor_line),
            "heading": _("Certificate of participation"),
            "certifies": _("This is to certify that"),
            "name": certificate.name,
            "name_size": _font_size(certificate.name, ((40, 30), (70, 22)), 15),
            "took_part": _("took part in"),
            "title": event.title,
            "title_size": _font_size(event.title, ((90, 18), (160, 14)), 11),
            "kind": str(KIND_LABELS[event.kind]),
            "place": event.community.name if event.community else "",
            "date": format_moment(event.starts_at, "date", language),
            "serial_label": _("Serial number"),
            "serial": certificate.serial,
            "issued_label": _("Issued on"),
            "issued_on": format_moment(certificate.issued_at, "date", language),
            "check_label": _("Scan the code or open the link to check this certificate:"),
            "verify_url": link,
            "qr_data_uri": qr_data_uri(link),
        }


def render_certificate(certificate: Certificate) -> bytes:
    return render_pdf("certificate", certificate_data(certificate))

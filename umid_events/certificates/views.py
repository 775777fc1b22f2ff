"""Organisers issue, mail, download and revoke an event's certificates (from its attendance page)."""

from __future__ import annotations

import io
import zipfile

from flask import Blueprint, Response, abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from ..audit.decorators import audited, note_audit
from ..audit.models import AuditAction
from ..auth.models import Role
from ..core.errors import DomainError
from ..core.permissions import role_required
from ..core.views import run_action
from ..events.models import Event
from ..extensions import db
from . import services
from .documents import pdf_filename, render_certificate
from .models import Certificate
from .queries import certificate_panel, event_certificates

bp = Blueprint("certificates", __name__, url_prefix="/staff/events/<int:event_id>/certificates")
organisers = role_required(Role.ORGANISER)


@bp.app_template_global("certificate_panel")
def panel_for_template(event: Event):
    """The attendance page's certificate panel reads its data through this."""
    return certificate_panel(event)


def _panel_url(event_id: int) -> str:
    return url_for("attendance.index", event_id=event_id) + "#certificates"


def _back(event_id: int):
    return redirect(_panel_url(event_id))


def _certificate(event_id: int, certificate_id: int) -> Certificate:
    certificate = db.get_or_404(Certificate, certificate_id)
    if certificate.event_id != event_id:
        abort(404)
    return certificate


def pdf_response(certificate: Certificate, *, download: bool = False) -> Response:
    response = Response(render_certificate(certificate), mimetype="application/pdf")
    disposition = "attachment" if download else "inline"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{pdf_filename(certificate)}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.post("/enable")
@organisers
def enable(event_id: int):
    event = db.get_or_404(Event, event_id)
    return run_action(lambda: services.enable_certificates(event, actor=current_user),
                      done=_("Certificates are enabled for this event."), next_url=_panel_url(event_id))


@bp.post("/issue")
@organisers
def issue(event_id: int):
    event = db.get_or_404(Event, event_id)
    try:
        issued = services.issue_certificates(event, actor=current_user)
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        flash(str(error), "danger")
    except IntegrityError:  # someone else issued at the same moment and took the same numbers
        db.session.rollback()
        flash(_("Someone else issued certificates at the same moment. Please press the button again."),
              "warning")
    else:
        if issued:
            flash(ngettext("%(num)d certificate issued.", "%(num)d certificates issued.", len(issued)),
                  "success")
        else:
            flash(_("No new certificates: every present participant already has one."), "info")
    return _back(event_id)


@bp.post("/email")
@organisers
def email_all(event_id: int):
    event = db.get_or_404(Event, event_id)
    outcome = services.email_certificates(event, actor=current_user)
    db.session.commit()
    flash(_("Certificates sent by email: %(queued)d new, %(already)d sent before.",
            queued=outcome.queued, already=outcome.already_sent), "success")
    if outcome.without_address:
        flash(_("No usable email address (download and hand these over): %(names)s",
                names=", ".join(outcome.without_address)), "warning")
    return _back(event_id)


@bp.get("/<int:certificate_id>.pdf")
@organisers
@audited(AuditAction.EXPORTED_PERSONAL_DATA, "certificate", object_arg="certificate_id", file_format="pdf")
def download(event_id: int, certificate_id: int):
    return pdf_response(_certificate(event_id, certificate_id))


@bp.get("/all.zip")
@organisers
@audited(AuditAction.EXPORTED_PERSONAL_DATA, "certificates", object_arg="event_id", file_format="zip")
def download_all(event_id: int):
    certificates = [each for each in event_certificates(event_id) if not each.is_revoked]
    if not certificates:
        flash(_("There are no certificates to download yet."), "info")
        return _back(event_id)
    note_audit(rows=len(certificates))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for certificate in certificates:
            archive.writestr(pdf_filename(certificate), render_certificate(certificate))
    response = Response(buffer.getvalue(), mimetype="application/zip")
    response.headers["Content-Disposition"] = f'attachment; filename="certificates-{event_id}.zip"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.post("/<int:certificate_id>/email")
@organisers
def email_one(event_id: int, certificate_id: int):
    certificate = _certificate(event_id, certificate_id)
    return run_action(lambda: services.email_certificate(certificate),
                      done=_("The certificate has been sent to %(name)s.", name=certificate.name),
                      next_url=_panel_url(event_id))


@bp.post("/<int:certificate_id>/revoke")
@organisers
def revoke(event_id: int, certificate_id: int):
    certificate = _certificate(event_id, certificate_id)
    return run_action(lambda: services.revoke_certificate(certificate, actor=current_user),
                      done=_("The certificate has been revoked."),
                      next_url=_panel_url(event_id))


@bp.post("/<int:certificate_id>/restore")
@organisers
def restore(event_id: int, certificate_id: int):
    certificate = _certificate(event_id, certificate_id)
    return run_action(lambda: services.restore_certificate(certificate, actor=current_user),
                      done=_("The certificate is valid again."),
                      next_url=_panel_url(event_id))

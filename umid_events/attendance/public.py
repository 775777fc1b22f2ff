"""The participant's self check-in: with the code the host reads out, or the QR code shown."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _

from ..core.errors import DomainError
from ..core.permissions import public, secret_link
from ..extensions import db, limiter
from ..registrations.models import Registration, RegistrationStatus
from ..registrations.services import find_by_personal_token
from . import marking
from .forms import CheckInForm, MarkForm
from .models import AttendanceRecord

bp = Blueprint("check_in", __name__)
REMEMBERED = "personal_pages"
CODE_ERROR = "check_in_error"  # a refused code, shown at the field of the page redirected to


def _limit() -> str:
    return current_app.config["PUBLIC_FORM_RATE_LIMIT"]


def check_in_panel(registration: Registration) -> dict:
    """What the personal page shows about checking in; remembers this device's personal page so
    that the QR code shown in the meeting can check the participant in with one tap; a code
    refused a moment ago comes back at its field."""
    remembered = [token for token in session.get(REMEMBERED, []) if token != registration.personal_token]
    session[REMEMBERED] = ([registration.personal_token] + remembered)[:10]
    event = registration.event
    record = db.session.scalar(db.select(AttendanceRecord).filter_by(
        event_id=event.id, person_id=registration.person_id))
    panel = {"state": marking.check_in_state(event), "present": bool(record and record.present),
             "form": CheckInForm(formdata=None),
             "confirmed": registration.status == RegistrationStatus.CONFIRMED}
    refused = session.pop(CODE_ERROR, None)
    if refused and refused.get("token") == registration.personal_token:
        if panel["state"] == "open" and panel["confirmed"] and not panel["present"]:
            panel["form"].code.data, panel["form"].code.errors = refused.get("code"), [refused.get("error")]
        else:  # the form is no longer shown: say it above the page
            flash(refused.get("error"), "danger")
    return panel


@bp.post("/p/<token>/check-in")
@limiter.limit(_limit)
@secret_link()
def check_in(token: str):
    registration = find_by_personal_token(token) or abort(404)
    form = CheckInForm()
    if form.validate_on_submit():
        try:
            marking.check_in(registration, form.code.data)
            db.session.commit()
            flash(_("Thank you, your presence is recorded."), "success")
        except marking.WrongCheckInCode as error:
            db.session.rollback()
            return _refuse_code(token, form.code.data, str(error))
        except DomainError as error:
            db.session.rollback()
            flash(str(error), "danger")
    else:
        return _refuse_code(token, form.code.data, _("Type the code the host read out."))
    return redirect(url_for("registrations.personal_page", token=token, _anchor="check-in"))


def _refuse_code(token: str, code: str | None, error: str):
    """Back to the personal page, which shows ``error`` at the code's field and opens on it."""
    session[CODE_ERROR] = {"token": token, "code": (code or "")[:12], "error": error}
    return redirect(url_for("registrations.personal_page", token=token, _anchor="error-summary"))


def _remembered_registration(event) -> Registration | None:
    for token in session.get(REMEMBERED, []):
        registration = find_by_personal_token(token)
        if registration is not None and registration.event_id == event.id:
            return registration
    return None


@bp.get("/k/<token>")
@limiter.limit(_limit)
@public
def landing(token: str):
    """Where the QR code shown in the meeting leads."""
    event = marking.find_event_by_check_in_token(token) or abort(404)
    registration = _remembered_registration(event)
    return render_template("attendance/check_in_landing.html", event=event, registration=registration,
                           state=marking.check_in_state(event), form=MarkForm())


@bp.post("/k/<token>")
@limiter.limit(_limit)
@public
def confirm(token: str):
    event = marking.find_event_by_check_in_token(token) or abort(404)
    registration = _remembered_registration(event)
    if registration is None or not MarkForm().validate_on_submit():
        return redirect(url_for(".landing", token=token))
    try:
        marking.check_in(registration, None)
        db.session.commit()
        flash(_("Thank you, your presence is recorded."), "success")
    except DomainError as error:
        db.session.rollback()
        flash(str(error), "danger")
    return redirect(url_for("registrations.personal_page", token=registration.personal_token,
                            _anchor="check-in"))

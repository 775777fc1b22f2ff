"""An event's attendance for staff: the list, the moderator's marking screen, report imports,
walk-ins and the self check-in code."""

from __future__ import annotations

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..audit.decorators import audited
from ..audit.models import AuditAction
from ..auth.models import Role
from ..core.errors import DomainError
from ..core.forms import choices
from ..core.permissions import role_required
from ..core.qr import qr_png
from ..core.views import run_action
from ..directory.services import community_options
from ..events.models import Event
from ..extensions import db
from ..registrations.forms import GENDER_LABELS, GROUP_LABELS
from . import marking, services
from .forms import (
    MATCH_METHODS,
    SOURCE_LABELS,
    ApplyImportForm,
    ColumnMappingForm,
    MarkForm,
    ReportUploadForm,
    WalkInForm,
)
from .messages import describe_error, describe_warning
from .models import AttendanceImport
from .queries import attendance_figures, attendance_rows
from .reports import ReportError

bp = Blueprint("attendance", __name__, url_prefix="/staff/events/<int:event_id>/attendance")
staff = role_required(Role.ORGANISER, Role.MODERATOR)
organisers = role_required(Role.ORGANISER)


def _event(event_id: int) -> Event:
    return db.get_or_404(Event, event_id)


@bp.get("")
@staff
@audited(AuditAction.VIEWED_PERSONAL_DATA, "attendance", object_arg="event_id")
def index(event_id: int):
    event = _event(event_id)
    rows = attendance_rows(event.id)
    return render_template("attendance/index.html", event=event, rows=rows,
                           figures=attendance_figures(rows), gender_labels=GENDER_LABELS,
                           group_labels=GROUP_LABELS, sources=SOURCE_LABELS)


# --- the moderator's list ---------------------------------------------------------------------

def _walk_in_form() -> WalkInForm:
    form = WalkInForm()
    form.community_id.choices = choices(community_options())
    return form


@bp.get("/mark")
@staff
@audited(AuditAction.VIEWED_PERSONAL_DATA, "attendance marking", object_arg="event_id")
def mark_list(event_id: int):
    event = _event(event_id)
    rows = attendance_rows(event.id)
    return render_template("attendance/mark.html", event=event, rows=rows, form=MarkForm(),
                           walk_in=_walk_in_form(), figures=attendance_figures(rows))


@bp.post("/mark/<int:person_id>")
@staff
def mark(event_id: int, person_id: int):
    event = _event(event_id)
    form = MarkForm()
    wants_json = request.accept_mimetypes.best == "application/json"
    if not form.validate_on_submit():
        return (jsonify(error=_("The page had expired. Reload it and try again.")), 400) if wants_json \
            else abort(400)
    try:
        record = marking.mark_attendance(event, person_id, form.present.data == "1", actor=current_user)
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        if wants_json:
            return jsonify(error=str(error)), 409
        flash(str(error), "danger")
        return redirect(url_for(".mark_list", event_id=event.id))
    if wants_json:
        return jsonify(person_id=person_id, present=record.present)
    return redirect(url_for(".mark_list", event_id=event.id, _anchor=f"person-{person_id}"))


@bp.post("/walk-in")
@staff
def walk_in(event_id: int):
    event = _event(event_id)
    form = _walk_in_form()
    if form.validate_on_submit():
        def add():
            marking.add_walk_in(event, full_name=form.full_name.data, email=form.email.data or None,
                                phone=form.phone.data or None, community_id=form.community_id.data or None,
                                actor=current_user)
        return run_action(add, done=_("%(name)s added and marked present.", name=form.full_name.data),
                          next_url=url_for(".mark_list", event_id=event.id))
    for errors in form.errors.values():
        flash(" ".join(str(error) for error in errors), "danger")
    return redirect(url_for(".mark_list", event_id=event.id, _anchor="walk-in"))


# --- self check-in ----------------------------------------------------------------------------

@bp.post("/check-in")
@staff
def open_check_in(event_id: int):
    event = _event(event_id)
    if not MarkForm().validate_on_submit():
        abort(400)
    return run_action(lambda: marking.open_check_in(event, actor=current_user),
                      done=_("A new check-in code is ready; the previous one no longer works."),
                      next_url=url_for(".check_in_screen", event_id=event.id))


@bp.get("/check-in")
@staff
def check_in_screen(event_id: int):
    """The code and its QR code, large, to show in the meeting."""
    event = _event(event_id)
    return render_template("attendance/check_in.html", event=event, form=MarkForm(),
                           state=marking.check_in_state(event))


@bp.get("/check-in/qr.png")
@staff
def check_in_qr(event_id: int):
    event = _event(event_id)
    if not event.check_in_token:
        abort(404)
    url = url_for("check_in.landing", token=event.check_in_token, _external=True)
    return qr_png(url), 200, {"Content-Type": "image/png", "Cache-Control": "private, no-store"}


# --- importing a platform's report ------------------------------------------------------------

@bp.route("/import", methods=["GET", "POST"])
@organisers
def upload(event_id: int):
    event = _event(event_id)
    form = ReportUploadForm()
    if form.validate_on_submit():
        file = form.file.data
        try:
            report = services.upload_report(event, file.read(), file.filename or "", actor=current_user)
            db.session.commit()
        except ReportError as error:
            db.session.rollback()
            flash(describe_error(error), "danger")
        else:
            return redirect(url_for(".preview", event_id=event.id, upload_id=report.id))
    return render_template("attendance/upload.html", event=event, form=form)


def _upload(event: Event, upload_id: int) -> AttendanceImport:
    """The event's uploaded report, still to be saved: a saved one keeps no file (it held
    personal data), so every step of it sends the organiser back to the attendance page."""
    report = db.get_or_404(AttendanceImport, upload_id)
    if report.event_id != event.id:
        abort(404)
    if report.applied_at:
        flash(_("This report has already been saved. Upload it again for a new preview."), "info")
        abort(redirect(url_for(".index", event_id=event.id)))
    return report


@bp.get("/import/<int:upload_id>")
@organisers
@audited(AuditAction.VIEWED_PERSONAL_DATA, "attendance import", object_arg="event_id")
def preview(event_id: int, upload_id: int):
    event = _event(event_id)
    report = _upload(event, upload_id)
    try:
        outcome = services.preview_upload(report)
    except ReportError as error:
        if error.code not in ("unknown_columns", "missing_column", "no_attendees"):
            flash(describe_error(error), "danger")
            return redirect(url_for(".upload", event_id=event.id))
        return _mapping_page(event, report, error)
    return render_template("attendance/preview.html", event=event, upload=report, outcome=outcome,
                           warnings=[describe_warning(w) for w in outcome.report.warnings],
                           form=ApplyImportForm(), people=services.people_options(), methods=MATCH_METHODS,
                           threshold=event.presence_threshold)


def _mapping_page(event: Event, report: AttendanceImport, error: ReportError | None, form=None):
    form = form or ColumnMappingForm()
    form.set_columns(services.report_columns(report))
    if error is not None and error.code != "unknown_columns":
        flash(describe_error(error), "warning")
    return render_template("attendance/mapping.html", event=event, upload=report, form=form)


@bp.post("/import/<int:upload_id>/columns")
@organisers
def map_columns(event_id: int, upload_id: int):
    event = _event(event_id)
    report = _upload(event, upload_id)
    form = ColumnMappingForm()
    form.set_columns(services.report_columns(report))
    if form.validate_on_submit():
        try:
            services.set_column_mapping(report, {name: form[name].data for name in
                                                 ("name", "email", "minutes", "phone")})
            db.session.commit()
        except ReportError as error:
            db.session.rollback()
            return _mapping_page(event, report, error, form)
        return redirect(url_for(".preview", event_id=event.id, upload_id=report.id))
    return _mapping_page(event, report, None, form)


@bp.post("/import/<int:upload_id>")
@organisers
def apply(event_id: int, upload_id: int):
    event = _event(event_id)
    report = _upload(event, upload_id)
    if not ApplyImportForm().validate_on_submit():
        flash(_("The page had expired. Please check the choices and save again."), "warning")
        return redirect(url_for(".preview", event_id=event.id, upload_id=report.id))
    decisions = services.decisions_from_form(request.form)
    try:
        created, updated = services.apply_upload(report, decisions, actor=current_user)
        db.session.commit()
    except (DomainError, ReportError) as error:
        db.session.rollback()
        flash(describe_error(error) if isinstance(error, ReportError) else str(error), "danger")
        return redirect(url_for(".index", event_id=event.id))
    flash(_("Attendance saved: %(created)d new, %(updated)d changed.", created=created, updated=updated),
          "success")
    return redirect(url_for(".index", event_id=event.id))

"""The dashboard page and its reports (XLSX, PDF) for any date range."""

from __future__ import annotations

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for

from ..auth.models import Role
from ..core.permissions import role_required
from ..core.timefmt import current_language
from ..events.kinds import EventKind
from ..programmes.services import current_programme, list_programmes
from . import reports
from .cache import current_figures
from .period import BadPeriod, Period, parse_period

bp = Blueprint("dashboard", __name__, url_prefix="/staff/dashboard")
staff = role_required(Role.ORGANISER, Role.MODERATOR)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _programme():
    programme = current_programme(request.args.get("programme"))
    if programme is None and request.args.get("programme"):
        abort(404)
    return programme


@bp.get("")
@staff
def index():
    programme = _programme()
    if programme is None:
        return render_template("programmes/empty.html")
    error = None
    try:
        period = parse_period(request.args)
    except BadPeriod as exc:
        error, period = str(exc), Period()
    figures = current_figures(programme, period, current_language(), fresh=bool(request.args.get("fresh")))
    return render_template("dashboard/index.html", figures=figures, error=error, programmes=list_programmes(), kinds=EventKind,
                           start=request.args.get("start", ""), end=request.args.get("end", "")), (400 if error else 200)


def _report(build, extension: str, mimetype: str):
    programme = _programme()
    if programme is None:
        abort(404)
    try:
        period = parse_period(request.args)
    except BadPeriod:
        return redirect(url_for(".index", **request.args))
    figures = current_figures(programme, period, current_language(), fresh=True)  # reports are never stale
    return Response(build(figures), mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="{reports.report_filename(figures, extension)}"'})


@bp.get("/report.xlsx")
@staff
def report_xlsx():
    return _report(reports.figures_workbook, "xlsx", XLSX)


@bp.get("/report.pdf")
@staff
def report_pdf():
    return _report(reports.figures_pdf, "pdf", "application/pdf")

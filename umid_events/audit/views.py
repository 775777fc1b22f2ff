"""The admin's "Audit log": who viewed or exported personal data, issued dossiers, re-routed
proposals; newest first, filtered by action, account and dates, and as CSV."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request
from flask_login import current_user

from ..auth.models import Role
from ..core.exports import write_csv
from ..core.permissions import role_required
from ..core.queries import int_arg
from ..extensions import db
from . import services
from .labels import ACTION_LABELS, SUBJECT_LABELS
from .models import AuditAction

bp = Blueprint("audit", __name__, url_prefix="/admin/audit")
admins = role_required(Role.ADMIN)


@bp.get("")
@admins
def index():
    filters = services.AuditFilters.from_args(request.args)
    page = services.list_audit_entries(filters, page=int_arg(request.args.get("page")) or 1)
    return render_template(
        "audit/index.html", filters=filters, page=page, users=services.audit_users(),
        action_labels=ACTION_LABELS, subject_labels=SUBJECT_LABELS,
        retention_days=services.retention_days(), filter_args=filters.as_args())


@bp.get("/export.csv")
@admins
def export():
    filters = services.AuditFilters.from_args(request.args)
    rows = services.export_rows(filters)
    services.record_audit_entry(AuditAction.EXPORTED_AUDIT_LOG, user=current_user, subject="audit log",
                                file_format="csv", rows=len(rows))
    db.session.commit()
    response = Response(write_csv(services.EXPORT_HEADER, rows), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
    response.headers["Cache-Control"] = "private, no-store"
    return response

"""An event's attendance: who was there and for how long, with the programme's figures."""

from __future__ import annotations

from flask import Blueprint, render_template

from ..auth.models import Role
from ..core.permissions import role_required
from ..events.models import Event
from ..extensions import db
from ..registrations.forms import GENDER_LABELS, GROUP_LABELS
from .queries import attendance_figures, attendance_rows

bp = Blueprint("attendance", __name__, url_prefix="/staff/events/<int:event_id>/attendance")


@bp.get("")
@role_required(Role.ORGANISER, Role.MODERATOR)
def index(event_id: int):
    event = db.get_or_404(Event, event_id)
    rows = attendance_rows(event.id)
    return render_template("attendance/index.html", event=event, rows=rows,
                           figures=attendance_figures(rows), gender_labels=GENDER_LABELS,
                           group_labels=GROUP_LABELS)

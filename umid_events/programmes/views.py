"""The plan page: each community's planned sessions and how far they have come."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from ..attendance.queries import people_reached
from ..auth.models import Role
from ..core.permissions import role_required
from ..events.kinds import EventKind
from ..events.labels import KIND_PLURALS
from . import services

bp = Blueprint("programmes", __name__)


@bp.get("/plan")
@role_required(Role.ORGANISER, Role.MODERATOR)
def plan():
    programme = services.current_programme(request.args.get("programme"))
    if programme is None:
        if request.args.get("programme"):
            abort(404)
        return render_template("programmes/empty.html")
    return render_template(
        "programmes/plan.html",
        progress=services.plan_progress(programme),
        reached=people_reached(programme.id),
        reach_target=next((t for t in programme.targets if t.code == "community_members_reached"), None),
        programmes=services.list_programmes(),
        kinds=EventKind,
        kind_plurals=KIND_PLURALS,
    )

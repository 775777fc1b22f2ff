"""Participants answer an event's knowledge check from their personal page (secret link)."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..core.queries import int_arg
from ..extensions import db, limiter
from ..registrations.services import find_by_personal_token
from .knowledge import KnowledgeError, knowledge_state, record_answers

bp = Blueprint("knowledge_public", __name__)


def _limit() -> str:
    return current_app.config["PUBLIC_FORM_RATE_LIMIT"]


@bp.app_template_global()
def knowledge_check_of(registration):
    """For ``outcomes/_personal.html``: the check's state for this registration, or None."""
    return knowledge_state(registration)


@bp.route("/p/<token>/knowledge", methods=["GET", "POST"])
@limiter.limit(_limit, methods=["POST"])
def answer(token: str):
    registration = find_by_personal_token(token) or abort(404)
    state = knowledge_state(registration) or abort(404)
    chosen = None
    if request.method == "POST":
        chosen = [int_arg(request.form.get(f"q{question.id}")) for question in state.check.questions]
        try:
            attempt = record_answers(registration, chosen)
            db.session.commit()
        except KnowledgeError as error:
            db.session.rollback()
            flash(str(error), "danger")
        else:
            flash(_("Thank you: %(score)d of %(total)d answers were right.", score=attempt.score, total=attempt.total),
                  "success")
            return redirect(url_for("registrations.personal_page", token=token))
    return render_template("outcomes/knowledge_answer.html", registration=registration, event=registration.event,
                           state=state, chosen=chosen or [])

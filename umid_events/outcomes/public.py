"""Participants answer an event's knowledge check from their personal page (secret link)."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..core.permissions import secret_link
from ..core.queries import int_arg
from ..extensions import db, limiter
from ..i18n import az_suffix
from ..registrations.services import find_by_personal_token
from .knowledge import KnowledgeError, knowledge_state, record_answers
from .models import KnowledgePhase

bp = Blueprint("knowledge_public", __name__)


def _limit() -> str:
    return current_app.config["PUBLIC_FORM_RATE_LIMIT"]


@bp.app_template_global()
def knowledge_check_of(registration):
    """For ``outcomes/_personal.html``: the check's state for this registration, or None."""
    return knowledge_state(registration)


@bp.route("/p/<token>/knowledge", methods=["GET", "POST"])
@limiter.limit(_limit, methods=["POST"])
@secret_link()
def answer(token: str):
    registration = find_by_personal_token(token) or abort(404)
    state = knowledge_state(registration) or abort(404)
    chosen, unanswered = None, {}
    if request.method == "POST":
        chosen = [int_arg(request.form.get(f"q{question.id}")) for question in state.check.questions]
        unanswered = _unanswered(state, chosen) if state.can_answer else {}
    if request.method == "POST" and not unanswered:
        try:
            attempt = record_answers(registration, chosen, _phase_shown())
            db.session.commit()
        except KnowledgeError as error:
            db.session.rollback()
            flash(str(error), "danger")
        else:
            flash(_("Thank you: %(score)s of %(total)d answers were right.",
                    score=az_suffix(attempt.score, "possessive"), total=attempt.total), "success")
            return redirect(url_for("registrations.personal_page", token=token))
    return render_template("outcomes/knowledge_answer.html", registration=registration, event=registration.event,
                           state=state, chosen=chosen or [], unanswered=unanswered)


def _unanswered(state, chosen: list[int | None]) -> dict[str, str]:
    """The questions left without an answer: the id of each one's first answer (where the
    error summary's link leads) and what to tell at the question."""
    return {f"q{question.id}-0": _("Question %(n)d: choose an answer.", n=number)
            for number, (question, choice) in enumerate(zip(state.check.questions, chosen, strict=True), start=1)
            if choice is None}


def _phase_shown() -> KnowledgePhase | None:
    """The phase the form was shown for (its hidden field), so that answers never count for
    another one without the participant seeing it."""
    value = request.form.get("phase")
    return KnowledgePhase(value) if value in set(KnowledgePhase) else None

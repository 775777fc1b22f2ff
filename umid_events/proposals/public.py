"""The participants' and the public's side: sending a proposal, following one's own proposals,
and the programme's public accountability page."""

from __future__ import annotations

import secrets

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..core.errors import DomainError
from ..core.forms import choices
from ..core.permissions import public, secret_link
from ..core.queries import int_arg
from ..core.timefmt import current_language
from ..directory.services import community_options
from ..events import queries as event_queries
from ..events.models import Event
from ..extensions import csrf, db, limiter
from ..programmes.services import current_programme
from ..registrations.models import ParticipantGroup, Registration
from ..registrations.services import find_by_personal_token
from . import queries, services
from .forms import ParticipantProposalForm, PublicProposalForm, topic_choices
from .labels import OUTCOME_LABELS, STATUS_LABELS
from .models import Proposal

bp = Blueprint("proposals_public", __name__)


def _public_form_limit() -> str:
    return current_app.config["PUBLIC_FORM_RATE_LIMIT"]


@bp.app_template_global()
def proposal_window(event: Event) -> str:
    """``open``, ``before``, ``closed`` or ``not_open``: for the event page's partial."""
    return services.proposals_state(event)


@bp.app_template_global()
def my_proposals(registration: Registration) -> list[Proposal]:
    """The participant's own proposals (any event), for their personal page's partial."""
    return queries.proposals_of_person(registration.person_id)


@bp.app_template_global()
def public_accountability_url() -> str | None:
    """The link to the current programme's accountability page, or None while it is off:
    for the menu and the footer of every public and participant page."""
    programme = current_programme()
    if programme is None or not programme.proposals_public:
        return None
    return url_for("proposals_public.accountability", slug=programme.slug)


@bp.app_template_global()
def proposal_status_label(proposal: Proposal) -> str:
    return str(STATUS_LABELS[proposal.status])


@bp.app_template_global()
def proposal_outcome_label(answer) -> str:
    return str(OUTCOME_LABELS[answer.outcome])


def _labels() -> dict:
    return {"status_labels": STATUS_LABELS, "outcome_labels": OUTCOME_LABELS}


def _with_topics(form):
    form.topic_id.choices = topic_choices(queries.topics(active_only=True), current_language())
    if hasattr(form, "community_id"):
        form.community_id.choices = choices(community_options())
    if not form.key.data:
        form.key.data = secrets.token_urlsafe(16)
    return form


def _submit(event: Event, form, registration: Registration | None) -> Proposal | None:
    draft = services.ProposalDraft(text=form.text.data, title=form.title.data,
                                   topic_id=form.topic_id.data)
    if registration is not None:
        draft.show_name = form.show_name.data
    else:
        draft.proposer_group = ParticipantGroup(form.group.data)
        draft.community_id = form.community_id.data
    try:
        proposal = services.submit_proposal(event, draft, registration=registration,
                                            idempotency_key=form.key.data)
        db.session.commit()
        return proposal
    except DomainError as error:
        db.session.rollback()
        flash(str(error), "warning")
        return None


@bp.route("/p/<token>/proposals/new", methods=["GET", "POST"])
@csrf.exempt  # the form checks its own token, so that an expired one keeps what was typed
@limiter.limit(_public_form_limit, methods=["POST"])
@secret_link()
def submit_from_personal_page(token: str):
    registration = find_by_personal_token(token) or abort(404)
    event = registration.event
    form = _with_topics(ParticipantProposalForm())
    if request.method == "POST" and form.validate() and _submit(event, form, registration):
        flash(_("Thank you! Your proposal has been received. It will appear for others once "
                "the moderators have read it."), "success")
        return redirect(url_for("registrations.personal_page", token=token))
    if form.csrf_token.errors:
        flash(_("The form had expired. Please check your text and press the button again."), "warning")
    return render_template("proposals/submit.html", event=event, form=form,
                           state=services.proposals_state(event), registration=registration)


@bp.route("/e/<token>/proposal", methods=["GET", "POST"])
@csrf.exempt
@limiter.limit(_public_form_limit, methods=["POST"])
@public
def submit_from_event_page(token: str):
    event = event_queries.find_public_event(token) or abort(404)
    form = _with_topics(PublicProposalForm())
    if request.method == "POST" and form.website.data:
        return render_template("proposals/thanks.html", event=event, proposal=None)  # a bot: nothing saved
    if request.method == "POST" and form.validate() and (proposal := _submit(event, form, None)):
        return render_template("proposals/thanks.html", event=event, proposal=proposal)
    if form.csrf_token.errors:
        flash(_("The form had expired. Please check your text and press the button again."), "warning")
    return render_template("proposals/submit.html", event=event, form=form,
                           state=services.proposals_state(event), registration=None)


@bp.get("/proposals")
@bp.get("/proposals/<slug>")
@public
def accountability(slug: str | None = None):
    programme = current_programme(slug) or abort(404)
    if not programme.proposals_public:
        abort(404)
    topic_id, authority_id = int_arg(request.args.get("topic")), int_arg(request.args.get("authority"))
    return render_template(
        "proposals/public_list.html", programme=programme,
        proposals=queries.public_proposals(programme.id, topic_id=topic_id, authority_id=authority_id),
        topics=queries.topics(), authorities=queries.authorities(), topic_id=topic_id,
        authority_id=authority_id, **_labels())


@bp.get("/proposal/<token>")
@secret_link()
def proposal(token: str):
    """One proposal by its secret link (sent to its proposer), with its status and answers."""
    found = db.session.scalar(db.select(Proposal).where(Proposal.public_token == token)) or abort(404)
    return render_template("proposals/public_show.html", proposal=found, **_labels())

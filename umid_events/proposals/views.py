"""Staff pages: the filtered list with bulk changes, a proposal with its history, edits,
answers with their letters, and the topics."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from ..audit.decorators import audited
from ..audit.models import AuditAction
from ..auth.models import Role
from ..core.errors import DomainError
from ..core.exports import write_csv, write_xlsx
from ..core.forms import choices
from ..core.permissions import role_required
from ..core.queries import id_arg, version_arg
from ..directory.services import community_options, list_communities
from ..extensions import db
from ..programmes.models import Programme
from ..programmes.services import list_programmes
from ..registrations.forms import GROUP_LABELS
from . import queries, services
from .forms import (
    AnswerForm,
    DuplicateForm,
    ProposalForm,
    StatusForm,
    TopicForm,
    authority_choices,
    topic_choices,
)
from .labels import ORIGIN_LABELS, OUTCOME_LABELS, STATUS_LABELS
from .models import (
    AnswerOutcome,
    AuthorityAnswer,
    Proposal,
    ProposalOrigin,
    ProposalStatus,
    ProposalTopic,
)

bp = Blueprint("proposals", __name__, url_prefix="/staff/proposals")
organisers = role_required(Role.ORGANISER)
staff = role_required(Role.ORGANISER, Role.MODERATOR)


def _proposal(proposal_id: int) -> Proposal:
    return db.get_or_404(Proposal, proposal_id)


def _labels() -> dict:
    return {"status_labels": STATUS_LABELS, "origin_labels": ORIGIN_LABELS,
            "outcome_labels": OUTCOME_LABELS, "group_labels": GROUP_LABELS}


def _proposal_form(proposal: Proposal | None = None) -> ProposalForm:
    form = ProposalForm(obj=proposal, proposer_group=(
        proposal.proposer_group.value if proposal and proposal.proposer_group else ""))
    form.topic_id.choices = topic_choices(queries.topics(active_only=proposal is None)
                                          if proposal is None else queries.topics())
    form.authority_id.choices = authority_choices(queries.authorities())
    form.community_id.choices = choices(community_options())
    form.event_id.choices = [("0", "—")] + [(str(e.id), e.title) for e in
                                             queries.events_with_proposals_or_seminars()]
    return form


@bp.get("")
@staff
@audited(AuditAction.VIEWED_PERSONAL_DATA, "proposals")
def index():
    filters = queries.ProposalFilters.from_args(request.args)
    return render_template(
        "proposals/list.html", filters=filters, proposals=queries.list_proposals(filters),
        total=queries.count_filtered(filters), counts=queries.status_counts(filters),
        topics=queries.topics(), authorities=queries.authorities(), communities=list_communities(),
        events=queries.events_with_proposals_or_seminars(), status_form=StatusForm(),
        programmes=list_programmes(), live_events=queries.live_events(), **_labels())


@bp.post("/bulk")
@staff
def bulk():
    form = StatusForm()
    filters = queries.ProposalFilters.from_args(request.args)
    ids = [number for number in map(id_arg, request.form.getlist("ids")) if number is not None]
    back = redirect(url_for(".index", **filters.as_args()))
    if not form.validate() or not ids:
        flash(_("Tick the proposals to change and choose the new status."), "warning")
        return back
    result = services.change_statuses(
        queries.proposals_by_ids(ids), ProposalStatus(form.status.data), by=current_user,
        note=form.note.data, decline_reason=form.decline_reason.data,
        dossier_reference=form.dossier_reference.data)
    db.session.commit()
    flash(_("Changed: %(n)d.", n=result.changed), "success" if result.changed else "info")
    for proposal, reason in result.skipped[:10]:
        flash(f"#{proposal.id} {proposal.title}: {reason}", "warning")
    return back


@bp.get("/export.<any(csv, xlsx):fmt>")
@organisers
def export(fmt: str):
    rows = queries.export_rows(queries.ProposalFilters.from_args(request.args))
    if fmt == "csv":
        body, mimetype = write_csv(queries.EXPORT_HEADER, rows), "text/csv"  # Werkzeug adds "; charset=utf-8"
    else:
        body = write_xlsx({"Təkliflər": (queries.EXPORT_HEADER, rows)})
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="proposals.{fmt}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/new", methods=["GET", "POST"])
@staff
def create():
    form = _proposal_form()
    if form.validate_on_submit():
        draft = services.ProposalDraft(
            text=form.text.data, title=form.title.data, topic_id=form.topic_id.data,
            authority_id=form.authority_id.data, event_id=form.event_id.data,
            origin=ProposalOrigin(form.origin.data), community_id=form.community_id.data,
            proposer_group=form.group)
        try:
            proposal, _created = services.record_proposal(draft, by=current_user)
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            flash(str(error), "warning")
        else:
            flash(_("The proposal has been saved."), "success")
            return redirect(url_for(".show", proposal_id=proposal.id))
    return render_template("proposals/form.html", form=form, proposal=None)


@bp.get("/<int:proposal_id>")
@staff
@audited(AuditAction.VIEWED_PERSONAL_DATA, "proposal", object_arg="proposal_id")
def show(proposal_id: int):
    proposal = _proposal(proposal_id)
    return render_template(
        "proposals/show.html", proposal=proposal, status_form=StatusForm(),
        duplicate_form=DuplicateForm(), duplicates=queries.duplicates_of(proposal.id),
        may_answer=current_user.has_role(Role.ORGANISER), **_labels())


@bp.route("/<int:proposal_id>/edit", methods=["GET", "POST"])
@staff
def edit(proposal_id: int):
    proposal = _proposal(proposal_id)
    form = _proposal_form(proposal)
    if request.method == "GET":
        form.version.data = str(proposal.version)
    if form.validate_on_submit():
        try:
            services.update_proposal(
                proposal, by=current_user, version=version_arg(form.version.data),
                title=form.title.data, text=form.text.data, topic_id=form.topic_id.data,
                authority_id=form.authority_id.data, community_id=form.community_id.data,
                proposer_group=form.group, show_name=form.show_name.data)
            db.session.commit()
        except StaleDataError:
            db.session.rollback()
            flash(str(services.ProposalChanged()), "warning")
        except DomainError as error:
            db.session.rollback()
            flash(str(error), "warning")
        else:
            flash(_("The proposal has been saved."), "success")
            return redirect(url_for(".show", proposal_id=proposal.id))
    return render_template("proposals/form.html", form=form, proposal=proposal)


@bp.post("/<int:proposal_id>/status")
@staff
def change_status(proposal_id: int):
    proposal = _proposal(proposal_id)
    form = StatusForm()
    if form.validate():
        try:
            services.change_status(proposal, ProposalStatus(form.status.data), by=current_user,
                                   note=form.note.data, decline_reason=form.decline_reason.data,
                                   dossier_reference=form.dossier_reference.data)
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            flash(str(error), "warning")
        else:
            flash(_("The status has been changed."), "success")
    else:
        flash(" ".join(str(e) for errors in form.errors.values() for e in errors), "warning")
    return redirect(url_for(".show", proposal_id=proposal.id))


@bp.post("/<int:proposal_id>/duplicate")
@staff
def mark_duplicate(proposal_id: int):
    proposal = _proposal(proposal_id)
    form = DuplicateForm()
    original = db.session.get(Proposal, form.original_id.data) if form.validate() else None
    if original is None:
        flash(_("There is no proposal with that number."), "warning")
        return redirect(url_for(".show", proposal_id=proposal.id))
    try:
        services.mark_duplicate(proposal, original, by=current_user)
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        flash(str(error), "warning")
    else:
        flash(_("Marked as a duplicate of #%(id)d.", id=proposal.duplicate_of_id), "success")
    return redirect(url_for(".show", proposal_id=proposal.id))


@bp.post("/<int:proposal_id>/moderate")
@staff
def moderate(proposal_id: int):
    proposal = _proposal(proposal_id)
    services.moderate_proposal(proposal, by=current_user, publish=request.form.get("publish") == "1")
    db.session.commit()
    flash(_("Shown on the public page.") if proposal.published else _("Hidden from the public page."),
          "success")
    return redirect(url_for(".show", proposal_id=proposal.id))


@bp.route("/<int:proposal_id>/answer", methods=["GET", "POST"])
@organisers
def answer(proposal_id: int):
    proposal = _proposal(proposal_id)
    form = AnswerForm()
    if form.validate_on_submit():
        upload = form.letter.data
        letter = (upload.filename, upload.read()) if upload and upload.filename else None
        try:
            services.record_answer(proposal, by=current_user, text=form.text.data or "",
                                   answered_on=form.answered_on.data,
                                   outcome=AnswerOutcome(form.outcome.data), letter=letter)
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            flash(str(error), "warning")
        else:
            flash(_("The answer has been recorded."), "success")
            return redirect(url_for(".show", proposal_id=proposal.id))
    return render_template("proposals/answer.html", proposal=proposal, form=form)


@bp.get("/answers/<int:answer_id>/letter.pdf")
@staff
def letter(answer_id: int):
    answer = db.get_or_404(AuthorityAnswer, answer_id)
    if not answer.letter_pdf:
        abort(404)
    response = Response(answer.letter_pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="answer-{answer.id}.pdf"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/topics", methods=["GET", "POST"])
@organisers
def topics():
    form = TopicForm()
    if form.validate_on_submit():
        topic = db.session.get(ProposalTopic, int(request.form.get("topic_id") or 0) or -1)
        try:
            services.save_topic(topic, name=form.name.data, name_en=form.name_en.data,
                                position=form.position.data, active=form.active.data)
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            flash(str(error), "warning")
        else:
            flash(_("The topic has been saved."), "success")
            return redirect(url_for(".topics"))
    return render_template("proposals/topics.html", form=form, topics=queries.topics())


@bp.post("/programmes/<int:programme_id>/public")
@organisers
def set_public_page(programme_id: int):
    programme = db.get_or_404(Programme, programme_id)
    programme.proposals_public = request.form.get("on") == "1"
    db.session.commit()
    flash(_("The public page of proposals is on.") if programme.proposals_public
          else _("The public page of proposals is off."), "success")
    return redirect(url_for(".index"))

"""Organisers record the programme's outcomes: payments, terminal applications, platforms."""

from __future__ import annotations

import io

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.utils import secure_filename

from ..audit.decorators import audited
from ..audit.models import AuditAction
from ..auth.models import Role
from ..core.errors import DomainError
from ..core.forms import choices
from ..core.permissions import role_required
from ..core.views import run_action
from ..dashboard.cache import forget_figures
from ..directory import services as directory
from ..directory.models import Person
from ..events.models import Event
from ..extensions import db
from ..programmes.services import current_programme
from . import knowledge, services
from .forms import (
    CONFIRMATION_LABELS,
    MEMBER_KINDS,
    ORGANISATION_KIND_LABELS,
    PORTALS,
    SERVICE_LABELS,
    TERMINAL_STATUS_LABELS,
    DialoguePlatformForm,
    KnowledgeCheckForm,
    PaymentForm,
    TerminalApplicationForm,
)
from .models import (
    Confirmation,
    DialoguePlatform,
    PaidService,
    PaymentFollowUp,
    TerminalApplication,
    TerminalStatus,
)

bp = Blueprint("outcomes", __name__, url_prefix="/staff/outcomes")
organisers = role_required(Role.ORGANISER)
LABELS = {"service_labels": SERVICE_LABELS, "confirmation_labels": CONFIRMATION_LABELS,
          "terminal_status_labels": TERMINAL_STATUS_LABELS, "member_kind_labels": ORGANISATION_KIND_LABELS}


def _programme():
    programme = current_programme(request.args.get("programme"))
    if programme is None:
        abort(404)
    return programme


def _upload(field) -> tuple[str, bytes] | None:
    storage = field.data
    if not storage or not getattr(storage, "filename", ""):
        return None
    return storage.filename, storage.read()


def _save(form, save, *, done: str, template: str, **context):
    """Validate, save, commit once; a refused save shows its message and keeps what was typed."""
    if form.validate_on_submit():
        try:
            warning = save(form)
            db.session.commit()
            forget_figures()
        except DomainError as error:
            db.session.rollback()
            flash(str(error), "danger")
        else:
            flash(done, "success")
            if warning:
                flash(warning, "warning")
            return redirect(url_for(".index"))
    return render_template(template, form=form, **context, **LABELS)


@bp.get("")
@organisers
@audited(AuditAction.VIEWED_PERSONAL_DATA, "outcomes")
def index():
    programme = current_programme(request.args.get("programme"))
    if programme is None:
        return render_template("programmes/empty.html")
    return render_template(
        "outcomes/index.html", programme=programme, payments=services.list_payments(programme),
        applications=services.list_terminal_applications(programme),
        platforms=services.list_dialogue_platforms(programme),
        knowledge_events=services.events_for_knowledge_checks(programme), **LABELS)


# --- payment follow-ups --------------------------------------------------------------------------

@bp.get("/payments/new")
@organisers
@audited(AuditAction.VIEWED_PERSONAL_DATA, "people")
def find_person():
    query = request.args.get("q", "").strip()
    people = directory.list_people(query=query, limit=50) if query else []
    return render_template("outcomes/find_person.html", query=query, people=people)


@bp.route("/payments/new/<int:person_id>", methods=["GET", "POST"])
@organisers
@audited(AuditAction.VIEWED_PERSONAL_DATA, "person", object_arg="person_id")
def new_payment(person_id: int):
    programme = _programme()
    person = db.get_or_404(Person, person_id)
    form = PaymentForm()

    def save(f):
        details = services.PaymentDetails(
            person_id=person.id, service=PaidService(f.service.data), portal=f.portal.data,
            paid_on=f.paid_on.data, confirmation=Confirmation(f.confirmation.data),
            household=f.household.data or "", note=f.note.data or "")
        _follow_up, trained = services.record_payment(programme, details, actor=current_user)
        if not trained:
            return _("Flagged: %(name)s has not attended any e-government training of the programme.",
                     name=person.full_name)
        return None

    return _save(form, save, done=_("Payment recorded."), template="outcomes/payment_form.html",
                 person=person, trained=services.attended_training(person.id, programme.id),
                 portals=PORTALS)


@bp.post("/payments/<int:record_id>/delete")
@organisers
def delete_payment(record_id: int):
    record = db.get_or_404(PaymentFollowUp, record_id)
    return _delete(record)


# --- terminal applications -----------------------------------------------------------------------

@bp.route("/terminals/new", methods=["GET", "POST"], defaults={"record_id": None})
@bp.route("/terminals/<int:record_id>", methods=["GET", "POST"])
@organisers
def edit_terminal(record_id: int | None):
    programme = _programme()
    application = db.get_or_404(TerminalApplication, record_id) if record_id else None
    form = TerminalApplicationForm(obj=application)
    form.community_id.choices = choices(directory.community_options(blank=None))
    form.authority_id.choices = choices(
        (organisation.id, f"{organisation.name} ({ORGANISATION_KIND_LABELS[organisation.kind]})")
        for organisation in directory.list_organisations())

    def save(f):
        details = services.TerminalDetails(
            community_id=f.community_id.data, authority_id=f.authority_id.data,
            applied_on=f.applied_on.data, status=TerminalStatus(f.status.data), note=f.note.data or "")
        services.save_terminal_application(programme, application, details,
                                           letter=_upload(f.letter), actor=current_user)

    return _save(form, save, done=_("Application saved."), template="outcomes/record_form.html",
                 title=_("Application for a payment terminal"), record=application,
                 file_url=url_for(".terminal_letter", record_id=record_id)
                 if application and application.file_size else None,
                 delete_url=url_for(".delete_terminal", record_id=record_id) if application else None)


@bp.get("/terminals/<int:record_id>/letter.pdf")
@organisers
def terminal_letter(record_id: int):
    return _send_pdf(db.get_or_404(TerminalApplication, record_id))


@bp.post("/terminals/<int:record_id>/delete")
@organisers
def delete_terminal(record_id: int):
    record = db.get_or_404(TerminalApplication, record_id)
    return _delete(record)


# --- dialogue platforms --------------------------------------------------------------------------

@bp.route("/platforms/new", methods=["GET", "POST"], defaults={"record_id": None})
@bp.route("/platforms/<int:record_id>", methods=["GET", "POST"])
@organisers
def edit_platform(record_id: int | None):
    programme = _programme()
    platform = db.get_or_404(DialoguePlatform, record_id) if record_id else None
    counts = {row.kind.value: row.count for row in platform.members} if platform else {}
    form = DialoguePlatformForm(obj=platform, **{f"members_{kind}": count for kind, count in counts.items()})
    form.district_id.choices = choices((d.id, d.name) for d in directory.list_districts())

    def save(f):
        details = services.PlatformDetails(
            district_id=f.district_id.data, name=f.name.data, formed_on=f.formed_on.data,
            members={kind: getattr(f, f"members_{kind.value}").data or 0 for kind in MEMBER_KINDS},
            note=f.note.data or "")
        services.save_dialogue_platform(programme, platform, details, document=_upload(f.document),
                                        actor=current_user)

    return _save(form, save, done=_("Dialogue platform saved."), template="outcomes/record_form.html",
                 title=_("Dialogue platform"), record=platform,
                 file_url=url_for(".platform_document", record_id=record_id)
                 if platform and platform.file_size else None,
                 delete_url=url_for(".delete_platform", record_id=record_id) if platform else None)


@bp.get("/platforms/<int:record_id>/document.pdf")
@organisers
def platform_document(record_id: int):
    return _send_pdf(db.get_or_404(DialoguePlatform, record_id))


@bp.post("/platforms/<int:record_id>/delete")
@organisers
def delete_platform(record_id: int):
    record = db.get_or_404(DialoguePlatform, record_id)
    return _delete(record)


# --- knowledge checks ----------------------------------------------------------------------------

@bp.route("/knowledge/<int:event_id>", methods=["GET", "POST"])
@organisers
def knowledge_check(event_id: int):
    event = db.get_or_404(Event, event_id)
    form = KnowledgeCheckForm(questions=knowledge.questions_as_text(knowledge.check_of(event.id)))
    def save(f):
        knowledge.save_knowledge_check(event, f.questions.data or "")

    return _save(form, save,
                 done=_("Questions saved."), template="outcomes/knowledge_form.html", event=event)


def _delete(record):
    """Delete a record (one commit) and forget the dashboard's figures."""
    def action():
        services.delete_record(record)
        forget_figures()
    return run_action(action, done=_("Deleted."), next_url=url_for(".index"))


def _send_pdf(record):
    if not record.file_size:
        abort(404)
    return send_file(io.BytesIO(record.file_pdf), mimetype="application/pdf",
                     download_name=secure_filename(record.file_name or "") or "document.pdf")

"""Organisers' documents: the letterhead, an event's press release, dossiers for authorities."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.datastructures import FileStorage

from ..audit.decorators import audited, note_audit
from ..audit.models import AuditAction
from ..auth.models import Role
from ..core.errors import DomainError
from ..core.permissions import role_required
from ..core.queries import version_arg
from ..events.models import Event
from ..extensions import db
from . import press, queries
from .dossiers import (
    DossierScope,
    NothingToIssue,
    dossier_document,
    issue_dossier,
    render_dossier_pdf,
    render_dossier_xlsx,
)
from .forms import DossierScopeForm, LetterheadForm, PressReleaseForm, PublicationForm
from .letterhead import get_letterhead, letterhead_data, update_letterhead
from .models import Dossier, DossierVersion, PressPublication

bp = Blueprint("documents", __name__, url_prefix="/staff")
organisers = role_required(Role.ORGANISER)

PDF, XLSX = "application/pdf", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _download(body: bytes | str, mimetype: str, filename: str, inline: bool = False) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


# --- letterhead -------------------------------------------------------------------------------

@bp.route("/letterhead", methods=["GET", "POST"])
@organisers
def letterhead():
    current = get_letterhead()
    form = LetterheadForm(obj=current)
    if form.validate_on_submit():
        upload = form.logo.data  # the stored bytes when no file was chosen
        logo = upload.read() if isinstance(upload, FileStorage) and upload.filename else None
        try:
            update_letterhead(form.details(), logo=logo, remove_logo=form.remove_logo.data)
        except DomainError as error:
            db.session.rollback()
            flash(str(error), "danger")
            form.logo.errors = [str(error)]
        else:
            db.session.commit()
            flash(_("The letterhead has been saved."), "success")
            return redirect(url_for(".letterhead"))
    else:
        db.session.commit()  # the letterhead row, created on the first visit
    return render_template("documents/letterhead_form.html", form=form, has_logo=current.logo is not None)


@bp.get("/letterhead/logo")
@organisers
def letterhead_logo():
    current = get_letterhead()
    if not current.logo:
        abort(404)
    return Response(current.logo, mimetype=current.logo_mimetype)


# --- press releases ---------------------------------------------------------------------------

def _event(event_id: int) -> Event:
    return db.get_or_404(Event, event_id)


def _texts_and_facts(event: Event):
    head = get_letterhead()
    facts = {lang: press.press_facts(event, letterhead_data(head, lang), lang) for lang in ("az", "en")}
    release = press.release_for(event)
    if release is not None:
        texts = {key: getattr(release, key) for key in ("title", "body", "title_en", "body_en")}
    else:
        texts = press.draft_texts(event, facts)
    return release, texts, facts


@bp.route("/events/<int:event_id>/press-release", methods=["GET", "POST"])
@organisers
def press_release(event_id: int):
    event = _event(event_id)
    release, texts, facts = _texts_and_facts(event)
    form = PressReleaseForm(data={**texts, "version": release.version if release else ""})
    if form.validate_on_submit():
        try:
            press.save_press_release(event, form.texts(), facts, current_user,
                                     version=version_arg(form.version.data))
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            flash(_("Not saved: %(problem)s The last good version is kept.", problem=str(error)), "danger")
        else:
            flash(_("The press release has been saved."), "success")
            return redirect(url_for(".press_release", event_id=event.id))
    previews = {}
    for lang in ("az", "en"):
        try:
            previews[lang] = Markup(press.press_release_html(  # noqa: S704  (our template, escaped)
                press.build_press_release_data(form.texts(), facts[lang], {}, lang)))
        except DomainError as error:
            previews[lang] = None
            flash(str(error), "warning")
    return render_template(
        "documents/press_release_edit.html", event=event, form=form, release=release, previews=previews,
        placeholders=press.PLACEHOLDERS, publication_form=PublicationForm(),
        publications=release.publications if release else [])


@bp.post("/events/<int:event_id>/press-release/preview")
@organisers
def press_release_preview(event_id: int):
    """The live preview: the texts as typed, placeholders filled, as an HTML fragment."""
    event = _event(event_id)
    _release, _texts, facts = _texts_and_facts(event)
    form = PressReleaseForm()
    lang = "en" if request.args.get("lang") == "en" else "az"
    try:
        fragment = press.press_release_html(press.build_press_release_data(form.texts(), facts[lang], {}, lang))
    except DomainError as error:
        return render_template("documents/_preview_problem.html", problem=str(error)), 422
    return fragment


@bp.get("/events/<int:event_id>/press-release.<any(html, txt, pdf, docx):fmt>")
@organisers
def press_release_file(event_id: int, fmt: str):
    event = _event(event_id)
    _release, texts, facts = _texts_and_facts(event)
    lang = "en" if request.args.get("lang") == "en" else "az"
    data = press.build_press_release_data(texts, facts[lang], letterhead_data(get_letterhead(), lang), lang)
    name = f"press-release-{event.id}-{lang}.{fmt}"
    if fmt == "html":
        return _download(press.press_release_html(data), "text/html", name, inline=True)
    if fmt == "txt":
        return _download(press.press_release_text(data), "text/plain", name, inline=True)
    if fmt == "pdf":
        return _download(press.render_press_release_pdf(data), PDF, name, inline=True)
    return _download(press.render_press_release_docx(data), DOCX, name)


@bp.post("/events/<int:event_id>/press-release/publications")
@organisers
def add_publication(event_id: int):
    event = _event(event_id)
    release = press.release_for(event)
    if release is None:
        flash(_("Save the press release first, then record where it was published."), "warning")
        return redirect(url_for(".press_release", event_id=event.id))
    form = PublicationForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(str(error), "danger")
        return redirect(url_for(".press_release", event_id=event.id))
    try:
        press.add_publication(release, form.outlet.data, form.url.data, form.published_on.data, current_user)
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        flash(str(error), "danger")
    else:
        flash(_("The publication has been recorded."), "success")
    return redirect(url_for(".press_release", event_id=event.id) + "#publications")


@bp.post("/events/<int:event_id>/press-release/publications/<int:publication_id>/delete")
@organisers
def delete_publication(event_id: int, publication_id: int):
    publication = db.get_or_404(PressPublication, publication_id)
    if publication.press_release.event_id != event_id:
        abort(404)
    db.session.delete(publication)
    db.session.commit()
    flash(_("The publication has been removed."), "success")
    return redirect(url_for(".press_release", event_id=event_id) + "#publications")


# --- dossiers ---------------------------------------------------------------------------------

def _scope_form() -> DossierScopeForm:
    form = DossierScopeForm(request.args)
    form.authority_id.choices = [(0, "—")] + queries.authority_options()
    form.event_id.choices = [(0, _("All events"))] + queries.event_options()
    return form


def _scope(form: DossierScopeForm) -> DossierScope | None:
    if not form.validate() or not form.authority_id.data:
        return None
    if form.start.data and form.end.data and form.start.data > form.end.data:
        form.end.errors = [_("The period ends before it starts.")]
        return None
    return DossierScope(form.authority_id.data, form.event_id.data or None, form.start.data, form.end.data)


@bp.get("/dossiers")
@organisers
def dossiers():
    form = _scope_form()
    scope = _scope(form) if request.args else None
    draft = None
    if scope is not None:
        try:
            proposals, data = dossier_document(scope)
        except NothingToIssue as error:
            flash(str(error), "warning")
        except DomainError as error:
            flash(str(error), "danger")
        else:
            draft = {"data": data, "count": len(proposals), "args": request.args.to_dict()}
    return render_template("documents/dossiers.html", form=form, draft=draft,
                           dossiers=queries.list_dossiers())


@bp.get("/dossiers/draft.<any(pdf, xlsx):fmt>")
@organisers
@audited(AuditAction.EXPORTED_PERSONAL_DATA, "dossier draft")
def dossier_draft(fmt: str):
    scope = _scope(_scope_form())
    if scope is None:
        abort(400)
    try:
        _proposals, data = dossier_document(scope)
    except DomainError as error:
        flash(str(error), "warning")
        return redirect(url_for(".dossiers", **request.args))
    note_audit(rows=len(_proposals))
    if fmt == "pdf":
        return _download(render_dossier_pdf(data), PDF, "dossier-draft.pdf", inline=True)
    return _download(render_dossier_xlsx(data), XLSX, "dossier-draft.xlsx")


@bp.post("/dossiers/issue")
@organisers
def issue():
    form = DossierScopeForm(request.form)
    form.authority_id.choices = queries.authority_options()
    form.event_id.choices = [(0, "")] + queries.event_options()
    scope = _scope(form)
    if scope is None:
        flash(_("Choose the authority again."), "warning")
        return redirect(url_for(".dossiers"))
    try:
        version = issue_dossier(scope, current_user)
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        flash(str(error), "warning")
        return redirect(url_for(".dossiers"))
    except (IntegrityError, StaleDataError):
        db.session.rollback()  # someone issued (or changed a proposal) at the same moment
        flash(_("Another dossier was issued at the same moment. Please issue again."), "warning")
        return redirect(url_for(".dossiers"))
    flash(_("Dossier %(reference)s has been issued with %(n)d proposals.",
            reference=version.reference, n=version.proposal_count), "success")
    return redirect(url_for(".dossier", dossier_id=version.dossier_id))


@bp.get("/dossiers/<int:dossier_id>")
@organisers
def dossier(dossier_id: int):
    item = db.get_or_404(Dossier, dossier_id)
    return render_template("documents/dossier_page.html", dossier=item)


@bp.get("/dossiers/<int:dossier_id>/v<int:number>.<any(pdf, xlsx):fmt>")
@organisers
@audited(AuditAction.EXPORTED_PERSONAL_DATA, "dossier", object_arg="dossier_id")
def dossier_version_file(dossier_id: int, number: int, fmt: str):
    version = db.first_or_404(db.select(DossierVersion).where(
        DossierVersion.dossier_id == dossier_id, DossierVersion.number == number))
    note_audit(rows=version.proposal_count)
    name = f"dossier-{version.reference}.{fmt}".replace("/", "-")
    ascii_name = name.encode("ascii", "replace").decode().replace("?", "_")
    if fmt == "pdf":
        return _download(version.pdf, PDF, ascii_name, inline=True)
    return _download(version.xlsx, XLSX, ascii_name)

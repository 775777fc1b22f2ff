"""Organisers keep contacts: people, groups of people, and imports from CSV or XLSX files."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..audit.decorators import audited, note_audit
from ..audit.models import AuditAction
from ..auth.models import Role
from ..core.errors import DomainError
from ..core.forms import choices
from ..core.permissions import role_required
from ..core.queries import int_arg
from ..core.views import run_action, save_form
from ..directory.models import Gender, Person
from ..directory.services import community_options, list_organisations
from ..extensions import db
from . import importing, services
from .forms import (
    GENDER_LABELS,
    LANGUAGE_LABELS,
    ConfirmForm,
    GroupForm,
    MappingForm,
    PersonForm,
    UploadForm,
)
from .models import ContactGroup

bp = Blueprint("contacts", __name__, url_prefix="/staff/contacts")
organisers = role_required(Role.ORGANISER)


# --- people --------------------------------------------------------------------------------------

@bp.get("/")
@organisers
@audited(AuditAction.VIEWED_PERSONAL_DATA, "contacts")
def index():
    query, group_id = request.args.get("q", ""), int_arg(request.args.get("group"))
    return render_template(
        "contacts/people.html", query=query, group_id=group_id, groups=services.list_groups(),
        people=services.list_contacts(query=query, group_id=group_id),
    )


def _person_form(person: Person | None) -> PersonForm:
    form = PersonForm(obj=person, groups=services.group_ids_of(person),
                      version=services.version_of(person),
                      gender=person.gender.value if person else Gender.NOT_STATED.value,
                      community_id=(person.community_id or 0) if person else 0,
                      organisation_id=(person.organisation_id or 0) if person else 0,
                      language=person.language if person else "az")
    form.community_id.choices = choices(community_options())
    form.organisation_id.choices = choices(
        [(0, "—")] + [(organisation.id, organisation.name) for organisation in list_organisations()])
    form.groups.choices = choices(services.group_options())
    return form


@bp.route("/people/new", methods=["GET", "POST"], defaults={"person_id": None})
@bp.route("/people/<int:person_id>", methods=["GET", "POST"])
@organisers
@audited(AuditAction.VIEWED_PERSONAL_DATA, "person", object_arg="person_id", skip_without_object=True)
def edit_person(person_id: int | None):
    person = db.get_or_404(Person, person_id) if person_id else None
    form = _person_form(person)

    def save(f: PersonForm):
        details = services.PersonDetails(
            full_name=f.full_name.data, email=f.email.data or None, phone=f.phone.data or None,
            gender=Gender(f.gender.data), community_id=f.community_id.data or None,
            organisation_id=f.organisation_id.data or None, language=f.language.data)
        services.save_person(person, details, group_ids=f.groups.data or [],
                             expected_version=f.version.data or "")

    return save_form(
        form, save, done=_("Saved."), next_url=url_for(".index"), template="contacts/person_form.html",
        person=person, group_choices=services.group_options(), gender_labels=GENDER_LABELS,
        language_labels=LANGUAGE_LABELS,
    )


@bp.post("/people/<int:person_id>/delete")
@organisers
def delete_person(person_id: int):
    person = db.get_or_404(Person, person_id)
    return run_action(lambda: services.delete_person(person), done=_("Deleted."),
                      next_url=url_for(".index"))


# --- groups --------------------------------------------------------------------------------------

@bp.get("/groups")
@organisers
def groups():
    return render_template("contacts/groups.html", groups=services.list_groups())


@bp.route("/groups/new", methods=["GET", "POST"], defaults={"group_id": None})
@bp.route("/groups/<int:group_id>/edit", methods=["GET", "POST"])
@organisers
def edit_group(group_id: int | None):
    group = db.get_or_404(ContactGroup, group_id) if group_id else None
    form = GroupForm(obj=group)
    return save_form(
        form, lambda f: services.save_group(group, name=f.name.data, description=f.description.data),
        done=_("Saved."), next_url=url_for(".groups"), template="contacts/group_form.html",
        group=group,
    )


@bp.post("/groups/<int:group_id>/delete")
@organisers
def delete_group(group_id: int):
    group = db.get_or_404(ContactGroup, group_id)
    return run_action(lambda: services.delete_group(group),
                      done=_("The group has been deleted; its people are still in the contacts."),
                      next_url=url_for(".groups"))


@bp.get("/groups/<int:group_id>")
@organisers
@audited(AuditAction.VIEWED_PERSONAL_DATA, "group members", object_arg="group_id")
def group_members(group_id: int):
    group = db.get_or_404(ContactGroup, group_id)
    query = request.args.get("q", "")
    return render_template(
        "contacts/group_members.html", group=group, query=query,
        members=services.list_contacts(group_id=group.id, limit=5000),
        candidates=services.people_to_add(group, query),
    )


@bp.post("/groups/<int:group_id>/members")
@organisers
def add_member(group_id: int):
    group = db.get_or_404(ContactGroup, group_id)
    person = db.get_or_404(Person, int_arg(request.form.get("person_id")) or 0)
    return run_action(lambda: services.add_member(group, person),
                      done=_("%(name)s has been added to the group.", name=person.full_name),
                      next_url=url_for(".group_members", group_id=group.id))


@bp.post("/groups/<int:group_id>/members/<int:person_id>/remove")
@organisers
def remove_member(group_id: int, person_id: int):
    group = db.get_or_404(ContactGroup, group_id)
    person = db.get_or_404(Person, person_id)
    return run_action(lambda: services.remove_member(group, person),
                      done=_("%(name)s has been removed from the group.", name=person.full_name),
                      next_url=url_for(".group_members", group_id=group.id))


# --- import: upload → columns → preview → summary ------------------------------------------------

@bp.route("/import", methods=["GET", "POST"])
@organisers
def upload():
    form = UploadForm(group_id=int_arg(request.args.get("group")) or 0)
    form.group_id.choices = choices(services.group_options(blank=_("— no group —")))
    if form.validate_on_submit():
        sent = form.file.data
        try:
            table = importing.read_table(sent.filename or "", sent.read())
            batch = services.start_import(table, filename=sent.filename, actor=current_user,
                                          group_id=form.group_id.data)
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            form.file.errors.append(str(error))
        else:
            return redirect(url_for(".columns", token=batch.token))
    return render_template("contacts/upload.html", form=form, max_rows=importing.MAX_ROWS)


def _open_import(token: str, *, imported: bool = False):
    """The import of this token; one already imported only opens its summary, and vice versa."""
    batch = services.find_import(token)
    if batch is None:
        abort(404)
    note_audit(object_type="contact_import", object_id=batch.id)
    if (batch.imported_at is not None) != imported:
        return batch, redirect(url_for(".done" if batch.imported_at else ".columns", token=token))
    return batch, None


@bp.route("/import/<token>/columns", methods=["GET", "POST"])
@organisers
@audited(AuditAction.VIEWED_PERSONAL_DATA, "contact import")
def columns(token: str):
    batch, elsewhere = _open_import(token)
    if elsewhere:
        return elsewhere
    chosen = batch.mapping or importing.guess_mapping(batch.header)
    form = MappingForm(**{name: (-1 if index is None else index) for name, index in chosen.items()})
    form.offer(batch.header, batch.rows[:5])
    if form.validate_on_submit():
        try:
            services.save_mapping(batch, form.mapping())
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            flash(str(error), "danger")
        else:
            return redirect(url_for(".preview", token=token))
    return render_template("contacts/columns.html", form=form, batch=batch, samples=batch.rows[:5],
                           guessed=any(index is not None for index in chosen.values()),
                           labels=services.FIELD_LABELS)


@bp.route("/import/<token>/preview", methods=["GET", "POST"])
@organisers
@audited(AuditAction.VIEWED_PERSONAL_DATA, "contact import")
def preview(token: str):
    batch, elsewhere = _open_import(token)
    if elsewhere:
        return elsewhere
    if batch.mapping is None:
        return redirect(url_for(".columns", token=token))
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            services.import_contacts(batch)
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            flash(str(error), "warning")
        return redirect(url_for(".done", token=token))
    return render_template("contacts/preview.html", form=form, batch=batch,
                           plan=services.plan_import(batch), labels=services.FIELD_LABELS,
                           actions=services.ACTION_LABELS)


@bp.get("/import/<token>")
@organisers
def done(token: str):
    batch, elsewhere = _open_import(token, imported=True)
    if elsewhere:
        return elsewhere
    return render_template("contacts/done.html", batch=batch, summary=batch.summary or {})

"""Organisers schedule events: list, create, edit, duplicate, publish, cancel, mark as held."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..auth.models import Role
from ..core.errors import DomainError
from ..core.forms import choices
from ..core.permissions import role_required
from ..core.timefmt import display_zone
from ..core.views import run_action
from ..directory.services import community_options, list_communities, list_districts
from ..extensions import db
from ..programmes.services import current_programme
from . import queries, services
from .forms import EventForm
from .kinds import EventKind, LinkVisibility
from .models import Event

bp = Blueprint("events", __name__, url_prefix="/staff/events")
organisers = role_required(Role.ORGANISER)
staff = role_required(Role.ORGANISER, Role.MODERATOR)


def _jitsi() -> str:
    return current_app.config["JITSI_SERVER"]


@bp.get("")
@staff
def index():
    programme = current_programme(request.args.get("programme"))
    filters = queries.EventFilters.from_args(request.args, staff=True)
    return render_template(
        "events/staff_list.html", programme=programme, filters=filters,
        events=queries.list_events(programme, filters) if programme else [],
        communities=list_communities(), districts=list_districts(),
    )


@bp.get("/<int:event_id>")
@staff
def show(event_id: int):
    event = db.get_or_404(Event, event_id)
    return render_template("events/staff_show.html", event=event,
                           overlaps=services.find_overlaps(event),
                           join_state=services.join_state(event))


def _form_for(event: Event | None) -> EventForm:
    zone = display_zone()
    if event is None:
        kind = request.args.get("kind", EventKind.CONSULTATION.value)
        kind = kind if kind in set(EventKind) else EventKind.CONSULTATION.value
        day = datetime.now(zone).date() + timedelta(days=7)
        form = EventForm(kind=kind, community_id=request.args.get("community", 0, type=int),
                         date=day, start_time=time(11, 0),
                         certificates_enabled=kind == EventKind.TRAINING.value)
    else:
        starts, ends = event.starts_at.astimezone(zone), event.ends_at.astimezone(zone)
        window = [moment.astimezone(zone).replace(tzinfo=None) if moment else None
                  for moment in (event.registration_opens_at, event.registration_closes_at)]
        form = EventForm(obj=event, kind=event.kind.value, date=starts.date(),
                         start_time=starts.time(), end_time=ends.time(),
                         community_id=event.community_id or 0,
                         link_visibility=event.link_visibility.value, version=event.version,
                         registration_opens=window[0], registration_closes=window[1],
                         reminder_minutes=event.reminder_minutes.replace(",", ", "))
    form.community_id.choices = choices(community_options())
    return form


def _details(form: EventForm) -> services.EventDetails:
    starts, ends = form.local_times(display_zone())
    opens, closes = form.registration_window(display_zone())
    return services.EventDetails(
        kind=EventKind(form.kind.data), community_id=form.community_id.data or None,
        starts_at=starts, ends_at=ends, title=form.title.data or "",
        description=form.description.data or "", meeting_url=form.meeting_url.data or None,
        meeting_id=form.meeting_id.data, meeting_passcode=form.meeting_passcode.data,
        link_visibility=LinkVisibility(form.link_visibility.data),
        join_opens_minutes=form.join_opens_minutes.data, capacity=form.capacity.data,
        registration_opens_at=opens, registration_closes_at=closes,
        reminder_minutes=form.reminder_minutes.data or "",
        certificates_enabled=form.certificates_enabled.data,
    )


def _after_save(event: Event):
    for other in services.find_overlaps(event):
        flash(_("Note: %(title)s of the same community overlaps this time.", title=other.title),
              "warning")
    return redirect(url_for(".show", event_id=event.id))


@bp.route("/new", methods=["GET", "POST"])
@organisers
def create():
    programme = current_programme(request.args.get("programme")) or abort(404)
    form = _form_for(None)
    if form.validate_on_submit():
        try:
            event = services.create_event(programme, _details(form), actor=current_user,
                                          jitsi_server=_jitsi())
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            flash(str(error), "danger")
        else:
            flash(_("The event has been saved as a draft."), "success")
            return _after_save(event)
    return render_template("events/staff_form.html", form=form, event=None, programme=programme)


@bp.route("/<int:event_id>/edit", methods=["GET", "POST"])
@organisers
def edit(event_id: int):
    event = db.get_or_404(Event, event_id)
    if event.status.is_final:
        flash(str(services.EventIsFinal()), "warning")
        return redirect(url_for(".show", event_id=event.id))
    form = _form_for(event)
    if form.validate_on_submit():
        try:
            services.update_event(event, _details(form), actor=current_user,
                                  expected_version=int(form.version.data or 0), jitsi_server=_jitsi())
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            flash(str(error), "danger")
        else:
            flash(_("Saved."), "success")
            return _after_save(event)
    return render_template("events/staff_form.html", form=form, event=event,
                           programme=event.programme)


def _event_action(event_id: int, action, done: str):
    event = db.get_or_404(Event, event_id)
    return run_action(lambda: action(event, actor=current_user), done=done,
                      next_url=url_for(".show", event_id=event_id))


@bp.post("/<int:event_id>/publish")
@organisers
def publish(event_id: int):
    return _event_action(event_id, services.publish_event, _("The event is published."))


@bp.post("/<int:event_id>/cancel")
@organisers
def cancel(event_id: int):
    return _event_action(event_id, services.cancel_event, _("The event is cancelled."))


@bp.post("/<int:event_id>/held")
@organisers
def mark_held(event_id: int):
    return _event_action(event_id, services.mark_event_held, _("The event is marked as held."))


@bp.post("/<int:event_id>/jitsi")
@organisers
def create_jitsi(event_id: int):
    return _event_action(
        event_id, lambda event, actor: services.create_jitsi_room(event, actor=actor, jitsi_server=_jitsi()),
        _("A new Jitsi room has been created for the event."))


@bp.post("/<int:event_id>/duplicate")
@organisers
def duplicate(event_id: int):
    event = db.get_or_404(Event, event_id)
    copy = services.duplicate_event(event, actor=current_user, jitsi_server=_jitsi())
    db.session.commit()
    flash(_("A copy has been made one week later. Check its date and time."), "success")
    return redirect(url_for(".edit", event_id=copy.id))



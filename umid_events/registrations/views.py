"""Organisers follow an event's registrations, register people by hand, export and share."""

from __future__ import annotations

from urllib.parse import quote

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from ..audit.decorators import audited, note_audit
from ..audit.models import AuditAction
from ..auth.models import Role
from ..core.errors import DomainError
from ..core.exports import write_csv, write_xlsx
from ..core.permissions import role_required
from ..core.qr import qr_data_uri, qr_png, qr_svg
from ..core.timefmt import format_moment
from ..directory.services import list_communities
from ..documents.renderer import render_pdf
from ..events.labels import KIND_LABELS
from ..events.models import Event
from ..extensions import db
from ..notifications.channels import reachable
from ..notifications.queries import whatsapp_sent
from . import queries, services
from .forms import GENDER_LABELS, GROUP_LABELS, ParticipantForm
from .models import Registration, RegistrationSource
from .public import with_communities

bp = Blueprint("event_registrations", __name__, url_prefix="/staff/events/<int:event_id>")
organisers = role_required(Role.ORGANISER)


def _event(event_id: int) -> Event:
    return db.get_or_404(Event, event_id)


@bp.get("/registrations")
@organisers
@audited(AuditAction.VIEWED_PERSONAL_DATA, "registrations", object_arg="event_id")
def index(event_id: int):
    event = _event(event_id)
    filters = queries.RegistrationFilters.from_args(request.args)
    return render_template(
        "registrations/staff_list.html", event=event, filters=filters,
        registrations=queries.list_registrations(event.id, filters),
        whatsapp_sent=whatsapp_sent(event.id), reachable=reachable,
        counts=queries.registration_counts(event.id), communities=list_communities(),
        group_labels=GROUP_LABELS, gender_labels=GENDER_LABELS,
    )


@bp.route("/registrations/new", methods=["GET", "POST"])
@organisers
def create(event_id: int):
    event = _event(event_id)
    form = with_communities(ParticipantForm())
    if form.validate_on_submit():
        try:
            services.register_participant(event, form.details("az"), source=RegistrationSource.MANUAL)
            db.session.commit()
        except (services.AlreadyRegistered, IntegrityError):  # the latter: at the same moment
            db.session.rollback()
            flash(_("Someone with this email or phone is already registered for this event."), "warning")
        except DomainError as error:
            db.session.rollback()
            flash(str(error), "warning")
        else:
            flash(_("The participant has been registered."), "success")
            return redirect(url_for(".index", event_id=event.id))
    return render_template("registrations/staff_form.html", event=event, form=form)


@bp.post("/registrations/<int:registration_id>/cancel")
@organisers
def cancel(event_id: int, registration_id: int):
    registration = db.get_or_404(Registration, registration_id)
    if registration.event_id != event_id:
        abort(404)
    promoted = services.cancel_registration(registration)
    db.session.commit()
    flash(_("The registration has been cancelled."), "success")
    if promoted:
        flash(_("%(name)s has moved up from the waiting list.", name=promoted.person.full_name), "info")
    return redirect(url_for(".index", event_id=event_id))


@bp.post("/registrations/<int:registration_id>/whatsapp")
@organisers
def send_on_whatsapp(event_id: int, registration_id: int):
    """Open the organiser's WhatsApp with the participant's personal link written, and record
    that it was sent (for participants no mail or SMS of ours reaches)."""
    registration = db.get_or_404(Registration, registration_id)
    if registration.event_id != event_id or not registration.person.phone:
        abort(404)
    url = services.send_link_on_whatsapp(registration, actor=current_user)
    db.session.commit()
    return redirect(url, code=303)


@bp.get("/registrations.<any(csv, xlsx):fmt>")
@organisers
@audited(AuditAction.EXPORTED_PERSONAL_DATA, "registrations", object_arg="event_id")
def export(event_id: int, fmt: str):
    event = _event(event_id)
    rows = queries.export_rows(event.id)
    note_audit(rows=len(rows))
    if fmt == "csv":
        body, mimetype = write_csv(queries.EXPORT_HEADER, rows), "text/csv"  # Werkzeug adds "; charset=utf-8"
    else:
        body = write_xlsx({"Qeydiyyat": (queries.EXPORT_HEADER, rows)})
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="registrations-{event.id}.{fmt}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


# --- sharing the registration link -------------------------------------------------------------

def registration_link(event: Event) -> str:
    return url_for("registrations.register", token=event.registration_token, _external=True)


def share_text(event: Event) -> str:
    when = format_moment(event.starts_at, "weekday")
    return _("Register for “%(title)s” (%(when)s, online): %(link)s",
             title=event.title, when=when, link=registration_link(event))


@bp.get("/share")
@organisers
def share(event_id: int):
    event = _event(event_id)
    link, text = registration_link(event), share_text(event)
    return render_template(
        "registrations/share.html", event=event, link=link, text=text,
        whatsapp=f"https://wa.me/?text={quote(text)}",
        facebook=f"https://www.facebook.com/sharer/sharer.php?u={quote(link, safe='')}",
        telegram=f"https://t.me/share/url?url={quote(link, safe='')}&text={quote(event.title)}",
    )


@bp.get("/qr.<any(png, svg):fmt>")
@organisers
def qr(event_id: int, fmt: str):
    link = registration_link(_event(event_id))
    if fmt == "png":
        return Response(qr_png(link), mimetype="image/png")
    return Response(qr_svg(link), mimetype="image/svg+xml")


@bp.get("/poster.pdf")
@organisers
def poster(event_id: int):
    event = _event(event_id)
    link = registration_link(event)
    programme = event.programme
    data = {
        "title": event.title, "kind": str(KIND_LABELS[event.kind]),
        "place": event.community.name if event.community else _("All communities"),
        "when": f"{format_moment(event.starts_at, 'weekday')}, {format_moment(event.starts_at, 'time')}"
                f"–{format_moment(event.ends_at, 'time')} ({_('Baku time')})",
        "online": _("Online meeting. The link to join is sent to registered participants."),
        "qr_data_uri": qr_data_uri(link), "short_link": link.split("://", 1)[-1],
        "scan": _("Scan the code or open the link to register."),
        "organisation": programme.organisation_name, "donor_line": programme.donor_line,
    }
    response = Response(render_pdf("poster", data), mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="poster-{event.id}.pdf"'
    return response

"""Organisers invite people to an event, preview the message, test it and follow delivery."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from ..audit.decorators import audited
from ..audit.models import AuditAction
from ..auth.models import Role
from ..core.forms import choices
from ..core.permissions import role_required
from ..core.security_headers import mail_preview_response
from ..events.kinds import EventStatus
from ..events.models import Event
from ..extensions import db
from ..notifications.labels import STATUS_LABELS
from ..notifications.services import render_message, resend_failed
from . import (
    inbox,  # noqa: F401  (its producer reads the RSVP mailbox every minute)
    recipients,
    rsvp,
    services,
)
from .forms import InviteForm
from .labels import OUTCOME_LABELS, RESPONSE_LABELS
from .models import Invitation

bp = Blueprint("invitations", __name__, url_prefix="/staff/events/<int:event_id>/invitations")
replies_bp = Blueprint("calendar_replies", __name__, url_prefix="/staff/calendar-replies")
organisers = role_required(Role.ORGANISER)


@bp.context_processor
@replies_bp.context_processor
def _labels():
    return {"response_labels": RESPONSE_LABELS, "outcome_labels": OUTCOME_LABELS,
            "rsvp_enabled": services.rsvp_enabled()}


def _form() -> InviteForm:
    form = InviteForm()
    form.groups.choices = choices(recipients.group_options())
    form.organisations.choices = choices(recipients.organisation_options())
    form.communities.choices = choices(recipients.community_options())
    form.people.choices = choices(recipients.people_options())
    return form


@bp.route("", methods=["GET", "POST"])
@organisers
@audited(AuditAction.VIEWED_PERSONAL_DATA, "invitations", object_arg="event_id")
def index(event_id: int):
    event = db.get_or_404(Event, event_id)
    form = _form()
    if form.validate_on_submit():
        if event.status != EventStatus.PUBLISHED:
            flash(_("Publish the event before inviting people."), "warning")
        else:
            people = recipients.select_people(form.groups.data, form.organisations.data,
                                              form.communities.data, form.people.data)
            result = services.invite_people(event, people, actor=current_user)
            db.session.commit()
            _report(result)
            return redirect(url_for(".index", event_id=event.id))
    return render_template("invitations/index.html", event=event, form=form,
                           progress=services.invitation_progress(event.id),
                           invitations=recipients.list_invitations(event.id),
                           replies=rsvp.list_replies(event.id, limit=50),
                           message_status_labels=STATUS_LABELS)


def _report(result: services.InviteResult) -> None:
    flash(ngettext("%(num)d invitation is on its way.", "%(num)d invitations are on their way.",
                   result.invited), "success")
    if result.already:
        flash(ngettext("%(num)d person had already been invited.",
                       "%(num)d people had already been invited.", result.already), "info")
    if result.by_whatsapp:
        flash(ngettext("%(num)d person has a phone and no email: send their invitation on WhatsApp "
                       "from the list.",
                       "%(num)d people have a phone and no email: send their invitations on "
                       "WhatsApp from the list.", result.by_whatsapp), "info")
    if result.unsubscribed:
        flash(_("Unsubscribed from invitations, not invited: %(names)s",
                names=", ".join(person.full_name for person in result.unsubscribed)), "warning")
    if result.without_email:
        flash(_("No usable email address, not invited: %(names)s",
                names=", ".join(person.full_name for person in result.without_email)), "warning")


def _preview_message(event: Event, language: str) -> tuple[str, str, str]:
    """The invitation to ``event`` as the signed-in organiser would get it: subject, text, HTML."""
    context = {"name": current_user.full_name, "event_title": event.title,
               "when": services._when(event, language), "description": event.description or "",
               "event_url": url_for("public.event", token=event.public_token, _external=True),
               "register_url": url_for("registrations.register", token=event.registration_token,
                                       _external=True),
               "unsubscribe_url": url_for("unsubscribe.unsubscribe", token="…", _external=True),  # noqa: S106
               "rsvp": services.rsvp_enabled()}
    return render_message("invitation", language, context)


def _preview_language() -> str:
    return request.args.get("lang") if request.args.get("lang") in ("az", "en") else "az"


@bp.get("/preview")
@organisers
def preview(event_id: int):
    event = db.get_or_404(Event, event_id)
    language = _preview_language()
    subject, text, _html = _preview_message(event, language)
    return render_template("invitations/preview.html", event=event, subject=subject, text=text,
                           language=language)


@bp.get("/preview/html")
@organisers
def preview_html(event_id: int):
    """The invitation's HTML alone, framed by the preview page under a policy of its own."""
    event = db.get_or_404(Event, event_id)
    return mail_preview_response(_preview_message(event, _preview_language())[2])


@bp.post("/test")
@organisers
def send_test(event_id: int):
    event = db.get_or_404(Event, event_id)
    services.queue_invitation_mail(event, recipients.me_as_person(current_user),
                                   language=current_user.language or "az")
    db.session.commit()
    flash(_("A test invitation is on its way to %(email)s.", email=current_user.email), "success")
    return redirect(url_for(".index", event_id=event_id))


@bp.post("/<int:invitation_id>/whatsapp")
@organisers
def send_on_whatsapp(event_id: int, invitation_id: int):
    invitation = db.get_or_404(Invitation, invitation_id)
    if invitation.event_id != event_id or not invitation.person.phone:
        abort(404)
    url = services.send_invitation_on_whatsapp(invitation, actor=current_user)
    db.session.commit()
    return redirect(url, code=303)


@bp.post("/resend-failed")
@organisers
def resend(event_id: int):
    db.get_or_404(Event, event_id)
    count = resend_failed(event_id, actor=current_user)
    db.session.commit()
    flash(ngettext("%(num)d failed message will be sent again.",
                   "%(num)d failed messages will be sent again.", count), "info")
    return redirect(url_for(".index", event_id=event_id))




@replies_bp.get("", endpoint="index")
@organisers
@audited(AuditAction.VIEWED_PERSONAL_DATA, "calendar replies")
def list_calendar_replies():
    """Every mail read from the RSVP mailbox, the unmatched ones for a person to look at."""
    return render_template("invitations/replies.html", replies=rsvp.list_replies())

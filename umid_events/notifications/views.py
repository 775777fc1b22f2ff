"""The staff outbox: every message with its state; resend failed ones, release held ones."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from ..audit.decorators import audited
from ..audit.models import AuditAction
from ..auth.models import Role
from ..core.errors import DomainError
from ..core.permissions import role_required
from ..core.security_headers import mail_preview_response
from ..core.timefmt import current_language
from ..extensions import db
from . import queries, services
from .delivery import mail_configured
from .forms import TestMessageForm
from .labels import CHANNEL_LABELS, KIND_LABELS, STATUS_BADGES, STATUS_LABELS
from .models import OutgoingMessage
from .tasks import mail_backlog
from .unsubscribe import list_unsubscribed

bp = Blueprint("notifications", __name__, url_prefix="/staff/outbox")
organisers = role_required(Role.ORGANISER)


@bp.context_processor
def _labels():
    return {"message_kind_labels": KIND_LABELS, "message_status_labels": STATUS_LABELS,
            "message_status_badges": STATUS_BADGES, "channel_labels": CHANNEL_LABELS}


@bp.get("")
@organisers
@audited(AuditAction.VIEWED_PERSONAL_DATA, "outbox")
def index():
    filters = queries.OutboxFilters.from_args(request.args)
    messages = queries.list_messages(filters)
    return render_template(
        "notifications/outbox.html", filters=filters, messages=messages[:queries.PAGE_SIZE],
        more=len(messages) > queries.PAGE_SIZE, counts=queries.status_counts(filters),
        events=queries.events_with_messages(), mail_configured=mail_configured(),
        unresent_failures=queries.count_unresent_failures(filters.event_id),
        backlog=mail_backlog(), test_form=TestMessageForm(),
    )


@bp.get("/unsubscribed")
@organisers
@audited(AuditAction.VIEWED_PERSONAL_DATA, "unsubscribed")
def unsubscribed():
    """Addresses that left the invitations: skipped by every invitation from now on."""
    return render_template("notifications/unsubscribed.html", addresses=list_unsubscribed())


@bp.get("/<int:message_id>")
@organisers
@audited(AuditAction.VIEWED_PERSONAL_DATA, "message", object_arg="message_id")
def show(message_id: int):
    message = db.get_or_404(OutgoingMessage, message_id)
    return render_template("notifications/message.html", message=message)


@bp.get("/<int:message_id>/html")
@organisers
def show_html(message_id: int):
    """The message's HTML alone, framed by its page under a policy of its own (inline styles)."""
    message = db.get_or_404(OutgoingMessage, message_id)
    if not message.html_body:
        abort(404)
    return mail_preview_response(message.html_body)


@bp.post("/<int:message_id>/resend")
@organisers
def resend(message_id: int):
    message = db.get_or_404(OutgoingMessage, message_id)
    try:
        copy = services.resend_message(message, actor=current_user)
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        flash(str(error), "danger")
        return redirect(url_for(".show", message_id=message_id))
    flash(_("The message will be sent again."), "success")
    return redirect(url_for(".show", message_id=copy.id))


@bp.post("/resend-failed")
@organisers
def resend_failed():
    event_id = request.args.get("event", type=int)
    count = services.resend_failed(event_id, actor=current_user)
    db.session.commit()
    flash(ngettext("%(num)d failed message will be sent again.",
                   "%(num)d failed messages will be sent again.", count), "success")
    return redirect(url_for(".index", event=event_id))


@bp.post("/send-held")
@organisers
def send_held():
    try:
        count = services.send_held_messages(actor=current_user)
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        flash(str(error), "danger")
    else:
        flash(ngettext("%(num)d held message is being sent.",
                       "%(num)d held messages are being sent.", count), "success")
    return redirect(url_for(".index"))


@bp.post("/test")
@organisers
def send_test():
    form = TestMessageForm()
    if not form.validate_on_submit():
        for error in form.email.errors:
            flash(error, "danger")
        return redirect(url_for(".index"))
    try:
        message = services.send_test_message(form.email.data, actor=current_user,
                                             language=current_language())
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        flash(str(error), "danger")
        return redirect(url_for(".index"))
    flash(_("The test message is in the outbox."), "success")
    return redirect(url_for(".show", message_id=message.id))

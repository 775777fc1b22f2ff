"""The participant's side: the registration form behind a short link, and the personal page."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from ..attendance.public import check_in_panel
from ..certificates.queries import certificate_of
from ..core.errors import DomainError
from ..core.forms import choices
from ..core.permissions import public, secret_link
from ..core.timefmt import current_language
from ..directory.services import community_options
from ..events.calendar_links import google_calendar_url, outlook_calendar_url
from ..events.services import join_state
from ..extensions import csrf, db, limiter
from ..ical.services import participant_may_see_link, render_calendar
from ..invitations.services import find_invitation
from ..notifications.kinds import Channel
from . import services
from .forms import LinkRecoveryForm, ParticipantForm, RegistrationForm
from .models import Registration, RegistrationSource, RegistrationStatus
from .notices import resend_personal_link, send_personal_links
from .privacy import masked_name

bp = Blueprint("registrations", __name__)


def _public_form_limit() -> str:
    return current_app.config["PUBLIC_FORM_RATE_LIMIT"]


def with_communities(form, *, cached: bool = False):
    form.community_id.choices = choices(community_options(cached=cached))
    return form


@bp.route("/r/<token>", methods=["GET", "POST"])
@csrf.exempt  # the form checks its own token, so that an expired one keeps what was typed
@limiter.limit(_public_form_limit, methods=["POST"])
@public
def register(token: str):
    event = services.find_event_by_registration_token(token) or abort(404)
    invitation = find_invitation(event, request.args.get("i"))
    form = with_communities(RegistrationForm(), cached=True)  # nothing of the invitee prefilled
    if request.method == "POST" and form.website.data:
        return render_template("registrations/thanks.html", event=event)  # a bot: nothing saved
    if request.method == "POST" and form.validate():
        source = RegistrationSource.INVITATION if invitation else RegistrationSource.SELF
        answer = _register(event, form, source)
        if answer is not None:
            return answer
    elif form.csrf_token.errors:
        flash(_("The form had expired. Please check your details and press the button again."), "warning")
    return render_template("registrations/register.html", event=event, form=form,
                           state=services.registration_state(event), full=services.is_full(event),
                           invited=masked_name(invitation.person.full_name) if invitation else None)


def _answer(event, registration: Registration):
    """What a registration's form is answered with (the first time and every time the same form
    comes again): its personal page for someone new, who typed everything it shows; for someone
    already known, only that the link went to the contact on file. Read before the commit,
    which would expire what it reads."""
    if registration.for_known_person:
        return render_template("registrations/link_sent.html", event=event,
                               waitlisted=registration.status == RegistrationStatus.WAITLISTED)
    return redirect(url_for(".personal_page", token=registration.personal_token, new=1))


def _register(event, form, source: RegistrationSource, *, again: bool = True):
    """Save the registration and answer it; or flash why not and return None."""
    details = form.details(current_language())
    try:
        registration = services.register_participant(event, details, source=source)
        answer = _answer(event, registration)
        db.session.commit()
        return answer
    except services.AlreadyRegistered as error:
        db.session.rollback()
        if details.submission_key and error.registration.submission_key == details.submission_key:
            return _answer(event, error.registration)  # this very form, sent a second time
        resend_personal_link(error.registration, email=details.email, phone=details.phone)
        db.session.commit()
        flash(_("You are already registered for this event. We have sent the link to your page "
                "to the phone number or email address we have for you."), "info")
    except IntegrityError:  # a second press at the same moment (this form's, or the same person's)
        db.session.rollback()
        same_form = services.find_by_submission_key(details.submission_key)
        if same_form is not None:
            return _answer(event, same_form)
        if again:  # the other press has committed: this one now finds it
            return _register(event, form, source, again=False)
        flash(_("You are already registered for this event."), "info")
    except DomainError as error:
        db.session.rollback()
        flash(str(error), "warning")
    return None


def _link_recovery_limit() -> str:
    return current_app.config["LINK_RECOVERY_RATE_LIMIT"]


@bp.route("/r/<token>/link", methods=["GET", "POST"])
@limiter.limit(_public_form_limit, methods=["POST"])
@limiter.limit(_link_recovery_limit, methods=["POST"])
@public
def recover_link(token: str):
    """"Send me my link again": always the same answer, the link only to the contact on file."""
    event = services.find_event_by_registration_token(token) or abort(404)
    form = LinkRecoveryForm()
    if form.validate_on_submit():
        if not form.website.data:  # a bot fills the hidden field: nothing is sent
            email, phone = form.contact_parts()
            send_personal_links(event, email=email, phone=phone)
            db.session.commit()
        return render_template("registrations/link_requested.html", event=event)
    return render_template("registrations/recover_link.html", event=event, form=form)


def _registration_or_404(token: str) -> Registration:
    return services.find_by_personal_token(token) or abort(404)


@bp.get("/p/<token>")
@secret_link()
def personal_page(token: str):
    registration = _registration_or_404(token)
    event = registration.event
    return render_template(
        "registrations/personal.html", registration=registration, event=event,
        join=join_state(event), show_link=_may_join(registration), just_registered="new" in request.args,
        certificate=certificate_of(registration), check_in=check_in_panel(registration),
        calendar=_calendar_links(registration), again=_again(registration))


def _may_join(registration: Registration) -> bool:
    return (registration.status == RegistrationStatus.CONFIRMED
            and bool(registration.event.meeting_url) and participant_may_see_link(registration.event))


def _again(registration: Registration) -> str | None:
    """For a cancelled registration: "seat" or "waitlist" when registering again would give a
    seat or a place on the waiting list; None when registration is not open."""
    if registration.status != RegistrationStatus.CANCELLED:
        return None
    if services.registration_state(registration.event) != "open":
        return None
    return "waitlist" if services.is_full(registration.event) else "seat"


def _calendar_links(registration: Registration) -> dict | None:
    """Add-to-calendar links of an active registration of a published event: the join link
    (and the meeting's ID and passcode) in them only for those who may see it. The join link is
    the personal one (``/p/<token>/join``), as on the page: it opens the meeting in its window,
    follows a change of the meeting's address, and keeps that address off the page."""
    event = registration.event
    if registration.status == RegistrationStatus.CANCELLED or event.status.value != "published":
        return None
    lines = [event.description or ""]
    location = _("Online")
    if _may_join(registration):
        location = url_for(".join", token=registration.personal_token, _external=True)
        lines.append(_("Join the meeting: %(url)s", url=location))
        if event.meeting_id:
            lines.append(f"{_('Meeting ID')}: {event.meeting_id}"
                         + (f" · {_('Passcode')}: {event.meeting_passcode}" if event.meeting_passcode else ""))
    lines.append(_("Your personal page: %(url)s",
                   url=url_for(".personal_page", token=registration.personal_token, _external=True)))
    common = {"title": event.title, "starts_at": event.starts_at, "ends_at": event.ends_at,
              "details": "\n\n".join(line for line in lines if line).strip(), "location": location}
    return {"google": google_calendar_url(**common), "outlook": outlook_calendar_url(**common),
            "office365": outlook_calendar_url(**common, host="outlook.office.com"),
            "ics": url_for(".personal_calendar", token=registration.personal_token)}


@bp.get("/p/<token>/join")
@secret_link()
def join(token: str):
    registration = _registration_or_404(token)
    if _may_join(registration) and join_state(registration.event) == "open":
        return redirect(registration.event.meeting_url)
    flash(_("The join button works from shortly before the start until the end of the event."), "info")
    return redirect(url_for(".personal_page", token=token))


@bp.get("/p/<token>/event.ics")
@secret_link()
def personal_calendar(token: str):
    from ..ical.views import calendar_response

    registration = _registration_or_404(token)
    body = render_calendar([registration.event], name=registration.event.title,
                           with_link=_may_join(registration))
    return calendar_response(body, "event.ics", private=True)


@bp.route("/p/<token>/edit", methods=["GET", "POST"])
@csrf.exempt
@limiter.limit(_public_form_limit, methods=["POST"])
@secret_link()
def edit_details(token: str):
    registration = _registration_or_404(token)
    person = registration.person
    form = with_communities(ParticipantForm(
        obj=person, group=registration.group.value, gender=person.gender.value,
        organisation_name=registration.organisation_name, community_id=person.community_id or 0,
        channel=(person.preferred_channel or Channel.EMAIL if person.email else Channel.SMS).value))
    if form.validate_on_submit():
        try:
            services.update_my_details(registration, form.details(current_language()))
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            flash(str(error), "warning")
        else:
            flash(_("Your details have been saved."), "success")
            return redirect(url_for(".personal_page", token=token))
    elif form.csrf_token.errors:
        flash(_("The form had expired. Please check your details and press the button again."), "warning")
    return render_template("registrations/edit.html", registration=registration, form=form)


@bp.route("/p/<token>/cancel", methods=["GET", "POST"])
@secret_link()
def cancel(token: str):
    """Two steps: the page says what cancelling does, its button cancels (a second press, or a
    stale page sent again, changes nothing and sends nothing)."""
    registration = _registration_or_404(token)
    if request.method == "POST":
        services.cancel_registration(registration, notify=True)
        db.session.commit()
        flash(_("Your registration has been cancelled."), "info")
        return redirect(url_for(".personal_page", token=token))
    if registration.status == RegistrationStatus.CANCELLED:
        return redirect(url_for(".personal_page", token=token))
    return render_template("registrations/cancel.html", registration=registration, event=registration.event)


@bp.post("/p/<token>/register-again")
@limiter.limit(_public_form_limit)
@secret_link()
def register_again(token: str):
    registration = _registration_or_404(token)
    try:
        reopened = services.register_again(registration)
        status = registration.status
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        flash(str(error), "warning")
    else:
        if reopened and status == RegistrationStatus.WAITLISTED:
            flash(_("You are on the waiting list. We will tell you when a place frees up."), "success")
        elif reopened:
            flash(_("You are registered again."), "success")
    return redirect(url_for(".personal_page", token=token))


@bp.route("/p/<token>/erase", methods=["GET", "POST"])
@secret_link()
def erase(token: str):
    """The page states what each choice deletes; after the erasure the link answers 404."""
    registration = _registration_or_404(token)
    scope, missing = request.form.get("scope"), False
    if request.method == "POST":
        if scope in set(services.ErasureScope):
            services.erase_personal_data(registration, scope=services.ErasureScope(scope))
            db.session.commit()
            return render_template("registrations/erased.html", scope=scope)
        missing = True
    return render_template("registrations/erase.html", registration=registration, event=registration.event,
                           consequences=services.erasure_consequences(registration), missing=missing)

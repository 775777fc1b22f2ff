"""Calendar files and feeds: public (never a video link), staff (with links), personal feeds."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..auth.models import Role
from ..core.compression import if_none_match
from ..core.permissions import public, role_required, secret_link
from ..core.views import run_action
from ..events import queries
from ..events.models import Event
from ..extensions import db
from ..programmes.services import current_programme
from . import services

bp = Blueprint("ical", __name__)
staff = role_required(Role.ORGANISER, Role.MODERATOR)


def calendar_response(body: bytes, filename: str, *, private: bool) -> Response:
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-cache" if private else "public, no-cache"
    if private:
        response.headers["X-Robots-Tag"] = "noindex"
    return response


@bp.get("/calendar.ics")
@public
def public_feed():
    programme = current_programme(request.args.get("programme")) or abort(404)
    filters = queries.EventFilters.from_args(request.args)
    etag, last_modified = services.feed_validators(programme, filters)
    if if_none_match(etag) or (
            not request.if_none_match and last_modified and request.if_modified_since
            and last_modified.replace(microsecond=0) <= request.if_modified_since):
        response = Response(status=304)
    else:
        response = calendar_response(services.public_feed(programme, filters),
                                      f"{programme.slug}.ics", private=False)
    response.set_etag(etag)
    response.last_modified = last_modified
    response.headers["Cache-Control"] = "public, no-cache"
    return response


@bp.get("/e/<token>.ics")
@public
def public_event(token: str):
    event = queries.find_public_event(token) or abort(404)
    body = services.render_calendar([event], name=event.title, with_link=False)
    return calendar_response(body, "event.ics", private=False)


@bp.get("/staff/events/<int:event_id>.ics")
@staff
def staff_event(event_id: int):
    event = db.get_or_404(Event, event_id)
    body = services.render_calendar([event], name=event.title, with_link=True)
    return calendar_response(body, "event.ics", private=True)


@bp.get("/calendar/staff/<token>.ics")
@secret_link()
def staff_feed(token: str):
    user = services.find_feed_owner(token) or abort(404)
    return calendar_response(services.staff_feed(user), "umid-events.ics", private=True)


@bp.get("/staff/calendar")
@staff
def my_calendar():
    token = current_user.calendar_token
    feed = url_for(".staff_feed", token=token, _external=True) if token else None
    return render_template("ical/my_calendar.html", feed=feed)


@bp.post("/staff/calendar/reset")
@staff
def reset_my_calendar():
    return run_action(lambda: services.reset_calendar_token(current_user),
                      done=_("Your calendar address is ready. Any older address no longer works."),
                      next_url=url_for(".my_calendar"))

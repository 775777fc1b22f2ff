"""Public pages: the programme's events as a list and a month calendar, and each event's page.

Nothing here shows a video link: the link is for registered participants and staff only.
"""

from __future__ import annotations

import calendar
from dataclasses import replace
from datetime import datetime, timedelta

from flask import Blueprint, abort, render_template, request, url_for
from flask_babel import gettext as _

from ..core.permissions import public
from ..core.timefmt import display_zone
from ..directory.services import list_communities, list_districts
from ..programmes.services import current_programme
from . import queries
from .calendar_links import google_calendar_url, outlook_calendar_url
from .models import Event

bp = Blueprint("public", __name__)


def _filter_choices():
    return {"districts": list_districts(), "communities": list_communities()}


@bp.get("/events")
@public
def events():
    programme = current_programme(request.args.get("programme")) or abort(404)
    filters = queries.EventFilters.from_args(request.args)
    if filters.when is None:
        filters = replace(filters, when="upcoming")
    found = queries.list_events(programme, filters, public=True)
    return render_template(
        "public/events.html", programme=programme, filters=filters,
        events=found[:queries.PAGE_SIZE], has_more=len(found) > queries.PAGE_SIZE,
        **_filter_choices(),
    )


@bp.get("/events/calendar")
@public
def month():
    programme = current_programme(request.args.get("programme")) or abort(404)
    zone = display_zone()
    filters = queries.EventFilters.from_args(request.args)
    first, following = queries.month_bounds(request.args.get("month"), datetime.now(zone).date())
    by_day = {}
    for event in queries.events_between(programme, filters, first, following, zone, public=True):
        by_day.setdefault(event.starts_at.astimezone(zone).date(), []).append(event)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    previous = (first - timedelta(days=1)).strftime("%Y-%m")
    return render_template(
        "public/month.html", programme=programme, filters=filters, first=first, weeks=weeks,
        by_day=by_day, previous=previous, following=following.strftime("%Y-%m"),
        **_filter_choices(),
    )


def calendar_links(event: Event) -> dict:
    """Links that add the event (without its video link) to common calendars."""
    page = url_for("public.event", token=event.public_token, _external=True)
    common = {"title": event.title, "starts_at": event.starts_at, "ends_at": event.ends_at,
              "details": f"{event.description}\n\n{page}".strip(), "location": _("Online")}
    return {
        "ics": url_for("ical.public_event", token=event.public_token),
        "google": google_calendar_url(**common),
        "outlook": outlook_calendar_url(**common),
    }


@bp.get("/e/<token>")
@public
def event(token: str):
    found = queries.find_public_event(token) or abort(404)
    return render_template("public/event.html", event=found, links=calendar_links(found))

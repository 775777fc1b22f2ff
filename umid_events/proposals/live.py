"""The live recording screen: moderators type proposals during an event, every screen follows.

Each entry carries a key made by the browser; a retry or a double press sends the same key and
the proposal is saved once. The feed sends only what changed since the screen's last cursor.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy.exc import IntegrityError

from ..auth.models import Role
from ..core.errors import DomainError
from ..core.permissions import role_required
from ..core.timefmt import display_zone, format_moment
from ..directory.models import Community, Organisation
from ..directory.services import community_options
from ..events.models import Event
from ..extensions import db
from ..registrations.forms import GROUP_LABELS
from ..registrations.models import ParticipantGroup, Registration
from . import queries, services
from .forms import WindowForm
from .labels import STATUS_LABELS
from .models import Proposal, ProposalOrigin, ProposalTopic

bp = Blueprint("proposals_live", __name__, url_prefix="/staff/events/<int:event_id>/proposals")
staff = role_required(Role.ORGANISER, Role.MODERATOR)
organisers = role_required(Role.ORGANISER)


def _event(event_id: int) -> Event:
    return db.get_or_404(Event, event_id)


@bp.get("/live")
@staff
def screen(event_id: int):
    event = _event(event_id)
    return render_template(
        "proposals/live.html", event=event, topics=queries.topics(active_only=True),
        authorities=queries.authorities(), communities=community_options(),
        group_labels=GROUP_LABELS, window=services.proposals_state(event))


@bp.route("/window", methods=["GET", "POST"])
@organisers
def window(event_id: int):
    """When participants may send proposals for this event (before, during, after it)."""
    event, zone = _event(event_id), display_zone()
    local = [moment.astimezone(zone).replace(tzinfo=None) if moment else None
             for moment in (event.proposals_open_from, event.proposals_open_until)]
    form = WindowForm(opens=local[0], closes=local[1])
    if form.validate_on_submit():
        opens, closes = (value.replace(tzinfo=zone) if value else None
                         for value in (form.opens.data, form.closes.data))
        services.set_proposal_window(event, opens, closes)
        db.session.commit()
        flash(_("Saved."), "success")
        return redirect(url_for(".screen", event_id=event.id))
    return render_template("proposals/window.html", event=event, form=form,
                           state=services.proposals_state(event))


def _error(message: str, status: int = 422):
    return jsonify(ok=False, error=message), status


def _id_of(payload: dict, name: str) -> int | None:
    value = payload.get(name)
    if value in (None, "", 0, "0"):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise services.ProposalRefused(_("The entry could not be read; reload the page.")) from None


def _names(topic_id, authority_id, community_id) -> tuple[str | None, str | None, str | None]:
    """The names of the chosen topic, authority and community, in one query (None: not found)."""
    def name_of(column, id_column, value):
        return sa.select(column).where(id_column == value).scalar_subquery()

    return tuple(db.session.execute(sa.select(
        name_of(ProposalTopic.name, ProposalTopic.id, topic_id),
        name_of(Organisation.name, Organisation.id, authority_id),
        name_of(Community.name, Community.id, community_id))).one())


def draft_from_payload(event: Event, payload: dict) -> tuple[services.ProposalDraft, dict]:
    """The typed entry as a draft, with the names the screens show; unknown topics,
    authorities, communities or speakers are refused."""
    topic_id, authority_id = _id_of(payload, "topic_id"), _id_of(payload, "authority_id")
    registration_id, community_id = _id_of(payload, "registration_id"), _id_of(payload, "community_id")
    topic, authority, community = _names(topic_id, authority_id, community_id)
    if topic_id and topic is None:
        raise services.ProposalRefused(_("That topic no longer exists; reload the page."))
    if authority_id and authority is None:
        raise services.ProposalRefused(_("That authority no longer exists; reload the page."))
    if community_id and community is None:
        raise services.ProposalRefused(_("That community no longer exists; reload the page."))
    group = payload.get("group") or None
    if group is not None and group not in set(ParticipantGroup):
        raise services.ProposalRefused(_("The entry could not be read; reload the page."))
    draft = services.ProposalDraft(
        text=str(payload.get("text") or ""), title=str(payload.get("title") or ""),
        topic_id=topic_id, authority_id=authority_id, event_id=event.id,
        origin=ProposalOrigin.MODERATOR, community_id=community_id,
        proposer_group=ParticipantGroup(group) if group else None)
    names = {"topic": topic or "", "authority": authority or "", "community": community}
    if registration_id:
        registration = db.session.get(Registration, registration_id)
        if registration is None or registration.event_id != event.id:
            raise services.ProposalRefused(_("That speaker is not registered for this event."))
        draft.registration_id, draft.person_id = registration.id, registration.person_id
        draft.proposer_group = draft.proposer_group or registration.group
        if not draft.community_id and registration.person.community:
            draft.community_id = registration.person.community_id
            names["community"] = registration.person.community.name
        names["person"] = registration.person
    return draft, names


def save_entry(event: Event, payload: dict) -> tuple[dict, bool]:
    """Record one live entry and commit; the same key twice returns the first one.

    Returns what the screens show of it, built before the commit (its topic, authority and
    community are already in the session then, so no query is needed after it)."""
    key = services.clean_idempotency_key(payload.get("key"))
    if not key:
        raise services.ProposalRefused(_("The entry could not be read; reload the page."))
    try:
        draft, names = draft_from_payload(event, payload)
        proposal, created = services.record_proposal(draft, by=current_user, idempotency_key=key)
        if proposal.event_id != event.id:
            raise services.ProposalRefused(_("The entry could not be read; reload the page."))
        entry = entry_json(proposal, names if created else None)
        db.session.commit()
    except IntegrityError:  # the same key, pressed at the same moment on another connection
        db.session.rollback()
        proposal, created = services.find_by_idempotency_key(key), False
        if proposal is None or proposal.event_id != event.id:
            raise
        entry = entry_json(proposal)
    return entry, created


@bp.post("/live/entries")
@staff
def create_entry(event_id: int):
    event = _event(event_id)
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        return _error(_("The entry could not be read; reload the page."), 400)
    try:
        entry, created = save_entry(event, payload)
    except DomainError as error:
        db.session.rollback()
        return _error(str(error))
    return jsonify(ok=True, created=created, entry=entry), 201 if created else 200


def entry_json(proposal: Proposal, names: dict | None = None) -> dict:
    """What a screen shows of an entry (text only: the browser inserts it as text, never HTML).

    ``names`` (topic, authority, community, person) spares the queries when they are known."""
    if names is None:
        names = {"topic": proposal.topic.name if proposal.topic else "",
                 "authority": proposal.authority.name if proposal.authority else "",
                 "community": proposal.community.name if proposal.community else None,
                 "person": proposal.person}
    person = names.get("person")
    if person is not None and person.anonymised_at is None:
        speaker = person.full_name
    else:
        group = GROUP_LABELS.get(proposal.proposer_group) if proposal.proposer_group else None
        speaker = ", ".join(str(part) for part in (group, names["community"]) if part)
    return {
        "id": proposal.id, "key": proposal.idempotency_key, "version": proposal.version,
        "title": proposal.title, "text": proposal.text, "speaker": speaker,
        "topic": names["topic"], "authority": names["authority"],
        "status": str(STATUS_LABELS[proposal.status]),
        "waiting": proposal.awaiting_moderation,
        "time": format_moment(proposal.created_at, "time"),
        "created": proposal.created_at.isoformat(),
        "url": url_for("proposals.show", proposal_id=proposal.id),
    }


def _since(value: str | None) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value) if value else None
    except ValueError:
        return None
    return moment if moment is None or moment.tzinfo else None


@bp.get("/live/feed")
@staff
def feed(event_id: int):
    """Entries changed since ``since`` (an ISO moment from the previous answer), and the next cursor."""
    event = _event(event_id)
    since = _since(request.args.get("since"))
    changed = queries.live_changes(event.id, since)
    cursor = max((p.updated_at for p in changed), default=since)
    response = jsonify(entries=[entry_json(p) for p in changed],
                       cursor=cursor.isoformat() if cursor else None, full=since is None,
                       csrf=generate_csrf())  # a fresh form token: a seminar outlasts one
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/live/speakers")
@staff
def speakers(event_id: int):
    event = _event(event_id)
    found = queries.speakers(event.id, (request.args.get("q") or "")[:100])
    return jsonify(speakers=[
        {"registration_id": registration.id, "name": person.full_name,
         "group": registration.group.value, "group_label": str(GROUP_LABELS[registration.group]),
         "community_id": person.community_id,
         "community": person.community.name if person.community else ""}
        for person, registration in found])

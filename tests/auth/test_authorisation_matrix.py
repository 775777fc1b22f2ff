"""The authorisation matrix: every route × method × kind of visitor, answered as its view declares.

The routes are not listed here: they come from the URL map, and each view's declaration
(``@public``, ``@secret_link``, ``@signed_in`` or ``@role_required(...)``, see
``umid_events/core/permissions.py``) says what every visitor must get. A route without a
declaration fails ``test_every_route_declares_who_may_open_it``; every declared one is then
opened, on the demo programme, by five visitors:

* anonymous: nobody signed in, no link;
* participant: a registered person holding their own personal link (and no staff session);
* moderator, organiser, admin: signed-in staff.

Expected answers:

* ``role_required(roles)``: staff holding a role → not refused (GET: a page or a redirect; POST
  with an empty form: anything but 401/403/5xx); other staff → 403; visitors → sent to sign in;
* ``signed_in``: any staff → not refused; visitors → sent to sign in;
* ``public``: everyone → not refused;
* ``secret_link``: everyone with the real token → not refused; with any other token → 404.

POSTs carry a valid CSRF token of the visitor's own session, so that the answer is the
permission check's and not the CSRF check's. Allowed POSTs run last (they may change the demo).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

import pytest
import sqlalchemy as sa
from flask import current_app
from werkzeug.routing import Rule

from umid_events.auth.models import Role, User
from umid_events.certificates.models import Certificate
from umid_events.core.permissions import Access, declared_access, declaring_view
from umid_events.core.types import utcnow
from umid_events.directory.models import Person
from umid_events.documents.models import Dossier
from umid_events.events.kinds import EventStatus
from umid_events.events.models import Event
from umid_events.extensions import db
from umid_events.notifications.models import BulkMailAddress
from umid_events.outcomes.models import KnowledgeCheck
from umid_events.proposals.models import Proposal
from umid_events.registrations.models import Registration, RegistrationStatus

from ..conftest import PASSWORD, csrf_token, post_form, run_worker_producers
from ..route_values import representatives

VISITORS = ("anonymous", "participant")
STAFF = {"moderator": Role.MODERATOR, "organiser": Role.ORGANISER, "admin": Role.ADMIN}
PERSONAS = (*VISITORS, *STAFF)
# Flask's own route for the files under static/ (stylesheets, scripts, images): public by nature.
FRAMEWORK_ENDPOINTS = {"static"}
# Files the demo has none of, so the route rightly answers 404: the letterhead's logo and the
# founding document of a dialogue platform are uploaded by organisers.
NOTHING_IN_THE_DEMO = {"documents.letterhead_logo", "outcomes.platform_document"}
# Public routes whose page exists only in one state of the service: the first-run set-up page
# answers 404 once an administrator exists (the demo world has three).
CLOSED_ONCE_SET_UP = {"auth.setup"}


@dataclass
class Route:
    endpoint: str
    rule: Rule
    method: str
    access: Access
    roles: tuple
    url: str
    forged_url: str | None  # the URL with another token, for secret links

    def __str__(self) -> str:
        return f"{self.method} {self.url} ({self.endpoint}, {self.access})"


def _declarations(app) -> dict[str, tuple[Access, tuple] | None]:
    return {rule.endpoint: declared_access(app.view_functions[rule.endpoint])
            for rule in app.url_map.iter_rules() if rule.endpoint not in FRAMEWORK_ENDPOINTS}


def test_every_route_declares_who_may_open_it(app):
    undeclared = sorted(endpoint for endpoint, declared in _declarations(app).items() if declared is None)
    assert undeclared == [], f"routes without @public/@secret_link/@signed_in/@role_required: {undeclared}"
    # and every declaration is one of the four, with roles exactly on role_required
    for endpoint, (access, roles) in _declarations(app).items():
        assert (access == Access.ROLE) == bool(roles), endpoint


def test_moderators_never_administer_accounts_export_or_issue_dossiers(app):
    """Declarations themselves: what is for admins only stays so."""
    declared = _declarations(app)
    admin_only = {endpoint for endpoint, (access, roles) in declared.items()
                  if access == Access.ROLE and roles == (Role.ADMIN,)}
    assert {"auth.users", "auth.create_user", "auth.edit_user"} <= admin_only
    for endpoint, (_access, roles) in declared.items():
        if endpoint.startswith(("auth.", "backup.", "audit.")) and roles:
            assert Role.MODERATOR not in roles, endpoint
        # nor take personal data away, or issue what goes to an authority
        if endpoint.startswith(("documents.", "contacts.", "directory.")) or "export" in endpoint:
            assert Role.MODERATOR not in roles, endpoint


def _secret_values(participant: Registration) -> dict[tuple[str | None, str], str]:
    """Real tokens for the secret-link and token-bearing public routes, from the demo data."""
    def first(column, *where):
        return db.session.scalar(sa.select(column).where(*where).order_by(column).limit(1))

    certified = first(Registration.personal_token, Registration.id.in_(
        sa.select(Certificate.registration_id).where(Certificate.revoked_at.is_(None))))
    knowledge = first(Registration.personal_token,
                      Registration.status == RegistrationStatus.CONFIRMED,
                      Registration.event_id.in_(sa.select(KnowledgeCheck.event_id)))
    open_event = participant.event
    checked_in = first(Event.check_in_token, Event.check_in_token.is_not(None))
    values = {
        ("certificates_public.my_certificate", "token"): certified,
        ("certificates_public.email_me", "token"): certified,
        ("knowledge_public.answer", "token"): knowledge,
        ("certificates_public.verify", "token"): first(Certificate.token),
        ("check_in.landing", "token"): checked_in,
        ("check_in.confirm", "token"): checked_in,
        ("ical.staff_feed", "token"): first(User.calendar_token, User.calendar_token.is_not(None)),
        ("proposals_public.proposal", "token"): first(Proposal.public_token),
        ("unsubscribe.unsubscribe", "token"): first(BulkMailAddress.token),
        ("unsubscribe.resubscribe", "token"): first(BulkMailAddress.token),
        ("public.event", "token"): open_event.public_token,
        ("ical.public_event", "token"): open_event.public_token,
        ("proposals_public.submit_from_event_page", "token"): open_event.public_token,
        ("registrations.register", "token"): open_event.registration_token,
        ("registrations.recover_link", "token"): open_event.registration_token,
        ("main.set_language", "code"): "en",
        ("attendance.check_in_qr", "event_id"): first(Event.id, Event.check_in_token.is_not(None)),
    }
    for rule in current_app.url_map.iter_rules():  # the personal pages: the participant's own
        if rule.rule.startswith("/p/<token>"):
            values.setdefault((rule.endpoint, "token"), participant.personal_token)
    return values


def _routes(app, values: dict) -> list[Route]:
    routes, unfilled = [], []
    for rule in sorted(app.url_map.iter_rules(), key=lambda rule: rule.rule):
        if rule.endpoint in FRAMEWORK_ENDPOINTS:
            continue
        view = app.view_functions[rule.endpoint]
        access, roles = declared_access(view)
        for arguments in _every_choice(rule, values, unfilled):
            url = rule.build(arguments, append_unknown=False)[1] + values.get((rule.endpoint, "?"), "")
            forged = None
            if access == Access.SECRET_LINK:
                argument = declaring_view(view).secret_argument
                forged = rule.build({**arguments, argument: secrets.token_urlsafe(16)},
                                    append_unknown=False)[1]
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                routes.append(Route(rule.endpoint, rule, method, access, roles, url, forged))
    assert unfilled == [], "\n".join(unfilled)
    return routes


def _every_choice(rule: Rule, values: dict, unfilled: list[str]) -> list[dict]:
    """The rule's arguments filled in: an ``any(pdf, xlsx)`` part once with each choice, every
    other argument with its value from the demo."""
    filled = [{}]
    for name in sorted(rule.arguments):
        choices = getattr(rule._converters.get(name), "items", None)
        if choices:
            filled = [{**arguments, name: choice} for arguments in filled for choice in sorted(choices)]
            continue
        value = values.get((rule.endpoint, name), values.get((None, name)))
        if value is None:
            unfilled.append(f"{rule.endpoint} {rule.rule}: no value for <{name}>")
            return []
        filled = [{**arguments, name: value} for arguments in filled]
    return filled


def _allowed(route: Route, persona: str) -> bool:
    if route.access in (Access.PUBLIC, Access.SECRET_LINK):
        return True
    if persona in VISITORS:
        return False
    role = STAFF[persona]
    return route.access == Access.SIGNED_IN or role == Role.ADMIN or role in route.roles


def _problem(route: Route, persona: str, response) -> str | None:
    """What is wrong with the answer ``persona`` got, or None."""
    status = response.status_code
    said = f"{persona}: {route} answered {status}"
    if status >= 500:
        return said
    if not _allowed(route, persona):
        if persona in VISITORS:
            location = response.headers.get("Location", "")
            return None if status == 302 and "/login" in location else f"{said}, not sent to sign in"
        return None if status == 403 else f"{said}, not 403"
    if status == 429 and route.access in (Access.PUBLIC, Access.SECRET_LINK):
        return None  # a public form's rate limit (per address) answered before the view
    if route.method == "GET":
        if route.endpoint in NOTHING_IN_THE_DEMO:
            return None if status == 404 else f"{said}, not 404"
        if route.endpoint in CLOSED_ONCE_SET_UP:
            return None if status == 404 else f"{said}, not 404 once set up"
        if status >= 400:
            return f"{said}, refused"
        if status == 302 and "/login" in response.headers.get("Location", ""):
            return f"{said}, sent to sign in"
        return None
    # an allowed POST with an empty form: anything but a refusal (the demo may have changed)
    if status in (401, 403) or (status == 302 and "/login?" in response.headers.get("Location", "")):
        return f"{said}, refused"
    return None


@pytest.fixture
def world(app, client, make_user):
    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    run_worker_producers()
    users = {persona: make_user(role) for persona, role in STAFF.items()}
    for user in users.values():  # each with a calendar feed of their own
        user.calendar_token = user.calendar_token or secrets.token_urlsafe(24)
    participant = db.session.scalars(sa.select(Registration).join(Event).where(
        Registration.status == RegistrationStatus.CONFIRMED, Event.status == EventStatus.PUBLISHED,
        Event.starts_at > utcnow()).order_by(Registration.id)).first()
    values = representatives(users["organiser"])
    values.update(_secret_values(participant))
    values[("proposals_public.accountability", "slug")] = _first_authority_slug(client)
    # the draft dossier is asked for one authority's proposals
    values[("documents.dossier_draft", "?")] = f"?authority_id={db.session.scalar(sa.select(Dossier.authority_id))}"
    db.session.commit()
    clients = {persona: app.test_client() for persona in PERSONAS}
    for persona, user in users.items():
        login_as(clients[persona], user)
    clients["participant"].get(f"/p/{participant.personal_token}")
    return {"routes": _routes(app, values), "clients": clients,
            "participant": participant}


def login_as(client, user) -> None:
    response = post_form(client, "/login", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 302


def _first_authority_slug(client) -> str:
    page = client.get("/proposals").get_data(as_text=True)
    found = re.search(r'href="/proposals/([^"?#/]+)"', page)
    assert found, "the accountability page links no authority"
    return found.group(1)


def _csrf(client, persona: str) -> str:
    return csrf_token(client, "/plan" if persona in STAFF else "/login")


def test_every_route_answers_every_visitor_as_declared(world):
    routes, clients = world["routes"], world["clients"]
    problems = []
    opened = 0
    # GETs first, by everyone; then POSTs refused to their sender (they must change nothing);
    # then the allowed POSTs, the admin's last (an admin's empty form may close an account).
    for persona in PERSONAS:
        for route in (route for route in routes if route.method == "GET"):
            problems.append(_problem(route, persona, clients[persona].get(route.url)))
            opened += 1
            if route.forged_url:
                answer = clients[persona].get(route.forged_url)
                if answer.status_code not in (404, 429):
                    problems.append(f"{persona}: {route} with another token answered "
                                    f"{answer.status_code}, not 404")
                opened += 1
    tokens = {persona: _csrf(clients[persona], persona) for persona in PERSONAS}
    unsafe = [route for route in routes if route.method != "GET" and route.endpoint != "auth.logout"]
    for persona in PERSONAS:
        for route in (route for route in unsafe if not _allowed(route, persona)):
            response = clients[persona].open(route.url, method=route.method,
                                             data={"csrf_token": tokens[persona]})
            problems.append(_problem(route, persona, response))
            opened += 1
    for persona in PERSONAS:
        for route in (route for route in unsafe if _allowed(route, persona)):
            if route.forged_url:
                answer = clients[persona].open(route.forged_url, method=route.method,
                                               data={"csrf_token": tokens[persona]})
                if answer.status_code not in (404, 429):
                    problems.append(f"{persona}: {route} with another token answered "
                                    f"{answer.status_code}, not 404")
                opened += 1
            response = clients[persona].open(route.url, method=route.method,
                                             data={"csrf_token": tokens[persona]})
            problems.append(_problem(route, persona, response))
            opened += 1
    problems = [problem for problem in problems if problem]
    assert problems == [], f"{len(problems)} of {opened} answers:\n" + "\n".join(problems)
    assert len({route.endpoint for route in routes}) > 150
    assert opened > 5 * len(routes)


def test_signing_out_needs_a_session_and_ends_it(world):
    clients = world["clients"]
    anonymous = clients["anonymous"]
    response = anonymous.post("/logout", data={"csrf_token": _csrf(anonymous, "anonymous")})
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    organiser = clients["organiser"]
    assert organiser.post("/logout", data={"csrf_token": _csrf(organiser, "organiser")}).status_code == 302
    assert "/login" in organiser.get("/plan").headers["Location"]


def _personal_contacts() -> set[str]:
    rows = db.session.execute(sa.select(Person.email, Person.phone)).all()
    return {value for row in rows for value in row if value}


def test_no_public_or_forged_link_shows_anyone_s_phone_or_email(world):
    """Participants' contacts appear only on staff pages and on their owner's own link."""
    contacts = _personal_contacts()
    assert len(contacts) > 20
    own = world["participant"].person
    own_contacts = {own.email, own.phone} - {None}
    anonymous = world["clients"]["anonymous"]
    leaks = []
    for route in world["routes"]:
        if route.method != "GET" or route.access not in (Access.PUBLIC, Access.SECRET_LINK):
            continue
        for url in filter(None, (route.url, route.forged_url)):
            body = anonymous.get(url).get_data()
            shown = {contact for contact in contacts - own_contacts if contact.encode() in body}
            if shown:
                leaks.append(f"{url} ({route.endpoint}) shows {sorted(shown)[:3]}")
    assert leaks == [], "\n".join(leaks)


def test_what_a_moderator_can_download_holds_no_contacts(world):
    """Moderators record proposals and mark attendance; they never take personal data away."""
    contacts = _personal_contacts()
    moderator = world["clients"]["moderator"]
    downloads = []
    for route in world["routes"]:
        if route.method != "GET" or not _allowed(route, "moderator") or route.access != Access.ROLE:
            continue
        response = moderator.get(route.url)
        if response.status_code == 200 and (
                "attachment" in response.headers.get("Content-Disposition", "")
                or response.mimetype not in ("text/html", "application/json")):
            downloads.append(route.endpoint)
            body = response.get_data()
            shown = {contact for contact in contacts if contact.encode() in body}
            assert not shown, f"{route} gives a moderator {sorted(shown)[:3]}"
    assert downloads, "moderators download nothing at all? (the test would prove nothing)"

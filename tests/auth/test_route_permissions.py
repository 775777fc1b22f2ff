"""Every route is either public on purpose or checks the role of the signed-in user."""

from __future__ import annotations

import pytest
from flask import url_for

from umid_events.auth.models import Role

PUBLIC_ENDPOINTS = {"static", "main.index", "main.set_language", "main.healthz", "main.favicon", "auth.login",
                    "auth.setup", "public.events", "public.month", "public.event",
                    "ical.public_feed", "ical.public_event", "main.privacy",
                    "proposals_public.accountability"}
# Opened by a secret token in the URL instead of a session (tested with their features).
SECRET_LINK_ENDPOINTS = {"ical.staff_feed", "registrations.register", "registrations.personal_page",
                         "registrations.recover_link",
                         "registrations.join", "registrations.personal_calendar",
                         "registrations.edit_details", "registrations.cancel", "registrations.erase",
                         "registrations.register_again",
                         "certificates_public.verify", "certificates_public.my_certificate",
                         "certificates_public.email_me",
                         "check_in.check_in", "check_in.landing", "check_in.confirm",
                         "proposals_public.submit_from_personal_page",
                         "proposals_public.submit_from_event_page", "proposals_public.proposal",
                         "knowledge_public.answer", "unsubscribe.unsubscribe", "unsubscribe.resubscribe"}
SIGNED_IN_ONLY = {"auth.logout"}


def _sample(rule, argument):
    """A value the URL accepts: the first choice of an ``any(...)`` part, else 1."""
    choices = getattr(rule._converters.get(argument), "items", None)
    return sorted(choices)[0] if choices else 1


def _staff_routes(app):
    """(endpoint, url, method, roles) for every staff route, with sample ids filled in."""
    routes = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC_ENDPOINTS | SECRET_LINK_ENDPOINTS | SIGNED_IN_ONLY:
            continue
        view = app.view_functions[rule.endpoint]
        roles = getattr(view, "required_roles", None)
        with app.test_request_context():
            url = url_for(rule.endpoint, **{arg: _sample(rule, arg) for arg in rule.arguments})
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            routes.append((rule.endpoint, url, method, roles))
    return routes


def test_every_route_is_public_on_purpose_or_role_checked(app):
    unprotected = [endpoint for endpoint, _url, _method, roles in _staff_routes(app) if not roles]
    assert unprotected == []


def test_anonymous_visitors_are_sent_to_sign_in(app, client, make_user):
    make_user(Role.ADMIN)  # past the first-run set-up
    for endpoint, url, method, _roles in _staff_routes(app):
        response = client.open(url, method=method)
        if method == "POST" and response.status_code == 400:
            continue  # refused even earlier, by the CSRF check
        assert response.status_code == 302, (endpoint, method)
        assert "/login" in response.headers["Location"], endpoint


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.ORGANISER])
def test_staff_cannot_open_pages_above_their_role(app, client, make_user, login, role):
    login(make_user(role))
    for endpoint, url, method, roles in _staff_routes(app):
        if role in roles or method != "GET":
            continue
        assert client.get(url).status_code == 403, endpoint


def test_a_moderator_cannot_reach_admin_or_organiser_pages(client, make_user, login):
    login(make_user(Role.MODERATOR))
    for url in ("/admin/users", "/admin/users/new", "/directory/communities", "/directory/people"):
        response = client.get(url)
        assert response.status_code == 403
        assert "Hesabınızın bu səhifəni açmağa icazəsi yoxdur." in response.get_data(as_text=True)
    assert client.get("/plan").status_code == 200


def test_admins_hold_every_role(client, make_user, login):
    login(make_user(Role.ADMIN))
    for url in ("/admin/users", "/directory/communities", "/directory/people", "/plan"):
        assert client.get(url).status_code == 200, url

"""Every staff page passes axe-core: no serious or critical WCAG 2.x A/AA violation.

The pages are not listed by hand: they come from the URL map (every GET route that a staff role
guards, plus the sign-in page, the front page and the error page), each parameterised one opened
once with a representative from the demo data, so a new staff page is checked the day it is added
(a new kind of URL argument fails the test until it is given a representative). Files (PDF,
calendars, images, spreadsheets, JSON feeds) are left out: by the extension in their rule, else by
Content-Type. Each page is checked as a desktop and as a phone lays it out, and its ids are unique.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect
from werkzeug.routing import Rule

from umid_events.auth.models import Role
from umid_events.directory.models import Person
from umid_events.extensions import db
from umid_events.invitations.services import invite_people

from ..conftest import run_worker_producers
from ..registrations.conftest import community, open_event  # noqa: F401
from ..route_values import representatives
from .axe import describe_violations
from .conftest import PHONE, sign_in

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
# Rules without an extension that still answer with a file rather than a page.
# The mail previews are a mail's HTML part, framed by the message and invitation preview pages
# under the mail's own sandboxing policy (no script runs there, axe neither): not pages of the site.
FILES = {"documents.letterhead_logo", "notifications.show_html", "invitations.preview_html"}
BAKU = ZoneInfo("Asia/Baku")


def _guard(view) -> tuple | None:
    """The staff roles a view asks for (``role_required`` marks its wrapper), or None."""
    while view is not None:
        roles = getattr(view, "required_roles", None)
        if roles is not None:
            return roles
        view = getattr(view, "__wrapped__", None)
    return None


def _is_file(rule: Rule) -> bool:
    """A rule whose last segment has an extension (``report.pdf``, ``<id>.ics``, ``.<any(..)>``)."""
    return "." in rule.rule.rsplit("/", 1)[-1]


def staff_rules(app) -> list[tuple[Rule, tuple]]:
    """Every GET rule for a page (not a file) that a staff role guards, with its roles."""
    found = []
    for rule in app.url_map.iter_rules():
        roles = _guard(app.view_functions[rule.endpoint])
        if "GET" in rule.methods and roles is not None and not _is_file(rule) \
                and rule.endpoint not in FILES:
            found.append((rule, roles))
    return sorted(found, key=lambda item: item[0].rule)


def staff_pages(app, values) -> tuple[list[tuple[str, str, tuple]], list[str]]:
    """``(endpoint, path, roles)`` of every staff page, and the rules nothing could fill in."""
    pages, unfilled = [], []
    for rule, roles in staff_rules(app):
        arguments = {}
        for name in rule.arguments:
            value = values.get((rule.endpoint, name), values.get((None, name)))
            if value is None:
                unfilled.append(f"{rule.endpoint} {rule.rule}: no representative for <{name}>")
                break
            arguments[name] = value
        else:
            pages.append((rule.endpoint, rule.build(arguments, append_unknown=False)[1], roles))
    # the attendance report whose columns are unknown opens the column-mapping step
    event_id = values[(None, "event_id")]
    pages.append(("attendance.preview (mapping)",
                  f"/staff/events/{event_id}/attendance/import/{values[('attendance.mapping', 'upload_id')]}",
                  (Role.ORGANISER,)))
    return pages, unfilled


def _check(page, url: str, axe, problems: list[str], status: int = 200) -> bool:
    """Open ``url`` and run axe on it as a desktop and as a phone shows it; False for no page."""
    response = page.context.request.get(url, max_redirects=0)
    if not response.headers.get("content-type", "").startswith("text/html"):
        return False
    opened = page.goto(url)
    if opened.status != status or opened.url != url:
        problems.append(f"{url}: status {opened.status}, landed on {opened.url}")
        return True
    duplicated = page.evaluate("""() => {
        const seen = {};
        for (const element of document.querySelectorAll('[id]')) seen[element.id] = (seen[element.id] || 0) + 1;
        return Object.keys(seen).filter(id => seen[id] > 1);
    }""")
    if duplicated:  # axe no longer checks this (HTML's own rule: an id is unique in its document)
        problems.append(f"{url}: ids used more than once: {', '.join(sorted(duplicated))}")
    for name, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        violations = axe(page)
        if violations:
            problems.append(describe_violations(violations, f"{url} ({name})"))
    page.set_viewport_size(DESKTOP)
    return True


def _browse_as(chromium, live_server: str, user, pages, axe, problems: list[str]) -> list[str]:
    """Sign ``user`` in (None: nobody) and check each of ``pages``; the endpoints checked."""
    context = chromium.new_context(viewport=DESKTOP, locale="az-AZ")
    page = context.new_page()
    page.on("response", lambda response: response.status >= 400  # what a page asks for: css, icon …
            and not response.request.is_navigation_request()
            and problems.append(f"{response.url}: status {response.status} (asked for by {page.url})"))
    page.on("pageerror", lambda error: problems.append(f"{page.url}: JavaScript error {error}"))
    if user is not None:
        sign_in(page, live_server, user)
    checked = [endpoint for endpoint, path in pages if _check(page, live_server + path, axe, problems)]
    if user is not None:  # the error page, in the staff's frame
        assert _check(page, f"{live_server}/staff/events/999999", axe, problems, status=404)
    context.close()
    return checked


def test_every_staff_page_passes_axe(app, live_server, chromium, make_user, axe):
    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    run_worker_producers()  # the demo's invitations written, as the worker would
    organiser, admin = make_user(Role.ORGANISER), make_user(Role.ADMIN)
    pages, unfilled = staff_pages(app, representatives(organiser))
    assert unfilled == [], "\n".join(unfilled)
    problems: list[str] = []

    def for_organisers(roles) -> bool:
        return Role.ORGANISER in roles or Role.MODERATOR in roles

    checked = _browse_as(chromium, live_server, None, [("auth.login", "/login"), ("main.index", "/")],
                         axe, problems)
    checked += _browse_as(chromium, live_server, organiser,
                          [(e, path) for e, path, roles in pages if for_organisers(roles)], axe, problems)
    checked += _browse_as(chromium, live_server, admin,
                          [(e, path) for e, path, roles in pages if not for_organisers(roles)], axe, problems)

    # the menu opened on a phone, over the plan
    context = chromium.new_context(viewport=PHONE, locale="az-AZ")
    page = context.new_page()
    sign_in(page, live_server, organiser)
    page.goto(f"{live_server}/plan")
    page.get_by_role("button", name="Menyu").click()
    page.wait_for_selector("#nav.collapse.show")
    violations = axe(page)
    if violations:
        problems.append(describe_violations(violations, "/plan with the menu open on a phone"))
    context.close()

    assert problems == [], "\n\n".join(problems)
    # the list really is the staff side: the plan, an event, a proposal, the admin's accounts …
    assert {"auth.login", "programmes.plan", "events.show", "proposals.show", "invitations.index",
            "auth.users", "attendance.preview", "contacts.done"} <= set(checked)
    assert len(checked) > 50


def test_the_favicon_is_served_and_linked(client):
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.mimetype == "image/vnd.microsoft.icon"
    assert icon.data[:4] == b"\x00\x00\x01\x00"  # an ICO file's signature
    page = client.get("/login", follow_redirects=True).get_data(as_text=True)
    assert 'rel="icon" href="/favicon.ico"' in page
    svg = client.get("/static/img/favicon.svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml" and b"<svg" in svg.data


def test_the_delivery_card_follows_the_worker_without_reloading_the_page(
        app, live_server, phone, make_user, open_event, community, axe):  # noqa: F811
    people = [Person(full_name="Şəhla Əliyeva", email="shahla@example.az", community_id=community.id),
              Person(full_name="Günay Quliyeva", email="gunay@example.az", community_id=community.id)]
    db.session.add_all(people)
    invite_people(open_event, people, actor=None)
    db.session.commit()
    sign_in(phone, live_server, make_user(Role.ORGANISER))
    phone.goto(f"{live_server}/staff/events/{open_event.id}/invitations")

    # Waiting for the worker: no timed reload (WCAG 2.2.1), a way to refresh by hand.
    assert phone.locator('meta[http-equiv="refresh"]').count() == 0
    figures = phone.locator('#delivery [data-follow="figures"]')
    expect(figures).to_contain_text("hazırlanır: 2")
    expect(phone.get_by_role("link", name="Yenilə")).to_be_visible()
    assert axe(phone) == []
    # The invited people's table scrolls sideways on a phone, and a keyboard reaches it.
    invited = phone.get_by_role("region", name="Dəvət olunanlar")
    assert invited.evaluate("element => element.scrollWidth > element.clientWidth")
    invited.focus()
    phone.keyboard.press("ArrowRight")
    expect(invited).to_be_focused()
    phone.wait_for_function("element => element.scrollLeft > 0", arg=invited.element_handle(), timeout=5_000)

    phone.evaluate("window.sameDocument = true")
    run_worker_producers()  # the worker writes both mails; with no mail server they are held
    expect(phone.locator('#delivery [data-status="held"]')).to_have_text("2", timeout=15_000)
    expect(figures).to_contain_text("hazırlanır: 0")
    expect(phone.locator("#progress")).to_have_text("0 / 2 göndərilib")
    expect(phone.get_by_role("link", name="Yenilə")).to_have_count(0)  # nothing left to wait for
    assert phone.evaluate("window.sameDocument") is True  # updated in place, never reloaded

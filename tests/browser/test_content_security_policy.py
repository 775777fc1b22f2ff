"""In a real browser, the key pages raise no Content-Security-Policy violation, and what moved
out of inline handlers into static/js/behaviours.js still works."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from umid_events.auth.models import Role
from umid_events.events.models import Event
from umid_events.extensions import db
from umid_events.programmes.models import Programme
from umid_events.registrations.models import Registration

from .conftest import sign_in

pytestmark = pytest.mark.browser

WATCH = """() => { window.cspViolations = [];
  document.addEventListener('securitypolicyviolation',
    e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI)); }"""


def _watch(context, problems: list[str]):
    context.add_init_script(f"({WATCH})()")
    page = context.new_page()
    page.on("console", lambda message: "Content Security Policy" in message.text
            and problems.append(f"{page.url}: {message.text}"))
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
    return page


def _open(page, url: str, problems: list[str]) -> None:
    page.goto(url)
    page.wait_for_load_state("load")
    problems.extend(f"{url}: {v}" for v in page.evaluate("window.cspViolations || []"))


def test_key_pages_raise_no_csp_violation_and_keep_their_behaviours(app, live_server, chromium, make_user):
    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    registration = db.session.scalars(sa.select(Registration).order_by(Registration.id)).first()
    event = db.session.scalars(sa.select(Event).order_by(Event.id)).first()
    programmes = db.session.scalars(sa.select(Programme).order_by(Programme.id)).all()
    problems: list[str] = []

    context = chromium.new_context(locale="az-AZ")
    page = _watch(context, problems)
    for path in ("/", f"/e/{event.public_token}", f"/p/{registration.personal_token}", "/events"):
        _open(page, live_server + path, problems)
    context.close()

    context = chromium.new_context(locale="az-AZ", viewport={"width": 1280, "height": 900})
    page = _watch(context, problems)
    sign_in(page, live_server, make_user(Role.ADMIN))
    for path in ("/plan", "/dashboard", f"/staff/events/{event.id}/proposals/live", "/staff/calendar"):
        _open(page, live_server + path, problems)

    _open(page, f"{live_server}/staff/proposals", problems)
    tick_all = page.get_by_label("Hamısını seç")
    expect(tick_all).to_be_visible()
    tick_all.check()
    boxes = page.locator('input[name="ids"]')
    assert boxes.count() > 0
    assert all(boxes.nth(i).is_checked() for i in range(boxes.count()))
    tick_all.uncheck()
    assert not any(boxes.nth(i).is_checked() for i in range(boxes.count()))

    _open(page, f"{live_server}/staff/events/{event.id}/invitations/preview", problems)
    frame = page.frame_locator("iframe[title]")
    expect(frame.locator("body")).to_contain_text("Ümid Events")  # the mail, styled inline, shown

    if len(programmes) > 1:
        _open(page, f"{live_server}/plan", problems)
        other = programmes[-1]
        with page.expect_navigation():
            page.get_by_label("Proqram").select_option(other.slug)
        assert f"programme={other.slug}" in page.url
    context.close()
    assert problems == [], "\n".join(problems)

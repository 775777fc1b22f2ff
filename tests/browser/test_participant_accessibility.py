"""axe-core finds no serious or critical violation on any participant page, at 360 px.

The pages are found as a visitor finds them (every link from the front page and from a
participant's personal page in the demo, as the page-weight test does), and opened in Debian's
Chromium; the registration form is also checked showing its errors."""

from __future__ import annotations

import sqlalchemy as sa

from umid_events.extensions import db
from umid_events.registrations.models import Registration, RegistrationStatus

from ..test_page_weight import _crawl
from .axe import describe_violations


def test_every_participant_page_has_no_serious_accessibility_violation(app, client, live_server,
                                                                       phone, axe):
    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    registration = db.session.scalars(sa.select(Registration).where(
        Registration.status == RegistrationStatus.CONFIRMED).order_by(Registration.id)).first()
    pages = dict.fromkeys(_crawl(client, "/", limit=60)
                          + _crawl(client, f"/p/{registration.personal_token}", limit=40)
                          + ["/p/a-link-that-was-replaced"])  # the public 404 page
    assert any(url.startswith("/r/") for url in pages) and any(url.startswith("/p/") for url in pages)
    found = {}
    for url in pages:
        phone.goto(f"{live_server}{url}")
        violations = axe(phone)
        if violations:
            found[url] = describe_violations(violations)
    for register in (url for url in pages if url.startswith("/r/") and "/link" not in url):
        phone.goto(f"{live_server}{register}")
        submit = phone.locator("form:has(#full_name) button[type=submit]")
        if submit.count():  # an event open for registration
            break
    submit.click()  # nothing filled in: the form answers with its errors
    phone.wait_for_selector("#error-summary")
    if violations := axe(phone):
        found[f"{register} with errors"] = describe_violations(violations)
    assert found == {}, "\n".join(f"{url}: {text}" for url, text in found.items())
    assert len(pages) > 15

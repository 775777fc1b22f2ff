"""A participant on a 360-px phone cancels (two steps, a mail, a way back), adds the event to a
calendar, then deletes their data with the scope stated first; the link answers 404 after."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from umid_events.extensions import db
from umid_events.notifications.kinds import MessageKind
from umid_events.notifications.models import OutgoingMessage
from umid_events.registrations.models import Registration, RegistrationStatus

from ..conftest import run_worker_producers
from ..registrations.conftest import community, open_event, register  # noqa: F401  (fixtures)
from .axe import describe_violations
from .conftest import PHONE

pytestmark = pytest.mark.browser


def _registration() -> Registration:
    db.session.expire_all()
    return db.session.scalars(sa.select(Registration)).one()


def _no_serious_violations(page, axe) -> None:
    violations = axe(page)
    assert violations == [], describe_violations(violations, page.url)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_cancel_in_two_steps_then_register_again(live_server, phone, client, open_event, axe):  # noqa: F811
    register(client, open_event)
    personal = f"{live_server}/p/{_registration().personal_token}"
    page = phone
    page.goto(personal)

    calendar = page.get_by_role("link", name="Google Calendar")
    assert "%2Fjoin" in calendar.get_attribute("href")  # the join link is in the entry
    expect(page.get_by_role("link", name="Office 365")).to_be_visible()
    _no_serious_violations(page, axe)

    page.get_by_role("link", name="Qeydiyyatımı ləğv et").click()
    expect(page.get_by_role("heading", name="Qeydiyyatınız ləğv edilsin?")).to_be_visible()
    assert _registration().status == RegistrationStatus.CONFIRMED  # one tap cancels nothing
    _no_serious_violations(page, axe)
    page.get_by_role("button", name="Bəli, qeydiyyatımı ləğv et").click()

    expect(page.get_by_text("Qeydiyyatınız ləğv edildi.")).to_be_visible()
    assert page.url == personal
    assert _registration().status == RegistrationStatus.CANCELLED
    run_worker_producers()
    db.session.expire_all()
    notice = db.session.scalars(sa.select(OutgoingMessage).where(
        OutgoingMessage.kind == MessageKind.CANCELLATION)).one()
    assert notice.to_email == "aygun@example.org" and "ləğv edildi" in notice.subject
    expect(page.get_by_role("link", name="Google Calendar")).to_have_count(0)
    _no_serious_violations(page, axe)

    page.get_by_role("button", name="Yenidən qeydiyyatdan keç").click()
    expect(page.get_by_text("Yenidən qeydiyyatdan keçdiniz.")).to_be_visible()
    assert _registration().status == RegistrationStatus.CONFIRMED
    expect(page.get_by_role("link", name="Qeydiyyatımı ləğv et")).to_be_visible()


def test_erase_states_its_scope_and_the_link_ends(live_server, phone, client, open_event, axe):  # noqa: F811
    register(client, open_event)
    token = _registration().personal_token
    page = phone
    page.goto(f"{live_server}/p/{token}")
    page.get_by_role("link", name="Şəxsi məlumatlarımı sil").click()

    only_this = page.get_by_role("radio", name=f"Yalnız bu qeydiyyat: “{open_event.title}”")
    everything = page.get_by_role("radio", name="Mənimlə bağlı hər şey")
    expect(only_this).not_to_be_checked()
    expect(everything).not_to_be_checked()
    assert "Proqramın statistikası üçün yalnız anonim saylar" in page.locator("#scope-everything-what").inner_text()
    assert "digər qeydiyyatlarınız üçün" in page.locator("#scope-registration-what").inner_text()
    _no_serious_violations(page, axe)

    page.get_by_role("button", name="Sil", exact=True).click()  # no choice made: told, nothing lost
    expect(page.get_by_role("link", name="Nəyin silinəcəyini seçin.")).to_be_visible()
    assert _registration().person.full_name == "Aygün Həsənova"
    _no_serious_violations(page, axe)

    page.get_by_text("Mənimlə bağlı hər şey").click()
    page.get_by_role("button", name="Sil", exact=True).click()
    expect(page.get_by_role("heading", name="Məlumatlarınız silindi")).to_be_visible()
    for path in ("", "/edit", "/cancel", "/erase"):
        assert page.goto(f"{live_server}/p/{token}{path}").status == 404
    assert _registration().person.full_name == "—"

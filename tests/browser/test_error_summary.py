"""A participant on a 360-px phone makes a mistake in a form: the page says so in its first
screen, takes them there, and each error's link leads to its field; a wrong check-in code is
told at its field; radios and checkboxes are big enough to tap."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from umid_events.attendance import marking
from umid_events.extensions import db
from umid_events.registrations.models import Registration

from ..proposals.conftest import make_registration, seminar, topics  # noqa: F401  (fixtures)
from ..registrations.conftest import community, open_event  # noqa: F401  (fixtures)
from .axe import describe_violations
from .conftest import PHONE

pytestmark = pytest.mark.browser


def _in_first_screen(locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


def _in_view(locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] < PHONE["height"]


def _register_with_mistakes(page, live_server, event) -> None:
    page.goto(f"{live_server}/r/{event.registration_token}")
    page.get_by_label("Ad, soyad").fill("Günay Məmmədova")
    page.get_by_label("Telefon", exact=True).fill("12345")
    page.get_by_role("button", name="Qeydiyyatdan keç").click()  # the consent box left unticked
    page.wait_for_load_state()


def test_the_summary_is_in_the_first_screen_focused_and_leads_to_each_field(live_server, phone, open_event, axe):  # noqa: F811
    page = phone
    _register_with_mistakes(page, live_server, open_event)
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert _in_first_screen(summary)
    assert page.title().startswith("Xəta: ")
    expect(summary.get_by_role("heading")).to_have_text("Formada səhv var")
    phone_field, consent = page.get_by_label("Telefon", exact=True), page.locator("#consent")
    expect(phone_field).to_have_attribute("aria-invalid", "true")
    expect(consent).to_have_attribute("aria-invalid", "true")
    expect(phone_field).to_have_accessible_description("Ən azı birini yazın, ya da hər ikisini. "
                                                       "Xəta: Telefon nömrəsini 050 123 45 67 kimi yazın.")

    summary.get_by_role("link", name="razılığınız lazımdır").click()
    expect(consent).to_be_focused()
    assert _in_view(consent)
    page.evaluate("window.scrollTo(0, 0)")
    summary.get_by_role("link", name="Telefon").click()
    expect(phone_field).to_be_focused()
    assert _in_view(phone_field) and _in_view(page.locator('label[for="phone"]'))
    expect(phone_field).to_have_value("12345")  # kept, to be corrected

    violations = axe(page)
    assert violations == [], describe_violations(violations, page.url)

    phone_field.fill("055 987 65 43")
    consent.check()
    page.get_by_role("button", name="Qeydiyyatdan keç").click()
    expect(page.get_by_text("Qeydiyyatdan keçdiniz.")).to_be_visible()
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 1


def test_without_scripts_the_summary_is_still_first_and_its_links_scroll(live_server, chromium, open_event):  # noqa: F811
    context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=False)
    page = context.new_page()
    try:
        _register_with_mistakes(page, live_server, open_event)
        summary = page.locator("[data-error-summary]")
        assert _in_first_screen(summary)
        summary.get_by_role("link", name="razılığınız lazımdır").click()
        assert page.url.endswith("#consent")
        assert _in_view(page.locator("#consent"))
    finally:
        context.close()


def test_radios_and_checkboxes_are_at_least_24_px(live_server, phone, open_event):  # noqa: F811
    phone.goto(f"{live_server}/r/{open_event.registration_token}")
    boxes = phone.locator("input[type=radio], input[type=checkbox]")
    assert boxes.count() >= 6  # gender, channel and the consent
    for index in range(boxes.count()):
        box = boxes.nth(index).bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, (index, box)


def test_a_wrong_check_in_code_is_told_at_the_field(live_server, phone, seminar, make_registration, axe):  # noqa: F811
    registration = make_registration()
    marking.open_check_in(seminar)
    db.session.commit()
    wrong = f"{(int(seminar.check_in_code) + 1) % 10**6:06d}"
    page = phone
    page.goto(f"{live_server}/p/{registration.personal_token}")
    code = page.get_by_label("Aparıcının oxuduğu kod")
    code.fill(wrong)
    page.get_by_role("button", name="Buradayam").click()
    page.wait_for_load_state()

    assert page.url.endswith("#error-summary")
    card = page.locator("#check-in")
    summary = card.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    assert _in_view(summary) and _in_view(code)
    expect(code).to_have_attribute("aria-invalid", "true")
    expect(code).to_have_value(wrong)
    expect(card.locator("#code-error")).to_contain_text("kodu deyil")
    expect(page.locator(".flash")).to_have_count(0)  # no banner far from the field
    violations = axe(page)
    assert violations == [], describe_violations(violations, page.url)

    code.fill(seminar.check_in_code)
    page.get_by_role("button", name="Buradayam").click()
    expect(page.get_by_text("iştirakınız qeydə alındı")).to_be_visible()

"""A participant on a phone opens the registration link, registers, sees their page, cancels."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from umid_events.extensions import db
from umid_events.registrations.models import Registration, RegistrationStatus

from ..registrations.conftest import community, open_event  # noqa: F401  (fixtures)
from .conftest import PHONE

pytestmark = pytest.mark.browser


def test_register_from_a_phone_then_cancel(live_server, chromium, open_event):  # noqa: F811
    context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                   java_script_enabled=False)  # the form needs no scripts
    page = context.new_page()
    try:
        page.goto(f"{live_server}/r/{open_event.registration_token}")
        expect(page.get_by_role("heading", name=open_event.title)).to_be_visible()
        page.get_by_label("Ad, soyad").fill("Günay Məmmədova")
        page.get_by_label("Telefon", exact=True).fill("055 987 65 43")
        page.get_by_label("İcma").select_option(label="Quba icması 1 (Quba)")
        page.get_by_label("Qadın").check()
        page.get_by_role("button", name="Qeydiyyatdan keç").click()
        # forgot the consent: told so, nothing lost
        expect(page.get_by_role("link", name="Qeydiyyat üçün məlumatlarınızın emalına razılığınız lazımdır.")).to_be_visible()
        expect(page.get_by_label("Ad, soyad")).to_have_value("Günay Məmmədova")
        page.get_by_label("Şəxsi məlumatlarımın bu proqram üçün emalına razıyam").check()
        page.get_by_role("button", name="Qeydiyyatdan keç").click()

        expect(page.get_by_text("Qeydiyyatdan keçdiniz.")).to_be_visible()
        expect(page.get_by_text("Günay Məmmədova")).to_be_visible()
        assert "/p/" in page.url
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        personal = page.url.split("?")[0]

        page.get_by_role("link", name="Qeydiyyatımı ləğv et").click()
        page.get_by_role("button", name="Bəli, qeydiyyatımı ləğv et").click()
        expect(page.get_by_text("Qeydiyyatınız ləğv edildi.")).to_be_visible()
        assert page.url == personal
        registration = db.session.scalars(sa.select(Registration)).one()
        db.session.refresh(registration)
        assert registration.status == RegistrationStatus.CANCELLED
        assert registration.person.phone == "+994559876543"
    finally:
        context.close()

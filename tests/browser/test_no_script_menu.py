"""With JavaScript off, on a 360-px phone, a visitor opens the menu, follows it, switches the
language and finds the organisers' contact: nothing on the public pages needs a script."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from umid_events.documents.letterhead import LetterheadDetails, update_letterhead
from umid_events.extensions import db

from ..events.conftest import community, make_event  # noqa: F401  (fixtures)
from .conftest import PHONE

pytestmark = pytest.mark.browser


def test_the_menu_and_the_language_switch_work_without_scripts(live_server, chromium, make_event, programme):  # noqa: F811
    programme.proposals_public = True
    update_letterhead(LetterheadDetails(name="“Ümid” SİDİB", address="Quba, Heydər Əliyev pr. 1",
                                        phone="+994 50 123 45 67", email="info@umid.example.az"))
    db.session.commit()
    event = make_event()
    context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="az-AZ",
                                   java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server}/e/{event.public_token}")
        assert page.evaluate("1 + 1") == 2  # Playwright's own evaluate still runs; the page's scripts do not
        menu = page.get_by_role("navigation", name="Menyu")
        expect(menu).to_be_hidden()
        page.locator("summary", has_text="Menyu").tap()
        expect(menu).to_be_visible()
        accountability = menu.get_by_role("link", name="Təkliflər və cavablar")
        expect(accountability).to_be_visible()
        box = accountability.bounding_box()
        assert box["height"] >= 24 and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        menu.get_by_role("link", name="Tədbirlər").tap()
        page.wait_for_url(re.compile(r"/events$"))
        expect(page.get_by_role("heading", name="Tədbirlər", level=1)).to_be_visible()

        page.get_by_role("link", name="English").tap()
        page.wait_for_url(re.compile(r"/events$"))  # back on the same page …
        expect(page.get_by_role("heading", name="Events", level=1)).to_be_visible()  # … in English
        expect(page.locator("html")).to_have_attribute("lang", "en")
        page.locator("summary", has_text="Menu").tap()
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Proposals and answers").tap()
        expect(page.get_by_role("heading", name="Proposals and answers", level=1)).to_be_visible()

        contact = page.locator("footer address")
        expect(contact).to_contain_text("Quba, Heydər Əliyev pr. 1")
        expect(contact.get_by_role("link", name="info@umid.example.az")).to_have_attribute(
            "href", "mailto:info@umid.example.az")
        page.get_by_role("link", name="Azərbaycanca").tap()
        expect(page.get_by_role("heading", name="Təkliflər və cavablar", level=1)).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()

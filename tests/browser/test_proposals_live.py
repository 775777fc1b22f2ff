"""Two moderators record proposals live in two real browsers, one of them losing its connection
for a moment (and one reloading while the server cannot be reached): every entry is saved
exactly once and shows once on both screens."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from umid_events.auth.models import Role
from umid_events.extensions import db
from umid_events.proposals.models import Proposal

from ..conftest import PASSWORD
from ..proposals.conftest import community, make_registration, seminar, topics  # noqa: F401

pytestmark = pytest.mark.browser
WAIT = 15_000  # ms: the screens poll every 2.5 s and retry every 3 s


def _moderator_screen(chromium, live_server, user, event):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server}/login")
    page.locator("input[name=email]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(r"^(?!.*/login).*$"))
    page.goto(f"{live_server}/staff/events/{event.id}/proposals/live")
    expect(page.locator("#entry-text")).to_be_focused()
    return context, page, errors


def _type_entry(page, text):
    page.locator("#entry-text").fill(text)
    page.locator("#entry-text").press("Enter")


def _entries(page, text):
    return page.locator("#entries li.entry", has_text=text)


def _count(text):
    db.session.expire_all()
    return db.session.scalar(sa.select(sa.func.count(Proposal.id)).where(Proposal.text == text))


def test_two_moderators_record_at_once_and_every_entry_is_saved_once(
        live_server, chromium, make_user, seminar, make_registration, topics):  # noqa: F811
    make_registration(full_name="Əli Hüseynov", email="ali@example.org")
    first_user = make_user(Role.MODERATOR, email="mod1@example.org")
    second_user = make_user(Role.ORGANISER, email="mod2@example.org")
    first_context, first, first_errors = _moderator_screen(chromium, live_server, first_user, seminar)
    second_context, second, second_errors = _moderator_screen(chromium, live_server, second_user, seminar)
    try:
        # The speaker by a few letters, a topic by its shortcut, Enter saves.
        first.locator("#entry-speaker").fill("hüsey")
        expect(first.locator("#speaker-options li")).to_have_count(1)
        first.locator("#entry-speaker").press("Enter")
        first.keyboard.press("Alt+1")
        _type_entry(first, "Kənd yolu asfaltlansın")
        _type_entry(second, "Su xətti yenilənsin <b>tez</b> 💧")
        for page in (first, second):
            for text in ("Kənd yolu asfaltlansın", "Su xətti yenilənsin <b>tez</b> 💧"):
                expect(_entries(page, text)).to_have_count(1, timeout=WAIT)
                expect(_entries(page, text)).to_have_attribute("data-state", "saved", timeout=WAIT)
        expect(_entries(second, "Kənd yolu asfaltlansın")).to_contain_text("Əli Hüseynov")

        # A double press saves once.
        first.locator("#entry-text").fill("Məktəbə avtobus")
        first.locator("#entry-text").press("Enter")
        first.locator("#entry-text").press("Enter")
        expect(_entries(first, "Məktəbə avtobus")).to_have_attribute("data-state", "saved", timeout=WAIT)

        # The answer to a save is lost on the way back: the entry stays marked, is sent again
        # with the same key, and the server keeps the first one.
        lost = {"count": 0}

        def lose_the_answer(route):
            if lost["count"] == 0:
                lost["count"] += 1
                route.fetch()  # the server saves it …
                route.abort()  # … but the browser never hears back
            else:
                route.continue_()

        second.route("**/live/entries", lose_the_answer)
        _type_entry(second, "Tibb məntəqəsi açılsın")
        expect(_entries(second, "Tibb məntəqəsi açılsın")).to_have_attribute("data-state", "saved", timeout=WAIT)
        second.unroute("**/live/entries")

        # The second moderator goes offline for a moment while typing.
        second_context.set_offline(True)
        _type_entry(second, "İşıqlandırma quraşdırılsın")
        pending = _entries(second, "İşıqlandırma quraşdırılsın")
        expect(pending).to_have_attribute("data-state", "pending")
        expect(pending.locator(".entry-state")).to_be_visible()
        expect(second.locator("#connection")).not_to_be_empty(timeout=WAIT)
        second_context.set_offline(False)
        expect(pending).to_have_attribute("data-state", "saved", timeout=WAIT)

        # The server cannot be reached and the page is reloaded: the typed entry is kept in
        # the browser, shown as not saved, and saved once the server answers again.
        first.route("**/live/entries", lambda route: route.abort())
        _type_entry(first, "Park salınsın")
        expect(_entries(first, "Park salınsın")).to_have_attribute("data-state", "pending")
        first.reload()
        expect(_entries(first, "Park salınsın")).to_have_attribute("data-state", "pending")
        first.unroute("**/live/entries")
        expect(_entries(first, "Park salınsın")).to_have_attribute("data-state", "saved", timeout=WAIT)

        texts = ["Kənd yolu asfaltlansın", "Su xətti yenilənsin <b>tez</b> 💧", "Məktəbə avtobus",
                 "Tibb məntəqəsi açılsın", "İşıqlandırma quraşdırılsın", "Park salınsın"]
        for page in (first, second):
            for text in texts:
                expect(_entries(page, text)).to_have_count(1, timeout=WAIT)
            expect(page.locator("#entries li.entry")).to_have_count(len(texts), timeout=WAIT)
        assert [_count(text) for text in texts] == [1] * len(texts)
        assert lost["count"] == 1
        assert first.locator("#entries b").count() == 0  # HTML typed in is shown as text
        assert first_errors == [] and second_errors == []
    finally:
        first_context.close()
        second_context.close()

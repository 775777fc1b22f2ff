"""A moderator on a phone marks attendance with the keyboard: type to find, Enter to mark."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from umid_events.auth.models import Role

from ..attendance.conftest import make_training, records, training  # noqa: F401  (fixtures)
from .conftest import sign_in

pytestmark = pytest.mark.browser


def test_a_moderator_marks_people_with_the_keyboard(app, live_server, phone, make_user, training):  # noqa: F811
    moderator = make_user(Role.MODERATOR)
    sign_in(phone, live_server, moderator)
    phone.goto(f"{live_server}/staff/events/{training.id}/attendance/mark")

    find = phone.get_by_placeholder("Ad və ya telefon yazın, sonra Enter")
    expect(find).to_be_focused()
    find.fill("nermin")  # typed without the Azerbaijani letters
    nermin = phone.locator("li[data-person]", has_text="Nərmin Quliyeva")
    expect(nermin).to_be_visible()
    expect(phone.locator("li[data-person]", has_text="Kamran Rzayev")).to_be_hidden()
    find.press("Enter")
    expect(nermin.locator(".state")).to_have_text("iştirak edib")
    expect(find).to_have_value("")
    expect(phone.locator("#present-count")).to_have_text("1")

    find.fill("r")  # several people: arrows choose, Enter marks the chosen one
    find.press("ArrowDown")
    chosen = phone.locator("li.chosen")
    chosen_name = chosen.locator(".fw-semibold").inner_text()
    find.press("Enter")
    expect(phone.locator("#present-count")).to_have_text("2")

    phone.reload()  # what the screen showed was saved
    expect(phone.locator("#present-count")).to_have_text("2")
    saved = {name for name, (_minutes, present, _source) in records(training).items() if present}
    assert saved == {"Nərmin Quliyeva", chosen_name.strip()}
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

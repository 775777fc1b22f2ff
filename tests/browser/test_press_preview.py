"""The organiser edits the press release and sees the preview follow, without reloading."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from umid_events.auth.models import Role

from ..documents.conftest import *  # noqa: F403  (the seminar fixture and what it needs)
from .conftest import sign_in

pytestmark = pytest.mark.browser


def test_the_preview_follows_the_text_and_shows_problems(app, live_server, phone, make_user, seminar):  # noqa: F405
    organiser = make_user(Role.ORGANISER)
    phone.set_viewport_size({"width": 1200, "height": 900})
    sign_in(phone, live_server, organiser)
    phone.goto(f"{live_server}/staff/events/{seminar.id}/press-release")

    preview = phone.locator("#preview-az")
    expect(preview).to_contain_text("Tədbirdə 4 nəfər iştirak edib")
    body = phone.get_by_label("Mətn (azərbaycanca)")
    body.fill("Salam, <b>qonaqlar</b>: {participants} nəfər, {date}.")
    expect(preview).to_contain_text("Salam, <b>qonaqlar</b>: 4 nəfər, 15 iyul 2022.")
    expect(preview.locator("b")).to_have_count(0)  # typed markup stays text
    body.fill("{tarix}")
    expect(preview).to_contain_text("Naməlum yer tutucu: {tarix}")
    expect(phone.locator("#preview-en")).to_contain_text("4 people took part")

"""A participant opens the programme's events on a phone, from abroad, and saves one to a calendar."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from umid_events.events.kinds import Platform

from ..events.conftest import community, make_event  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser


def test_a_visitor_in_berlin_finds_an_event_and_its_calendar_file(live_server, chromium, make_event):  # noqa: F811
    starts = datetime.now(UTC).replace(hour=6, minute=0, second=0, microsecond=0) + timedelta(days=3)
    event = make_event(starts_at=starts, meeting_url="https://zoom.us/j/81234567890",
                       meeting_platform=Platform.ZOOM, description="Gündəlik: suallar, cavablar")
    context = chromium.new_context(viewport={"width": 360, "height": 740}, is_mobile=True,
                                   timezone_id="Europe/Berlin", locale="de-DE")
    page = context.new_page()
    try:
        page.goto(f"{live_server}/")
        page.get_by_role("link", name="Tədbirlərə bax").click()
        page.get_by_role("link", name=re.compile(re.escape(event.title))).click()
        expect(page.get_by_role("heading", name=event.title)).to_be_visible()
        expect(page.locator("time.event-time")).to_contain_text("10:00–11:30")
        # Berlin is behind Baku (three hours in winter, two in summer): the page shows both times
        local = starts.astimezone(ZoneInfo("Europe/Berlin"))
        expect(page.locator(".local-time")).to_contain_text(f"sizin vaxtınız: {local:%d.%m.%Y}, {local:%H:%M}")
        assert "zoom.us" not in page.content()

        with page.expect_download() as download:
            page.get_by_role("link", name="Təqvim faylı (.ics)").click()
        body = Path(download.value.path()).read_bytes()
        assert body.startswith(b"BEGIN:VCALENDAR") and event.uid.encode() in body
        assert b"zoom.us" not in body
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        context.close()

"""Public pages: lists, month calendar and event pages, with times in Baku and no video link."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

from umid_events.auth.models import Role
from umid_events.events.kinds import EventStatus, Platform

SECRET_URL = "https://meet.google.com/sec-retl-ink"


def test_no_public_page_shows_the_video_link(client, make_user, login, make_event):
    event = make_event(meeting_url=SECRET_URL, meeting_platform=Platform.MEET, meeting_id="sec-retl-ink",
                       meeting_passcode="55555", description="Təsvir")
    past = make_event(title="Keçmiş görüş", status=EventStatus.HELD, meeting_url=SECRET_URL,
                      starts_at=datetime(2020, 3, 1, 6, tzinfo=UTC))
    pages = ["/", "/events", "/events?when=past", "/events/calendar?month=2030-03",
             "/events/calendar?month=2020-03", f"/e/{event.public_token}", f"/e/{past.public_token}",
             "/calendar.ics", f"/e/{event.public_token}.ics"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.get_data(as_text=True)
        assert "sec-retl-ink" not in body and "55555" not in body, url
    login(make_user(Role.MODERATOR))
    assert SECRET_URL in client.get(f"/staff/events/{event.id}").get_data(as_text=True)


def test_drafts_are_not_public(client, make_event):
    draft = make_event(status=EventStatus.DRAFT, title="Gizli qaralama")
    assert client.get(f"/e/{draft.public_token}").status_code == 404
    assert client.get(f"/e/{draft.public_token}.ics").status_code == 404
    assert "Gizli qaralama" not in client.get("/events").get_data(as_text=True)
    assert client.get("/e/not-a-token").status_code == 404
    assert client.get(f"/e/{draft.id}").status_code == 404  # ids are not addresses


def test_event_page_shows_baku_time_and_calendar_links(client, make_event):
    event = make_event(description='<script>alert("x")</script> Qeydiyyat, sual')
    page = client.get(f"/e/{event.public_token}").get_data(as_text=True)
    assert "10:00–11:30" in page and "15 mart 2030" in page and "Bakı vaxtı" in page
    assert 'datetime="2030-03-15T06:00:00+00:00"' in page
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page

    google = re.search(r'href="(https://calendar\.google\.com/[^"]+)"', page).group(1).replace("&amp;", "&")
    query = parse_qs(urlsplit(google).query)
    assert query["dates"] == ["20300315T060000Z/20300315T073000Z"]
    assert query["text"] == [event.title]
    outlook = re.search(r'href="(https://outlook\.live\.com/[^"]+)"', page).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(outlook).query)["startdt"] == ["2030-03-15T06:00:00Z"]
    assert f'href="/e/{event.public_token}.ics"' in page

    english = client.get(f"/e/{event.public_token}?lang=en").get_data(as_text=True)
    assert "15 March 2030" in english and "Baku time" in english


def test_lists_split_upcoming_and_past_and_filter(client, make_event):
    make_event(title="Gələcək görüş", starts_at=datetime.now(UTC) + timedelta(days=2))
    make_event(title="Keçmiş görüş", status=EventStatus.HELD, starts_at=datetime.now(UTC) - timedelta(days=2))
    make_event(title="Ləğv olunan görüş", status=EventStatus.CANCELLED,
               starts_at=datetime.now(UTC) + timedelta(days=3))
    upcoming = client.get("/events").get_data(as_text=True)
    assert "Gələcək görüş" in upcoming and "Keçmiş görüş" not in upcoming
    assert "Ləğv olunan görüş" in upcoming and "Ləğv edilib" in upcoming
    past = client.get("/events?when=past").get_data(as_text=True)
    assert "Keçmiş görüş" in past and "Gələcək görüş" not in past
    assert "Gələcək görüş" not in client.get("/events?kind=seminar").get_data(as_text=True)
    assert "webcal://" in upcoming


def test_month_calendar_places_events_on_their_baku_day(client, make_event):
    # 01:00 on 16 March in Baku is still 15 March in UTC
    make_event(title="Gecə yarısından sonra", starts_at=datetime(2030, 3, 15, 21, 0, tzinfo=UTC))
    page = client.get("/events/calendar?month=2030-03").get_data(as_text=True)
    assert "mart 2030" in page.lower()
    cell = re.search(r'<div class="day">16</div>\s*<a[^>]*>\s*01:00 Gecə yarısından sonra', page)
    assert cell, "the event is not in the 16 March cell"
    assert client.get("/events/calendar?month=garbage").status_code == 200
    assert client.get("/events/calendar?month=2030-13").status_code == 200

"""Organisers schedule events: defaults per kind, checks, duplicates, states, SEQUENCE."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from umid_events.auth.models import Role
from umid_events.events import services
from umid_events.events.kinds import EventKind, EventStatus, Platform
from umid_events.events.models import Event
from umid_events.extensions import db

from ..conftest import post_form

FORM = {"kind": "consultation", "title": "", "description": "", "date": "2030-03-15",
        "start_time": "10:00", "end_time": "", "meeting_url": "", "meeting_id": "",
        "meeting_passcode": "", "link_visibility": "participants", "join_opens_minutes": "15"}


def _events():
    return list(db.session.scalars(sa.select(Event).order_by(Event.id)))


def test_a_new_consultation_takes_the_usual_title_and_length(client, make_user, login, community):
    login(make_user(Role.ORGANISER))
    response = post_form(client, "/staff/events/new", {**FORM, "community_id": str(community.id),
                                                       "meeting_url": "https://zoom.us/j/81234567890"})
    assert response.status_code == 302
    [event] = _events()
    assert event.title == "Praktik məsləhət: Quba icması 1, 1-ci görüş"
    assert event.status == EventStatus.DRAFT
    # 10:00 in Baku is 06:00 UTC; a consultation lasts an hour and a half
    assert event.starts_at == datetime(2030, 3, 15, 6, 0, tzinfo=UTC)
    assert event.ends_at - event.starts_at == timedelta(minutes=90)
    assert (event.meeting_platform, event.meeting_id) == (Platform.ZOOM, "812 3456 7890")

    post_form(client, "/staff/events/new", {**FORM, "community_id": str(community.id), "date": "2030-04-01"})
    assert _events()[1].title == "Praktik məsləhət: Quba icması 1, 2-ci görüş"


def test_a_seminar_needs_no_community_but_a_consultation_does(client, make_user, login, programme):
    login(make_user(Role.ORGANISER))
    page = post_form(client, "/staff/events/new", {**FORM, "community_id": "0"}).get_data(as_text=True)
    assert "Məsləhət görüşləri və təlimlər icmaya aiddir: icmanı seçin." in page
    assert _events() == []
    post_form(client, "/staff/events/new", {**FORM, "kind": "seminar", "community_id": "0"})
    [seminar] = _events()
    assert seminar.title.startswith("Seminar:") and seminar.community_id is None
    assert seminar.ends_at - seminar.starts_at == timedelta(hours=3)


def test_bad_times_and_links_get_clear_messages_and_nothing_is_saved(client, make_user, login, community):
    login(make_user(Role.ORGANISER))
    cases = [
        ({"date": "15.03.2030"}, "Tarixi düzgün yazın."),
        ({"start_time": "25:99"}, "Vaxtı düzgün yazın"),
        ({"end_time": "09:00"}, "Tədbir başladıqdan sonra bitməlidir."),
        ({"meeting_url": "zoom.us/j/123"}, "Görüşün tam ünvanını https:// ilə başlayaraq yazın."),
        ({"meeting_url": "javascript:alert(1)"}, "Görüşün tam ünvanını https:// ilə başlayaraq yazın."),
        ({"join_opens_minutes": "-5"}, "Ədəd 0 ilə 240 arasında olmalıdır."),
    ]
    for change, message in cases:
        data = {**FORM, "community_id": str(community.id), "title": "Mənim başlığım", **change}
        page = post_form(client, "/staff/events/new", data).get_data(as_text=True)
        assert message in page, change
        assert 'value="Mənim başlığım"' in page
    assert _events() == []


def test_an_unknown_platform_is_accepted_as_other(client, make_user, login, community):
    login(make_user(Role.ORGANISER))
    post_form(client, "/staff/events/new", {**FORM, "community_id": str(community.id),
                                            "meeting_url": "https://webinar.example.az/room/7"})
    assert _events()[0].meeting_platform == Platform.OTHER


def test_overlapping_events_of_a_community_are_flagged(client, make_user, login, community, make_event):
    login(make_user(Role.ORGANISER))
    make_event(title="Mövcud görüş", starts_at=datetime(2030, 3, 15, 6, 30, tzinfo=UTC))
    page = post_form(client, "/staff/events/new", {**FORM, "community_id": str(community.id)},
                     follow_redirects=True).get_data(as_text=True)
    assert "Diqqət: eyni icmanın “Mövcud görüş” tədbiri bu vaxtla üst-üstə düşür." in page
    assert len(_events()) == 2  # a warning, not a refusal


def test_titles_typed_by_organisers_are_shown_as_text(client, make_user, login, community, make_event):
    login(make_user(Role.ORGANISER))
    other = make_event(title='<img src=x onerror="alert(1)">', starts_at=datetime(2030, 3, 15, 6, 30, tzinfo=UTC))
    mine = make_event(title="Mənim görüşüm")
    for url in (f"/staff/events/{mine.id}", f"/staff/events/{other.id}", "/staff/events", "/plan"):
        page = client.get(url).get_data(as_text=True)
        assert '<img src=x' not in page, url
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in client.get(f"/staff/events/{mine.id}").get_data(as_text=True)


def test_sequence_rises_when_time_link_or_status_change_but_not_for_wording(app_context, make_event):
    event = make_event(status=EventStatus.DRAFT)
    jitsi = "https://meet.jit.si"

    def edit(**changes):
        current = services.EventDetails(
            kind=event.kind, community_id=event.community_id, starts_at=event.starts_at,
            ends_at=event.ends_at, title=event.title, description=event.description,
            meeting_url=event.meeting_url, meeting_id=event.meeting_id,
            meeting_passcode=event.meeting_passcode)
        details = services.EventDetails(**{**current.__dict__, **changes})
        services.update_event(event, details, actor=None, expected_version=event.version,
                              jitsi_server=jitsi)
        db.session.commit()
        return event.sequence

    assert event.sequence == 0
    assert edit(description="Yeni təsvir", title="Yeni ad") == 0
    assert edit(starts_at=event.starts_at + timedelta(hours=1), ends_at=event.ends_at + timedelta(hours=1)) == 1
    assert edit(meeting_url="https://meet.google.com/abc-defg-hij") == 2
    services.publish_event(event, actor=None)
    assert event.sequence == 3
    services.cancel_event(event, actor=None)
    assert event.sequence == 4


def test_a_stale_edit_is_refused_and_nothing_is_overwritten(client, make_user, login, make_event):
    login(make_user(Role.ORGANISER))
    event = make_event(title="Əvvəlki ad")
    url = f"/staff/events/{event.id}/edit"
    page = client.get(url).get_data(as_text=True)
    stale_version = str(event.version)
    assert f'name="version" type="hidden" value="{stale_version}"' in page

    # someone else saves first
    event.title = "Başqasının adı"
    db.session.commit()

    response = post_form(client, url, {**FORM, "community_id": str(event.community_id),
                                       "title": "Mənim adım", "version": stale_version})
    assert "Siz redaktə edərkən tədbiri başqası dəyişdi." in response.get_data(as_text=True)
    db.session.refresh(event)
    assert event.title == "Başqasının adı"


def test_cancelled_and_held_events_are_not_edited(client, make_user, login, make_event):
    login(make_user(Role.ORGANISER))
    event = make_event(status=EventStatus.CANCELLED, title="Ləğv edilmiş")
    page = client.get(f"/staff/events/{event.id}/edit", follow_redirects=True).get_data(as_text=True)
    assert "Ləğv edilmiş və ya keçirilmiş tədbiri artıq dəyişmək olmaz." in page
    response = post_form(client, f"/staff/events/{event.id}/edit",
                         {**FORM, "community_id": str(event.community_id), "title": "Dəyişdirilmiş",
                          "version": str(event.version)}, token_from=f"/staff/events/{event.id}")
    assert response.status_code == 302
    db.session.refresh(event)
    assert event.title == "Ləğv edilmiş"


def test_publish_hold_and_cancel_follow_the_rules(client, make_user, login, make_event):
    login(make_user(Role.ORGANISER))
    future = make_event(status=EventStatus.DRAFT, starts_at=datetime.now(UTC) + timedelta(days=3))
    show = f"/staff/events/{future.id}"
    post_form(client, f"{show}/publish", {}, token_from=show)
    db.session.refresh(future)
    assert future.status == EventStatus.PUBLISHED
    page = post_form(client, f"{show}/held", {}, token_from=show, follow_redirects=True)
    assert "Tədbiri yalnız başlandıqdan sonra keçirilmiş kimi qeyd etmək olar." in page.get_data(as_text=True)

    past = make_event(starts_at=datetime.now(UTC) - timedelta(hours=3))
    post_form(client, f"/staff/events/{past.id}/held", {}, token_from=f"/staff/events/{past.id}")
    db.session.refresh(past)
    assert past.status == EventStatus.HELD

    post_form(client, f"{show}/cancel", {}, token_from=show)
    db.session.refresh(future)
    assert future.status == EventStatus.CANCELLED


def test_duplicate_makes_the_next_session_a_week_later_with_its_own_jitsi_room(client, make_user, login,
                                                                               make_event):
    login(make_user(Role.ORGANISER))
    first = make_event(meeting_url="https://meet.jit.si/Umid-abc", meeting_platform=Platform.JITSI,
                       meeting_id="Umid-abc")
    post_form(client, f"/staff/events/{first.id}/duplicate", {}, token_from=f"/staff/events/{first.id}")
    copy = _events()[-1]
    assert copy.id != first.id and copy.status == EventStatus.DRAFT
    assert copy.starts_at == first.starts_at + timedelta(days=7)
    assert copy.title == "Praktik məsləhət: Quba icması 1, 2-ci görüş"
    assert copy.uid != first.uid and copy.public_token != first.public_token
    assert copy.meeting_platform == Platform.JITSI and copy.meeting_url != first.meeting_url


def test_one_click_jitsi_room(client, make_user, login, make_event):
    login(make_user(Role.ORGANISER))
    event = make_event()
    post_form(client, f"/staff/events/{event.id}/jitsi", {}, token_from=f"/staff/events/{event.id}")
    db.session.refresh(event)
    assert event.meeting_url.startswith("https://meet.jit.si/Umid-")
    assert event.meeting_platform == Platform.JITSI and event.sequence == 1


def test_join_window(app_context, make_event):
    event = make_event(join_opens_minutes=15)
    starts = event.starts_at
    assert services.join_state(event, starts - timedelta(minutes=16)) == "soon"
    assert services.join_state(event, starts - timedelta(minutes=15)) == "open"
    assert services.join_state(event, event.ends_at) == "open"
    assert services.join_state(event, event.ends_at + timedelta(seconds=1)) == "over"
    event.status = EventStatus.CANCELLED
    assert services.join_state(event, starts) == "cancelled"


def test_the_plan_page_fills_in_as_events_are_scheduled(client, make_user, login, make_event, programme):
    login(make_user(Role.ORGANISER))
    event = make_event()
    page = client.get("/plan").get_data(as_text=True)
    assert f'href="/staff/events/{event.id}"' in page
    assert "/staff/events/new?kind=training&amp;community=" in page
    assert EventKind.SEMINAR.value in page

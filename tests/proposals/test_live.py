"""The live screen's endpoints: saving entries once per key, the feed of changes, speakers."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from umid_events.auth.models import Role
from umid_events.extensions import db
from umid_events.proposals.models import Proposal, ProposalOrigin

from ..conftest import csrf_token, post_form


@pytest.fixture
def live(client, login, moderator, seminar):
    client.get("/lang/en")
    login(moderator)
    base = f"/staff/events/{seminar.id}/proposals"
    token = csrf_token(client, f"{base}/live")

    def post(**payload):
        return client.post(f"{base}/live/entries", json=payload, headers={"X-CSRFToken": token})

    post.base = base
    return post


def test_the_live_screen_is_for_staff_only(client, login, seminar, make_user):
    url = f"/staff/events/{seminar.id}/proposals/live"
    assert client.get(url).status_code == 302
    login(make_user(role=Role.MODERATOR))
    assert "Live recording" in client.get(url + "?lang=en").get_data(as_text=True)


def test_an_entry_is_saved_once_per_key(live, seminar, topics, authority):
    payload = {"key": "a1b2c3", "text": "Məktəbin damı təmir olunsun", "topic_id": topics["education"].id,
               "authority_id": authority.id, "group": "community_member"}
    first, second = live(**payload), live(**payload)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json["entry"]["id"] == second.json["entry"]["id"]
    proposal = db.session.scalar(sa.select(Proposal))
    assert proposal.origin == ProposalOrigin.MODERATOR and proposal.event_id == seminar.id
    assert proposal.topic_id == topics["education"].id and proposal.authority_id == authority.id
    assert db.session.scalar(sa.select(sa.func.count(Proposal.id))) == 1


def test_a_speaker_is_found_by_a_few_letters_and_recorded(live, client, make_registration):
    registration = make_registration(full_name="Əli Hüseynov", email="ali@example.org")
    make_registration(full_name="Zaur Quliyev", email="zaur@example.org")
    found = client.get(f"{live.base}/live/speakers?q=ali hus").json["speakers"]  # folded letters
    assert [s["name"] for s in found] == ["Əli Hüseynov"]
    response = live(key="k-speaker", text="Yol", registration_id=found[0]["registration_id"])
    assert response.json["entry"]["speaker"] == "Əli Hüseynov"
    proposal = db.session.scalar(sa.select(Proposal))
    assert proposal.person_id == registration.person_id and proposal.registration_id == registration.id


def test_bad_entries_get_a_clear_message_and_save_nothing(live, seminar):
    cases = [({"key": "e1", "text": "   "}, "the text is empty"),
             ({"key": "e2", "text": "x" * 20_000}, "too long"),
             ({"key": "e3", "text": "ok", "topic_id": 999999}, "topic no longer exists"),
             ({"key": "e4", "text": "ok", "registration_id": 999999}, "not registered for this event"),
             ({"key": "bad key!", "text": "ok"}, "reload the page"),
             ({"text": "no key"}, "reload the page")]
    for payload, words in cases:
        response = live(**payload)
        assert response.status_code == 422 and words in response.json["error"], payload
    assert db.session.scalar(sa.select(sa.func.count(Proposal.id))) == 0


def test_the_feed_sends_only_what_changed(live, client):
    for index in range(3):
        live(key=f"k{index}", text=f"<i>təklif</i> {index} 😀")
    feed = client.get(f"{live.base}/live/feed").json
    assert [entry["text"] for entry in feed["entries"]] == [f"<i>təklif</i> {i} 😀" for i in range(3)]
    assert feed["csrf"]
    # Nothing new: only the overlap of the last seconds comes back, never the whole list again.
    later = client.get(f"{live.base}/live/feed", query_string={"since": "2999-01-01T00:00:00+00:00"}).json
    assert later["entries"] == []
    assert client.get(f"{live.base}/live/feed?since=garbage").status_code == 200


def test_the_live_screen_loads_its_script(live, client):
    page = client.get(f"{live.base}/live").get_data(as_text=True)
    assert "proposals_live.js" in page and 'id="entry-text"' in page


def test_organisers_set_the_window_for_participants(client, login, organiser, seminar):
    client.get("/lang/en")
    login(organiser)
    url = f"/staff/events/{seminar.id}/proposals/window"
    response = post_form(client, url, {"opens": "2030-01-02T10:00", "closes": "2030-01-01T10:00"})
    assert "Proposals must close after they open." in response.get_data(as_text=True)
    post_form(client, url, {"opens": "2030-01-01T10:00", "closes": ""})
    db.session.expire_all()
    assert seminar.proposals_open_from.isoformat() == "2030-01-01T06:00:00+00:00"  # Baku is UTC+4
    assert seminar.proposals_open_until is None
    assert "Not open yet." in client.get(url).get_data(as_text=True)


def test_the_same_key_at_the_same_moment_saves_once(live, monkeypatch):
    """The second of two simultaneous presses does not see the first before it inserts: the
    unique key refuses its row, and it answers with the first one."""
    from umid_events.proposals import services

    first = live(key="same-moment", text="Eyni an")
    real, calls = services.find_by_idempotency_key, []

    def not_yet_committed_the_first_time(key):
        calls.append(key)
        return None if len(calls) == 1 else real(key)

    monkeypatch.setattr(services, "find_by_idempotency_key", not_yet_committed_the_first_time)
    second = live(key="same-moment", text="Eyni an")
    assert len(calls) == 2  # the look-up before the insert, and the one after the refusal
    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json["entry"]["id"] == first.json["entry"]["id"]
    assert db.session.scalar(sa.select(sa.func.count(Proposal.id))) == 1

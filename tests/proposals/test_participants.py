"""Participants send proposals from their personal page or the event page, in the event's window,
and see their own proposals with their status; submissions wait for moderation."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from umid_events.core.types import utcnow
from umid_events.extensions import db
from umid_events.proposals import services
from umid_events.proposals.models import Proposal, ProposalOrigin, ProposalStatus

from ..conftest import csrf_token, post_form


@pytest.fixture(autouse=True)
def english(client):
    client.get("/lang/en")


def test_a_participant_sends_a_proposal_from_the_personal_page(client, seminar, make_registration, topics):
    registration = make_registration()
    url = f"/p/{registration.personal_token}/proposals/new"
    assert "Send a proposal" in client.get(f"/p/{registration.personal_token}").get_data(as_text=True)
    response = post_form(client, url, {"text": "Kəndə qaz xətti çəkilsin", "title": "Qaz",
                                       "topic_id": topics["utilities"].id, "show_name": "y"},
                         follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Your proposal has been received" in page
    assert "Qaz" in page and "New" in page  # listed on the personal page with its status
    proposal = db.session.scalar(sa.select(Proposal))
    assert proposal.origin == ProposalOrigin.PARTICIPANT and proposal.person_id == registration.person_id
    assert proposal.show_name and not proposal.published and proposal.awaiting_moderation


def test_a_participant_sees_only_their_own_proposals(client, seminar, make_registration, organiser):
    mine, other = make_registration(), make_registration(full_name="Elçin Məmmədov", email="elcin@example.org")
    services.submit_proposal(seminar, services.ProposalDraft(text="Mənim təklifim"), registration=mine)
    services.submit_proposal(seminar, services.ProposalDraft(text="Başqasının təklifi"), registration=other)
    db.session.commit()
    page = client.get(f"/p/{mine.personal_token}").get_data(as_text=True)
    assert "Mənim təklifim" in page and "Başqasının təklifi" not in page


def test_a_tampered_personal_link_finds_nothing(client, seminar, make_registration):
    registration = make_registration()
    assert client.get(f"/p/{registration.personal_token}x/proposals/new").status_code == 404
    assert client.post(f"/p/{registration.personal_token}x/proposals/new", data={"text": "x"}).status_code == 404
    assert db.session.scalar(sa.select(sa.func.count(Proposal.id))) == 0


def test_outside_the_window_the_form_says_so_and_saves_nothing(client, seminar, make_registration):
    registration = make_registration()
    url = f"/p/{registration.personal_token}/proposals/new"
    token = csrf_token(client, url)
    seminar.proposals_open_until = utcnow() - timedelta(minutes=1)
    db.session.commit()
    response = client.post(url, data={"csrf_token": token, "text": "Gec təklif", "topic_id": "0"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "no longer accepting proposals" in page and "Gec təklif" in page  # the text is kept
    assert db.session.scalar(sa.select(sa.func.count(Proposal.id))) == 0
    assert "Send a proposal" not in client.get(f"/p/{registration.personal_token}").get_data(as_text=True)


@pytest.mark.parametrize("text, message", [("", "This field is required."),
                                           ("ə" * 20_000, "The proposal is too long")])
def test_empty_or_huge_text_keeps_what_was_typed(client, seminar, make_registration, text, message):
    registration = make_registration()
    url = f"/p/{registration.personal_token}/proposals/new"
    response = post_form(client, url, {"text": text, "title": "Başlıq 🚧", "topic_id": "0"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and message in page and "Başlıq 🚧" in page
    assert db.session.scalar(sa.select(sa.func.count(Proposal.id))) == 0


def test_an_anonymous_proposal_from_the_event_page(client, seminar, community):
    assert "Send a proposal" in client.get(f"/e/{seminar.public_token}").get_data(as_text=True)
    url = f"/e/{seminar.public_token}/proposal"
    response = post_form(client, url, {"text": "<b>Park</b> salınsın", "group": "ngo",
                                       "community_id": community.id, "topic_id": "0", "website": ""})
    assert "Your proposal has been received" in response.get_data(as_text=True)
    proposal = db.session.scalar(sa.select(Proposal))
    assert proposal.person_id is None and proposal.community_id == community.id
    assert proposal.proposer_group.value == "ngo" and proposal.awaiting_moderation
    page = client.get(f"/proposal/{proposal.public_token}").get_data(as_text=True)
    assert "&lt;b&gt;Park&lt;/b&gt; salınsın" in page and "<b>Park</b>" not in page


def test_the_same_form_sent_twice_saves_once(client, seminar, make_registration):
    registration = make_registration()
    url = f"/p/{registration.personal_token}/proposals/new"
    page = client.get(url).get_data(as_text=True)
    key = page.split('name="key" type="hidden" value="')[1].split('"')[0]
    for _ in range(2):
        post_form(client, url, {"text": "Bir dəfə", "topic_id": "0", "key": key})
    assert db.session.scalar(sa.select(sa.func.count(Proposal.id))) == 1


def test_the_public_form_is_rate_limited(client, app, seminar, community):
    url = f"/e/{seminar.public_token}/proposal"
    token = csrf_token(client, url)
    limit = int(app.config["PUBLIC_FORM_RATE_LIMIT"].split(" ")[0])
    statuses = [client.post(url, data={"csrf_token": token, "text": f"t{i}", "group": "ngo",
                                       "community_id": community.id, "topic_id": "0"}).status_code
                for i in range(limit + 1)]
    assert statuses[-1] == 429 and set(statuses[:-1]) == {200}


def test_the_public_page_shows_published_proposals_without_personal_data(
        client, seminar, make_registration, organiser, programme):
    named, hidden = make_registration(), make_registration(full_name="Gizli Adam", email="g@example.org")
    first = services.submit_proposal(seminar, services.ProposalDraft(text="Adlı təklif", show_name=True),
                                     registration=named)
    second = services.submit_proposal(seminar, services.ProposalDraft(text="Adsız təklif"), registration=hidden)
    services.submit_proposal(seminar, services.ProposalDraft(text="Yoxlanmamış"), registration=hidden)
    for proposal in (first, second):
        services.moderate_proposal(proposal, by=organiser, publish=True)
    services.change_status(second, ProposalStatus.ACCEPTED, by=organiser)
    db.session.commit()
    assert client.get(f"/proposals/{programme.slug}").status_code == 404  # switched off
    programme.proposals_public = True
    db.session.commit()
    page = client.get(f"/proposals/{programme.slug}").get_data(as_text=True)
    assert "Adlı təklif" in page and "Aygün Həsənova" in page
    assert "Adsız təklif" in page and "Gizli Adam" not in page and "g@example.org" not in page
    assert "Accepted for a dossier" in page
    assert "Yoxlanmamış" not in page  # still waiting for moderation
    link = client.get(f"/proposal/{first.public_token}").get_data(as_text=True)
    assert "Adlı təklif" in link and "Aygün Həsənova" in link
    assert client.get(f"/proposal/{first.public_token}x").status_code == 404

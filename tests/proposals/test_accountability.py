"""The public accountability page: linked from every public and participant page, showing why a
proposal was declined, and followed by every proposer, anonymous ones too, from their own link."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from umid_events.extensions import db
from umid_events.proposals import services
from umid_events.proposals.models import Proposal, ProposalStatus

from ..conftest import post_form

REASON = "Bu məsələ bələdiyyənin səlahiyyətindədir; bələdiyyəyə yazın."


@pytest.fixture(autouse=True)
def english(client):
    client.get("/lang/en")


def _public_pages(seminar, registration) -> list[str]:
    return ["/", "/events", "/events/calendar", f"/e/{seminar.public_token}",
            f"/r/{seminar.registration_token}", f"/p/{registration.personal_token}", "/privacy",
            f"/e/{seminar.public_token}/proposal"]


def test_every_public_page_links_the_accountability_page(client, seminar, make_registration, programme):
    registration = make_registration()
    link = f'href="/proposals/{programme.slug}"'
    for url in _public_pages(seminar, registration):
        assert link not in client.get(url).get_data(as_text=True), f"{url} links a page that is off"
    programme.proposals_public = True
    db.session.commit()
    for url in _public_pages(seminar, registration):
        response = client.get(url)
        assert response.status_code == 200, url
        assert link in response.get_data(as_text=True), f"{url} does not link the accountability page"
    page = client.get(f"/proposals/{programme.slug}").get_data(as_text=True)
    assert "Proposals and answers" in page


def test_a_declined_proposal_shows_why_to_the_public_and_its_proposer(
        client, seminar, make_registration, organiser, programme):
    programme.proposals_public = True
    registration = make_registration()
    proposal = services.submit_proposal(seminar, services.ProposalDraft(text="Küçəyə işıq çəkilsin"),
                                        registration=registration)
    services.moderate_proposal(proposal, by=organiser, publish=True)
    services.change_status(proposal, ProposalStatus.DECLINED, by=organiser, decline_reason=REASON)
    db.session.commit()

    listing = client.get(f"/proposals/{programme.slug}").get_data(as_text=True)
    assert "Küçəyə işıq çəkilsin" in listing and "Declined" in listing
    assert "Why it was declined" in listing and REASON in listing
    own_page = client.get(f"/proposal/{proposal.public_token}").get_data(as_text=True)
    assert REASON in own_page
    personal = client.get(f"/p/{registration.personal_token}").get_data(as_text=True)
    assert REASON in personal and f'href="/proposal/{proposal.public_token}"' in personal


def test_an_anonymous_proposer_gets_a_link_to_follow_the_proposal(client, seminar, community, organiser):
    response = post_form(client, f"/e/{seminar.public_token}/proposal",
                         {"text": "Kitabxanaya internet", "group": "ngo",
                          "community_id": community.id, "topic_id": "0", "website": ""})
    thanks = response.get_data(as_text=True)
    proposal = db.session.scalar(sa.select(Proposal))
    assert proposal.person_id is None
    assert "Follow your proposal" in thanks
    match = re.search(r'href="(http://[^"]+/proposal/([^"]+))"', thanks)
    assert match, "the confirmation has no link to follow the proposal"
    assert match.group(2) == proposal.public_token
    assert match.group(1) in thanks.replace(f'href="{match.group(1)}"', "")  # also written out

    waiting = client.get(f"/proposal/{proposal.public_token}").get_data(as_text=True)
    assert "Kitabxanaya internet" in waiting
    assert "The moderators have not read this proposal yet." in waiting

    services.moderate_proposal(proposal, by=organiser, publish=True)
    services.change_status(proposal, ProposalStatus.DECLINED, by=organiser, decline_reason=REASON)
    db.session.commit()
    later = client.get(f"/proposal/{proposal.public_token}").get_data(as_text=True)
    assert "Declined" in later and REASON in later
    assert "The moderators have not read this proposal yet." not in later


def test_a_bot_caught_by_the_honeypot_gets_no_tracking_link(client, seminar, community):
    response = post_form(client, f"/e/{seminar.public_token}/proposal",
                         {"text": "spam", "group": "ngo", "community_id": community.id,
                          "topic_id": "0", "website": "http://spam.example"})
    assert response.status_code == 200 and "/proposal/" not in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Proposal.id))) == 0

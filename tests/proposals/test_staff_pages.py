"""Organisers and moderators: the filtered list, bulk changes, a proposal's page, answers, topics."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa

from umid_events.extensions import db
from umid_events.notifications.models import OutgoingMessage
from umid_events.proposals import services
from umid_events.proposals.models import AuthorityAnswer, Proposal, ProposalStatus, ProposalTopic
from umid_events.proposals.services import ProposalDraft

from ..conftest import csrf_token, post_form
from .conftest import PDF

S = ProposalStatus


@pytest.fixture(autouse=True)
def english(client):
    client.get("/lang/en")  # messages are asserted in English; the Azerbaijani is in tools/az


def _proposal(user, seminar, text="Yol təmir edilsin", **fields):
    proposal, _ = services.record_proposal(ProposalDraft(text=text, event_id=seminar.id, **fields), by=user)
    db.session.commit()
    return proposal


def test_the_list_filters_by_status_topic_and_words(client, login, organiser, seminar, topics):
    _proposal(organiser, seminar, "Su xəttini bərpa edin", topic_id=topics["utilities"].id)
    roads = _proposal(organiser, seminar, "Kənd yolunu asfaltlayın", topic_id=topics["roads_transport"].id)
    services.change_status(roads, S.ACCEPTED, by=organiser)
    db.session.commit()
    login(organiser)
    page = client.get(f"/staff/proposals?topic={topics['utilities'].id}").get_data(as_text=True)
    assert "Su xəttini bərpa edin" in page and "Kənd yolunu" not in page
    page = client.get("/staff/proposals?status=accepted").get_data(as_text=True)
    assert "Kənd yolunu" in page and "Su xəttini" not in page
    page = client.get("/staff/proposals?q=XƏTTİNİ").get_data(as_text=True)  # Azerbaijani-aware
    assert "Su xəttini bərpa edin" in page and "Kənd yolunu" not in page


def test_html_in_a_proposal_is_shown_as_text(client, login, organiser, seminar):
    proposal = _proposal(organiser, seminar, "<script>alert(1)</script> 🚧 yol")
    login(organiser)
    for url in ("/staff/proposals", f"/staff/proposals/{proposal.id}"):
        page = client.get(url).get_data(as_text=True)
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt; 🚧 yol" in page


def test_bulk_change_of_ticked_proposals(client, login, organiser, seminar):
    first, second = _proposal(organiser, seminar, "a"), _proposal(organiser, seminar, "b")
    login(organiser)
    response = post_form(client, "/staff/proposals/bulk", {"ids": [first.id, second.id], "status": "accepted",
                                                           "note": "Quba dosyesi"},
                         token_from="/staff/proposals", follow_redirects=True)
    assert "Changed: 2." in response.get_data(as_text=True)
    statuses = db.session.scalars(sa.select(Proposal.status).order_by(Proposal.id)).all()
    assert statuses == [S.ACCEPTED, S.ACCEPTED]


def test_a_moderator_cannot_send_but_an_organiser_can(client, login, moderator, organiser, seminar):
    proposal = _proposal(moderator, seminar)
    login(moderator)
    url = f"/staff/proposals/{proposal.id}"
    post_form(client, f"{url}/status", {"status": "accepted"}, token_from=url)
    response = post_form(client, f"{url}/status", {"status": "sent", "dossier_reference": "D-1"},
                         token_from=url, follow_redirects=True)
    db.session.expire_all()
    assert db.session.get(Proposal, proposal.id).status == S.ACCEPTED
    assert response.status_code == 200
    assert client.get(f"{url}/answer").status_code == 403
    assert client.get("/staff/proposals/topics").status_code == 403
    assert client.get("/staff/proposals/export.csv").status_code == 403
    client.post("/logout", data={"csrf_token": csrf_token(client, url)})
    login(organiser)
    post_form(client, f"{url}/status", {"status": "sent", "dossier_reference": "D-1"}, token_from=url)
    db.session.expire_all()
    page = client.get(url).get_data(as_text=True)
    assert db.session.get(Proposal, proposal.id).status == S.SENT
    assert "D-1" in page and "Test Moderator" in page and "Test Organiser" in page  # history: who


def test_participants_and_strangers_see_no_staff_pages(client, organiser, seminar):
    proposal = _proposal(organiser, seminar)
    for url in ("/staff/proposals", f"/staff/proposals/{proposal.id}",
                f"/staff/events/{seminar.id}/proposals/live"):
        assert client.get(url).status_code == 302  # to the sign-in page


def test_an_answer_with_its_pdf_letter_is_recorded_and_mailed(client, login, organiser, seminar,
                                                             make_registration):
    registration = make_registration()
    proposal = services.submit_proposal(seminar, ProposalDraft(text="Məktəbə avtobus"),
                                        registration=registration)
    services.change_status(proposal, S.ACCEPTED, by=organiser)
    services.change_status(proposal, S.SENT, by=organiser, dossier_reference="D-7")
    db.session.commit()
    login(organiser)
    url = f"/staff/proposals/{proposal.id}/answer"
    response = client.post(url, data={
        "csrf_token": csrf_token(client, url), "outcome": "accepted", "answered_on": "2026-12-10",
        "text": "Avtobus sentyabrdan işləyəcək", "letter": (io.BytesIO(PDF), "cavab.pdf")},
        content_type="multipart/form-data", follow_redirects=True)
    assert "Avtobus sentyabrdan işləyəcək" in response.get_data(as_text=True)
    answer = db.session.scalar(sa.select(AuthorityAnswer))
    letter = client.get(f"/staff/proposals/answers/{answer.id}/letter.pdf")
    assert letter.mimetype == "application/pdf" and letter.data == PDF
    message = db.session.scalar(sa.select(OutgoingMessage))
    assert message.to_email == "aygun@example.org" and "Avtobus sentyabrdan" in message.text_body


def test_a_fake_or_huge_letter_is_refused_and_nothing_half_saved(client, login, organiser, seminar):
    proposal = _proposal(organiser, seminar)
    services.change_status(proposal, S.ACCEPTED, by=organiser)
    db.session.commit()
    login(organiser)
    url = f"/staff/proposals/{proposal.id}/answer"
    for data, words in ((b"MZ\x90\x00 not a pdf", "not a PDF"),
                        (b"%PDF-1.4" + b"0" * (services.MAX_LETTER_BYTES + 10), "too large")):
        response = client.post(url, data={
            "csrf_token": csrf_token(client, url), "outcome": "declined", "answered_on": "2026-12-10",
            "text": "Yox", "letter": (io.BytesIO(data), "letter.pdf")}, content_type="multipart/form-data")
        assert response.status_code == 200 and words in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(AuthorityAnswer.id))) == 0
    db.session.expire_all()
    assert db.session.get(Proposal, proposal.id).status == S.ACCEPTED


def test_organisers_edit_the_topics(client, login, organiser, topics):
    login(organiser)
    post_form(client, "/staff/proposals/topics", {"name": "Ekologiya", "name_en": "Environment",
                                                  "position": "9", "active": "y"})
    other = topics["other"]
    post_form(client, "/staff/proposals/topics", {"topic_id": other.id, "name": "Başqa", "name_en": "Other",
                                                  "position": "99"})
    db.session.expire_all()
    assert db.session.scalar(sa.select(ProposalTopic).where(ProposalTopic.name == "Ekologiya")).active
    other = db.session.get(ProposalTopic, other.id)
    assert other.name == "Başqa" and not other.active


def test_an_edit_based_on_an_old_version_is_refused(client, login, organiser, seminar):
    proposal = _proposal(organiser, seminar, "birinci")
    login(organiser)
    url = f"/staff/proposals/{proposal.id}/edit"
    token = csrf_token(client, url)
    services.update_proposal(proposal, by=organiser, version=None, title="", text="ikinci",
                             topic_id=None, authority_id=None, community_id=None,
                             proposer_group=None, show_name=False)
    db.session.commit()
    response = client.post(url, data={"csrf_token": token, "text": "üçüncü", "title": "",
                                      "topic_id": "0", "authority_id": "0", "event_id": "0",
                                      "origin": "letter", "community_id": "0", "proposer_group": "",
                                      "version": "1"})
    assert "Someone else changed this proposal" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Proposal, proposal.id).text == "ikinci"


def test_export_is_formula_safe(client, login, organiser, seminar):
    _proposal(organiser, seminar, "=HYPERLINK(\"http://evil\")")
    login(organiser)
    body = client.get("/staff/proposals/export.csv").get_data(as_text=True)
    assert "'=HYPERLINK" in body
    assert client.get("/staff/proposals/export.xlsx").status_code == 200


def test_a_bulk_change_without_a_status_or_ticks_says_so(client, login, organiser, seminar):
    proposal = _proposal(organiser, seminar)
    login(organiser)
    for data in ({"ids": [proposal.id], "status": ""}, {"status": "accepted"},
                 {"ids": [proposal.id], "status": "no-such-status"}):
        response = post_form(client, "/staff/proposals/bulk", data, token_from="/staff/proposals",
                             follow_redirects=True)
        assert response.status_code == 200
        assert "Tick the proposals to change and choose the new status." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Proposal, proposal.id).status == S.NEW


def test_an_edit_with_a_version_that_is_no_number_is_refused_as_changed(client, login, organiser, seminar):
    """A hand-made form (the corpus sends NUL, huge numbers, markup): refused, nothing saved,
    rather than saved without the check."""
    proposal = _proposal(organiser, seminar, "birinci")
    login(organiser)
    url = f"/staff/proposals/{proposal.id}/edit"
    for version in ("x", "99999999999999999999999", "<script>"):
        response = client.post(url, data={"csrf_token": csrf_token(client, url), "text": "dəyişdi",
                                          "title": "", "topic_id": "0", "authority_id": "0",
                                          "event_id": "0", "origin": "letter", "community_id": "0",
                                          "proposer_group": "", "version": version})
        assert "Someone else changed this proposal" in response.get_data(as_text=True), version
    db.session.expire_all()
    assert db.session.get(Proposal, proposal.id).text == "birinci"

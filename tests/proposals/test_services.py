"""Recording, the workflow with its history, duplicates and answers, through the services."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from umid_events.core.types import utcnow
from umid_events.extensions import db
from umid_events.notifications.models import OutgoingMessage
from umid_events.proposals import services
from umid_events.proposals.models import (
    AnswerOutcome,
    Proposal,
    ProposalOrigin,
    ProposalStatus,
    ProposalStatusChange,
)
from umid_events.proposals.services import ProposalDraft

from .conftest import PDF

S = ProposalStatus


def _record(user, seminar, text="Kəndə gedən yol təmir edilsin", key=None, **fields):
    proposal, created = services.record_proposal(
        ProposalDraft(text=text, event_id=seminar.id, **fields), by=user, idempotency_key=key)
    db.session.commit()
    return proposal, created


def test_the_same_key_saves_once(moderator, seminar):
    first, created = _record(moderator, seminar, key="k-1")
    again, created_again = _record(moderator, seminar, text="typed twice", key="k-1")
    assert (created, created_again) == (True, False)
    assert again.id == first.id and again.text == "Kəndə gedən yol təmir edilsin"
    assert db.session.scalar(sa.select(sa.func.count(Proposal.id))) == 1


def test_title_is_taken_from_the_text_when_missing(moderator, seminar):
    proposal, _ = _record(moderator, seminar, text="Su xətti " * 30)
    assert proposal.title.startswith("Su xətti Su xətti") and len(proposal.title) <= 81
    assert proposal.published and proposal.moderated_at is not None


@pytest.mark.parametrize("text", ["", "   \n ", "x" * 20_000])
def test_empty_or_huge_text_is_refused_and_nothing_saved(moderator, seminar, text):
    with pytest.raises(services.ProposalRefused):
        _record(moderator, seminar, text=text)
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(Proposal.id))) == 0


def test_participants_submit_only_in_the_window_and_wait_for_moderation(seminar, make_registration):
    registration = make_registration()
    proposal = services.submit_proposal(seminar, ProposalDraft(text="Bələdiyyə büdcəsi açıq olsun"),
                                        registration=registration)
    db.session.commit()
    assert proposal.origin == ProposalOrigin.PARTICIPANT
    assert proposal.person_id == registration.person_id and not proposal.published
    assert proposal.awaiting_moderation
    seminar.proposals_open_until = utcnow() - timedelta(minutes=1)
    db.session.commit()
    with pytest.raises(services.ProposalsClosed):
        services.submit_proposal(seminar, ProposalDraft(text="late"), registration=registration)


def test_status_history_records_who_when_from_to(organiser, seminar):
    proposal, _ = _record(organiser, seminar)
    services.change_status(proposal, S.ACCEPTED, by=organiser, note="for the Quba dossier")
    services.change_status(proposal, S.SENT, by=organiser, dossier_reference="D-2026/3")
    db.session.commit()
    rows = db.session.scalars(sa.select(ProposalStatusChange).order_by(ProposalStatusChange.id)).all()
    assert [(r.from_status, r.to_status) for r in rows] == [
        (None, S.NEW), (S.NEW, S.ACCEPTED), (S.ACCEPTED, S.SENT)]
    assert rows[1].note == "for the Quba dossier" and rows[1].changed_by_id == organiser.id
    assert proposal.dossier_reference == "D-2026/3"


def test_declining_needs_a_reason_and_sending_a_dossier(organiser, seminar):
    proposal, _ = _record(organiser, seminar)
    with pytest.raises(services.ProposalRefused):
        services.change_status(proposal, S.DECLINED, by=organiser)
    services.change_status(proposal, S.ACCEPTED, by=organiser)
    with pytest.raises(services.ProposalRefused):
        services.change_status(proposal, S.SENT, by=organiser, dossier_reference="  ")
    with pytest.raises(services.ProposalRefused):
        services.change_status(proposal, S.IMPLEMENTED, by=organiser)


def test_moderators_stop_at_accepted(moderator, organiser, seminar):
    proposal, _ = _record(moderator, seminar)
    services.change_status(proposal, S.ACCEPTED, by=moderator)
    with pytest.raises(services.ProposalRefused):
        services.change_status(proposal, S.SENT, by=moderator, dossier_reference="D-1")
    services.change_status(proposal, S.SENT, by=organiser, dossier_reference="D-1")
    with pytest.raises(services.ProposalRefused):
        services.change_status(proposal, S.ACCEPTED, by=moderator)
    assert proposal.status == S.SENT


def test_bulk_change_reports_what_it_skipped(organiser, seminar):
    a, _ = _record(organiser, seminar, text="a")
    b, _ = _record(organiser, seminar, text="b")
    services.change_status(b, S.ACCEPTED, by=organiser)
    services.change_status(b, S.SENT, by=organiser, dossier_reference="D-9")
    result = services.change_statuses([a, b], S.ACCEPTED, by=organiser)
    db.session.commit()
    assert result.changed == 2  # b may go back from sent to accepted
    result = services.change_statuses([a, b], S.IMPLEMENTED, by=organiser)
    assert result.changed == 0 and len(result.skipped) == 2


def test_a_duplicate_points_to_the_original_and_keeps_its_origin(moderator, seminar):
    original, _ = _record(moderator, seminar, text="Yol")
    copy, _ = _record(moderator, seminar, text="Yol təmiri", origin=ProposalOrigin.PHONE)
    third, _ = _record(moderator, seminar, text="Yol yenə")
    services.mark_duplicate(copy, original, by=moderator)
    services.mark_duplicate(third, copy, by=moderator)  # follows the chain to the original
    db.session.commit()
    assert copy.duplicate_of_id == original.id and third.duplicate_of_id == original.id
    assert copy.status == S.MERGED and copy.origin == ProposalOrigin.PHONE
    with pytest.raises(services.ProposalRefused):
        services.mark_duplicate(original, copy, by=moderator)


def test_an_answer_moves_the_proposal_and_mails_the_proposer(organiser, seminar, make_registration):
    registration = make_registration()
    proposal = services.submit_proposal(seminar, ProposalDraft(text="Su xətti çəkilsin"),
                                        registration=registration)
    services.change_status(proposal, S.ACCEPTED, by=organiser)
    services.change_status(proposal, S.SENT, by=organiser, dossier_reference="D-1")
    answer = services.record_answer(proposal, by=organiser, text="2027-ci ildə çəkiləcək",
                                    answered_on=date(2026, 12, 1), outcome=AnswerOutcome.PARTLY,
                                    letter=("cavab.pdf", PDF))
    db.session.commit()
    assert proposal.status == S.ANSWERED
    assert answer.letter_sha256 and len(answer.letter_sha256) == 64 and answer.letter_size == len(PDF)
    message = db.session.scalar(sa.select(OutgoingMessage))
    assert message.to_email == "aygun@example.org"
    assert "2027-ci ildə çəkiləcək" in message.text_body


@pytest.mark.parametrize("data, words", [
    (b"", "empty"), (b"<html>not a pdf</html>", "not a PDF"),
    (b"%PDF-" + b"0" * (services.MAX_LETTER_BYTES + 1), "too large")])
def test_a_letter_that_is_not_a_usable_pdf_is_refused(data, words):
    with pytest.raises(services.InvalidLetter, match=words):
        services.check_letter("letter.pdf", data)

"""Proposals by status and by authority with the answer rate; media publications."""

from __future__ import annotations

from datetime import UTC, date, datetime

import sqlalchemy as sa

from umid_events.auth.models import Role
from umid_events.directory.models import Organisation
from umid_events.documents.models import PressPublication, PressRelease
from umid_events.extensions import db
from umid_events.proposals.models import (
    AnswerOutcome,
    AuthorityAnswer,
    Proposal,
    ProposalOrigin,
    ProposalStatus,
)

from .pages import highlights, page_tree, table_rows, targets


def _proposal(event, authority, status, day, answer=None):
    proposal = Proposal(title=f"Təklif {status}", text="Mətn", origin=ProposalOrigin.MODERATOR, event_id=event.id,
                        authority_id=authority.id if authority else None, status=status,
                        created_at=datetime(2022, day.month, day.day, 9, tzinfo=UTC))
    if answer:
        proposal.answers.append(AuthorityAnswer(answered_on=day, outcome=answer, text="Cavab"))
    db.session.add(proposal)
    return proposal


def test_proposals_and_media_figures(client, make_user, login, data_set):
    quba = db.session.scalar(sa.select(Organisation).where(Organisation.name == "Quba Rayon İcra Hakimiyyəti"))
    kobia = db.session.scalar(sa.select(Organisation).where(Organisation.name == "KOBİA regional mərkəzi"))
    seminar = data_set.events["s1"]
    _proposal(seminar, quba, ProposalStatus.ANSWERED, date(2022, 7, 1), AnswerOutcome.ACCEPTED)
    _proposal(seminar, quba, ProposalStatus.SENT, date(2022, 7, 1))
    _proposal(seminar, kobia, ProposalStatus.SENT, date(2022, 7, 1), AnswerOutcome.NO_REPLY)  # not an answer
    _proposal(seminar, kobia, ProposalStatus.IMPLEMENTED, date(2022, 7, 2))
    _proposal(seminar, None, ProposalStatus.NEW, date(2022, 7, 2))
    _proposal(seminar, quba, ProposalStatus.DECLINED, date(2022, 7, 2))
    release = PressRelease(event_id=seminar.id, title="Seminar", body="...", title_en="Seminar", body_en="...")
    release.publications = [PressPublication(outlet="Azərtac", url="https://azertag.az/x", published_on=date(2022, 7, 3)),
                            PressPublication(outlet="Report.az", url="https://report.az/y", published_on=date(2022, 8, 9))]
    db.session.add(release)
    db.session.commit()
    login(make_user(Role.ORGANISER))

    tree = page_tree(client.get("/staff/dashboard?lang=en"))
    by_status = {row[0]: row[1] for row in table_rows(tree, "proposals_by_status")}
    assert by_status == {"New": "1", "Accepted for a dossier": "0", "Merged": "0", "Declined": "1",
                         "Sent to the authority": "2", "Answered": "1", "Implemented": "1"}
    by_authority = {row[0]: row[1:] for row in table_rows(tree, "proposals_by_authority")}
    assert by_authority == {"Quba Rayon İcra Hakimiyyəti": ["3", "2", "1", "50"],
                            "KOBİA regional mərkəzi": ["2", "2", "1", "50"],
                            "To be decided": ["1", "0", "0", "0"]}
    assert highlights(tree, "proposals") == {"Proposals recorded": "6", "Delivered to the authorities": "4",
                                             "Answer rate": "50%"}
    assert highlights(tree, "media") == {"Media publications": "2"}
    assert targets(tree)["proposals_delivered"] == "4"

    july = page_tree(client.get("/staff/dashboard?lang=en&start=2022-07-02&end=2022-07-31"))
    assert highlights(july, "proposals")["Proposals recorded"] == "3"
    assert highlights(july, "media") == {"Media publications": "1"}


def test_an_answer_counts_a_proposal_delivered_and_answered_whatever_its_status(client, make_user, login, data_set):
    quba = db.session.scalar(sa.select(Organisation).where(Organisation.name == "Quba Rayon İcra Hakimiyyəti"))
    seminar = data_set.events["s1"]
    _proposal(seminar, quba, ProposalStatus.ACCEPTED, date(2022, 7, 1), AnswerOutcome.ACCEPTED)  # not marked sent
    _proposal(seminar, quba, ProposalStatus.SENT, date(2022, 7, 1), AnswerOutcome.PARTLY)  # not marked answered
    _proposal(seminar, quba, ProposalStatus.SENT, date(2022, 7, 1))
    _proposal(seminar, quba, ProposalStatus.NEW, date(2022, 7, 1), AnswerOutcome.NO_REPLY)  # not an answer
    db.session.commit()
    login(make_user(Role.ORGANISER))

    tree = page_tree(client.get("/staff/dashboard?lang=en"))
    assert {row[0]: row[1:] for row in table_rows(tree, "proposals_by_authority")} == {
        "Quba Rayon İcra Hakimiyyəti": ["4", "3", "2", "67"]}
    assert highlights(tree, "proposals") == {"Proposals recorded": "4", "Delivered to the authorities": "3",
                                             "Answer rate": "67%"}

"""`flask demo` shows proposals: the held seminar's in several statuses, one answered, the public
page switched on, and the coming seminar open for participants' proposals."""

from __future__ import annotations

import sqlalchemy as sa

from umid_events.demo import build_demo
from umid_events.extensions import db
from umid_events.programmes.models import Programme
from umid_events.proposals.models import AuthorityAnswer, Proposal, ProposalStatus


def test_the_demo_has_proposals_in_several_statuses(app, client):
    with app.app_context():
        build_demo()
        db.session.commit()
        statuses = set(db.session.scalars(sa.select(Proposal.status)))
        # (the documents demo then sends the accepted ones in a dossier)
        assert {ProposalStatus.NEW, ProposalStatus.MERGED, ProposalStatus.DECLINED, ProposalStatus.SENT,
                ProposalStatus.ANSWERED, ProposalStatus.IMPLEMENTED} <= statuses
        answer = db.session.scalar(sa.select(AuthorityAnswer).limit(1))
        assert answer.letter_pdf.startswith(b"%PDF-")
        programme = db.session.scalar(sa.select(Programme))
    page = client.get(f"/proposals/{programme.slug}?lang=en").get_data(as_text=True)
    assert "Tibb məntəqəsində" in page and "Partly accepted" in page
    assert "küçə işıqlandırması" not in page  # the participant's proposal awaits moderation

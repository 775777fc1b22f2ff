"""Proposals by status and by authority, with the authorities' answer rate."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from ...directory.models import Organisation
from ...events.models import Event
from ...extensions import db
from ...proposals.labels import STATUS_LABELS
from ...proposals.models import AnswerOutcome, AuthorityAnswer, Proposal, ProposalStatus
from ..figures import Context, Section, Table

ANSWERED_STATES = (ProposalStatus.ANSWERED, ProposalStatus.IMPLEMENTED)
DELIVERED_STATES = (ProposalStatus.SENT, *ANSWERED_STATES)


def _in_programme(context: Context):
    """The programme's proposals recorded in the period (those of no event count too)."""
    return sa.and_(sa.or_(Proposal.event_id.is_(None), Event.programme_id == context.programme.id),
                   context.period.covers_moment(Proposal.created_at))


def proposals_section(context: Context) -> Section:
    where = _in_programme(context)
    by_status = dict(db.session.execute(
        sa.select(Proposal.status, sa.func.count(Proposal.id))
        .outerjoin(Event, Event.id == Proposal.event_id).where(where).group_by(Proposal.status)).all())
    has_answer = sa.exists().where(AuthorityAnswer.proposal_id == Proposal.id,
                                   AuthorityAnswer.outcome != AnswerOutcome.NO_REPLY)
    answered = sa.or_(Proposal.status.in_(ANSWERED_STATES), has_answer)
    delivered = sa.or_(Proposal.status.in_(DELIVERED_STATES), answered)
    by_authority = db.session.execute(
        sa.select(Organisation.name, sa.func.count(Proposal.id),
                  sa.func.count(sa.case((delivered, Proposal.id))),
                  sa.func.count(sa.case((answered, Proposal.id))))
        .select_from(Proposal)
        .outerjoin(Event, Event.id == Proposal.event_id)
        .outerjoin(Organisation, Organisation.id == Proposal.authority_id)
        .where(where, Proposal.status != ProposalStatus.MERGED)
        .group_by(Proposal.authority_id, Organisation.name)
        .order_by(sa.func.count(Proposal.id).desc())).all()

    total_delivered = sum(row[2] for row in by_authority)
    total_answered = sum(row[3] for row in by_authority)
    rate = round(100 * total_answered / total_delivered) if total_delivered else 0

    def percent(part, whole):
        return round(100 * part / whole) if whole else 0

    tables = [
        Table("proposals_by_status", _("Proposals by status"), [_("Status"), _("Proposals")],
              [[str(label), by_status.get(status, 0)] for status, label in STATUS_LABELS.items()], chart=1),
        Table("proposals_by_authority", _("Proposals by authority"),
              [_("Authority"), _("Proposals"), _("Delivered"), _("Answered"), _("Answer rate, percent")],
              [[name or _("To be decided"), count, sent, answers, percent(answers, sent)]
               for name, count, sent, answers in by_authority], chart=1,
              note=_("Merged proposals are counted in the proposal they were merged into.")),
    ]
    return Section(
        "proposals", _("Proposals"), tables,
        highlights=[(_("Proposals recorded"), str(sum(by_status.values()))),
                    (_("Delivered to the authorities"), str(total_delivered)),
                    (_("Answer rate"), f"{rate}%")],
        measures={"proposals_delivered": total_delivered, "answer_rate": rate},
    )

"""Proposals by status and by authority, with the authorities' answer rate."""

from __future__ import annotations

from collections import Counter

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


def proposal_counts(context: Context) -> list[tuple]:
    """(authority id, authority name, status, proposals, of them with an answer): one query, one
    row per authority and status, whatever the number of proposals. An answer other than "no reply"
    counts."""
    answered = (sa.select(AuthorityAnswer.proposal_id)
                .where(AuthorityAnswer.outcome != AnswerOutcome.NO_REPLY).distinct().subquery("answered"))
    counts = (
        sa.select(Proposal.authority_id.label("authority_id"), Proposal.status.label("status"),
                  sa.func.count().label("proposals"), sa.func.count(answered.c.proposal_id).label("with_answer"))
        .select_from(Proposal)
        .outerjoin(Event, Event.id == Proposal.event_id)
        .outerjoin(answered, answered.c.proposal_id == Proposal.id)
        .where(_in_programme(context))
        .group_by(Proposal.authority_id, Proposal.status)
    ).subquery("counts")
    return db.session.execute(
        sa.select(counts.c.authority_id, Organisation.name, counts.c.status, counts.c.proposals, counts.c.with_answer)
        .outerjoin(Organisation, Organisation.id == counts.c.authority_id)).all()


def proposals_section(context: Context) -> Section:
    by_status = Counter()
    authorities: dict = {}  # authority id -> [name, proposals, delivered, answered]
    for authority_id, name, status, count, with_answer in proposal_counts(context):
        by_status[status] += count
        if status == ProposalStatus.MERGED:
            continue
        row = authorities.setdefault(authority_id, [name, 0, 0, 0])
        answered = count if status in ANSWERED_STATES else with_answer  # by its status, or by an answer
        row[1] += count
        row[2] += count if status in DELIVERED_STATES else answered  # an answer proves the delivery
        row[3] += answered
    # the most proposals first; equal numbers in the order of the authorities' ids, "to be decided" last
    order = sorted(authorities, key=lambda key: (-authorities[key][1], key is None, key or 0))
    by_authority = [authorities[key] for key in order]

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

"""What participants knew before and after the sessions that had a knowledge check."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import aliased

from ...events.labels import KIND_LABELS
from ...events.models import Event
from ...extensions import db
from ...outcomes.models import KnowledgeAttempt, KnowledgeCheck, KnowledgePhase
from ..figures import Context, Section, Table


def _percent(score, total) -> int:
    return round(100 * (score or 0) / total) if total else 0


def knowledge_section(context: Context) -> Section:
    where = sa.and_(Event.programme_id == context.programme.id, context.period.covers_moment(Event.starts_at))
    answered = {(kind, phase): count for kind, phase, count in db.session.execute(
        sa.select(Event.kind, KnowledgeAttempt.phase, sa.func.count(KnowledgeAttempt.id))
        .join(KnowledgeCheck, KnowledgeCheck.id == KnowledgeAttempt.check_id)
        .join(Event, Event.id == KnowledgeCheck.event_id).where(where)
        .group_by(Event.kind, KnowledgeAttempt.phase))}
    before, after = aliased(KnowledgeAttempt), aliased(KnowledgeAttempt)
    paired = db.session.execute(
        sa.select(Event.kind, sa.func.count(before.id), sa.func.sum(before.score), sa.func.sum(before.total),
                  sa.func.sum(after.score), sa.func.sum(after.total))
        .select_from(before)
        .join(after, sa.and_(after.registration_id == before.registration_id, after.phase == KnowledgePhase.AFTER))
        .join(KnowledgeCheck, KnowledgeCheck.id == before.check_id)
        .join(Event, Event.id == KnowledgeCheck.event_id)
        .where(before.phase == KnowledgePhase.BEFORE, where)
        .group_by(Event.kind)).all()
    rows, change = [], None
    both_total = [0, 0, 0, 0, 0]
    for kind, both, score_before, total_before, score_after, total_after in paired:
        was, now = _percent(score_before, total_before), _percent(score_after, total_after)
        rows.append([str(KIND_LABELS[kind]), answered.get((kind, KnowledgePhase.BEFORE), 0),
                     answered.get((kind, KnowledgePhase.AFTER), 0), both, was, now, now - was])
        for index, value in enumerate((both, score_before, total_before, score_after, total_after)):
            both_total[index] += value or 0
    if both_total[0]:
        change = _percent(both_total[3], both_total[4]) - _percent(both_total[1], both_total[2])
    table = Table(
        "knowledge", _("Knowledge before and after the sessions"),
        [_("Kind of session"), _("Answered before"), _("Answered after"), _("Answered both"),
         _("Right answers before, percent"), _("Right answers after, percent"), _("Change, points")],
        rows, note=_("Right answers are compared for the participants who answered both times."))
    value = "—" if change is None else f"{change:+d}"
    return Section("knowledge", _("Knowledge check"), [table],
                   highlights=[(_("Change in right answers, points"), value)])

"""Sessions held against the plan, in all and per community (the plan page's matrix)."""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from flask_babel import gettext as _

from ...directory.models import Community, District
from ...events.kinds import EventKind, EventStatus
from ...events.labels import KIND_LABELS
from ...events.models import Event
from ...extensions import db
from ...programmes.models import PlanQuota
from ..figures import Context, Section, Table


def sessions_section(context: Context) -> Section:
    programme, period = context.programme, context.period
    planned = defaultdict(lambda: defaultdict(int))  # community (None: programme-wide) -> kind -> n
    for community_id, kind, count in db.session.execute(
            sa.select(PlanQuota.community_id, PlanQuota.kind, PlanQuota.planned)
            .where(PlanQuota.programme_id == programme.id)):
        planned[community_id][kind] += count
    held = defaultdict(lambda: defaultdict(int))
    scheduled = defaultdict(lambda: defaultdict(int))
    for community_id, kind, status, count in db.session.execute(
            sa.select(Event.community_id, Event.kind, Event.status, sa.func.count(Event.id))
            .where(Event.programme_id == programme.id, Event.status != EventStatus.CANCELLED,
                   period.covers_moment(Event.starts_at))
            .group_by(Event.community_id, Event.kind, Event.status)):
        place = None if kind is EventKind.SEMINAR else community_id
        (held if status is EventStatus.HELD else scheduled)[place][kind] += count

    totals = {kind: (sum(held[place][kind] for place in list(held)),
                     sum(scheduled[place][kind] for place in list(scheduled)),
                     sum(planned[place][kind] for place in list(planned))) for kind in EventKind}
    by_kind = Table("sessions", _("Sessions held"),
                    [_("Kind of session"), _("Held"), _("Scheduled"), _("Planned"), _("Held, percent")],
                    [[str(KIND_LABELS[kind]), h, s, p, round(100 * h / p) if p else 0]
                     for kind, (h, s, p) in totals.items()], chart=1)

    community_ids = {cid for cid in set(planned) | set(held) | set(scheduled) if cid is not None}
    communities = db.session.execute(
        sa.select(Community.id, Community.name, District.name).join(District)
        .where(Community.id.in_(community_ids)).order_by(District.name_sort, Community.name_sort)
    ).all()  # run even with no community, so that the page's number of statements stays fixed
    kinds = (EventKind.CONSULTATION, EventKind.TRAINING)
    matrix = [{"district": district, "community": name,
               "cells": {kind: {"held": held[cid][kind], "scheduled": scheduled[cid][kind],
                                "planned": planned[cid][kind]} for kind in kinds}}
              for cid, name, district in communities]
    per_community = Table(
        "per_community", _("Sessions per community"),
        [_("District"), _("Community"), _("Consultations held"), _("Consultations planned"),
         _("Trainings held"), _("Trainings planned")],
        [[row["district"], row["community"],
          *(value for kind in kinds for value in (row["cells"][kind]["held"], row["cells"][kind]["planned"]))]
         for row in matrix])

    measures = {f"sessions_{kind.value}": totals[kind][0] for kind in EventKind}
    measures["_planned"] = {kind: totals[kind][2] for kind in EventKind}
    return Section("sessions", _("Sessions"), [by_kind, per_community], matrix=matrix,
                   highlights=[(_("Sessions held"), str(sum(t[0] for t in totals.values())))],
                   measures=measures)

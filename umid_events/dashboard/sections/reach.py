"""People reached (present at least once, each person counted once) and attendance."""

from __future__ import annotations

from collections import Counter

import sqlalchemy as sa
from flask_babel import gettext as _

from ...attendance.models import AttendanceRecord
from ...directory.models import Community, District, Person
from ...events.kinds import EventStatus
from ...events.labels import KIND_LABELS
from ...events.models import Event
from ...extensions import db
from ...registrations.forms import GENDER_LABELS, GROUP_LABELS
from ...registrations.models import ParticipantGroup, Registration, RegistrationStatus
from ..figures import Context, Section, Table


def reached_people(context: Context):
    """One row per person present at an event of the period (a cancelled registration does not
    count), with the latest registration that brought them: its group is the person's group."""
    return (
        sa.select(AttendanceRecord.person_id.label("person_id"),
                  sa.func.max(Registration.id).label("registration_id"))
        .join(Event, Event.id == AttendanceRecord.event_id)
        .outerjoin(Registration, sa.and_(Registration.event_id == AttendanceRecord.event_id,
                                         Registration.person_id == AttendanceRecord.person_id))
        .where(AttendanceRecord.present.is_(True), Event.programme_id == context.programme.id,
               Event.status != EventStatus.CANCELLED, context.period.covers_moment(Event.starts_at),
               sa.or_(Registration.id.is_(None), Registration.status != RegistrationStatus.CANCELLED))
        .group_by(AttendanceRecord.person_id)
    ).subquery("reached")


def reach_cells(context: Context) -> list[tuple]:
    """(gender, district, community, group, people): every reached person in exactly one cell."""
    reached = reached_people(context)
    return db.session.execute(
        sa.select(Person.gender, District.name, Community.name, Registration.group, sa.func.count())
        .select_from(reached)
        .join(Person, Person.id == reached.c.person_id)
        .outerjoin(Community, Community.id == Person.community_id)
        .outerjoin(District, District.id == Community.district_id)
        .outerjoin(Registration, Registration.id == reached.c.registration_id)
        .group_by(Person.gender, District.name, Community.name, Registration.group)).all()


def _split(cells, index, labels=None, order=None) -> list[list]:
    counts = Counter()
    for cell in cells:
        counts[cell[index]] += cell[-1]
    if order is None:
        keys = sorted(counts, key=lambda key: (key is None, str(key or "")))
    else:
        keys = list(order) + ([None] if counts[None] else [])
    return [[str(labels[key]) if labels and key in labels else (key or "—"), counts[key]] for key in keys]


def reach_section(context: Context) -> Section:
    cells = reach_cells(context)
    reached = sum(cell[-1] for cell in cells)
    members = sum(cell[-1] for cell in cells if cell[3] == ParticipantGroup.COMMUNITY_MEMBER)

    def table(key, title, first, rows):
        return Table(key, title, [first, _("People reached")], rows, chart=1)

    period, programme = context.period, context.programme
    registered = db.session.scalar(
        sa.select(sa.func.count(sa.distinct(Registration.person_id))).join(Event)
        .where(Event.programme_id == programme.id, Event.status != EventStatus.CANCELLED,
               Registration.status == RegistrationStatus.CONFIRMED, period.covers_moment(Event.starts_at))) or 0
    present = sa.and_(AttendanceRecord.event_id == Registration.event_id,
                      AttendanceRecord.person_id == Registration.person_id, AttendanceRecord.present.is_(True))
    by_kind = db.session.execute(
        sa.select(Event.kind, sa.func.count(Registration.id), sa.func.count(AttendanceRecord.id))
        .select_from(Registration).join(Event, Event.id == Registration.event_id)
        .outerjoin(AttendanceRecord, present)
        .where(Event.programme_id == programme.id, Event.status == EventStatus.HELD,
               Registration.status == RegistrationStatus.CONFIRMED, period.covers_moment(Event.starts_at))
        .group_by(Event.kind)).all()
    expected = sum(row[1] for row in by_kind)
    came = sum(row[2] for row in by_kind)
    rate = round(100 * came / expected) if expected else 0
    attendance = Table(
        "attendance", _("Attendance at held sessions"),
        [_("Kind of session"), _("Registered"), _("Present"), _("Attendance rate, percent")],
        [[str(KIND_LABELS[kind]), total, there, round(100 * there / total) if total else 0]
         for kind, total, there in by_kind] + [[_("All"), expected, came, rate]], chart=3)

    return Section(
        "reach", _("People reached"),
        [table("by_sex", _("People reached by sex"), _("Sex"),
               _split(cells, 0, GENDER_LABELS, order=list(GENDER_LABELS))),
         table("by_district", _("People reached by district"), _("District"), _split(cells, 1)),
         table("by_community", _("People reached by community"), _("Community"), _split(cells, 2)),
         table("by_group", _("People reached by participant group"), _("Participant group"),
               _split(cells, 3, GROUP_LABELS, order=list(GROUP_LABELS))),
         attendance],
        highlights=[(_("Unique people reached"), str(reached)), (_("People registered"), str(registered)),
                    (_("Attendance rate"), f"{rate}%")],
        measures={"community_members_reached": members, "people_reached": reached},
    )

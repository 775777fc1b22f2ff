"""People reached (present at least once, each person counted once) and attendance.

The rules, in one place (``counted_presence`` and ``counted_registrations``):

* a person is reached by a presence at a session that was not cancelled, unless their registration
  for that session was cancelled (a walk-in, present with no registration, is reached); their group
  is the group of the latest registration that brought them;
* a person registered has a confirmed registration for a session that was not cancelled;
* the attendance rate compares, per kind of session, the confirmed registrations of held sessions
  with those of them whose person was present.

For a period these are two aggregate queries over the attendance records and the registrations
of the period. For the whole programme (no dates, the page as it opens) the same rules have been
applied person by person beforehand and counted per cell (``dashboard/facts.py``): two small
queries over those cells, whatever the amount of data.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _

from ...attendance.models import AttendanceRecord
from ...directory.models import Community, District, Person
from ...events.kinds import EventKind, EventStatus
from ...events.labels import KIND_LABELS
from ...events.models import Event
from ...extensions import db
from ...registrations.forms import GENDER_LABELS, GROUP_LABELS
from ...registrations.models import ParticipantGroup, Registration, RegistrationStatus
from ..figures import Context, Section, Table
from ..models import ReachCell

KINDS = sorted(EventKind, key=lambda kind: kind.value)
GROUPS = list(ParticipantGroup)
GROUP_SLOTS = 8  # more than the number of groups: ``id * 8 + code`` keeps a registration and its group together


@dataclass
class Reach:
    cells: list[tuple]  # (gender, district, community, group, people): each reached person in one cell
    present: dict  # kind -> confirmed registrations of held sessions whose person was present


def _latest_registration_with_group():
    """MAX of ``registration id * 8 + group code`` (code 1..6): the latest registration and its
    group in one aggregate, with no second look-up of the registration by its id."""
    code = sa.case(*[(Registration.group == group, number) for number, group in enumerate(GROUPS, start=1)],
                   else_=0)
    return sa.func.max(sa.cast(Registration.id, sa.BigInteger) * GROUP_SLOTS + code)


def group_of(latest):
    """The group packed in ``_latest_registration_with_group``'s value (None: no registration)."""
    return sa.case(*[(latest % GROUP_SLOTS == number, sa.literal(group.value))
                     for number, group in enumerate(GROUPS, start=1)], else_=sa.null())


def _confirmed_at_held(kind: EventKind):
    return sa.and_(Event.status == EventStatus.HELD, Event.kind == kind,
                   Registration.status == RegistrationStatus.CONFIRMED)


def counted_presence(*where, by=()):
    """One row per person (per ``by`` too) present at a session that was not cancelled, among the
    attendance records ``where`` selects; a cancelled registration does not count. ``latest``: the
    latest registration that brought them, packed with its group (see
    ``_latest_registration_with_group``): that group is the person's group. Per kind of session,
    ``present_<kind>`` counts the person's confirmed registrations of held sessions they came to."""
    return (
        sa.select(*by, AttendanceRecord.person_id.label("person_id"),
                  _latest_registration_with_group().label("latest"),
                  *[sa.func.count(sa.case((_confirmed_at_held(kind), 1))).label(f"present_{kind.value}")
                    for kind in KINDS])
        .join(Event, Event.id == AttendanceRecord.event_id)
        .outerjoin(Registration, sa.and_(Registration.event_id == AttendanceRecord.event_id,
                                         Registration.person_id == AttendanceRecord.person_id))
        .where(AttendanceRecord.present.is_(True), Event.status != EventStatus.CANCELLED,
               sa.or_(Registration.id.is_(None), Registration.status != RegistrationStatus.CANCELLED), *where)
        .group_by(*by, AttendanceRecord.person_id)
    )


def _held(kind: EventKind):
    return sa.func.count(sa.case((sa.and_(Event.status == EventStatus.HELD, Event.kind == kind), Registration.id)))


def counted_registrations(*where):
    """The registrations that count (confirmed, for a session that was not cancelled) among those
    ``where`` selects: the clauses, for a query that joins ``Event`` to ``Registration``."""
    return (Event.status != EventStatus.CANCELLED, Registration.status == RegistrationStatus.CONFIRMED, *where)


def registrations_by_person(*where, by=()):
    """One row per person (per ``by`` too) with a registration that counts; per kind of session,
    ``registered_<kind>`` counts their confirmed registrations of held sessions."""
    return (sa.select(*by, Registration.person_id.label("person_id"),
                      *[_held(kind).label(f"registered_{kind.value}") for kind in KINDS])
            .join(Event, Event.id == Registration.event_id)
            .where(*counted_registrations(*where))
            .group_by(*by, Registration.person_id))


def reached_people(context: Context):
    """``counted_presence`` for the sessions of the programme in the period."""
    return counted_presence(Event.programme_id == context.programme.id,
                            context.period.covers_moment(Event.starts_at)).subquery("reached")


def _name_cells(cells):
    """``cells`` (gender, community id, group, people, present per kind) with the names of their
    communities and districts."""
    return (sa.select(cells.c.gender, District.name, Community.name, cells.c.group, cells.c.people,
                      *[cells.c[f"present_{kind.value}"] for kind in KINDS])
            .select_from(cells)
            .outerjoin(Community, Community.id == cells.c.community_id)
            .outerjoin(District, District.id == Community.district_id))


def reach(context: Context) -> Reach:
    """One query: people are counted per (sex, community, group) in the database, and only those
    few cells are joined to the names of their communities and districts."""
    if context.period.is_open:
        kept = (sa.select(ReachCell.gender, ReachCell.community_id, ReachCell.group, ReachCell.people,
                          *[getattr(ReachCell, f"present_{kind.value}") for kind in KINDS])
                .where(ReachCell.programme_id == context.programme.id, ReachCell.reached.is_(True),
                       ReachCell.people > 0)).subquery("cells")
        rows = db.session.execute(_name_cells(kept)).all()
    else:
        reached = reached_people(context)
        group_code = reached.c.latest % GROUP_SLOTS
        cells = (
            sa.select(Person.gender.label("gender"), Person.community_id.label("community_id"),
                      group_code.label("group"), sa.func.count().label("people"),
                      *[sa.func.sum(reached.c[f"present_{kind.value}"]).label(f"present_{kind.value}")
                        for kind in KINDS])
            .select_from(reached).join(Person, Person.id == reached.c.person_id)
            .group_by(Person.gender, Person.community_id, group_code)
        ).subquery("cells")
        rows = [(gender, district, community, GROUPS[code - 1] if code else None, *counts)
                for gender, district, community, code, *counts in db.session.execute(_name_cells(cells))]
    present = Counter()
    for row in rows:
        for kind, count in zip(KINDS, row[5:], strict=True):
            present[kind] += int(count or 0)
    return Reach([(gender, district, community, group, int(people))
                  for gender, district, community, group, people, *_counts in rows], present)


def registrations(context: Context) -> tuple[int, dict]:
    """One query: the people with a confirmed registration for a session of the period, each once,
    and per kind of session the confirmed registrations of held sessions."""
    if context.period.is_open:
        registered, *per_kind = db.session.execute(
            sa.select(sa.func.sum(ReachCell.registered_people),
                      *[sa.func.sum(getattr(ReachCell, f"registered_{kind.value}")) for kind in KINDS])
            .where(ReachCell.programme_id == context.programme.id)).one()
    else:
        registered, *per_kind = db.session.execute(
            sa.select(sa.func.count(sa.distinct(Registration.person_id)), *[_held(kind) for kind in KINDS])
            .join(Event, Event.id == Registration.event_id)
            .where(*counted_registrations(Event.programme_id == context.programme.id,
                                          context.period.covers_moment(Event.starts_at)))
        ).one()
    return int(registered or 0), {kind: int(count or 0) for kind, count in zip(KINDS, per_kind, strict=True)}


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
    found = reach(context)
    cells = found.cells
    reached = sum(cell[-1] for cell in cells)
    members = sum(cell[-1] for cell in cells if cell[3] == ParticipantGroup.COMMUNITY_MEMBER)

    def table(key, title, first, rows):
        return Table(key, title, [first, _("People reached")], rows, chart=1)

    registered, expected_by_kind = registrations(context)
    by_kind = [(kind, expected_by_kind[kind], found.present[kind]) for kind in KINDS if expected_by_kind[kind]]
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

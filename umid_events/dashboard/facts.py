"""The dashboard's facts: people reached and registered, counted beforehand, so that the page for
the whole programme reads a few cells instead of every registration and attendance record.

Three tables (``models.py``): ``PersonFacts`` (per programme and person, what the rules of
``sections/reach.py`` make of their registrations and attendance), ``ReachCell`` (those facts
summed per reached / sex / community / group) and ``FactsChange`` (who may have changed).

How they stay right:

1. **Every change is noted in its own transaction, by the database.** Triggers (migration
   ``0015_dashboard_facts``, on PostgreSQL and SQLite) note in ``dashboard_fact_changes`` the
   person of every registration and attendance record inserted, deleted or changed in a field the
   rules read (event, person, status, group; present), every person whose sex or community
   changes, and every event whose status, kind or programme changes. Whatever writes the row —
   a service, a bulk insert, SQL by hand — and at no cost to the request beyond one row written
   by the database itself (no round trip, no lock that another request waits for).
2. **The figures bring them up to date before reading** (``bring_facts_up_to_date``, at the start
   of every computation of the figures): the noted people's facts are computed again from scratch
   by the same rules and their cells moved by the difference. A fixed number of statements, whose
   cost follows the number of people noted since the last time, not the amount of data. On
   PostgreSQL a transaction-level advisory lock lets one computation do this at a time, and a
   change committed meanwhile stays noted for the next one; on SQLite the database's write lock
   does the same.
3. ``rebuild_facts()`` (``flask dashboard rebuild-facts``) computes everything from scratch: after
   loading data with the triggers switched off (``pg_restore --disable-triggers``, PostgreSQL's
   replica mode) or if the facts were ever in doubt.

A period (a quarter) is not covered by these facts: its figures are counted from the records
themselves, by the same rules.
"""

from __future__ import annotations

import sqlalchemy as sa

from ..attendance.models import AttendanceRecord
from ..directory.models import Person
from ..events.models import Event
from ..extensions import db
from ..registrations.models import Registration
from .models import KINDS, FactsChange, PersonFacts, ReachCell
from .sections.reach import counted_presence, group_of, registrations_by_person

ADVISORY_LOCK = 0x756D6964_0015  # "umid", migration 0015: serialises the facts' updates on PostgreSQL

FACTS = PersonFacts.__table__
CELLS = ReachCell.__table__
CHANGES = FactsChange.__table__
KEY = ("programme_id", "reached", "gender", "community_id", "group")
PRESENT = [f"present_{kind.value}" for kind in KINDS]
REGISTERED = [f"registered_{kind.value}" for kind in KINDS]
COUNTS = ("people", "registered_people", *REGISTERED, *PRESENT)


# --- the rules, per person -------------------------------------------------------------------------

def facts_select(people=None):
    """``PersonFacts`` rows computed from scratch: for everyone, or for the people whose ids the
    select ``people`` gives."""
    programme = Event.programme_id.label("programme_id")

    def of(column):  # with nobody to count, ``exists`` stops the part before it reads anything
        return [] if people is None else [sa.exists(people), column.in_(people)]

    present = counted_presence(*of(AttendanceRecord.person_id), by=[programme]).subquery("present")
    registered = registrations_by_person(*of(Registration.person_id), by=[programme]).subquery("registered")
    zero, one = sa.literal(0), sa.literal(1)
    both = sa.union_all(
        sa.select(present.c.programme_id, present.c.person_id, one.label("reached"), present.c.latest,
                  *[present.c[name] for name in PRESENT], zero.label("registered"),
                  *[zero.label(name) for name in REGISTERED]),
        sa.select(registered.c.programme_id, registered.c.person_id, zero, sa.cast(sa.null(), sa.BigInteger),
                  *[zero for _ in PRESENT], one, *[registered.c[name] for name in REGISTERED]),
    ).subquery("both")
    per_person = (
        sa.select(both.c.programme_id, both.c.person_id, sa.func.max(both.c.reached).label("reached"),
                  sa.func.max(both.c.latest).label("latest"), sa.func.max(both.c.registered).label("registered"),
                  *[sa.func.sum(both.c[name]).label(name) for name in (*PRESENT, *REGISTERED)])
        .group_by(both.c.programme_id, both.c.person_id)
    ).subquery("per_person")
    return (sa.select(per_person.c.programme_id, per_person.c.person_id, Person.gender, Person.community_id,
                      per_person.c.reached == 1, group_of(per_person.c.latest), per_person.c.registered == 1,
                      *[per_person.c[name] for name in (*REGISTERED, *PRESENT)])
            .join(Person, Person.id == per_person.c.person_id))


FACT_COLUMNS = ["programme_id", "person_id", "gender", "community_id", "reached", "group", "registered",
                *REGISTERED, *PRESENT]


def cells_select(people=None):
    """The facts summed per cell: of everyone, or of the people whose ids ``people`` gives."""
    registered = sa.case((FACTS.c.registered, 1), else_=0)
    return (sa.select(*[FACTS.c[name] for name in KEY], sa.func.count().label("people"),
                      sa.func.sum(registered).label("registered_people"),
                      *[sa.func.sum(FACTS.c[name]).label(name) for name in (*REGISTERED, *PRESENT)])
            .where(*([] if people is None else [FACTS.c.person_id.in_(people)]))
            .group_by(*[FACTS.c[name] for name in KEY]))


def _same_cell(cell):
    return [CELLS.c[name].is_not_distinct_from(cell.c[name]) if name in ("community_id", "group")
            else CELLS.c[name] == cell.c[name] for name in KEY]


def _lock() -> None:
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(sa.select(sa.func.pg_advisory_xact_lock(ADVISORY_LOCK)))


# --- bringing them up to date ----------------------------------------------------------------------

def bring_facts_up_to_date() -> None:
    """Count again the people noted as changed (see the module's docstring); the caller commits.

    Always the same statements, whether or not anyone changed: the page's number of statements
    stays fixed."""
    session = db.session
    _lock()
    session.execute(CHANGES.update().where(CHANGES.c.claimed.is_(False)).values(claimed=True))
    noted_events = sa.select(CHANGES.c.event_id).where(CHANGES.c.claimed.is_(True),
                                                       CHANGES.c.event_id.is_not(None))
    session.execute(CHANGES.insert().from_select(["person_id", "claimed"], sa.union(
        sa.select(Registration.person_id, sa.true()).where(Registration.event_id.in_(noted_events)),
        sa.select(AttendanceRecord.person_id, sa.true()).where(AttendanceRecord.event_id.in_(noted_events)))))
    people = sa.select(CHANGES.c.person_id).where(CHANGES.c.claimed.is_(True), CHANGES.c.person_id.is_not(None))

    before = cells_select(people).subquery("before")
    session.execute(CELLS.update().where(*_same_cell(before))
                    .values({name: CELLS.c[name] - before.c[name] for name in COUNTS}))
    session.execute(FACTS.delete().where(FACTS.c.person_id.in_(people)))
    session.execute(FACTS.insert().from_select(FACT_COLUMNS, facts_select(people)))
    after = cells_select(people).subquery("after")
    session.execute(CELLS.update().where(*_same_cell(after))
                    .values({name: CELLS.c[name] + after.c[name] for name in COUNTS}))
    session.execute(CELLS.insert().from_select(
        [*KEY, *COUNTS],
        sa.select(after).where(~sa.exists().where(*_same_cell(after)))))
    session.execute(CELLS.delete().where(CELLS.c.people == 0))
    session.execute(CHANGES.delete().where(CHANGES.c.claimed.is_(True)))


# --- from scratch ------------------------------------------------------------------------------------

def rebuild_facts() -> int:
    """Compute every fact and cell from scratch (see the module's docstring); the caller commits.
    Returns the number of people's facts."""
    session = db.session
    _lock()
    session.execute(CHANGES.delete())
    session.execute(FACTS.delete())
    session.execute(FACTS.insert().from_select(FACT_COLUMNS, facts_select()))
    session.execute(CELLS.delete())
    session.execute(CELLS.insert().from_select([*KEY, *COUNTS], cells_select()))
    return session.scalar(sa.select(sa.func.count()).select_from(FACTS))

"""Facts the dashboard keeps so that its page does not read every registration and attendance
record: per person, then counted per cell. How they are kept right is in ``facts.py``."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..core.types import enum_column
from ..directory.models import Gender
from ..events.kinds import EventKind
from ..extensions import db
from ..proposals.models import Proposal
from ..registrations.models import ParticipantGroup

KINDS = sorted(EventKind, key=lambda kind: kind.value)


class PersonFacts(db.Model):
    """What the dashboard counts of one person in one programme, over the whole programme (no
    period): the rules are those of ``sections/reach.py``. One row per person with a registration
    or a presence that counts.

    * ``reached``: present at a session that was not cancelled, with no cancelled registration for it;
      ``group``: the group of the latest registration that brought them (none for walk-ins only);
    * ``registered``: a confirmed registration for a session that was not cancelled;
    * ``registered_<kind>``: their confirmed registrations for held sessions of that kind, and
      ``present_<kind>`` those of them they came to;
    * ``gender`` and ``community_id``: the person's, copied so that the cells need no join.
    """

    __tablename__ = "dashboard_person_facts"

    programme_id: Mapped[int] = mapped_column(sa.ForeignKey("programmes.id"), primary_key=True)
    person_id: Mapped[int] = mapped_column(sa.ForeignKey("people.id"), primary_key=True, index=True)
    gender: Mapped[Gender] = mapped_column(enum_column(Gender))
    community_id: Mapped[int | None]
    reached: Mapped[bool]
    group: Mapped[ParticipantGroup | None] = mapped_column(enum_column(ParticipantGroup))
    registered: Mapped[bool]
    registered_consultation: Mapped[int]
    registered_seminar: Mapped[int]
    registered_training: Mapped[int]
    present_consultation: Mapped[int]
    present_seminar: Mapped[int]
    present_training: Mapped[int]


class ReachCell(db.Model):
    """The people of a programme with the same (reached, sex, community, group), counted: the sum of
    their ``PersonFacts``. The dashboard reads these few rows, whatever the number of people."""

    __tablename__ = "dashboard_reach_cells"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(sa.ForeignKey("programmes.id"), index=True)
    reached: Mapped[bool]
    gender: Mapped[Gender] = mapped_column(enum_column(Gender))
    community_id: Mapped[int | None]
    group: Mapped[ParticipantGroup | None] = mapped_column(enum_column(ParticipantGroup))
    people: Mapped[int]
    registered_people: Mapped[int]
    registered_consultation: Mapped[int]
    registered_seminar: Mapped[int]
    registered_training: Mapped[int]
    present_consultation: Mapped[int]
    present_seminar: Mapped[int]
    present_training: Mapped[int]


class FactsChange(db.Model):
    """A person (or every person of an event) whose facts may have changed since they were last
    counted: written by the database's triggers with the change, in its transaction (migration
    ``0015_dashboard_facts``); consumed by ``facts.bring_facts_up_to_date``."""

    __tablename__ = "dashboard_fact_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None]
    event_id: Mapped[int | None]
    claimed: Mapped[bool] = mapped_column(default=False)


# The dashboard counts the proposals per authority and status (``sections/proposals.py``), reading
# these columns only: SQLite reads this index alone, already in the order of the groups, instead of
# the table and a sort (PostgreSQL reads the table either way).
sa.Index("ix_proposals_authority_id_status", Proposal.authority_id, Proposal.status, Proposal.event_id,
         Proposal.created_at)

# Per kind of session, the columns of both tables (a new kind needs its columns and a migration).
PER_KIND = [f"{prefix}_{kind.value}" for prefix in ("registered", "present") for kind in KINDS]

"""Load a programme plan into the database and measure how far it has come."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from ..directory.models import Community, District, Organisation, OrganisationKind
from ..events.kinds import EventKind, EventStatus
from ..events.models import Event
from ..extensions import db
from .loader import ProgrammePlan
from .models import PlanQuota, Programme, Target

SCHEDULED_STATES = (EventStatus.DRAFT, EventStatus.PUBLISHED)


def current_programme(slug: str | None = None) -> Programme | None:
    """The programme asked for by slug, else the newest one."""
    query = sa.select(Programme)
    if slug:
        return db.session.scalar(query.where(Programme.slug == slug))
    return db.session.scalar(query.order_by(Programme.created_at.desc(), Programme.id.desc()).limit(1))


def list_programmes() -> list[Programme]:
    return list(db.session.scalars(sa.select(Programme).order_by(Programme.starts_on.desc())))


def load_programme(plan: ProgrammePlan) -> Programme:
    """Create or update the programme described by ``plan``; loading twice changes nothing.

    Communities and organisations that already exist keep what organisers edited in the UI
    (names, municipalities); a reload adds what is missing and updates the quotas and targets.
    """
    programme = db.session.scalar(sa.select(Programme).where(Programme.slug == plan.slug))
    if programme is None:
        programme = Programme(slug=plan.slug)
        db.session.add(programme)
    programme.name = plan.name
    programme.name_en = plan.name_en
    programme.organisation_name = plan.organisation
    programme.donor_line = plan.donor_line
    programme.donor_line_en = plan.donor_line_en
    programme.starts_on = plan.starts_on
    programme.ends_on = plan.ends_on
    programme.is_demo = plan.is_demo

    communities = []
    for district_plan in plan.districts:
        district = _get_or_create(District, name=district_plan.name)
        for community_plan in district_plan.communities:
            community = _find_community(district, community_plan)
            if community is None:
                community = Community(district_id=district.id, code=community_plan.code,
                                      name=community_plan.name,
                                      needs_naming=community_plan.needs_naming)
                if community_plan.municipality:
                    community.municipality = _get_or_create(
                        Organisation, name=community_plan.municipality,
                        kind=OrganisationKind.MUNICIPALITY, district_id=district.id,
                    )
                db.session.add(community)
                db.session.flush()
            communities.append(community)
    for organisation_plan in plan.organisations:
        district_id = (_get_or_create(District, name=organisation_plan.district).id
                       if organisation_plan.district else None)
        _get_or_create(Organisation, name=organisation_plan.name, kind=organisation_plan.kind,
                       district_id=district_id)

    _replace_quotas(programme, plan, communities)
    _replace_targets(programme, plan)
    db.session.flush()
    return programme


def _find_community(district: District, plan) -> Community | None:
    """Match by the file's stable code first, so that renaming in the UI survives a reload."""
    if plan.code:
        found = db.session.scalar(sa.select(Community).where(Community.code == plan.code))
        if found is not None:
            return found
    return db.session.scalar(
        sa.select(Community).where(Community.district_id == district.id, Community.name == plan.name)
    )


def _get_or_create(model, **fields):
    """The row with exactly these column values, created (and flushed, for its id) if missing."""
    instance = db.session.scalar(sa.select(model).filter_by(**fields))
    if instance is None:
        instance = model(**fields)
        db.session.add(instance)
        db.session.flush()
    return instance


def _replace_quotas(programme: Programme, plan: ProgrammePlan, communities) -> None:
    wanted = {(community.id, kind): count for community in communities
              for kind, count in plan.per_community.items()}
    wanted.update({(None, kind): count for kind, count in plan.programme_wide.items()})
    existing = {(quota.community_id, quota.kind): quota for quota in programme.quotas}
    for key, quota in existing.items():
        if key not in wanted:
            programme.quotas.remove(quota)
    for (community_id, kind), count in wanted.items():
        quota = existing.get((community_id, kind))
        if quota is None:
            programme.quotas.append(PlanQuota(community_id=community_id, kind=kind, planned=count))
        else:
            quota.planned = count


def _replace_targets(programme: Programme, plan: ProgrammePlan) -> None:
    existing = {target.code: target for target in programme.targets}
    codes = {target.code for target in plan.targets}
    for code, target in existing.items():
        if code not in codes:
            programme.targets.remove(target)
    for position, target_plan in enumerate(plan.targets):
        target = existing.get(target_plan.code) or Target(code=target_plan.code)
        target.label = target_plan.label
        target.label_en = target_plan.label_en
        target.minimum = target_plan.minimum
        target.maximum = target_plan.maximum
        target.position = position
        if target.id is None:
            programme.targets.append(target)


# --- progress against the plan -------------------------------------------------------------


@dataclass
class Slot:
    """One planned session of a community, filled by an event when one is scheduled."""

    number: int
    event: Event | None = None

    @property
    def state(self) -> str:
        if self.event is None:
            return "open"
        return "held" if self.event.status == EventStatus.HELD else "scheduled"


@dataclass
class Tally:
    planned: int = 0
    scheduled: int = 0
    held: int = 0

    @property
    def open(self) -> int:
        return max(self.planned - self.scheduled - self.held, 0)

    def as_dict(self) -> dict:
        return {"planned": self.planned, "scheduled": self.scheduled, "held": self.held,
                "open": self.open}


@dataclass
class CommunityRow:
    community: Community
    slots: dict[EventKind, list[Slot]] = field(default_factory=dict)
    extra: list[Event] = field(default_factory=list)


@dataclass
class PlanProgress:
    programme: Programme
    rows: list[CommunityRow]
    programme_slots: dict[EventKind, list[Slot]]
    tallies: dict[EventKind, Tally]

    @property
    def total(self) -> Tally:
        return Tally(*(sum(getattr(t, name) for t in self.tallies.values())
                       for name in ("planned", "scheduled", "held")))


def plan_progress(programme: Programme) -> PlanProgress:
    """The plan page: each community's planned sessions, filled by its events in date order."""
    quotas = defaultdict(dict)
    for quota in programme.quotas:
        quotas[quota.community_id][quota.kind] = quota.planned
    events = db.session.scalars(
        sa.select(Event)
        .where(Event.programme_id == programme.id, Event.status != EventStatus.CANCELLED)
        .order_by(Event.starts_at)
    ).all()
    by_place = defaultdict(list)
    for event in events:
        place = None if event.kind == EventKind.SEMINAR else event.community_id
        by_place[(place, event.kind)].append(event)

    community_ids = [cid for cid in quotas if cid is not None]
    communities = db.session.scalars(
        sa.select(Community).join(District)
        .where(Community.id.in_(community_ids))
        .order_by(District.name_sort, Community.name_sort)
        .options(selectinload(Community.district))
    ).all() if community_ids else []

    tallies = {kind: Tally() for kind in EventKind}

    def fill(place, kind, planned):
        slots = [Slot(number) for number in range(1, planned + 1)]
        placed = by_place.get((place, kind), [])
        for slot, event in zip(slots, placed, strict=False):
            slot.event = event
        tally = tallies[kind]
        tally.planned += planned
        for slot in slots:
            if slot.state == "held":
                tally.held += 1
            elif slot.state == "scheduled":
                tally.scheduled += 1
        return slots, placed[planned:]

    rows = []
    for community in communities:
        row = CommunityRow(community)
        for kind in (EventKind.CONSULTATION, EventKind.TRAINING):
            row.slots[kind], extra = fill(community.id, kind, quotas[community.id].get(kind, 0))
            row.extra.extend(extra)
        rows.append(row)
    programme_slots = {}
    for kind, planned in quotas.get(None, {}).items():
        programme_slots[kind], _extra = fill(None, kind, planned)
    return PlanProgress(programme, rows, programme_slots, tallies)


def summarise_programme(programme: Programme) -> dict:
    """The plan's counts as plain data (``flask programme summary --json``)."""
    progress = plan_progress(programme)
    return {
        "programme": programme.slug,
        "name": programme.name,
        "starts_on": programme.starts_on.isoformat(),
        "ends_on": programme.ends_on.isoformat(),
        "districts": len({row.community.district_id for row in progress.rows}),
        "communities": len(progress.rows),
        "sessions": {kind.value: progress.tallies[kind].as_dict() for kind in EventKind},
        "total": progress.total.as_dict(),
        "targets": [
            {"code": target.code, "label": target.label, "min": target.minimum, "max": target.maximum}
            for target in programme.targets
        ],
    }

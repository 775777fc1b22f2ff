"""What staff and the public see of proposals: filtered lists, counts, the live feed, exports."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from ..core.queries import enum_arg, int_arg, like_words
from ..directory.models import Community, Organisation, OrganisationKind, Person
from ..events.models import Event
from ..extensions import db
from ..registrations.models import Registration, RegistrationStatus
from .models import AuthorityAnswer, Proposal, ProposalOrigin, ProposalStatus, ProposalTopic

AUTHORITY_KINDS = (OrganisationKind.MUNICIPALITY, OrganisationKind.LOCAL_EXECUTIVE,
                   OrganisationKind.EXECUTIVE)
# The live feed re-sends what changed in the last few seconds: a row committed slightly out of
# order is never missed, and the answer stays small whatever the event holds.
LIVE_OVERLAP = timedelta(seconds=10)


@dataclass(frozen=True)
class ProposalFilters:
    query: str = ""
    status: ProposalStatus | None = None
    topic_id: int | None = None
    authority_id: int | None = None  # 0: "to be decided"
    event_id: int | None = None
    community_id: int | None = None
    origin: ProposalOrigin | None = None
    waiting: bool = False            # only those awaiting moderation

    @classmethod
    def from_args(cls, args) -> ProposalFilters:
        return cls(query=(args.get("q") or "")[:200],
                   status=enum_arg(args.get("status"), ProposalStatus),
                   topic_id=int_arg(args.get("topic")), authority_id=int_arg(args.get("authority")),
                   event_id=int_arg(args.get("event")), community_id=int_arg(args.get("community")),
                   origin=enum_arg(args.get("origin"), ProposalOrigin),
                   waiting=args.get("waiting") == "1")

    def as_args(self) -> dict:
        names = {"query": "q", "topic_id": "topic", "authority_id": "authority", "event_id": "event",
                 "community_id": "community"}
        values = {}
        for field in fields(self):
            value = getattr(self, field.name)
            if value not in (None, "", False):
                values[names.get(field.name, field.name)] = (
                    "1" if value is True else getattr(value, "value", value))
        return values


def filtered(filters: ProposalFilters) -> sa.Select:
    query = sa.select(Proposal).where(like_words(Proposal.search_text, filters.query))
    if filters.status:
        query = query.where(Proposal.status == filters.status)
    if filters.topic_id:
        query = query.where(Proposal.topic_id == filters.topic_id)
    if filters.authority_id == 0:
        query = query.where(Proposal.authority_id.is_(None))
    elif filters.authority_id:
        query = query.where(Proposal.authority_id == filters.authority_id)
    if filters.event_id:
        query = query.where(Proposal.event_id == filters.event_id)
    if filters.community_id:
        query = query.where(Proposal.community_id == filters.community_id)
    if filters.origin:
        query = query.where(Proposal.origin == filters.origin)
    if filters.waiting:
        query = query.where(Proposal.moderated_at.is_(None))
    return query


def _with_relations(query: sa.Select) -> sa.Select:
    return query.options(selectinload(Proposal.topic), selectinload(Proposal.authority),
                         selectinload(Proposal.event), selectinload(Proposal.community),
                         selectinload(Proposal.person))


def list_proposals(filters: ProposalFilters, *, limit: int | None = 500) -> list[Proposal]:
    query = _with_relations(filtered(filters)).order_by(Proposal.created_at.desc(), Proposal.id.desc())
    return list(db.session.scalars(query.limit(limit) if limit else query))


def count_filtered(filters: ProposalFilters) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(filtered(filters).subquery()))


def status_counts(filters: ProposalFilters) -> dict[ProposalStatus, int]:
    """How many of the filtered proposals stand at each status."""
    sub = filtered(filters).subquery()
    rows = db.session.execute(sa.select(sub.c.status, sa.func.count()).group_by(sub.c.status))
    return {ProposalStatus(status): count for status, count in rows}


def proposals_by_ids(ids: list[int]) -> list[Proposal]:
    return list(db.session.scalars(sa.select(Proposal).where(Proposal.id.in_(ids)).order_by(Proposal.id)))


def topics(*, active_only: bool = False) -> list[ProposalTopic]:
    query = sa.select(ProposalTopic).order_by(ProposalTopic.position, ProposalTopic.id)
    if active_only:
        query = query.where(ProposalTopic.active.is_(True))
    return list(db.session.scalars(query))


def authorities() -> list[Organisation]:
    return list(db.session.scalars(
        sa.select(Organisation).where(Organisation.kind.in_(AUTHORITY_KINDS))
        .order_by(Organisation.name_sort)))


def live_events() -> list[Event]:
    """Seminars (where proposals are recorded live), and any event already holding proposals."""
    from ..events.kinds import EventKind, EventStatus

    with_proposals = sa.select(Proposal.event_id).where(Proposal.event_id.is_not(None))
    return list(db.session.scalars(
        sa.select(Event).where(Event.status != EventStatus.CANCELLED,
                               sa.or_(Event.kind == EventKind.SEMINAR, Event.id.in_(with_proposals)))
        .order_by(Event.starts_at.desc()).limit(12)))


def events_with_proposals_or_seminars() -> list[Event]:
    return list(db.session.scalars(sa.select(Event).order_by(Event.starts_at.desc())))


# --- the live screen ---------------------------------------------------------------------------

def live_changes(event_id: int, since: datetime | None) -> list[Proposal]:
    """The event's proposals changed since ``since`` (minus a small overlap), oldest first."""
    query = _with_relations(sa.select(Proposal).where(Proposal.event_id == event_id))
    if since is not None:
        query = query.where(Proposal.updated_at >= since - LIVE_OVERLAP)
    return list(db.session.scalars(query.order_by(Proposal.updated_at, Proposal.id)))


def speakers(event_id: int, query: str, limit: int = 8) -> list[tuple[Person, Registration]]:
    """The event's registered participants whose name, email or phone holds every typed word."""
    if not query.strip():
        return []
    rows = db.session.execute(
        sa.select(Person, Registration).join(Registration, Registration.person_id == Person.id)
        .where(Registration.event_id == event_id,
               Registration.status != RegistrationStatus.CANCELLED,
               Person.anonymised_at.is_(None), like_words(Person.search_text, query))
        .order_by(Person.name_sort).limit(limit))
    return [(person, registration) for person, registration in rows]


# --- participants and the public ---------------------------------------------------------------

def proposals_of_person(person_id: int) -> list[Proposal]:
    return list(db.session.scalars(
        sa.select(Proposal).where(Proposal.person_id == person_id)
        .options(selectinload(Proposal.answers), selectinload(Proposal.event))
        .order_by(Proposal.created_at.desc())))


def public_proposals(programme_id: int, *, topic_id: int | None = None,
                     authority_id: int | None = None) -> list[Proposal]:
    """Published proposals of the programme's events, not duplicates, by authority and topic."""
    query = (sa.select(Proposal).join(Event, Proposal.event_id == Event.id)
             .where(Event.programme_id == programme_id, Proposal.published.is_(True),
                    Proposal.moderated_at.is_not(None), Proposal.duplicate_of_id.is_(None))
             .options(selectinload(Proposal.answers), selectinload(Proposal.topic),
                      selectinload(Proposal.authority), selectinload(Proposal.person),
                      selectinload(Proposal.community))
             .order_by(Proposal.created_at.desc()))
    if topic_id:
        query = query.where(Proposal.topic_id == topic_id)
    if authority_id:
        query = query.where(Proposal.authority_id == authority_id)
    return list(db.session.scalars(query))


def communities_by_id() -> dict[int, Community]:
    return {c.id: c for c in db.session.scalars(sa.select(Community))}


# --- exports -----------------------------------------------------------------------------------

EXPORT_HEADER = ("ID", "Başlıq / Title", "Mətn / Text", "Mövzu / Topic", "Qurum / Authority",
                 "Tədbir / Event", "İcma / Community", "Qrup / Group", "Mənbə / Origin",
                 "Status", "Dosye / Dossier", "Dublikat / Duplicate of", "Cavab / Answer",
                 "Yaradılıb / Created at (UTC)")


def export_rows(filters: ProposalFilters) -> list[tuple]:
    rows = []
    proposals = db.session.scalars(
        _with_relations(filtered(filters)).options(
            selectinload(Proposal.answers).load_only(AuthorityAnswer.outcome, AuthorityAnswer.text))
        .order_by(Proposal.id))
    for p in proposals:
        answer = p.latest_answer
        rows.append((p.id, p.title, p.text, p.topic.name if p.topic else "",
                     p.authority.name if p.authority else "", p.event.title if p.event else "",
                     p.community.name if p.community else "",
                     p.proposer_group.value if p.proposer_group else "", p.origin.value,
                     p.status.value, p.dossier_reference or "", p.duplicate_of_id or "",
                     f"{answer.outcome.value}: {answer.text}" if answer else "",
                     p.created_at.strftime("%Y-%m-%d %H:%M")))
    return rows


def duplicates_of(proposal_id: int) -> list[Proposal]:
    return list(db.session.scalars(sa.select(Proposal).where(Proposal.duplicate_of_id == proposal_id)
                                   .order_by(Proposal.id)))

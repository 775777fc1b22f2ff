"""What organisers see of an event's registrations: a filtered list, counts and exports."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from ..core.phones import display_phone
from ..core.queries import enum_arg, int_arg, like_words
from ..directory.models import Community, Gender, Person
from ..extensions import db
from .models import ParticipantGroup, Registration, RegistrationStatus


@dataclass(frozen=True)
class RegistrationFilters:
    query: str = ""
    status: RegistrationStatus | None = None
    group: ParticipantGroup | None = None
    gender: Gender | None = None
    community_id: int | None = None

    @classmethod
    def from_args(cls, args) -> RegistrationFilters:
        return cls(query=args.get("q", "")[:200],
                   status=enum_arg(args.get("status"), RegistrationStatus),
                   group=enum_arg(args.get("group"), ParticipantGroup),
                   gender=enum_arg(args.get("gender"), Gender),
                   community_id=int_arg(args.get("community")))


def list_registrations(event_id: int, filters: RegistrationFilters) -> list[Registration]:
    query = (sa.select(Registration).join(Person)
             .where(Registration.event_id == event_id, like_words(Person.search_text, filters.query))
             .order_by(Person.name_sort, Registration.id)
             .options(selectinload(Registration.person).selectinload(Person.community)))
    if filters.status:
        query = query.where(Registration.status == filters.status)
    if filters.group:
        query = query.where(Registration.group == filters.group)
    if filters.gender:
        query = query.where(Person.gender == filters.gender)
    if filters.community_id:
        query = query.where(Person.community_id == filters.community_id)
    return list(db.session.scalars(query))


def registration_counts(event_id: int) -> dict:
    """Counts by status, and of the active registrations by group, gender and community."""
    base = (sa.select(sa.func.count(Registration.id)).select_from(Registration)
            .join(Person, Registration.person_id == Person.id)
            .where(Registration.event_id == event_id))
    active = base.where(Registration.status != RegistrationStatus.CANCELLED)

    def grouped(column, query=active):
        rows = db.session.execute(query.add_columns(column).group_by(column)).all()
        return {key: count for count, key in rows}

    by_community = {
        name or "—": count for count, name in db.session.execute(
            active.add_columns(Community.name).outerjoin(Community, Person.community_id == Community.id)
            .group_by(Community.name))
    }
    return {"status": grouped(Registration.status, base), "group": grouped(Registration.group),
            "gender": grouped(Person.gender), "community": by_community}


EXPORT_HEADER = ("Ad, soyad / Full name", "Telefon / Phone", "E-poçt / Email", "İcma / Community",
                 "Qrup / Group", "Təşkilat / Organisation", "Cins / Gender", "Status",
                 "Qeydiyyat tarixi / Registered at (UTC)")


def export_rows(event_id: int) -> list[tuple]:
    return [
        (r.person.full_name, display_phone(r.person.phone), r.person.email or "",
         r.person.community.name if r.person.community else "", r.group.value,
         r.organisation_name or "", r.person.gender.value, r.status.value,
         r.created_at.strftime("%Y-%m-%d %H:%M"))
        for r in list_registrations(event_id, RegistrationFilters())
    ]

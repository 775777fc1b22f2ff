"""Whom organisers can invite, and who has been invited."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from ..contacts.models import ContactGroup, contact_group_members
from ..directory.models import Person
from ..directory.services import community_options, list_organisations
from ..extensions import db
from .models import Invitation

__all__ = ["community_options"]


def group_options() -> list[tuple[int, str]]:
    return [(group.id, group.name) for group in
            db.session.scalars(sa.select(ContactGroup).order_by(ContactGroup.name_sort))]


def organisation_options() -> list[tuple[int, str]]:
    return [(organisation.id, organisation.name) for organisation in list_organisations()]


def people_options() -> list[tuple[int, str]]:
    rows = db.session.execute(sa.select(Person.id, Person.full_name, Person.email)
                              .where(Person.anonymised_at.is_(None)).order_by(Person.name_sort))
    return [(person_id, f"{name} <{email}>" if email else f"{name} (—)") for person_id, name, email in rows]


@dataclass(frozen=True)
class Recipient:
    id: int
    full_name: str
    email: str | None
    language: str
    phone: str | None = None


def select_people(group_ids, organisation_ids, community_ids, person_ids) -> list[Recipient]:
    """Everyone chosen directly or through their organisation or community, each once (plain
    rows, not ORM objects: a batch of thousands is read in one light query)."""
    clauses = []
    if group_ids:
        clauses.append(Person.id.in_(sa.select(contact_group_members.c.person_id)
                                     .where(contact_group_members.c.group_id.in_(group_ids))))
    if organisation_ids:
        clauses.append(Person.organisation_id.in_(organisation_ids))
    if community_ids:
        clauses.append(Person.community_id.in_(community_ids))
    if person_ids:
        clauses.append(Person.id.in_(person_ids))
    if not clauses:
        return []
    rows = db.session.execute(
        sa.select(Person.id, Person.full_name, Person.email, Person.language, Person.phone)
        .where(sa.or_(*clauses), Person.anonymised_at.is_(None)).order_by(Person.name_sort))
    return [Recipient(*row) for row in rows]


def list_invitations(event_id: int) -> list[Invitation]:
    return list(db.session.scalars(
        sa.select(Invitation).where(Invitation.event_id == event_id).order_by(Invitation.id)
        .options(selectinload(Invitation.person), selectinload(Invitation.message))))


def me_as_person(user) -> Person:
    """A stand-in person for a test invitation sent to the organiser (never saved)."""
    return Person(full_name=user.full_name, email=user.email, language=user.language or "az")

"""Lists the documents' pages show."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from ..core.timefmt import format_moment
from ..directory.models import Organisation, OrganisationKind
from ..events.kinds import EventStatus
from ..events.models import Event
from ..extensions import db
from .models import Dossier

AUTHORITY_KINDS = (OrganisationKind.LOCAL_EXECUTIVE, OrganisationKind.EXECUTIVE,
                   OrganisationKind.MUNICIPALITY)


def authority_options() -> list[tuple[int, str]]:
    """Executive authorities first, then municipalities, each in Azerbaijani order."""
    organisations = db.session.scalars(
        sa.select(Organisation).where(Organisation.kind.in_(AUTHORITY_KINDS))
        .order_by(Organisation.kind == OrganisationKind.MUNICIPALITY, Organisation.name_sort))
    return [(organisation.id, organisation.name) for organisation in organisations]


def event_options() -> list[tuple[int, str]]:
    events = db.session.scalars(
        sa.select(Event).where(Event.status.in_([EventStatus.HELD, EventStatus.PUBLISHED]))
        .order_by(Event.starts_at.desc()))
    return [(event.id, f"{format_moment(event.starts_at, 'date')} · {event.title}") for event in events]


def list_dossiers() -> list[Dossier]:
    return list(db.session.scalars(
        sa.select(Dossier).options(selectinload(Dossier.versions), selectinload(Dossier.authority),
                                   selectinload(Dossier.event))
        .order_by(Dossier.created_at.desc(), Dossier.id.desc())))

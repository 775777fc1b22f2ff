"""Districts, communities, organisations and people: listing, saving, deleting. Callers commit."""

from __future__ import annotations

import time

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from ..core.aztext import search_key
from ..core.errors import DomainError
from ..core.phones import InvalidPhone, normalise_phone
from ..core.queries import like_words
from ..events.models import Event
from ..extensions import db
from ..programmes.models import PlanQuota
from .models import Community, District, Organisation, OrganisationKind, Person


class NameTaken(DomainError):
    def __init__(self):
        super().__init__(_l("Another record already has this name."))


class EmailTaken(DomainError):
    def __init__(self):
        super().__init__(_l("Another person already has this email address."))


class PhoneTaken(DomainError):
    def __init__(self):
        super().__init__(_l("Another person already has this phone number."))


class StillInUse(DomainError):
    def __init__(self):
        super().__init__(_l("This record is still used by others and cannot be deleted."))


def list_districts() -> list[District]:
    return list(db.session.scalars(sa.select(District).order_by(District.name_sort)))


def list_communities(*, query: str | None = None, district_id: int | None = None) -> list[Community]:
    statement = (
        sa.select(Community).join(District)
        .where(like_words(Community.name_search, query))
        .order_by(District.name_sort, Community.name_sort)
        .options(selectinload(Community.district), selectinload(Community.municipality))
    )
    if district_id:
        statement = statement.where(Community.district_id == district_id)
    return list(db.session.scalars(statement))


def community_options(blank: str | None = "—", *, cached: bool = False) -> list[tuple[int, str]]:
    """(id, "Community (District)") pairs for a select field, a blank choice first.

    ``cached`` (public forms, where every request counts) reuses this process's list for up to
    ``COMMUNITY_OPTIONS_CACHE_SECONDS``: a community added or renamed here shows at once, one
    changed through another server process within that time.
    """
    pairs = _cached_community_pairs() if cached else _community_pairs()
    return ([(0, blank)] if blank is not None else []) + pairs


def _community_pairs() -> list[tuple[int, str]]:
    rows = db.session.execute(
        sa.select(Community.id, Community.name, District.name).join(District)
        .order_by(District.name_sort, Community.name_sort))
    return [(community_id, f"{name} ({district})") for community_id, name, district in rows]


_CACHE_KEY = "directory.community_options"
_generation = [0]  # raised by any change of a community or district in this process


def _cached_community_pairs() -> list[tuple[int, str]]:
    entry = current_app.extensions.get(_CACHE_KEY)
    now = time.monotonic()
    if entry is None or entry[0] != _generation[0] or entry[1] < now:
        seconds = current_app.config.get("COMMUNITY_OPTIONS_CACHE_SECONDS", 60)
        entry = (_generation[0], now + seconds, _community_pairs())
        current_app.extensions[_CACHE_KEY] = entry
    return entry[2]


def forget_cached_options(*_args) -> None:
    """Drop the kept lists of communities (after a change, or when a test empties the tables)."""
    _generation[0] += 1


for _model in (Community, District):
    for _change in ("after_insert", "after_update", "after_delete"):
        sa.event.listen(_model, _change, forget_cached_options)


def list_organisations(*, query: str | None = None, kind: OrganisationKind | None = None,
                       district_id: int | None = None) -> list[Organisation]:
    statement = (
        sa.select(Organisation).where(like_words(Organisation.name_search, query))
        .order_by(Organisation.name_sort)
        .options(selectinload(Organisation.district))
    )
    if kind:
        statement = statement.where(Organisation.kind == kind)
    if district_id:
        statement = statement.where(Organisation.district_id == district_id)
    return list(db.session.scalars(statement))


def people_matching(query: str | None) -> sa.Select:
    """People whose name, email or phone (in any spelling) matches ``query`` the Azerbaijani
    way, in alphabetical order; callers add their own filters."""
    clause = like_words(Person.search_text, query)
    phone = _as_phone(query)
    if phone:
        clause = sa.or_(clause, Person.phone == phone)
    return (sa.select(Person).where(clause).order_by(Person.name_sort, Person.id)
            .options(selectinload(Person.community), selectinload(Person.organisation)))


def list_people(*, query: str | None = None, community_id: int | None = None,
                limit: int = 200) -> list[Person]:
    statement = people_matching(query).limit(limit)
    if community_id:
        statement = statement.where(Person.community_id == community_id)
    return list(db.session.scalars(statement))


def _as_phone(query: str | None) -> str | None:
    """The query as an international phone number, when it is one ("055 222 00 00")."""
    if not query or sum(char.isdigit() for char in query) < 7:
        return None
    try:
        return normalise_phone(query)
    except InvalidPhone:
        return None


def ensure_contacts_free(email: str | None, phone: str | None, *, own_id: int | None,
                         name: str | None = None) -> None:
    """People are recognised by their email and phone, so no two may share one; with ``name``
    (a participant's own details) only by the same name with that email or phone, as public
    forms match them: a household shares a phone."""
    same_name = Person.name_key == search_key(name)[:200] if name else sa.true()
    if email and _exists(sa.select(Person.id).where(
            sa.func.lower(Person.email) == email.lower(), Person.id != own_id, same_name)):
        raise EmailTaken()
    if phone and _exists(sa.select(Person.id).where(Person.phone == phone, Person.id != own_id,
                                                    same_name)):
        raise PhoneTaken()


def _exists(statement) -> bool:
    return db.session.scalar(sa.select(statement.exists()))


def save_district(district: District | None, *, name: str) -> District:
    if _exists(sa.select(District.id).where(District.name == name,
                                            District.id != (district.id if district else None))):
        raise NameTaken()
    district = district or District()
    district.name = name
    db.session.add(district)
    db.session.flush()
    return district


def save_community(community: Community | None, *, name: str, district_id: int,
                   municipality_name: str | None) -> Community:
    """Save a community and, in the same step, name (or rename) its municipality."""
    clash = sa.select(Community.id).where(
        Community.district_id == district_id, Community.name == name,
        Community.id != (community.id if community else None),
    )
    if _exists(clash):
        raise NameTaken()
    community = community or Community()
    community.name = name
    community.district_id = district_id
    community.needs_naming = False
    if municipality_name:
        if community.municipality is None:
            community.municipality = Organisation(kind=OrganisationKind.MUNICIPALITY)
        community.municipality.name = municipality_name
        community.municipality.district_id = district_id
    db.session.add(community)
    db.session.flush()
    return community


def save_organisation(organisation: Organisation | None, *, name: str, kind: OrganisationKind,
                      district_id: int | None, email: str | None, address: str | None) -> Organisation:
    clash = sa.select(Organisation.id).where(
        Organisation.name == name, Organisation.kind == kind,
        Organisation.id != (organisation.id if organisation else None),
    )
    if _exists(clash):
        raise NameTaken()
    organisation = organisation or Organisation()
    organisation.name = name
    organisation.kind = kind
    organisation.district_id = district_id
    organisation.email = email or None
    organisation.address = address or None
    db.session.add(organisation)
    db.session.flush()
    return organisation


def delete_district(district: District) -> None:
    if district.communities or _exists(sa.select(Organisation.id).where(Organisation.district_id == district.id)):
        raise StillInUse()
    db.session.delete(district)


def delete_community(community: Community) -> None:
    used = (_exists(sa.select(Event.id).where(Event.community_id == community.id))
            or _exists(sa.select(Person.id).where(Person.community_id == community.id)))
    if used:
        raise StillInUse()
    db.session.execute(sa.delete(PlanQuota).where(PlanQuota.community_id == community.id))
    db.session.delete(community)


def delete_organisation(organisation: Organisation) -> None:
    used = (_exists(sa.select(Person.id).where(Person.organisation_id == organisation.id))
            or _exists(sa.select(Community.id).where(Community.municipality_id == organisation.id)))
    if used:
        raise StillInUse()
    db.session.delete(organisation)

"""Contacts: people kept by hand, groups of them, and imports from spreadsheets. Callers commit.

People are the directory's ``Person`` rows, shared with registrations: a person added here is
the same record their registrations will use, and the rules are the same — one person per email
address (in any case) and per phone number (in any spelling, stored as E.164).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l

from ..core.aztext import search_key
from ..core.errors import DomainError
from ..core.phones import InvalidPhone, normalise_phone
from ..core.types import utcnow
from ..directory.models import Community, Gender, Organisation, OrganisationKind, Person
from ..directory.services import NameTaken, ensure_contacts_free, people_matching
from ..extensions import db
from ..registrations.models import Registration
from .importing import FIELDS, Table
from .models import ContactGroup, ContactImport, contact_group_members

# Unfinished imports hold personal data; they are deleted this long after the upload.
IMPORT_KEPT_FOR = timedelta(days=1)


class ChangedMeanwhile(DomainError):
    def __init__(self):
        super().__init__(_l("Someone else changed this person while you were editing. "
                            "Open the page again to see their changes."))


class PersonIsRegistered(DomainError):
    def __init__(self):
        super().__init__(_l("This person is registered for events and cannot be deleted: the "
                            "registrations are part of the programme's records. The person can "
                            "erase their own data from their personal page."))


class PersonInUse(DomainError):
    def __init__(self):
        super().__init__(_l("This person is still used by other records and cannot be deleted."))


class MappingIncomplete(DomainError):
    pass


class AlreadyImported(DomainError):
    def __init__(self):
        super().__init__(_l("This file has already been imported."))


# --- people --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PersonDetails:
    full_name: str
    email: str | None
    phone: str | None          # already normalised to E.164
    gender: Gender
    community_id: int | None
    organisation_id: int | None
    language: str


def list_contacts(*, query: str | None = None, group_id: int | None = None,
                  limit: int = 300) -> list[Person]:
    """People by Azerbaijani-aware search (name, email, phone in any spelling), in a group or all."""
    statement = people_matching(query).limit(limit)
    if group_id:
        statement = statement.join(contact_group_members,
                                   contact_group_members.c.person_id == Person.id
                                   ).where(contact_group_members.c.group_id == group_id)
    return list(db.session.scalars(statement))


def version_of(person: Person | None) -> str:
    """What the edit form carries back, to notice a save by someone else in between."""
    return person.updated_at.isoformat() if person and person.updated_at else ""


def group_ids_of(person: Person | None) -> list[int]:
    if person is None or person.id is None:
        return []
    return list(db.session.scalars(sa.select(contact_group_members.c.group_id)
                                   .where(contact_group_members.c.person_id == person.id)))


def save_person(person: Person | None, details: PersonDetails, *, group_ids: list[int],
                expected_version: str = "") -> Person:
    """Create or edit a person; the email and the phone must not be another person's."""
    if person is not None and expected_version != version_of(person):
        raise ChangedMeanwhile()
    ensure_contacts_free(details.email, details.phone, own_id=person.id if person else None)
    person = person or Person()
    person.full_name = details.full_name
    person.email = details.email
    person.phone = details.phone
    person.gender = details.gender
    person.community_id = details.community_id
    person.organisation_id = details.organisation_id
    person.language = details.language
    db.session.add(person)
    db.session.flush()
    _set_groups(person, group_ids)
    return person


def _set_groups(person: Person, group_ids: list[int]) -> None:
    current = set(group_ids_of(person))
    wanted = set(group_ids) & set(db.session.scalars(sa.select(ContactGroup.id)))
    if current - wanted:
        db.session.execute(contact_group_members.delete().where(
            contact_group_members.c.person_id == person.id,
            contact_group_members.c.group_id.in_(current - wanted)))
    if wanted - current:
        db.session.execute(contact_group_members.insert(),
                           [{"group_id": group_id, "person_id": person.id}
                            for group_id in sorted(wanted - current)])


def delete_person(person: Person) -> None:
    """Delete a person and their group memberships.

    A person with registrations is never deleted (refused with a message): registrations are the
    programme's record of participation, and the person's own "delete my data" anonymises them
    while keeping the counts. Any other table pointing at people (now or added later) also
    blocks the deletion, so nothing is left dangling even where SQLite does not check.
    """
    if _exists(sa.select(Registration.id).where(Registration.person_id == person.id)):
        raise PersonIsRegistered()
    for table in db.metadata.sorted_tables:
        if table is contact_group_members:
            continue
        for foreign_key in table.foreign_keys:
            if foreign_key.column.table.name == "people" and _exists(
                    sa.select(foreign_key.parent).where(foreign_key.parent == person.id)):
                raise PersonInUse()
    db.session.execute(contact_group_members.delete().where(
        contact_group_members.c.person_id == person.id))
    db.session.delete(person)
    db.session.flush()


def _exists(statement) -> bool:
    return bool(db.session.scalar(sa.select(statement.exists())))


# --- groups --------------------------------------------------------------------------------------

def list_groups() -> list[tuple[ContactGroup, int]]:
    """Every group with its number of members, in Azerbaijani alphabetical order."""
    count = (sa.select(sa.func.count()).where(contact_group_members.c.group_id == ContactGroup.id)
             .correlate(ContactGroup).scalar_subquery())
    return [(group, members) for group, members in db.session.execute(
        sa.select(ContactGroup, count).order_by(ContactGroup.name_sort))]


def group_options(blank: str | None = None) -> list[tuple[int, str]]:
    pairs = [(group.id, group.name) for group, _count in list_groups()]
    return ([(0, blank)] if blank is not None else []) + pairs


def save_group(group: ContactGroup | None, *, name: str, description: str | None) -> ContactGroup:
    if _exists(sa.select(ContactGroup.id).where(ContactGroup.name == name,
                                                ContactGroup.id != (group.id if group else None))):
        raise NameTaken()
    group = group or ContactGroup()
    group.name = name
    group.description = description or None
    db.session.add(group)
    db.session.flush()
    return group


def delete_group(group: ContactGroup) -> None:
    """Delete the group and its memberships; its people stay in the directory."""
    db.session.execute(contact_group_members.delete().where(
        contact_group_members.c.group_id == group.id))
    db.session.execute(sa.update(ContactImport).where(ContactImport.group_id == group.id)
                       .values(group_id=None))
    db.session.delete(group)
    db.session.flush()


def is_member(group: ContactGroup, person: Person) -> bool:
    return _exists(sa.select(contact_group_members.c.person_id).where(
        contact_group_members.c.group_id == group.id,
        contact_group_members.c.person_id == person.id))


def add_member(group: ContactGroup, person: Person) -> None:
    """Add a person to a group; adding someone already in it changes nothing."""
    if not is_member(group, person):
        db.session.execute(contact_group_members.insert().values(group_id=group.id,
                                                                 person_id=person.id))


def remove_member(group: ContactGroup, person: Person) -> None:
    db.session.execute(contact_group_members.delete().where(
        contact_group_members.c.group_id == group.id,
        contact_group_members.c.person_id == person.id))


def people_to_add(group: ContactGroup, query: str | None, limit: int = 30) -> list[Person]:
    """People matching the search who are not in the group yet (nothing without a search)."""
    if not (query or "").strip():
        return []
    members = set(db.session.scalars(sa.select(contact_group_members.c.person_id).where(
        contact_group_members.c.group_id == group.id)))
    return [person for person in list_contacts(query=query, limit=limit + len(members))
            if person.id not in members][:limit]


# --- imports: upload and mapping ------------------------------------------------------------------

def start_import(table: Table, *, filename: str, group_id: int | None, actor) -> ContactImport:
    """Keep a decoded file for the next steps; forget imports older than a day meanwhile."""
    db.session.execute(sa.delete(ContactImport).where(
        ContactImport.created_at < utcnow() - IMPORT_KEPT_FOR))
    batch = ContactImport(filename=(filename or "")[-200:], header=table.header, rows=table.rows,
                          group_id=group_id or None, created_by_id=actor.id if actor else None)
    db.session.add(batch)
    db.session.flush()
    return batch


def find_import(token: str) -> ContactImport | None:
    if not token or len(token) > 40:
        return None
    return db.session.scalar(sa.select(ContactImport).where(ContactImport.token == token))


def save_mapping(batch: ContactImport, mapping: dict[str, int | None]) -> None:
    """Keep the column chosen for each field (None: not in the file).

    The name is needed, and an email or a phone: without either, a row could not be told apart
    from the people already known, and importing the file twice would create everyone twice.
    """
    width = len(batch.header)
    mapping = {name: (index if index is not None and 0 <= index < width else None)
               for name, index in mapping.items() if name in FIELDS}
    if mapping.get("full_name") is None:
        raise MappingIncomplete(_l("Choose the column that holds the full name."))
    if mapping.get("email") is None and mapping.get("phone") is None:
        raise MappingIncomplete(_l("Choose the column of the email address or of the phone "
                                   "number (or both): people are recognised by them."))
    chosen = [index for index in mapping.values() if index is not None]
    if len(chosen) != len(set(chosen)):
        raise MappingIncomplete(_l("Each column can be used for one field only."))
    batch.mapping = mapping
    db.session.flush()


# --- imports: what each row will do ---------------------------------------------------------------

NEW, MERGE, SAME, SKIP = "new", "merge", "same", "skip"

_FEMALE = {"qadin", "q", "qiz", "f", "female", "woman", "w", "zhenskiy", "qadin cinsi"}
_MALE = {"kisi", "k", "m", "male", "man", "erkek", "kisi cinsi"}
_AZ = {"az", "aze", "azerbaycan", "azerbaycanca", "azerbaycan dili", "azerbaijani"}
_EN = {"en", "eng", "english", "ingilis", "ingilisce", "ingilis dili"}


@dataclass
class RowPlan:
    """One row of the file and what importing it will do."""

    number: int                       # the row in the file, the header being 1 (blank rows
                                      # are not counted)
    full_name: str
    email: str | None
    phone: str | None
    community: str                    # as written in the file
    organisation: str
    action: str = NEW
    reason: str | None = None         # why a row is skipped
    person_id: int | None = None      # the existing person it matches
    matched_by: str | None = None     # "email" or "phone"
    fills: list[str] = field(default_factory=list)   # empty fields of that person filled in
    notes: list[str] = field(default_factory=list)
    gender: Gender | None = None
    language: str | None = None
    community_id: int | None = None
    organisation_id: int | None = None
    new_organisation: str | None = None

    @property
    def filled_labels(self) -> str:
        return ", ".join(str(FIELD_LABELS[name]) for name in self.fills)


@dataclass
class ImportPlan:
    rows: list[RowPlan]

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def counts(self) -> dict[str, int]:
        return {action: self.count(action) for action in (NEW, MERGE, SAME, SKIP)}


ACTION_LABELS = {
    NEW: _l("New person"), MERGE: _l("Matches a known person; empty fields are filled in"),
    SAME: _l("Already in the contacts"), SKIP: _l("Skipped"),
}
FIELD_LABELS = {
    "full_name": _l("Full name"), "email": _l("Email"), "phone": _l("Phone"),
    "community": _l("Community"), "organisation": _l("Organisation"), "gender": _l("Gender"),
    "language": _l("Language"),
}


def plan_import(batch: ContactImport) -> ImportPlan:
    """What importing each row would do now, without changing anything.

    A row is skipped without a name, with an email or phone that is not valid, without both, or
    when an earlier row of the file has the same email or phone (or matches the same person).
    Otherwise it matches an existing person by email (any case), then by phone (any spelling),
    and only fills in what that person's record leaves empty — nothing is overwritten. The rest
    are new people.
    """
    mapping = batch.mapping or {}
    rows = [_clean_row(number, row, mapping) for number, row in enumerate(batch.rows, start=2)]
    by_email, by_phone = _known_people(rows)
    communities, organisations = _names(Community), _names(Organisation)
    seen_emails: dict[str, int] = {}
    seen_phones: dict[str, int] = {}
    seen_people: dict[int, int] = {}
    for row in rows:
        if row.action == SKIP:
            continue
        earlier = ((row.email and seen_emails.get(row.email.lower()))
                   or (row.phone and seen_phones.get(row.phone)))
        if earlier:
            _skip(row, _l("Same email or phone as line %(line)d of the file.", line=earlier))
            continue
        _resolve_names(row, communities, organisations)
        person = (by_email.get(row.email.lower()) if row.email else None)
        row.matched_by = "email" if person else None
        if person is None and row.phone:
            person = by_phone.get(row.phone)
            row.matched_by = "phone" if person else None
        if person is not None and person.id in seen_people:
            _skip(row, _l("Same person as line %(line)d of the file.", line=seen_people[person.id]))
            continue
        if person is not None:
            _plan_merge(row, person, by_phone)
            seen_people[person.id] = row.number
        if row.new_organisation:
            row.notes.append(_l("New organisation “%(value)s” will be added to the directory.",
                                value=row.new_organisation))
        if row.email:
            seen_emails[row.email.lower()] = row.number
        if row.phone:
            seen_phones[row.phone] = row.number
    return ImportPlan(rows)


def _skip(row: RowPlan, reason) -> None:
    row.action, row.reason = SKIP, reason


def _cell(row: list[str], mapping: dict, name: str) -> str:
    index = mapping.get(name)
    if index is None or index >= len(row):
        return ""
    return " ".join(str(row[index]).split())


def _clean_row(number: int, cells: list[str], mapping: dict) -> RowPlan:
    row = RowPlan(number=number, full_name=_cell(cells, mapping, "full_name"),
                  email=_cell(cells, mapping, "email") or None,
                  phone=_cell(cells, mapping, "phone") or None,
                  community=_cell(cells, mapping, "community"),
                  organisation=_cell(cells, mapping, "organisation")[:200])
    raw_email, raw_phone = row.email, row.phone
    if row.email:
        try:
            row.email = validate_email(row.email, check_deliverability=False).normalized
        except EmailNotValidError:
            _skip(row, _l("The email address “%(value)s” is not valid.", value=raw_email))
    if row.phone and row.action != SKIP:
        try:
            row.phone = normalise_phone(row.phone)
        except InvalidPhone:
            _skip(row, _l("The phone number “%(value)s” is not valid.", value=raw_phone))
    if not row.full_name:
        _skip(row, _l("No name."))
    elif len(row.full_name) > 200:
        _skip(row, _l("The name is longer than 200 characters."))
    elif row.action != SKIP and not row.email and not row.phone:
        _skip(row, _l("No email and no phone: the person could not be recognised later."))
    if row.email and len(row.email) > 254 and row.action != SKIP:
        _skip(row, _l("The email address “%(value)s” is not valid.", value=raw_email))
    gender, language = _cell(cells, mapping, "gender"), _cell(cells, mapping, "language")
    if gender:
        key = search_key(gender).strip(".")
        row.gender = Gender.FEMALE if key in _FEMALE else Gender.MALE if key in _MALE else None
        if row.gender is None:
            row.notes.append(_l("Gender “%(value)s” not understood; left out.", value=gender))
    if language:
        key = search_key(language)
        row.language = "az" if key in _AZ else "en" if key in _EN else None
        if row.language is None:
            row.notes.append(_l("Language “%(value)s” not understood; left out.", value=language))
    return row


def _known_people(rows: list[RowPlan]) -> tuple[dict[str, Person], dict[str, Person]]:
    """The people already known by the file's emails and phones (the oldest record wins, as in
    registration), fetched in a few queries rather than two per row."""
    emails = sorted({row.email.lower() for row in rows if row.email and row.action != SKIP})
    phones = sorted({row.phone for row in rows if row.phone and row.action != SKIP})
    by_email: dict[str, Person] = {}
    by_phone: dict[str, Person] = {}
    for start in range(0, len(emails), 500):
        for person in db.session.scalars(
                sa.select(Person).where(sa.func.lower(Person.email).in_(emails[start:start + 500]))
                .order_by(Person.id.desc())):
            by_email[person.email.lower()] = person
    for start in range(0, len(phones), 500):
        for person in db.session.scalars(
                sa.select(Person).where(Person.phone.in_(phones[start:start + 500]))
                .order_by(Person.id.desc())):
            by_phone[person.phone] = person
    return by_email, by_phone


def _names(model) -> dict[str, int | None]:
    """search key of the name → id; None when two records share the name (ambiguous)."""
    names: dict[str, int | None] = {}
    for record_id, name in db.session.execute(sa.select(model.id, model.name).order_by(model.id)):
        key = search_key(name)
        names[key] = None if key in names else record_id
    return names


def _resolve_names(row: RowPlan, communities: dict, organisations: dict) -> None:
    if row.community:
        row.community_id = communities.get(search_key(row.community))
        if row.community_id is None:
            row.notes.append(_l("Community “%(value)s” not found in the directory; left out.",
                                value=row.community))
    if row.organisation:
        key = search_key(row.organisation)
        if key in organisations and organisations[key] is None:
            row.notes.append(_l("Several organisations are called “%(value)s”; left out.",
                                value=row.organisation))
        elif key in organisations:
            row.organisation_id = organisations[key]
        else:
            row.new_organisation = row.organisation


def _plan_merge(row: RowPlan, person: Person, by_phone: dict[str, Person]) -> None:
    """Fill only what the existing record leaves empty; never overwrite."""
    row.person_id = person.id
    if row.email and not person.email:
        row.fills.append("email")
    elif row.email and row.email.lower() != person.email.lower():
        row.notes.append(_l("The record has another email address; it is kept."))
    owner = by_phone.get(row.phone) if row.phone else None
    if row.phone and not person.phone:
        if owner is not None and owner.id != person.id:
            row.notes.append(_l("The phone number belongs to another person; not copied."))
        else:
            row.fills.append("phone")
    elif row.phone and row.phone != person.phone:
        row.notes.append(_l("The record has another phone number; it is kept."))
    if row.community_id and not person.community_id:
        row.fills.append("community")
    if (row.organisation_id or row.new_organisation) and not person.organisation_id:
        row.fills.append("organisation")
    else:
        row.new_organisation = None  # the record has an organisation already: nothing to add
    if row.gender and person.gender == Gender.NOT_STATED:
        row.fills.append("gender")
    row.action = MERGE if row.fills else SAME


# --- imports: doing it ----------------------------------------------------------------------------

def import_contacts(batch: ContactImport) -> dict[str, int]:
    """Import the rows as planned now, all in the caller's one transaction; return the counts.

    The import is claimed first with a conditional UPDATE, so a second submission (a double
    click, a reloaded page) imports nothing. The rows are then emptied: only the summary stays.
    """
    if batch.mapping is None:
        raise MappingIncomplete(_l("Choose the columns first."))
    claimed = db.session.execute(
        sa.update(ContactImport)
        .where(ContactImport.id == batch.id, ContactImport.imported_at.is_(None))
        .values(imported_at=utcnow()).execution_options(synchronize_session=False))
    if claimed.rowcount != 1:
        raise AlreadyImported()
    plan = plan_import(batch)
    new_organisations: dict[str, Organisation] = {}
    people: list[Person] = []
    for row in plan.rows:
        if row.action == SKIP:
            continue
        if row.new_organisation:
            key = search_key(row.new_organisation)
            if key not in new_organisations:
                new_organisations[key] = Organisation(name=row.new_organisation,
                                                      kind=OrganisationKind.OTHER)
                db.session.add(new_organisations[key])
        organisation = new_organisations.get(search_key(row.new_organisation or ""))
        if row.action == NEW:
            person = Person(full_name=row.full_name, email=row.email, phone=row.phone,
                            gender=row.gender or Gender.NOT_STATED,
                            community_id=row.community_id, organisation_id=row.organisation_id,
                            language=row.language or "az")
            if organisation is not None:
                person.organisation = organisation
            db.session.add(person)
        else:
            person = db.session.get(Person, row.person_id)
            _fill(person, row, organisation)
        people.append(person)
    db.session.flush()
    added = _add_to_group(batch.group_id, people) if batch.group_id else 0
    summary = {**plan.counts, "organisations": len(new_organisations), "added_to_group": added}
    db.session.execute(sa.update(ContactImport).where(ContactImport.id == batch.id)
                       .values(summary=summary, rows=[]))
    db.session.flush()
    db.session.refresh(batch)
    return summary


def _fill(person: Person, row: RowPlan, organisation: Organisation | None) -> None:
    if "email" in row.fills:
        person.email = row.email
    if "phone" in row.fills:
        person.phone = row.phone
    if "community" in row.fills:
        person.community_id = row.community_id
    if "organisation" in row.fills:
        if organisation is not None:
            person.organisation = organisation
        else:
            person.organisation_id = row.organisation_id
    if "gender" in row.fills:
        person.gender = row.gender


def _add_to_group(group_id: int, people: list[Person]) -> int:
    current = set(db.session.scalars(sa.select(contact_group_members.c.person_id)
                                     .where(contact_group_members.c.group_id == group_id)))
    new = sorted({person.id for person in people} - current)
    if new:
        db.session.execute(contact_group_members.insert(),
                           [{"group_id": group_id, "person_id": person_id} for person_id in new])
    return len(new)

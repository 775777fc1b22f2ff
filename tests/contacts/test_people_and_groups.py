"""Organisers keep people and groups of them; nobody else sees these pages."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from umid_events.auth.models import Role
from umid_events.contacts.models import ContactGroup, contact_group_members
from umid_events.directory.models import Community, Person
from umid_events.events.models import Event
from umid_events.extensions import db
from umid_events.registrations.models import ParticipantGroup, Registration, RegistrationStatus

from ..conftest import csrf_token, post_form

PEOPLE = "/staff/contacts/people"


def _person(**fields) -> Person:
    person = Person(**{"full_name": "Şəhla Əliyeva", "email": "shahla@example.org", **fields})
    db.session.add(person)
    db.session.commit()
    return person


def _group(name="Seminar stakeholders") -> ContactGroup:
    group = ContactGroup(name=name)
    db.session.add(group)
    db.session.commit()
    return group


def _member_ids(group) -> set[int]:
    return set(db.session.scalars(sa.select(contact_group_members.c.person_id)
                                  .where(contact_group_members.c.group_id == group.id)))


def _form(**changes) -> dict:
    return {"full_name": "Şəhla Əliyeva", "email": "", "phone": "050 123 45 67", "gender": "female",
            "community_id": "0", "organisation_id": "0", "language": "az", **changes}


def test_an_organiser_adds_a_person_with_a_phone_in_any_spelling(client, organiser):
    group = _group()
    form = _form()
    response = client.post(f"{PEOPLE}/new", data={
        **form, "groups": [str(group.id)],
        "csrf_token": csrf_token(client, f"{PEOPLE}/new")})
    assert response.status_code == 302
    person = db.session.scalar(sa.select(Person))
    assert (person.full_name, person.phone) == ("Şəhla Əliyeva", "+994501234567")
    assert _member_ids(group) == {person.id}
    listing = client.get("/staff/contacts/", query_string={"q": "+994 50 123 45 67"}).get_data(as_text=True)
    assert "Şəhla Əliyeva" in listing and "+994 50 123 45 67" in listing


def test_a_second_person_with_the_same_email_or_phone_is_refused(client, organiser):
    _person(phone="+994501234567")
    page = post_form(client, f"{PEOPLE}/new", _form(full_name="Other", phone="",
                                                    email="SHAHLA@example.org")).get_data(as_text=True)
    assert "Another person already has this email address." in page
    page = post_form(client, f"{PEOPLE}/new", _form(full_name="Other", phone="+994 50 123-45-67")
                     ).get_data(as_text=True)
    assert "Another person already has this phone number." in page
    page = post_form(client, f"{PEOPLE}/new", _form(phone="123")).get_data(as_text=True)
    assert "Enter a phone number such as 050 123 45 67." in page
    page = post_form(client, f"{PEOPLE}/new", _form(phone="", email="")).get_data(as_text=True)
    assert "Give a phone number or an email address, or both." in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Person)) == 1


def test_editing_keeps_groups_and_refuses_a_stale_save(client, organiser):
    person = _person()
    url = f"{PEOPLE}/{person.id}"
    page = client.get(url).get_data(as_text=True)
    version = page.split('name="version" type="hidden" value="', 1)[1].split('"', 1)[0]
    assert post_form(client, url, _form(full_name="Şəhla Əliyeva-Quliyeva", version=version)
                     ).status_code == 302
    stale = post_form(client, url, _form(full_name="Old name", version=version)).get_data(as_text=True)
    assert "Someone else changed this person while you were editing." in stale
    db.session.refresh(person)
    assert person.full_name == "Şəhla Əliyeva-Quliyeva"


def test_deleting_a_person_removes_them_from_groups_but_registered_people_stay(client, organiser,
                                                                              programme):
    group = _group()
    free, registered = _person(), _person(full_name="Rauf", email="rauf@example.org")
    db.session.execute(contact_group_members.insert(), [
        {"group_id": group.id, "person_id": free.id}, {"group_id": group.id, "person_id": registered.id}])
    starts = datetime.now(UTC) + timedelta(days=3)
    community_id = db.session.scalar(sa.select(Community.id).where(Community.code == "quba-1"))
    event = Event(programme_id=programme.id, kind="consultation", title="Məsləhət", starts_at=starts,
                  ends_at=starts + timedelta(hours=1), community_id=community_id)
    db.session.add(event)
    db.session.flush()
    db.session.add(Registration(event_id=event.id, person_id=registered.id, consent_at=starts,
                                status=RegistrationStatus.CONFIRMED,
                                group=ParticipantGroup.COMMUNITY_MEMBER))
    db.session.commit()
    free_id, registered_id = free.id, registered.id

    page = post_form(client, f"{PEOPLE}/{registered_id}/delete", {}, token_from=f"{PEOPLE}/{registered_id}",
                     follow_redirects=True).get_data(as_text=True)
    assert "This person is registered for events and cannot be deleted" in page
    page = post_form(client, f"{PEOPLE}/{free_id}/delete", {}, token_from=f"{PEOPLE}/{free_id}",
                     follow_redirects=True).get_data(as_text=True)
    assert "Deleted." in page
    db.session.expire_all()
    assert db.session.get(Person, free_id) is None and db.session.get(Person, registered_id) is not None
    assert _member_ids(group) == {registered_id}


def test_groups_are_listed_with_counts_renamed_and_deleted_without_their_people(client, organiser):
    page = post_form(client, "/staff/contacts/groups/new", {"name": "Quba — community members",
                                                           "description": "Icma üzvləri"},
                     follow_redirects=True).get_data(as_text=True)
    assert "Quba — community members" in page and "0 people" in page
    group = db.session.scalar(sa.select(ContactGroup))
    person = _person()

    members = f"/staff/contacts/groups/{group.id}"
    found = client.get(members, query_string={"q": "SƏHLA"}).get_data(as_text=True)
    assert "Şəhla Əliyeva" in found and "Nobody in this group yet." in found
    page = post_form(client, f"{members}/members", {"person_id": str(person.id)}, token_from=members,
                     follow_redirects=True).get_data(as_text=True)
    assert "Şəhla Əliyeva has been added to the group." in page
    post_form(client, f"{members}/members", {"person_id": str(person.id)}, token_from=members)  # again
    assert 'data-members="1"' in client.get("/staff/contacts/groups").get_data(as_text=True)

    duplicate = post_form(client, "/staff/contacts/groups/new", {"name": "Quba — community members"})
    assert "Another record already has this name." in duplicate.get_data(as_text=True)
    assert post_form(client, f"{members}/edit", {"name": "Seminar stakeholders"}).status_code == 302

    page = post_form(client, f"{members}/members/{person.id}/remove", {}, token_from=members,
                     follow_redirects=True).get_data(as_text=True)
    assert "has been removed from the group" in page and "Nobody in this group yet." in page
    post_form(client, f"{members}/members", {"person_id": str(person.id)}, token_from=members)
    page = post_form(client, f"{members}/delete", {}, token_from=f"{members}/edit",
                     follow_redirects=True).get_data(as_text=True)
    assert "its people are still in the contacts" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ContactGroup)) == 0
    assert db.session.get(Person, person.id) is not None


@pytest.mark.parametrize("role", [None, Role.MODERATOR])
def test_only_organisers_reach_contacts(client, make_user, login, role):
    person, group = _person(), _group()
    if role:
        login(make_user(role))
    else:
        make_user(Role.ADMIN)  # past the first-run set-up
    for url in ("/staff/contacts/", f"{PEOPLE}/new", f"{PEOPLE}/{person.id}", "/staff/contacts/groups",
                f"/staff/contacts/groups/{group.id}", "/staff/contacts/import"):
        response = client.get(url)
        assert response.status_code == (403 if role else 302), url
        assert "Şəhla" not in response.get_data(as_text=True)
    upload = client.post("/staff/contacts/import", data={"file": (io.BytesIO(b"Name\nX\n"), "x.csv")},
                         content_type="multipart/form-data")
    assert upload.status_code in (400, 403)  # no CSRF token, and no permission either

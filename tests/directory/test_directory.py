"""Organisers keep districts, communities and organisations; lists search and sort the
Azerbaijani way."""

from __future__ import annotations

import re

import sqlalchemy as sa

from umid_events.auth.models import Role
from umid_events.directory.models import Community, Organisation, OrganisationKind, Person
from umid_events.extensions import db

from ..conftest import post_form


def _first_column(page: str) -> list[str]:
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<tr[^>]*>\s*<td>(.*?)</td>", body, re.S)]


def test_organiser_names_a_placeholder_community_and_its_municipality(client, make_user, login, programme):
    login(make_user(Role.ORGANISER))
    community = db.session.scalar(sa.select(Community).where(Community.code == "xachmaz-2"))
    listing = client.get("/directory/communities").get_data(as_text=True)
    assert "adı daxil edilməlidir" in listing

    response = post_form(client, f"/directory/communities/{community.id}", {
        "name": "Əhmədli", "district_id": str(community.district_id),
        "municipality_name": "Əhmədli bələdiyyəsi",
    })
    assert response.status_code == 302
    db.session.refresh(community)
    assert (community.name, community.needs_naming) == ("Əhmədli", False)
    assert community.municipality.name == "Əhmədli bələdiyyəsi"
    assert community.municipality.kind == OrganisationKind.MUNICIPALITY


def test_the_public_form_shows_a_renamed_community_at_once(client, make_user, login, programme):
    """The registration form keeps the list of communities between requests; a change made here
    replaces the kept list straight away."""
    from datetime import UTC, datetime, timedelta

    from umid_events.events.kinds import EventStatus
    from umid_events.events.models import Event

    community = db.session.scalar(sa.select(Community).where(Community.code == "xachmaz-2"))
    starts = datetime.now(UTC) + timedelta(days=3)
    event = Event(programme_id=programme.id, kind="consultation", community_id=community.id,
                  title="Görüş", starts_at=starts, ends_at=starts + timedelta(hours=1),
                  status=EventStatus.PUBLISHED)
    db.session.add(event)
    db.session.commit()
    form_url = f"/r/{event.registration_token}"
    assert "Əhmədli" not in client.get(form_url).get_data(as_text=True)  # the list is now kept

    login(make_user(Role.ORGANISER))
    post_form(client, f"/directory/communities/{community.id}", {
        "name": "Əhmədli", "district_id": str(community.district_id), "municipality_name": "",
    })
    assert "Əhmədli (Xaçmaz)" in client.get(form_url).get_data(as_text=True)


def test_a_second_community_of_the_same_name_in_a_district_is_refused(client, make_user, login, programme):
    login(make_user(Role.ORGANISER))
    existing = db.session.scalar(sa.select(Community).where(Community.code == "quba-1"))
    page = post_form(client, "/directory/communities/new", {
        "name": existing.name, "district_id": str(existing.district_id), "municipality_name": "",
    }).get_data(as_text=True)
    assert "Bu ad artıq başqa qeyddə istifadə olunur." in page
    assert db.session.scalar(sa.select(sa.func.count(Community.id))) == 12


def test_a_form_with_errors_keeps_what_was_typed(client, make_user, login, programme):
    login(make_user(Role.ORGANISER))
    page = post_form(client, "/directory/organisations/new", {
        "name": "Yeni QHT", "kind": "ngo", "district_id": "0", "email": "yanlış", "address": "Quba, 5",
    }).get_data(as_text=True)
    assert "E-poçt ünvanı düzgün deyil." in page
    assert 'value="Yeni QHT"' in page and 'value="Quba, 5"' in page
    assert db.session.scalar(sa.select(Organisation).where(Organisation.name == "Yeni QHT")) is None


def test_organisations_in_use_cannot_be_deleted_but_unused_ones_can(client, make_user, login, programme):
    login(make_user(Role.ORGANISER))
    municipality = db.session.scalar(sa.select(Organisation).where(Organisation.name == "Quba bələdiyyəsi 1"))
    page = post_form(client, f"/directory/organisations/{municipality.id}/delete", {},
                     token_from=f"/directory/organisations/{municipality.id}", follow_redirects=True)
    assert "Bu qeyd hələ istifadə olunur və silinə bilməz." in page.get_data(as_text=True)

    donor_id = db.session.scalar(sa.select(Organisation.id).where(Organisation.kind == OrganisationKind.DONOR))
    post_form(client, f"/directory/organisations/{donor_id}/delete", {},
              token_from=f"/directory/organisations/{donor_id}")
    assert db.session.scalar(sa.select(Organisation.id).where(Organisation.id == donor_id)) is None


def test_people_search_is_case_insensitive_the_azerbaijani_way(client, make_user, login, programme):
    login(make_user(Role.ORGANISER))
    for name, phone in (("İlham Əliyev", "+994501110000"), ("Ilqar Şükürov", None),
                        ("ilham quliyev", None), ("Aygün Həsənova", "+994552220000")):
        db.session.add(Person(full_name=name, phone=phone))
    db.session.commit()

    def found(query):
        return sorted(_first_column(client.get("/directory/people", query_string={"q": query})
                                    .get_data(as_text=True)))

    assert found("İLHAM") == ["ilham quliyev", "İlham Əliyev"]
    assert found("ilham") == found("İLHAM")
    assert found("ILQAR") == ["Ilqar Şükürov"]
    assert found("shukurov") == [] and found("sukurov") == ["Ilqar Şükürov"]
    assert found("eliyev") == ["İlham Əliyev"]
    assert found("+99455222") == ["Aygün Həsənova"]
    assert found("055 222 00 00") == ["Aygün Həsənova"]
    assert found("100%") == []


def test_lists_sort_in_the_azerbaijani_alphabet(client, make_user, login, programme):
    login(make_user(Role.ORGANISER))
    for name in ("Çiçəkli QHT", "Zəfər MMC", "İşıq İB", "Ilıq Su MMC", "Əmək QHT", "Cənub MMC", "Ünsiyyət"):
        db.session.add(Organisation(name=name, kind=OrganisationKind.OTHER))
    db.session.commit()
    page = client.get("/directory/organisations", query_string={"kind": "other"}).get_data(as_text=True)
    names = [name for name in _first_column(page) if name != "Açıq Hökumət üzrə Hökumət-Vətəndaş Cəmiyyəti Dialoq Platforması"]
    assert names == ["Cənub MMC", "Çiçəkli QHT", "Əmək QHT", "Ilıq Su MMC", "İşıq İB", "Ünsiyyət", "Zəfər MMC"]

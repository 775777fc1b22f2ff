"""NUL characters in a request: removed from query strings and forms before any view reads
them (PostgreSQL refuses text with a NUL, which was a 500), and a path with one is a 404."""

from __future__ import annotations

import sqlalchemy as sa

from umid_events.auth.models import Role
from umid_events.directory.models import Organisation, OrganisationKind
from umid_events.extensions import db

from ..conftest import post_form


def test_a_form_value_with_nul_is_saved_without_it(client, make_user, login):
    login(make_user(Role.ORGANISER))
    response = post_form(client, "/directory/organisations/new",
                         {"name": "Qusar\x00 İcma\x00 Birliyi", "kind": "ngo", "district_id": "0",
                          "email": "", "address": "Qusar\x00"})
    assert response.status_code == 302
    organisation = db.session.scalar(sa.select(Organisation))
    assert (organisation.name, organisation.address) == ("Qusar İcma Birliyi", "Qusar")


def test_a_search_with_nul_finds_as_without_it(client, make_user, login):
    login(make_user(Role.ORGANISER))
    db.session.add(Organisation(name="Xaçmaz Gənclər Birliyi", kind=OrganisationKind.NGO))
    db.session.commit()
    page = client.get("/directory/organisations?q=Gən%00clər")
    assert page.status_code == 200
    assert "Xaçmaz Gənclər Birliyi" in page.get_data(as_text=True)


def test_a_path_with_nul_is_not_found(client):
    assert client.get("/p/abc%00def").status_code == 404
    assert client.get("/e/%00").status_code == 404

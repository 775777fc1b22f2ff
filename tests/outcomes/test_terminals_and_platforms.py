"""Applications for payment terminals (with the letter as PDF) and dialogue platforms."""

from __future__ import annotations

import io

import sqlalchemy as sa

from umid_events.extensions import db
from umid_events.outcomes.models import DialoguePlatform, TerminalApplication, TerminalStatus

from ..conftest import post_form
from .conftest import PDF


def _application(places, **changes):
    return {"community_id": str(places["community"].id), "authority_id": str(places["authority"].id),
            "applied_on": "2022-06-20", "status": "submitted", "note": "", **changes}


def test_record_an_application_with_its_letter(client, organiser, places):
    data = _application(places, letter=(io.BytesIO(PDF), "müraciət.pdf"))
    assert post_form(client, "/staff/outcomes/terminals/new?lang=en", data).status_code == 302
    page = client.get("/staff/outcomes?lang=en").get_data(as_text=True)
    assert "Application saved." in page and "Quba icması 2" in page and "Quba Rayon İcra Hakimiyyəti" in page
    application = db.session.scalar(sa.select(TerminalApplication))
    letter = client.get(f"/staff/outcomes/terminals/{application.id}/letter.pdf")
    assert letter.mimetype == "application/pdf" and letter.data == PDF

    # later: the authority approved; the letter stays
    post_form(client, f"/staff/outcomes/terminals/{application.id}", _application(places, status="approved"))
    assert "Approved" in client.get("/staff/outcomes?lang=en").get_data(as_text=True)
    db.session.expire_all()
    application = db.session.get(TerminalApplication, application.id)
    assert application.status is TerminalStatus.APPROVED and application.file_size == len(PDF)


def test_a_letter_that_is_not_a_pdf_is_refused_and_nothing_saved(client, organiser, places):
    data = _application(places, letter=(io.BytesIO(b"MZ\x90\x00 not a pdf"), "letter.pdf"))
    page = post_form(client, "/staff/outcomes/terminals/new?lang=en", data).get_data(as_text=True)
    assert "The file is not a PDF." in page
    assert db.session.scalar(sa.select(sa.func.count(TerminalApplication.id))) == 0
    empty = post_form(client, "/staff/outcomes/terminals/new?lang=en",
                      _application(places, letter=(io.BytesIO(b""), "letter.pdf"))).get_data(as_text=True)
    assert "The file is empty." in empty


def test_the_same_application_twice_is_refused(client, organiser, places):
    post_form(client, "/staff/outcomes/terminals/new", _application(places))
    page = post_form(client, "/staff/outcomes/terminals/new?lang=en", _application(places)).get_data(as_text=True)
    assert "This application is already recorded: same community, authority and date." in page
    assert db.session.scalar(sa.select(sa.func.count(TerminalApplication.id))) == 1


def _platform(places, **changes):
    return {"name": "Quba dialoq platforması", "district_id": str(places["community"].district_id),
            "formed_on": "2022-07-05", "members_municipality": "3", "members_ngo": "4",
            "members_local_executive": "1", "note": "", **changes}


def test_record_a_dialogue_platform_with_members_by_kind(client, organiser, places):
    data = _platform(places, document=(io.BytesIO(PDF), "nizamnamə.pdf"))
    saved = post_form(client, "/staff/outcomes/platforms/new?lang=en", data)
    assert saved.status_code == 302
    page = client.get("/staff/outcomes?lang=en").get_data(as_text=True)
    assert "Dialogue platform saved." in page
    assert "8: " in page and "NGO 4" in page
    platform = db.session.scalar(sa.select(DialoguePlatform))
    assert {row.kind.value: row.count for row in platform.members} == {
        "municipality": 3, "ngo": 4, "local_executive": 1}
    assert client.get(f"/staff/outcomes/platforms/{platform.id}/document.pdf").data == PDF
    form = client.get(f"/staff/outcomes/platforms/{platform.id}").get_data(as_text=True)
    assert 'name="members_ngo" type="number" value="4"' in form or 'value="4"' in form

    post_form(client, f"/staff/outcomes/platforms/{platform.id}", _platform(places, members_ngo="0"))
    db.session.expire_all()
    assert {row.kind.value for row in db.session.get(DialoguePlatform, platform.id).members} == {
        "municipality", "local_executive"}


def test_a_second_platform_in_the_district_and_a_platform_without_members_are_refused(client, organiser, places):
    post_form(client, "/staff/outcomes/platforms/new", _platform(places))
    page = post_form(client, "/staff/outcomes/platforms/new?lang=en",
                     _platform(places, name="Başqa")).get_data(as_text=True)
    assert "A dialogue platform is already recorded for this district." in page
    nobody = post_form(client, "/staff/outcomes/platforms/new?lang=en",
                       _platform(places, district_id=str(places["authority"].district_id + 1),
                                 members_municipality="0", members_ngo="", members_local_executive="0"))
    assert "Give the number of members of at least one kind of organisation." in nobody.get_data(as_text=True)
    negative = post_form(client, "/staff/outcomes/platforms/new?lang=en", _platform(places, members_ngo="-2"))
    assert "A number from 0 to 500." in negative.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(DialoguePlatform.id))) == 1


def test_an_empty_programme_says_so_in_each_section(client, organiser, programme):
    page = client.get("/staff/outcomes").get_data(as_text=True)
    for section in ("payments", "terminals", "platforms", "knowledge-checks"):
        block = page[page.index(f'id="{section}"'):]
        block = block[:block.index("</section>")]
        assert "Hələ heç nə qeydə alınmayıb." in block, section

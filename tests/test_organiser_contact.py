"""Who the organisers are and how to reach them, from the letterhead: in the footer of every
participant page, of every mail (text and HTML), and in the privacy notice."""

from __future__ import annotations

import sqlalchemy as sa

from umid_events.documents.letterhead import LetterheadDetails, update_letterhead
from umid_events.extensions import db
from umid_events.notifications.models import OutgoingMessage
from umid_events.registrations.models import Registration

from .conftest import run_worker_producers
from .registrations.conftest import community, open_event, register  # noqa: F401

DETAILS = LetterheadDetails(name="“Ümid” Sosial İnkişafa Dəstək İctimai Birliyi",
                            name_en="“Umid” Social Development Support Public Union",
                            address="Quba, Heydər Əliyev prospekti 12", address_en="12 Heydar Aliyev Ave, Quba",
                            phone="+994 50 123 45 67", email="info@umid.example.az",
                            website="umid.example.az")


def _letterhead():
    update_letterhead(DETAILS)
    db.session.commit()


def test_every_participant_page_and_the_privacy_notice_name_the_organisers(client, open_event):  # noqa: F811
    _letterhead()
    register(client, open_event)
    token = db.session.scalars(sa.select(Registration)).one().personal_token
    for url in (f"/p/{token}", f"/r/{open_event.registration_token}", f"/e/{open_event.public_token}",
                "/privacy", "/events"):
        page = client.get(url).get_data(as_text=True)
        footer = page.split("<footer>", 1)[1]
        assert "Quba, Heydər Əliyev prospekti 12" in footer, url
        assert 'href="mailto:info@umid.example.az"' in footer, url
        assert 'href="tel:+994501234567"' in footer and "+994 50 123 45 67" in footer, url
        assert 'href="https://umid.example.az"' in footer, url
    privacy = client.get("/privacy").get_data(as_text=True).split("<footer>")[0]
    assert "Təşkilatçılara yazın" in privacy and "mailto:info@umid.example.az" in privacy
    client.get("/lang/en")
    english = client.get(f"/p/{token}").get_data(as_text=True).split("<footer>", 1)[1]
    assert "12 Heydar Aliyev Ave, Quba" in english and "Social Development Support" in english


def test_every_mail_ends_with_the_organisers_contact(client, open_event):  # noqa: F811
    _letterhead()
    register(client, open_event)
    run_worker_producers()
    message = db.session.scalars(sa.select(OutgoingMessage)).one()
    footer = message.text_body.rsplit("\n-- \n", 1)[1]
    assert "“Ümid” Sosial İnkişafa Dəstək İctimai Birliyi" in footer
    assert "Quba, Heydər Əliyev prospekti 12" in footer
    assert "Telefon: +994 50 123 45 67" in footer and "E-poçt: info@umid.example.az" in footer
    assert "umid-events@localhost" not in message.text_body
    assert 'href="mailto:info@umid.example.az"' in message.html_body
    assert "Quba, Heydər Əliyev prospekti 12" in message.html_body


def test_without_a_letterhead_no_local_sender_address_is_offered(client, open_event, monkeypatch):  # noqa: F811
    config = client.application.config
    monkeypatch.setitem(config, "MAIL_DEFAULT_SENDER", "umid-events@localhost")  # the default
    register(client, open_event)
    run_worker_producers()
    message = db.session.scalars(sa.select(OutgoingMessage)).one()
    assert "localhost" not in message.text_body and "localhost" not in message.html_body
    page = client.get("/privacy").get_data(as_text=True)
    assert "localhost" not in page
    assert "The organisers have not entered their address yet" in client.get(
        "/privacy?lang=en").get_data(as_text=True)
    monkeypatch.setitem(config, "MAIL_DEFAULT_SENDER", "Ümid Events <events@umid.example.az>")
    page = client.get("/privacy").get_data(as_text=True)
    assert 'href="mailto:events@umid.example.az"' in page

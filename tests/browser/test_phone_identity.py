"""On a 360 px phone without scripts: a stranger who types a neighbour's phone learns nothing of
her, and a double tap on a slow line ends on one's own personal page."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from umid_events.directory.models import Gender, Person
from umid_events.extensions import db
from umid_events.registrations.models import Registration, RegistrationStatus

from ..registrations.conftest import community, open_event  # noqa: F401  (fixtures)
from .conftest import PHONE

pytestmark = pytest.mark.browser


@pytest.fixture
def neighbour(open_event, community):  # noqa: F811
    person = Person(full_name="Gülnarə Əliyeva", phone="+994551112233", email="gulnare@example.org",
                    gender=Gender.FEMALE, community_id=community.id)
    db.session.add(person)
    db.session.flush()
    db.session.add(Registration(event_id=open_event.id, person_id=person.id, group="community_member",
                                status=RegistrationStatus.CONFIRMED, consent_at=open_event.starts_at,
                                personal_token="neighbour-secret-token"))
    db.session.commit()
    return person


def _fill(page, name: str, phone: str) -> None:
    page.get_by_label("Ad, soyad").fill(name)
    page.get_by_label("Telefon", exact=True).fill(phone)
    page.get_by_label("İcma").select_option(label="Quba icması 1 (Quba)")
    page.get_by_label("Telefonuma SMS").check()
    page.get_by_label("Şəxsi məlumatlarımın bu proqram üçün emalına razıyam").check()


def _nothing_of_her(page) -> None:
    text = page.content()
    for secret in ("neighbour-secret-token", "gulnare@example.org", "Gülnarə", "Əliyeva"):
        assert secret not in text


def test_a_stranger_typing_a_neighbours_phone_learns_nothing_of_her(
        live_server, chromium, open_event, neighbour):  # noqa: F811
    context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=False)
    page = context.new_page()
    try:
        url = f"{live_server}/r/{open_event.registration_token}"
        page.goto(url)
        _fill(page, "Rauf Məmmədov", "055 111 22 33")  # her husband, on her phone
        page.get_by_role("button", name="Qeydiyyatdan keç").click()
        expect(page.get_by_text("Rauf Məmmədov")).to_be_visible()
        assert "/p/" in page.url and "neighbour-secret-token" not in page.url
        _nothing_of_her(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

        other = context.new_page()  # a stranger who knows her name and number
        other.goto(url)
        _fill(other, "Gulnare Eliyeva", "055 111 22 33")
        other.get_by_role("button", name="Qeydiyyatdan keç").click()
        expect(other.get_by_text("Siz bu tədbirə artıq qeydiyyatdan keçmisiniz.")).to_be_visible()
        assert "/p/" not in other.url
        _nothing_of_her(other)
        assert other.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()
    people = db.session.scalars(sa.select(Person).order_by(Person.id)).all()
    assert [p.full_name for p in people] == ["Gülnarə Əliyeva", "Rauf Məmmədov"]


def test_a_double_tap_on_a_slow_line_ends_on_the_personal_page(live_server, chromium, open_event):  # noqa: F811
    """The first tap's answer is lost on the slow line (sent here beside the page, as the browser
    sent it); the second tap's answer is what the phone shows: the same personal page."""
    context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=False)
    page = context.new_page()
    try:
        url = f"{live_server}/r/{open_event.registration_token}"
        page.goto(url)
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {  # 400 kbit/s, 1.5 s round trips
            "offline": False, "latency": 1500, "downloadThroughput": 50_000, "uploadThroughput": 50_000})
        _fill(page, "Səbinə Quliyeva", "050 765 43 21")
        form = {name: page.locator(f"[name={name}]").first.input_value()
                for name in ("csrf_token", "submission", "full_name", "phone", "email", "community_id",
                             "group", "organisation_name", "website")}
        form.update(gender="not_stated", channel="sms", consent="y")
        first = context.request.post(url, form=form, max_redirects=0)  # the first tap
        assert first.status == 302
        page.get_by_role("button", name="Qeydiyyatdan keç").click()  # the second tap
        expect(page.get_by_text("Qeydiyyatdan keçdiniz.")).to_be_visible(timeout=30_000)
        assert page.url.split("?")[0] == f"{live_server}{first.headers['location'].split('?')[0]}"
        expect(page.get_by_text("Səbinə Quliyeva")).to_be_visible()
    finally:
        context.close()
    [registration] = db.session.scalars(sa.select(Registration)).all()
    assert registration.person.full_name == "Səbinə Quliyeva"

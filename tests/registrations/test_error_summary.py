"""Every public form answers a mistake the same way (the GOV.UK error summary): a summary above
the form with a link to each field in error, the error at the field itself, the field marked
aria-invalid and described by its error; required fields say so."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from lxml import html

from umid_events.attendance import marking
from umid_events.attendance.models import AttendanceRecord
from umid_events.extensions import db
from umid_events.proposals.models import Proposal
from umid_events.registrations.models import Registration

from ..conftest import post_form
from ..proposals.conftest import make_registration, seminar, topics  # noqa: F401  (fixtures)
from .conftest import register


def _tree(response):
    return html.fromstring(response.get_data(as_text=True))


def _summary_links(tree) -> dict[str, str]:
    """The error summary's links: the id each one leads to, and its words."""
    [summary] = tree.xpath('//*[@data-error-summary]')
    assert summary.get("tabindex") == "-1"
    assert summary.xpath('.//*[@role="alert"]')
    return {a.get("href"): a.text_content().strip() for a in summary.xpath(".//a")}


def _before_the_form(tree) -> bool:
    """The summary comes before every form field in the page's order."""
    elements = list(tree.iter())
    summary = tree.xpath('//*[@data-error-summary]')[0]
    first_field = tree.xpath("//form//input[not(@type='hidden')] | //form//textarea")[0]
    return elements.index(summary) < elements.index(first_field)


def _described_error(tree, field_id: str) -> str:
    """The text of the error message ``field_id`` is described by (and it must be marked invalid)."""
    [field] = tree.xpath(f'//*[@id="{field_id}"]')
    assert field.get("aria-invalid") == "true", html.tostring(field)
    described = field.get("aria-describedby", "").split() or field.xpath(
        "ancestor::fieldset[1]/@aria-describedby")[0].split()
    errors = [tree.xpath(f'//*[@id="{id_}"]')[0] for id_ in described if id_.endswith("-error")]
    assert errors, f"{field_id} is described by no error"
    return errors[0].text_content().strip()


def test_registration_with_mistakes_lists_them_above_the_form(client, open_event):
    response = register(client, open_event, consent=None, phone="12345")
    assert response.status_code == 200
    tree = _tree(response)
    assert tree.findtext(".//title").startswith("Xəta: ")
    links = _summary_links(tree)
    assert links == {"#phone": "Telefon: Telefon nömrəsini 050 123 45 67 kimi yazın.",
                     "#consent": "Qeydiyyat üçün məlumatlarınızın emalına razılığınız lazımdır."}
    assert _before_the_form(tree)
    assert "050 123 45 67 kimi yazın" in _described_error(tree, "phone")
    assert "razılığınız lazımdır" in _described_error(tree, "consent")
    # the phone field's shared hint still describes it; fields without errors are not invalid
    assert "contact-help" in tree.xpath('//*[@id="phone"]')[0].get("aria-describedby").split()
    assert tree.xpath('//*[@id="full_name"]')[0].get("aria-invalid") is None
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 0


def test_a_form_without_mistakes_has_no_summary_and_marks_what_is_required(client, open_event):
    tree = _tree(client.get(f"/r/{open_event.registration_token}"))
    assert not tree.xpath('//*[@data-error-summary]')
    assert not tree.xpath('//*[@aria-invalid]')
    assert not tree.findtext(".//title").startswith("Xəta")
    label = tree.xpath('//label[@for="full_name"]')[0].text_content()
    assert "Ad, soyad" in label and "(məcburi)" in label
    assert "(məcburi)" in tree.xpath('//*[@id="contact-group"]/legend')[0].text_content()
    assert "(məcburi)" in tree.xpath('//*[@id="consent"]/ancestor::label')[0].text_content()
    assert "(məcburi)" not in tree.xpath('//label[@for="organisation_name"]')[0].text_content()


def test_editing_my_details_with_mistakes(client, open_event):
    register(client, open_event)
    token = db.session.scalars(sa.select(Registration)).one().personal_token
    url = f"/p/{token}/edit"
    response = post_form(client, url, {"full_name": " ", "phone": "", "email": "", "group": "ngo",
                                       "gender": "female", "community_id": str(open_event.community_id),
                                       "channel": "email"})
    tree = _tree(response)
    links = _summary_links(tree)
    assert set(links) == {"#full_name", "#email"}
    assert links["#full_name"] == "Ad, soyad: Bu sahə mütləq doldurulmalıdır."
    assert _described_error(tree, "full_name") == "Xəta: Bu sahə mütləq doldurulmalıdır."
    assert links["#email"] == "E-poçt: Telefon nömrəsi və ya e-poçt ünvanı yazın (və ya hər ikisini)."
    assert _before_the_form(tree)


def test_link_recovery_with_nonsense(client, open_event):
    url = f"/r/{open_event.registration_token}/link"
    tree = _tree(post_form(client, url, {"contact": "hello", "website": ""}))
    assert list(_summary_links(tree)) == ["#contact"]
    assert "050 123 45 67" in _described_error(tree, "contact")
    assert tree.xpath('//*[@id="contact"]')[0].get("autofocus") is None  # the summary takes the focus


@pytest.mark.parametrize("where", ["personal page", "event page"])
def test_an_empty_proposal_is_pointed_at(client, seminar, make_registration, topics, where):  # noqa: F811
    if where == "personal page":
        url = f"/p/{make_registration().personal_token}/proposals/new"
    else:
        url = f"/e/{seminar.public_token}/proposal"
    tree = _tree(post_form(client, url, {"text": "  ", "title": "Qaz", "group": "community_member",
                                         "community_id": "0", "topic_id": "0", "website": ""}))
    assert list(_summary_links(tree)) == ["#text"]
    assert _described_error(tree, "text")
    assert "(məcburi)" in tree.xpath('//label[@for="text"]')[0].text_content()
    assert tree.xpath('//*[@id="title"]')[0].get("value") == "Qaz"  # what was typed stays
    assert db.session.scalar(sa.select(sa.func.count(Proposal.id))) == 0


def test_a_wrong_check_in_code_is_shown_at_its_field(client, seminar, make_registration):  # noqa: F811
    registration = make_registration()
    marking.open_check_in(seminar)
    db.session.commit()
    page = f"/p/{registration.personal_token}"
    wrong = f"{(int(seminar.check_in_code) + 1) % 10**6:06d}"
    response = post_form(client, f"{page}/check-in", {"code": wrong}, token_from=page)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{page}#error-summary")  # the page opens on it

    tree = _tree(client.get(page))
    assert not tree.xpath('//*[contains(@class, "flash")][contains(., "kodu deyil")]')  # no banner
    [card] = tree.xpath('//*[@id="check-in"]')
    links = _summary_links(card)  # the summary is in the check-in card, right above the field
    assert list(links) == ["#code"] and "kodu deyil" in links["#code"]
    assert "kodu deyil" in _described_error(tree, "code")
    assert tree.xpath('//*[@id="code"]')[0].get("value") == wrong  # to correct, not to retype

    # the error is said once: the page opened again is clean
    assert not _tree(client.get(page)).xpath('//*[@aria-invalid]')
    assert db.session.scalar(sa.select(sa.func.count(AttendanceRecord.id))) == 0


def test_an_empty_check_in_code_is_asked_for_at_its_field(client, seminar, make_registration):  # noqa: F811
    registration = make_registration()
    marking.open_check_in(seminar)
    db.session.commit()
    page = f"/p/{registration.personal_token}"
    tree = _tree(post_form(client, f"{page}/check-in", {"code": ""}, token_from=page, follow_redirects=True))
    assert _described_error(tree, "code") == "Xəta: Aparıcının oxuduğu kodu yazın."


def test_the_join_button_before_its_window_is_a_disabled_button_that_says_why(client, open_event):
    register(client, open_event)
    token = db.session.scalars(sa.select(Registration)).one().personal_token
    tree = _tree(client.get(f"/p/{token}"))
    [join] = tree.xpath('//button[@aria-disabled="true"]')
    assert join.text_content().strip() == "İndi qoşul"
    [reason] = tree.xpath(f'//*[@id="{join.get("aria-describedby")}"]')
    assert "dəqiqə əvvəl" in reason.text_content()

"""Knowledge checks: organisers write the questions, participants answer before and after from
their personal page, the dashboard shows the change."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from umid_events.auth.models import Role
from umid_events.directory.models import Community, Person
from umid_events.events.kinds import EventKind, EventStatus
from umid_events.events.models import Event
from umid_events.extensions import db
from umid_events.outcomes.models import KnowledgeAttempt
from umid_events.registrations.models import ParticipantGroup, Registration, RegistrationStatus

from ..conftest import post_form
from ..dashboard.pages import highlights, page_tree, table_rows

QUESTIONS = """Hesab.az portalında nəyi ödəmək olar?
* Kommunal xidmətləri və cərimələri
- Yalnız vergiləri

ASAN imza nədir?
- Bank kartı
* Elektron imza

Bələdiyyə nə ilə məşğul olur?
* Yerli məsələlərlə
- Xarici siyasətlə"""


def _training(programme):
    community = db.session.scalar(sa.select(Community).where(Community.code == "quba-1"))
    starts = datetime.now(UTC).replace(microsecond=0) + timedelta(days=3)
    event = Event(programme=programme, kind=EventKind.TRAINING, community=community, status=EventStatus.PUBLISHED,
                  title="E-hökumət təlimi", starts_at=starts, ends_at=starts + timedelta(hours=2))
    people = [Person(full_name=f"İştirakçı {i}", email=f"k{i}@example.org", community=community) for i in range(2)]
    db.session.add_all([event, *people])
    db.session.flush()
    registrations = [Registration(event=event, person=person, group=ParticipantGroup.COMMUNITY_MEMBER,
                                  status=RegistrationStatus.CONFIRMED, consent_at=datetime.now(UTC))
                     for person in people]
    db.session.add_all(registrations)
    db.session.commit()
    return event, registrations


def _answer(client, registration, choices: list[int]):
    url = f"/p/{registration.personal_token}/knowledge?lang=en"
    page = client.get(url).get_data(as_text=True)
    names = re.findall(r'name="(q\d+)" value="0"', page)
    return post_form(client, url, dict(zip(names, (str(choice) for choice in choices), strict=True)))


def test_questions_are_checked_when_saved(client, organiser, programme):
    event, _registrations = _training(programme)
    url = f"/staff/outcomes/knowledge/{event.id}?lang=en"
    page = post_form(client, url, {"questions": "Sual?\n- a\n- b"}).get_data(as_text=True)
    assert "Question 1: mark exactly one answer as right with *." in page
    page = post_form(client, url, {"questions": QUESTIONS + "\n\nSon sual?\n* yalnız bir cavab"}).get_data(as_text=True)
    assert "Question 4: give at least two answers." in page
    assert "Hesab.az portalında" in page  # what was typed is kept
    assert post_form(client, url, {"questions": QUESTIONS}).status_code == 302
    assert "E-hökumət təlimi" in client.get("/staff/outcomes?lang=en").get_data(as_text=True)
    assert "* Elektron imza" in client.get(url).get_data(as_text=True)


def test_participants_answer_before_and_after_and_the_dashboard_shows_the_change(client, make_user, login, programme):
    event, (first, second) = _training(programme)
    organiser = login(make_user(Role.ORGANISER))
    post_form(client, f"/staff/outcomes/knowledge/{event.id}", {"questions": QUESTIONS})

    personal = client.get(f"/p/{first.personal_token}?lang=en").get_data(as_text=True)
    assert "Answer the questions before the session" in personal
    assert _answer(client, first, [0, 1, 0]).status_code == 302   # all right
    assert _answer(client, second, [1, 0, 0]).status_code == 302   # 1 of 3 right
    assert db.session.scalar(sa.select(sa.func.count(KnowledgeAttempt.id))) == 2
    page = client.get(f"/p/{first.personal_token}?lang=en").get_data(as_text=True)
    assert "Before the session: 3 of 3 right" in page
    assert "Answer the questions" not in page  # answered; the after-questions open once it is over

    again = post_form(client, f"/p/{first.personal_token}/knowledge?lang=en", {"q1": "0"},
                      token_from=f"/p/{first.personal_token}/cancel")
    assert "You have already answered these questions." in again.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(KnowledgeAttempt.id))) == 2

    changed = post_form(client, f"/staff/outcomes/knowledge/{event.id}?lang=en", {"questions": QUESTIONS + "x"})
    assert "Participants have already answered these questions" in changed.get_data(as_text=True)

    db.session.get(Event, event.id).status = EventStatus.HELD
    db.session.commit()
    assert "Answer the questions after the session" in client.get(f"/p/{second.personal_token}?lang=en").get_data(as_text=True)
    _answer(client, first, [0, 1, 0])
    _answer(client, second, [0, 1, 1])   # 2 of 3 right
    assert organiser
    tree = page_tree(client.get("/staff/dashboard?lang=en"))
    [row] = table_rows(tree, "knowledge")
    # before: 3 + 1 of 6 right (67%), after: 3 + 2 of 6 (83%)
    assert row == ["E-government training", "2", "2", "2", "67", "83", "16"]
    assert highlights(tree, "knowledge") == {"Change in right answers, points": "+16"}


def test_an_incomplete_answer_is_refused(client, organiser, programme):
    event, (first, _second) = _training(programme)
    post_form(client, f"/staff/outcomes/knowledge/{event.id}", {"questions": QUESTIONS})
    url = f"/p/{first.personal_token}/knowledge?lang=en"
    page = client.get(url).get_data(as_text=True)
    name = re.findall(r'name="(q\d+)" value="0"', page)[0]
    response = post_form(client, url, {name: "0"}).get_data(as_text=True)
    # told at each question left out (and in the summary above the form), the answer kept
    assert response.count("Question 2: choose an answer.") == 2
    assert response.count("Question 3: choose an answer.") == 2
    assert f'name="{name}" value="0" id="{name}-0" checked' in response
    assert db.session.scalar(sa.select(sa.func.count(KnowledgeAttempt.id))) == 0

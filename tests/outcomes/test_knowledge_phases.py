"""Knowledge checks over the life of a session: "before" answers are taken until it ends, the
page says which phase an answer counts for, and once it is held each present participant who
has not answered the "after" questions is invited back by mail or SMS, once."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from umid_events.attendance.models import AttendanceRecord, AttendanceSource
from umid_events.core.urls import public_url_context
from umid_events.directory.models import Community, Person
from umid_events.events.kinds import EventKind, EventStatus
from umid_events.events.models import Event
from umid_events.extensions import db
from umid_events.notifications import delivery
from umid_events.notifications.kinds import Channel
from umid_events.notifications.models import OutgoingMessage
from umid_events.outcomes.knowledge import invite_after_answers, save_knowledge_check
from umid_events.outcomes.models import KnowledgeAttempt, KnowledgePhase
from umid_events.registrations.models import ParticipantGroup, Registration, RegistrationStatus

from ..conftest import post_form, run_worker_producers
from ..notifications.conftest import smtp_server  # noqa: F401 (fixture)

QUESTIONS = "ASAN imza nədir?\n- Bank kartı\n* Elektron imza\n\nBələdiyyə nə ilə məşğul olur?\n* Yerli məsələlərlə\n- Xarici siyasətlə"


def _session(programme, *, starts, hours=2, people=None):
    community = db.session.scalar(sa.select(Community).where(Community.code == "quba-1"))
    event = Event(programme=programme, kind=EventKind.TRAINING, community=community, status=EventStatus.PUBLISHED,
                  title="E-hökumət təlimi", starts_at=starts, ends_at=starts + timedelta(hours=hours))
    people = people or [Person(full_name="Aygün Həsənova", email="aygun@example.org", community=community)]
    db.session.add_all([event, *people])
    db.session.flush()
    registrations = [Registration(event=event, person=person, group=ParticipantGroup.COMMUNITY_MEMBER,
                                  status=RegistrationStatus.CONFIRMED, consent_at=datetime.now(UTC))
                     for person in people]
    db.session.add_all(registrations)
    save_knowledge_check(event, QUESTIONS)
    db.session.commit()
    return event, registrations


def _send(client, registration, choices, lang="en"):
    url = f"/p/{registration.personal_token}/knowledge?lang={lang}"
    page = client.get(url).get_data(as_text=True)
    names = re.findall(r'name="(q\d+)" value="0"', page)
    phase = re.search(r'name="phase" value="(\w+)"', page).group(1)
    return post_form(client, url, {"phase": phase, **dict(zip(names, map(str, choices), strict=True))})


def _phases():
    return sorted(db.session.scalars(sa.select(KnowledgeAttempt.phase)))


def test_before_answers_are_taken_while_the_session_runs_and_the_page_says_for_which_phase(
        client, programme):
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    event, [registration] = _session(programme, starts=now - timedelta(minutes=20))  # started 20 minutes ago
    page = client.get(f"/p/{registration.personal_token}/knowledge?lang=en").get_data(as_text=True)
    assert "These answers count for before the session." in page
    assert "You can send them until the session ends at" in page
    assert "Answer the questions before the session" in client.get(
        f"/p/{registration.personal_token}?lang=en").get_data(as_text=True)

    response = _send(client, registration, [1, 0])
    assert response.status_code == 302
    assert _phases() == [KnowledgePhase.BEFORE]
    personal = client.get(f"/p/{registration.personal_token}?lang=en").get_data(as_text=True)
    assert "Before the session: 2 of 2 right" in personal
    answered = client.get(f"/p/{registration.personal_token}/knowledge?lang=en").get_data(as_text=True)
    assert "The questions after the session open once it is over." in answered


def test_a_before_form_sent_after_the_end_is_not_counted_as_before_without_the_participant_seeing_it(
        client, programme):
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    event, [registration] = _session(programme, starts=now - timedelta(minutes=119))
    url = f"/p/{registration.personal_token}/knowledge?lang=en"
    page = client.get(url).get_data(as_text=True)
    names = re.findall(r'name="(q\d+)" value="0"', page)
    assert 'name="phase" value="before"' in page
    db.session.get(Event, event.id).ends_at = now - timedelta(minutes=1)  # the session ends meanwhile
    db.session.commit()
    refused = post_form(client, url, {"phase": "before", names[0]: "1", names[1]: "0"}, token_from=url)
    text = refused.get_data(as_text=True)
    assert "these answers now count for after the session. Check them and send them again." in text
    assert 'name="phase" value="after"' in text and "These answers count for after the session." in text
    assert _phases() == []
    assert post_form(client, url, {"phase": "after", names[0]: "1", names[1]: "0"}).status_code == 302
    assert _phases() == [KnowledgePhase.AFTER]


def test_the_ending_time_and_the_score_take_azerbaijani_suffixes(client, programme):
    starts = datetime(2030, 5, 10, 8, 45, tzinfo=UTC)  # 12:45–14:45 in Baku
    event, [registration] = _session(programme, starts=starts)
    page = client.get(f"/p/{registration.personal_token}/knowledge?lang=az").get_data(as_text=True)
    assert "sessiya saat 14:45-də bitənədək" in page  # qırx beş: -də, never -da
    english = client.get(f"/p/{registration.personal_token}/knowledge?lang=en").get_data(as_text=True)
    assert "until the session ends at 14:45." in english
    response = _send(client, registration, [1, 1], lang="az")  # one of two right
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "2 cavabdan 1-i düzgündür." in page


@pytest.fixture
def delivering(app, monkeypatch, smtp_server, smpp_server):  # noqa: F811
    for key, value in {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": smtp_server.port, "MAIL_SUPPRESS_SEND": False,
                       "SMS_BACKEND": "smpp", "SMS_SUPPRESS_SEND": False, "SMS_SMPP_PORT": smpp_server.port,
                       "SMS_TIMEOUT_SECONDS": 5}.items():
        monkeypatch.setitem(app.config, key, value)
    mail = app.extensions["mail"]  # Flask-Mail read its settings when the app was made
    for name, value in {"server": "127.0.0.1", "port": smtp_server.port, "suppress": False}.items():
        monkeypatch.setattr(mail, name, value)
    return smtp_server, smpp_server


def _after_invitations():
    db.session.expire_all()
    return list(db.session.scalars(sa.select(OutgoingMessage).where(
        OutgoingMessage.dedupe_key.like("knowledge-after:%")).order_by(OutgoingMessage.id)))


def test_once_held_present_participants_who_did_not_answer_are_invited_back_once_by_mail_or_sms(
        client, programme, delivering):
    smtp, smpp = delivering
    community = db.session.scalar(sa.select(Community).where(Community.code == "quba-1"))
    people = [
        Person(full_name="Aygün Həsənova", email="aygun@example.org", community=community),   # present: mail
        Person(full_name="Səbinə Quliyeva", phone="+994507654321", sms_consent_at=datetime.now(UTC),
               community=community),                                                           # present: SMS
        Person(full_name="Rəşad Quliyev", email="rashad@example.org", community=community),    # absent
        Person(full_name="Leyla Məmmədova", email="leyla@example.org", community=community),   # answered already
    ]
    starts = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)  # an hour to go
    event, registrations = _session(programme, starts=starts, people=people)
    for person in (people[0], people[1], people[3]):
        db.session.add(AttendanceRecord(event_id=event.id, person_id=person.id, present=True, minutes=100,
                                        source=AttendanceSource.MANUAL))
    db.session.add(AttendanceRecord(event_id=event.id, person_id=people[2].id, present=False, minutes=5,
                                    source=AttendanceSource.MANUAL))
    db.session.commit()

    run_worker_producers()
    assert _after_invitations() == []  # not held yet

    db.session.get(Event, event.id).status = EventStatus.HELD  # the organisers mark it as held early
    db.session.commit()
    _send(client, registrations[3], [1, 0])  # Leyla answers the "after" set at once
    run_worker_producers()
    rows = _after_invitations()
    assert {(row.channel, row.to_email or row.to_phone) for row in rows} == {
        (Channel.EMAIL, "aygun@example.org"), (Channel.SMS, "+994507654321")}
    run_worker_producers()
    with public_url_context():
        assert invite_after_answers() == 0
    assert len(_after_invitations()) == 2  # once each

    report = delivery.sweep_outbox()
    assert len(report.sent) == 2
    [mail] = smtp.messages()
    assert mail["To"].addresses[0].addr_spec == "aygun@example.org"
    body = mail.get_body(("plain",)).get_content()
    link = f"/p/{registrations[0].personal_token}/knowledge"
    assert link in body and "“E-hökumət təlimi” tədbirindən sonrakı suallar" in mail["Subject"]
    [sms] = smpp.wait_for(1)
    assert sms.to == "994507654321" and f"/p/{registrations[1].personal_token}/knowledge" in sms.text

    # the link leads to the "after" questions
    page = client.get(f"/p/{registrations[0].personal_token}/knowledge?lang=en").get_data(as_text=True)
    assert "These answers count for after the session." in page


def test_an_event_past_its_end_invites_too_but_not_one_of_long_ago(client, programme):
    now = datetime.now(UTC).replace(microsecond=0)
    recent, [mine] = _session(programme, starts=now - timedelta(hours=3))
    old, [theirs] = _session(programme, starts=now - timedelta(days=40), people=[
        Person(full_name="Kamil Əliyev", email="kamil@example.org",
               community=db.session.scalar(sa.select(Community).where(Community.code == "quba-1")))])
    for event, registration in ((recent, mine), (old, theirs)):
        db.session.add(AttendanceRecord(event_id=event.id, person_id=registration.person_id, present=True,
                                        minutes=100, source=AttendanceSource.MANUAL))
    db.session.commit()
    run_worker_producers()
    assert [row.to_email for row in _after_invitations()] == ["aygun@example.org"]

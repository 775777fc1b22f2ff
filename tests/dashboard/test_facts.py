"""The facts the dashboard keeps (``umid_events/dashboard/facts.py``) follow every real write.

A sequence of writes through the services — register, the waiting list, cancel, register again,
an attendance report imported, attendance marked, a walk-in, a self check-in, a person's details
corrected, an event held, an event cancelled, a person's data erased — and after each one: the
facts kept equal the facts counted from scratch, and the people figures for the whole programme
(read from the facts) equal the same figures counted from the records themselves. Then: rows
written in bulk, a rebuild from scratch, the demo.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale

from umid_events.attendance.marking import add_walk_in, check_in, mark_attendance, open_check_in
from umid_events.attendance.services import import_report
from umid_events.auth.models import Role
from umid_events.dashboard.facts import bring_facts_up_to_date, rebuild_facts
from umid_events.dashboard.figures import build_figures
from umid_events.dashboard.models import PersonFacts, ReachCell
from umid_events.dashboard.period import Period
from umid_events.directory.models import Community, Gender, Person
from umid_events.events.kinds import EventKind, EventStatus
from umid_events.events.models import Event
from umid_events.events.services import cancel_event, mark_event_held
from umid_events.extensions import db
from umid_events.registrations.models import ParticipantGroup, Registration, RegistrationStatus
from umid_events.registrations.services import (
    ParticipantDetails,
    cancel_registration,
    erase_personal_data,
    register_participant,
    update_my_details,
)

from ..conftest import ROOT
from .pages import highlights, page_tree, table_dict, table_rows

TEAMS = ROOT / "tests" / "fixtures" / "attendance" / "teams_training_example_utf16le.csv"
EVERYTHING = Period(start=date(2000, 1, 1))  # a period: counted from the records, not the facts


def _kept() -> tuple[dict, dict]:
    """The facts and the non-empty cells as they are stored now."""
    db.session.expire_all()
    facts = {(row.programme_id, row.person_id): {column.key: getattr(row, column.key)
                                                 for column in PersonFacts.__table__.columns}
             for row in db.session.scalars(sa.select(PersonFacts))}
    key = ("programme_id", "reached", "gender", "community_id", "group")
    cells = {}
    for row in db.session.scalars(sa.select(ReachCell).where(ReachCell.people != 0)):
        values = {column.key: getattr(row, column.key) for column in ReachCell.__table__.columns
                  if column.key != "id"}
        cells[tuple(values.pop(name) for name in key)] = values
    return facts, cells


def _reach(figures) -> tuple:
    [section] = [section for section in figures.sections if section.key == "reach"]
    return [(table.key, table.rows) for table in section.tables], section.highlights, section.measures


def check(programme) -> tuple:
    """Facts kept == facts from scratch, and the page's people figures from the facts == the same
    figures counted from the records. Returns the reach section's figures."""
    with current_app.test_request_context("/staff/dashboard"), force_locale("en"):  # labels in English
        bring_facts_up_to_date()  # as every computation of the figures does first
        db.session.commit()
        whole = build_figures(programme, Period(), "en")
        kept = _kept()
        rebuild_facts()
        assert _kept() == kept, "the facts kept differ from the facts counted from scratch"
        db.session.rollback()  # back to the facts kept: the next writes update them, not a rebuild
        counted = build_figures(programme, EVERYTHING, "en")
        db.session.rollback()
    assert _reach(whole) == _reach(counted)
    return _reach(whole)


def _event(programme, kind, community, day: date, **fields) -> Event:
    starts = datetime(day.year, day.month, day.day, 10, 0, tzinfo=UTC)
    event = Event(programme=programme, kind=kind, community=community, status=EventStatus.PUBLISHED,
                  title=f"{kind.value} {day}", starts_at=starts, ends_at=starts + timedelta(minutes=90), **fields)
    db.session.add(event)
    db.session.commit()
    return event


def _details(name, email, community, group=ParticipantGroup.COMMUNITY_MEMBER, gender=Gender.FEMALE, phone=None):
    return ParticipantDetails(full_name=name, email=email, phone=phone, community_id=community.id, group=group,
                              organisation_name=None, gender=gender)


def _register(event, details, now=None) -> Registration:
    registration = register_participant(event, details, now=now or event.starts_at - timedelta(days=3))
    db.session.commit()
    return registration


@pytest.fixture
def places(app, programme):
    """The two communities; the services run in a request, as they do (their mail links need one)."""
    with app.test_request_context():
        communities = {c.code: c for c in db.session.scalars(sa.select(Community))}
        yield communities["quba-1"], communities["quba-2"]


def test_the_facts_follow_every_write(app, programme, places, make_user):
    quba1, quba2 = places
    organiser = make_user(Role.ORGANISER)
    training = _event(programme, EventKind.TRAINING, quba1, date(2022, 4, 5), capacity=3)
    consultation = _event(programme, EventKind.CONSULTATION, quba2, date(2022, 5, 10))
    doomed = _event(programme, EventKind.CONSULTATION, quba1, date(2022, 6, 20))
    assert highlights_of(check(programme))["Unique people reached"] == "0"

    # Registrations: three seats, the fourth person waits.
    _register(training, _details("Elşən Babayev", "ELSEN.B@example.org", quba1, gender=Gender.MALE))
    kamran = _register(training, _details("Kamran Rzayev", "kamran@example.org", quba1, gender=Gender.MALE))
    aynur = _register(training, _details("Aynur Əliyeva", "aynur@example.org", quba2))
    waiting = _register(training, _details("Səbinə Həsənova", "sabina@example.org", quba2,
                                           group=ParticipantGroup.MUNICIPALITY))
    assert waiting.status == RegistrationStatus.WAITLISTED
    assert highlights_of(check(programme))["People registered"] == "3"

    # Aynur cancels (Səbinə moves up from the waiting list), then registers again (and waits).
    cancel_registration(aynur, now=datetime(2022, 4, 3, tzinfo=UTC))
    db.session.commit()
    assert waiting.status == RegistrationStatus.CONFIRMED
    check(programme)
    again = _register(training, _details("Aynur Əliyeva", "aynur@example.org", quba2))
    assert again.id == aynur.id and again.status == RegistrationStatus.WAITLISTED
    check(programme)

    # The training is held; the Teams report brings Elşən (81 of 90 minutes: present).
    mark_event_held(training, actor=organiser, now=training.ends_at)
    db.session.commit()
    outcome = import_report(training, TEAMS.read_bytes(), TEAMS.name)
    db.session.commit()
    assert outcome.created >= 1
    assert highlights_of(check(programme))["Unique people reached"] == "1"

    # A moderator marks Kamran present, then absent, then present; Səbinə present too.
    for present in (True, False, True):
        mark_attendance(training, kamran.person_id, present, actor=organiser)
        db.session.commit()
        check(programme)
    mark_attendance(training, waiting.person_id, True, actor=organiser)
    db.session.commit()

    # A walk-in: present, never registered (no group).
    add_walk_in(training, full_name="Vüsal Məmmədov", email="vusal@example.org", phone=None,
                community_id=quba1.id, actor=organiser)
    db.session.commit()
    figures = check(programme)
    assert highlights_of(figures)["Unique people reached"] == "4"
    assert dict_of(figures, "by_group")["—"] == 1

    # Elşən registers for the consultation as an NGO and checks in himself: his latest group.
    at_consultation = _register(consultation, _details("Elşən Babayev", "ELSEN.B@example.org", quba1,
                                                       group=ParticipantGroup.NGO, gender=Gender.MALE))
    open_check_in(consultation)
    db.session.commit()
    check_in(at_consultation, consultation.check_in_code, now=consultation.starts_at + timedelta(minutes=5))
    db.session.commit()
    mark_event_held(consultation, actor=organiser, now=consultation.ends_at)
    db.session.commit()
    figures = check(programme)
    assert dict_of(figures, "by_group")["NGO"] == 1

    # Kamran corrects his details: another community, sex not stated.
    update_my_details(kamran, _details("Kamran Rzayev", "kamran@example.org", quba2, gender=Gender.NOT_STATED))
    db.session.commit()
    figures = check(programme)
    assert dict_of(figures, "by_sex") == {"Female": 1, "Male": 1, "I prefer not to say": 2}  # and Vüsal

    # Kamran is marked present at a consultation that is then cancelled: it no longer counts.
    at_doomed = _register(doomed, _details("Kamran Rzayev", "kamran@example.org", quba2, gender=Gender.NOT_STATED))
    mark_attendance(doomed, at_doomed.person_id, True, actor=organiser)
    db.session.commit()
    check(programme)
    cancel_event(doomed, actor=organiser)
    db.session.commit()
    check(programme)

    # Səbinə erases her data: her registration is cancelled, so she is no longer reached, and
    # her seat goes to Aynur, who was waiting (and did not come).
    erase_personal_data(waiting, now=datetime(2022, 6, 1, tzinfo=UTC))
    db.session.commit()
    figures = check(programme)
    assert highlights_of(figures) == {"Unique people reached": "3", "People registered": "3",
                                      "Attendance rate": "75%"}
    assert dict_of(figures, "by_community") == {"Quba icması 1": 2, "Quba icması 2": 1}


def highlights_of(figures) -> dict:
    return dict(figures[1])


def dict_of(figures, key: str) -> dict:
    [rows] = [rows for table_key, rows in figures[0] if table_key == key]
    return {row[0]: row[1] for row in rows}


def test_the_page_shows_the_facts_of_writes_made_since_it_was_last_computed(client, make_user, login, data_set):
    """The page counts what changed since it was last opened (here: with the data set's figures)."""
    login(make_user(Role.ORGANISER))
    before = page_tree(client.get("/staff/dashboard?lang=en"))
    assert highlights(before, "reach")["Unique people reached"] == "3"
    orxan = data_set.people["orxan"]
    registration = db.session.scalar(sa.select(Registration).where(
        Registration.person_id == orxan.id, Registration.event_id == data_set.events["c2"].id))
    mark_attendance(data_set.events["c2"], orxan.id, True, actor=None)  # he came after all
    db.session.commit()
    assert registration.status == RegistrationStatus.CONFIRMED

    after = page_tree(client.get("/staff/dashboard?lang=en"))
    assert highlights(after, "reach") == {"Unique people reached": "4", "People registered": "4",
                                          "Attendance rate": "100%"}
    assert table_dict(after, "by_sex")["I prefer not to say"] == "1"
    assert {row[0]: row[1:] for row in table_rows(after, "attendance")}["All"] == ["5", "5", "100"]


def test_rows_written_in_bulk_are_noted_too(app, client, make_user, login, data_set):
    """The database notes the change, whoever writes the row: a bulk insert past the services."""
    from umid_events.attendance.models import AttendanceRecord, AttendanceSource

    login(make_user(Role.ORGANISER))
    assert highlights(page_tree(client.get("/staff/dashboard?lang=en")), "reach")["Unique people reached"] == "3"
    quba1 = db.session.scalar(sa.select(Community).where(Community.code == "quba-1"))
    db.session.execute(sa.insert(Person), [{"full_name": f"Toplu {i}", "gender": Gender.FEMALE,
                                            "community_id": quba1.id} for i in range(3)])
    new = db.session.scalars(sa.select(Person.id).where(Person.full_name.like("Toplu %"))).all()
    db.session.execute(sa.insert(AttendanceRecord), [
        {"event_id": data_set.events["c1"].id, "person_id": person_id, "minutes": 90, "present": True,
         "source": AttendanceSource.REPORT} for person_id in new])
    db.session.execute(sa.update(Event).where(Event.id == data_set.events["s1"].id)
                       .values(status=EventStatus.CANCELLED))  # Elçin's seminar: no longer counts
    db.session.commit()

    tree = page_tree(client.get("/staff/dashboard?lang=en"))
    assert highlights(tree, "reach")["Unique people reached"] == "5"
    assert table_dict(tree, "by_community") == {"Quba icması 1": "4", "Quba icması 2": "1"}


def test_rebuilding_the_facts_from_scratch_changes_no_figure(app, client, make_user, login, data_set):
    login(make_user(Role.ORGANISER))
    before = page_tree(client.get("/staff/dashboard?lang=en"))
    db.session.execute(sa.delete(ReachCell))  # facts lost, e.g. loaded with the triggers off
    db.session.commit()
    assert highlights(page_tree(client.get("/staff/dashboard?lang=en")), "reach")["Unique people reached"] == "0"

    result = app.test_cli_runner().invoke(args=["dashboard", "rebuild-facts"])
    assert result.exit_code == 0, result.output
    assert "4 people" in result.output  # Aygün, Rəşad, Orxan and Elçin (Leyla cancelled)
    after = page_tree(client.get("/staff/dashboard?lang=en"))
    for key in ("by_sex", "by_district", "by_community", "by_group", "attendance"):
        assert table_rows(after, key) == table_rows(before, key)
    assert highlights(after, "reach") == highlights(before, "reach")


def test_the_demo_programme_has_its_facts(app, app_context):
    """The first dashboard after `flask demo` counts every demo participant."""
    from umid_events.programmes.services import current_programme

    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    figures = check(current_programme(None))
    assert int(highlights_of(figures)["Unique people reached"]) > 10


def test_the_database_notes_the_changes_the_rules_read_and_only_those(app_context, data_set):
    """The triggers of migration 0015 are there (a later migration that rebuilds one of these
    tables on SQLite drops them): each write is noted, or not, as the rules need."""
    from umid_events.attendance.models import AttendanceRecord, AttendanceSource
    from umid_events.dashboard.models import FactsChange

    aygun, leyla = data_set.people["aygun"], data_set.people["leyla"]
    c3, x = data_set.events["c3"], data_set.events["x"]

    def noted(statement) -> set:
        db.session.execute(sa.delete(FactsChange))
        db.session.execute(statement)
        found = {(row.person_id, row.event_id) for row in db.session.scalars(sa.select(FactsChange))}
        db.session.commit()
        return found

    registration = sa.select(Registration.id).where(Registration.person_id == leyla.id).scalar_subquery()
    assert noted(sa.insert(Registration).values(event_id=c3.id, person_id=aygun.id, status="confirmed",
                                                group="ngo", consent_at=c3.starts_at, personal_token="t")) \
        == {(aygun.id, None)}
    assert noted(sa.update(Registration).where(Registration.id == registration)
                 .values(status="confirmed")) == {(leyla.id, None)}
    assert noted(sa.update(Registration).where(Registration.id == registration)
                 .values(organisation_name="Bir təşkilat")) == set()
    assert noted(sa.update(Registration).where(Registration.person_id == aygun.id, Registration.event_id == c3.id)
                 .values(person_id=leyla.id)) == {(aygun.id, None), (leyla.id, None)}
    assert noted(sa.delete(Registration).where(Registration.personal_token == "t")) == {(leyla.id, None)}

    assert noted(sa.insert(AttendanceRecord).values(event_id=c3.id, person_id=aygun.id, minutes=3, present=False,
                                                    source=AttendanceSource.MANUAL)) == {(aygun.id, None)}
    record = AttendanceRecord.event_id == c3.id
    assert noted(sa.update(AttendanceRecord).where(record).values(minutes=5)) == set()
    assert noted(sa.update(AttendanceRecord).where(record).values(present=True)) == {(aygun.id, None)}
    assert noted(sa.delete(AttendanceRecord).where(record)) == {(aygun.id, None)}

    assert noted(sa.update(Person).where(Person.id == aygun.id).values(full_name="—")) == set()
    assert noted(sa.update(Person).where(Person.id == aygun.id).values(gender=Gender.NOT_STATED)) \
        == {(aygun.id, None)}
    assert noted(sa.update(Person).where(Person.id == aygun.id).values(community_id=None)) == {(aygun.id, None)}

    # A seat taken or released changes the event's count, not a fact: a registration notes its
    # person, never its event (whose note would count every participant of the event again).
    assert noted(sa.update(Event).where(Event.id == c3.id).values(confirmed_count=Event.confirmed_count + 1)) == set()
    assert noted(sa.update(Event).where(Event.id == x.id).values(status=EventStatus.HELD)) == {(None, x.id)}
    assert noted(sa.update(Event).where(Event.id == x.id).values(kind=EventKind.TRAINING)) == {(None, x.id)}

"""People reached: a walk-in without a registration, a person's group taken from the latest
registration that brought them; every section's number of SQL statements is fixed."""

from __future__ import annotations

import sqlalchemy as sa

from umid_events.attendance.models import AttendanceRecord, AttendanceSource
from umid_events.auth.models import Role
from umid_events.directory.models import Community, Gender, Person
from umid_events.extensions import db
from umid_events.registrations.models import ParticipantGroup

from .conftest import _register
from .pages import highlights, page_tree, table_dict, table_rows
from .test_query_count import counted_statements


def test_walk_ins_and_the_latest_registration_decide_the_groups(client, make_user, login, data_set):
    events, people = data_set.events, data_set.people
    quba1 = db.session.scalar(sa.select(Community).where(Community.code == "quba-1"))
    walk_in = Person(full_name="Vüsal Məmmədov", gender=Gender.MALE, community=quba1, email="v@example.org")
    db.session.add(walk_in)
    db.session.flush()
    db.session.add(AttendanceRecord(event_id=events["c1"].id, person_id=walk_in.id, minutes=100, present=True,
                                    source=AttendanceSource.REPORT))  # present, never registered
    _register(events["s1"], people["reshad"], group=ParticipantGroup.NGO, present=True)  # his latest: NGO
    _register(events["c3"], people["aygun"], group=ParticipantGroup.MUNICIPALITY)  # not held: not her group
    db.session.commit()
    login(make_user(Role.ORGANISER))

    tree = page_tree(client.get("/staff/dashboard?lang=en"))
    assert highlights(tree, "reach") == {"Unique people reached": "4", "People registered": "4",
                                         "Attendance rate": "83%"}
    assert table_dict(tree, "by_group") == {"Community member": "1", "Municipality": "0",
                                            "Executive authority": "0", "NGO": "2", "Business": "0", "Other": "0",
                                            "—": "1"}
    assert table_dict(tree, "by_sex") == {"Female": "1", "Male": "3", "I prefer not to say": "0"}
    assert table_dict(tree, "by_community") == {"Quba icması 1": "2", "Quba icması 2": "1", "—": "1"}
    assert {row[0]: row[1:] for row in table_rows(tree, "attendance")}["All"] == ["6", "5", "83"]

    before_june = page_tree(client.get("/staff/dashboard?lang=en&end=2022-05-31"))
    assert table_dict(before_june, "by_group")["Community member"] == "1"  # Aygün; Rəşad came in June
    assert table_dict(before_june, "by_group")["—"] == "1"


def test_every_section_runs_the_same_statements_with_or_without_figures(client, make_user, login,
                                                                        outcome_records):
    login(make_user(Role.ORGANISER))
    client.get("/staff/dashboard")  # warm: the first request of a process may load more
    with counted_statements() as whole:
        page = page_tree(client.get("/staff/dashboard?lang=en"))
    assert table_rows(page, "dialogue_platforms") and table_rows(page, "terminal_applications")[0][0]
    with counted_statements() as empty:
        nothing = page_tree(client.get("/staff/dashboard?lang=en&start=2030-01-01&end=2030-12-31"))
    assert highlights(nothing, "reach")["Unique people reached"] == "0"
    assert len(empty) == len(whole), (len(empty), len(whole))

"""The plan page counts the unique people who were present at least once."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from umid_events.attendance.marking import add_walk_in, mark_attendance
from umid_events.auth.models import Role
from umid_events.directory.models import Person
from umid_events.extensions import db


def _person(name):
    return db.session.scalar(sa.select(Person).where(Person.full_name == name))


def test_people_present_at_several_events_count_once(client, login, make_user, make_training):
    first = make_training()
    second = make_training(starts=datetime(2022, 5, 5, 10, 0, tzinfo=UTC))
    kamran, elsen = _person("Kamran Rzayev"), _person("Elşən Babayev")
    mark_attendance(first, kamran.id, True, actor=None)
    mark_attendance(second, kamran.id, True, actor=None)
    mark_attendance(first, elsen.id, False, actor=None)  # marked absent: not reached
    add_walk_in(second, full_name="Orxan Qonaq", email="orxan@example.org", phone=None,
                community_id=None, actor=None)
    db.session.commit()
    login(make_user(Role.ORGANISER))
    page = client.get("/plan").get_data(as_text=True)
    assert '<div class="fs-4 fw-semibold" id="people-reached">2 / 200–300</div>' in page

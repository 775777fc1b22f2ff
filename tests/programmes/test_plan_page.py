"""The plan page fills in as events are scheduled and held; the demo shows a living programme."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from umid_events.auth.models import Role
from umid_events.directory.models import Community, Person
from umid_events.events.kinds import EventKind, EventStatus
from umid_events.events.models import Event
from umid_events.extensions import db
from umid_events.programmes.models import Programme
from umid_events.programmes.services import summarise_programme


def _event(programme, kind, community, status, days):
    starts = datetime(2022, 4, 1, 7, 0, tzinfo=UTC) + timedelta(days=days)
    event = Event(programme=programme, kind=kind, community=community, status=status,
                  title=f"{kind} {days}", starts_at=starts, ends_at=starts + timedelta(hours=2))
    db.session.add(event)
    return event


def test_plan_page_counts_scheduled_and_held_sessions(client, make_user, login, programme):
    login(make_user(Role.MODERATOR))
    quba1, quba2 = db.session.scalars(
        sa.select(Community).where(Community.code.in_(["quba-1", "quba-2"])).order_by(Community.code)).all()
    _event(programme, EventKind.CONSULTATION, quba1, EventStatus.HELD, 0)
    _event(programme, EventKind.CONSULTATION, quba1, EventStatus.PUBLISHED, 20)
    _event(programme, EventKind.CONSULTATION, quba2, EventStatus.HELD, 3)
    _event(programme, EventKind.CONSULTATION, quba2, EventStatus.CANCELLED, 5)
    _event(programme, EventKind.TRAINING, quba2, EventStatus.DRAFT, 9)
    _event(programme, EventKind.SEMINAR, None, EventStatus.HELD, 30)
    db.session.commit()

    page = client.get("/plan").get_data(as_text=True)
    totals = dict(re.findall(r'data-kind="(\w+)">([^<]+)<', page))
    assert totals == {"consultation": "2 / 24 məsləhət görüşü keçirilib",
                      "training": "0 / 12 təlim keçirilib",
                      "seminar": "1 / 2 seminar keçirilib"}
    assert "1 planlaşdırılıb, 21 hələ planlaşdırılmayıb" in page
    assert page.count('class="slot slot-held') == 3 + 1  # three filled slots and the legend
    summary = summarise_programme(programme)
    assert summary["sessions"]["consultation"] == {"planned": 24, "scheduled": 1, "held": 2, "open": 21}
    assert summary["sessions"]["training"] == {"planned": 12, "scheduled": 1, "held": 0, "open": 11}

    english = client.get("/plan?lang=en").get_data(as_text=True)
    assert "2 / 24 consultations held" in english


def test_demo_fills_an_empty_database_once(app, client, make_user, login):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    programme = db.session.scalar(sa.select(Programme))
    assert programme.is_demo
    assert db.session.scalar(sa.select(sa.func.count(Person.id))) >= 40
    summary = summarise_programme(programme)
    assert summary["total"]["planned"] == 38
    assert summary["sessions"]["consultation"]["held"] > 0
    assert summary["sessions"]["consultation"]["scheduled"] > 0

    again = runner.invoke(args=["demo"])
    assert again.exit_code == 1 and "already holds a programme" in again.output
    assert runner.invoke(args=["demo", "--if-empty"]).exit_code == 0
    assert db.session.scalar(sa.select(sa.func.count(Programme.id))) == 1

    login(make_user(Role.ORGANISER))
    page = client.get("/plan").get_data(as_text=True)
    assert "nümayiş proqramıdır" in page
    assert "Günəşli (demo)" in page

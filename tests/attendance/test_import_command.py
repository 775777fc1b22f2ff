"""`flask attendance import EVENT_ID FILE [--dry-run] [--json]` on a real Teams export."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from umid_events.attendance.models import AttendanceRecord
from umid_events.directory.models import Person
from umid_events.events.kinds import EventStatus
from umid_events.events.models import Event
from umid_events.extensions import db
from umid_events.registrations.models import ParticipantGroup, Registration, RegistrationStatus

from ..conftest import ROOT

TEAMS = ROOT / "tests" / "fixtures" / "attendance" / "teams_training_example_utf16le.csv"


def _training(programme, community_code="quba-1"):
    from umid_events.directory.models import Community

    community = db.session.scalar(sa.select(Community).where(Community.code == community_code))
    starts = datetime(2022, 4, 5, 10, 0, tzinfo=UTC)  # 14:00 in Baku, as in the report
    event = Event(programme_id=programme.id, kind="training", community_id=community.id,
                  title="E-hökumət portalı: praktik təlim", starts_at=starts,
                  ends_at=starts + timedelta(minutes=90), status=EventStatus.HELD)
    db.session.add(event)
    for name, email in (("Elşən Babayev", "ELSEN.B@example.org"), ("Nərmin Quliyeva", None),
                        ("Kamran Rzayev", "kamran@example.org")):
        db.session.add(Registration(event=event, person=Person(full_name=name, email=email),
                                    status=RegistrationStatus.CONFIRMED,
                                    group=ParticipantGroup.COMMUNITY_MEMBER, consent_at=starts))
    db.session.commit()
    return event


def _records(event):
    db.session.expire_all()
    return {r.person.full_name: (r.minutes, r.present) for r in db.session.scalars(
        sa.select(AttendanceRecord).where(AttendanceRecord.event_id == event.id))}


def test_dry_run_prints_the_people_found_and_saves_nothing(app, programme):
    event = _training(programme)
    result = app.test_cli_runner().invoke(args=["attendance", "import", str(event.id), str(TEAMS),
                                                "--dry-run", "--json"])
    assert result.exit_code == 0, result.output
    people = {row["name"]: row for row in json.loads(result.output)}
    assert set(people) == {"Babayev, Elşən", "Nərmin"}  # the organiser is left out
    elsen = people["Babayev, Elşən"]
    assert (elsen["email"], elsen["minutes"], elsen["match"], elsen["method"]) == (
        "elsen.b@example.org", 81, "matched", "email")
    assert people["Nərmin"]["email"] is None and people["Nərmin"]["minutes"] == 31
    assert people["Nərmin"]["match"] in ("uncertain", "unmatched")
    assert _records(event) == {}


def test_import_records_the_matched_and_a_second_import_changes_nothing(app, programme):
    event = _training(programme)
    runner = app.test_cli_runner()
    first = runner.invoke(args=["attendance", "import", str(event.id), str(TEAMS)])
    assert first.exit_code == 0, first.output
    assert "matched 1" in first.output and "Recorded: 1 new, 0 changed." in first.output
    # 81 minutes of a 90-minute training: present (the threshold is half the length)
    assert _records(event) == {"Elşən Babayev": (81, True)}
    again = runner.invoke(args=["attendance", "import", str(event.id), str(TEAMS)])
    assert "Recorded: 0 new, 0 changed." in again.output
    assert _records(event) == {"Elşən Babayev": (81, True)}


def test_bad_files_and_events_get_one_clear_line(app, programme, tmp_path):
    event = _training(programme)
    runner = app.test_cli_runner()
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4 not a report")
    result = runner.invoke(args=["attendance", "import", str(event.id), str(pdf)])
    assert result.exit_code == 1 and "not an attendance report" in result.output
    assert "Traceback" not in result.output
    missing = runner.invoke(args=["attendance", "import", "9999", str(TEAMS)])
    assert missing.exit_code == 1 and "there is no event 9999" in missing.output
    assert _records(event) == {}


def test_the_attendance_page_shows_who_was_there_and_the_figures(app, client, make_user, login,
                                                                 programme):
    from umid_events.auth.models import Role

    event = _training(programme)
    app.test_cli_runner().invoke(args=["attendance", "import", str(event.id), str(TEAMS)])
    login(make_user(Role.MODERATOR))  # moderators mark attendance, so they see it
    page = client.get(f"/staff/events/{event.id}/attendance").get_data(as_text=True)
    assert "3 qeydiyyatdan keçmiş iştirakçıdan 1 nəfər iştirak edib" in page
    assert "ən azı 45 dəqiqə" in page
    row = page.split("Elşən Babayev", 1)[1].split("</tr>", 1)[0]
    assert ">81<" in row and "iştirak edib" in row
    assert "Kamran Rzayev" in page and "iştirak etməyib" in page

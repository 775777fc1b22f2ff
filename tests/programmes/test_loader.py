"""`flask programme load` and `flask programme summary` on the shipped plan and on broken files."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from umid_events.directory.models import Community, District, Organisation
from umid_events.extensions import db
from umid_events.programmes.loader import ProgrammeFileError, parse_programme_text
from umid_events.programmes.models import PlanQuota, Programme

from ..conftest import ROOT

SHIPPED = ROOT / "programmes" / "umid-2022.yaml"


def _counts():
    return tuple(db.session.scalar(sa.select(sa.func.count()).select_from(model))
                 for model in (Programme, District, Community, Organisation, PlanQuota))


def test_shipped_plan_loads_38_sessions_and_reports_them_as_json(app, app_context):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["programme", "load", str(SHIPPED)])
    assert result.exit_code == 0, result.output
    assert "24 consultations, 12 trainings, 2 seminars" in result.output

    summary = json.loads(runner.invoke(args=["programme", "summary", "--json"]).output)
    assert summary["programme"] == "umid-2022"
    assert (summary["districts"], summary["communities"]) == (3, 12)
    planned = {kind: tally["planned"] for kind, tally in summary["sessions"].items()}
    assert planned == {"consultation": 24, "training": 12, "seminar": 2}
    assert summary["total"]["planned"] == 38
    targets = {target["code"]: (target["min"], target["max"]) for target in summary["targets"]}
    assert targets == {"community_members_reached": (200, 300), "families_paying_online": (50, None),
                       "terminal_applications": (2, None), "dialogue_platforms": (1, None)}


def test_loading_twice_changes_nothing_and_keeps_renamed_communities(app, app_context):
    runner = app.test_cli_runner()
    runner.invoke(args=["programme", "load", str(SHIPPED)])
    before = _counts()
    community = db.session.scalar(sa.select(Community).where(Community.code == "quba-1"))
    community.name = "Qırmızı Qəsəbə"
    db.session.commit()

    result = runner.invoke(args=["programme", "load", str(SHIPPED)])
    assert result.exit_code == 0, result.output
    assert _counts() == before
    db.session.refresh(community)
    assert community.name == "Qırmızı Qəsəbə"


VALID = SHIPPED.read_text(encoding="utf-8")


@pytest.mark.parametrize(("mutate", "line", "message"), [
    (lambda text: text.replace("  starts_on: 2022-03-02", "  starts_on: [oops"), 26, "on line 25"),
    (lambda text: text.replace("    consultation: 2", "    webinar: 2"), 62, "'webinar' is not a kind of event"),
    (lambda text: text.replace("kind: donor", "kind: sponsor"), 50, "'kind' must be one of"),
    (lambda text: text.replace("  ends_on: 2022-07-31", "  ends_on: 2022-01-31"), 26, "'ends_on' is before 'starts_on'"),
    (lambda text: text.replace("    min: 200", "    min: lots"), 72, "'min' must be a whole number"),
    (lambda text: text.replace("district: Şabran}", "district: Bakı}"), 53, "district 'Bakı' is not listed"),
    (lambda text: text.replace('name: "Quba icması 2"', 'name: "Quba icması 1"'), 32, "appears twice"),
])
def test_a_broken_file_names_its_line(mutate, line, message):
    with pytest.raises(ProgrammeFileError) as raised:
        parse_programme_text(mutate(VALID), "plan.yaml")
    assert raised.value.line == line, str(raised.value)
    assert message in str(raised.value)
    assert str(raised.value).startswith(f"plan.yaml, line {line}: ")


def test_a_broken_file_changes_nothing(app, app_context, tmp_path):
    runner = app.test_cli_runner()
    runner.invoke(args=["programme", "load", str(SHIPPED)])
    before = _counts()
    broken = tmp_path / "broken.yaml"
    broken.write_text(VALID.replace("slug: umid-2022", "slug: other").replace("min: 50", "min: -5"),
                      encoding="utf-8")
    result = runner.invoke(args=["programme", "load", str(broken)])
    assert result.exit_code == 1
    assert f"{broken}, line 77: 'min' must be a whole number" in result.output
    assert "Traceback" not in result.output
    assert _counts() == before


def test_files_that_are_not_plans_get_one_clear_line(app, app_context, tmp_path):
    runner = app.test_cli_runner()
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("programme:\n  name: Ümid\n".encode("latin-1"))
    missing = tmp_path / "missing.yaml"
    empty = tmp_path / "empty.yaml"
    empty.write_text("")
    for path, message in ((latin1, "is not UTF-8 text"), (missing, "cannot be read"),
                          (empty, "must start with the 'programme:' section")):
        result = runner.invoke(args=["programme", "load", str(path)])
        assert result.exit_code == 1
        assert message in result.output
    assert _counts()[0] == 0

"""`flask demo` shows the outcomes and fills the dashboard."""

from __future__ import annotations

from umid_events.auth.models import Role

from ..dashboard.pages import highlights, page_tree, targets


def test_demo_shows_outcomes_on_the_dashboard(app, client, make_user, login):
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    login(make_user(Role.ORGANISER))
    outcomes = client.get("/staff/outcomes?lang=en").get_data(as_text=True)
    assert "Quba Dialoq Platforması (demo)" in outcomes
    assert "no training attended" in outcomes  # one family followed up without a training
    tree = page_tree(client.get("/staff/dashboard?lang=en"))
    found = targets(tree)
    assert int(found["families_paying_online"]) == 10
    assert found["terminal_applications"] == "1" and found["dialogue_platforms"] == "1"
    assert int(found["community_members_reached"]) > 0
    assert highlights(tree, "knowledge")["Change in right answers, points"].startswith("+")

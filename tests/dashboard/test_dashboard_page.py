"""The dashboard's figures, checked against a data set whose every number is known by hand."""

from __future__ import annotations

from umid_events.auth.models import Role

from .pages import highlights, page_tree, table_dict, table_rows, targets


def test_every_figure_of_the_whole_programme(client, make_user, login, outcome_records):
    login(make_user(Role.MODERATOR))
    tree = page_tree(client.get("/staff/dashboard?lang=en"))

    # Aygün (two sessions: once), Rəşad and Elçin; Leyla's registration was cancelled, Orxan did not come.
    assert highlights(tree, "reach") == {"Unique people reached": "3", "People registered": "4",
                                         "Attendance rate": "80%"}
    assert table_dict(tree, "by_sex") == {"Female": "1", "Male": "2", "I prefer not to say": "0"}
    assert table_dict(tree, "by_district") == {"Quba": "2", "—": "1"}
    assert table_dict(tree, "by_community") == {"Quba icması 1": "1", "Quba icması 2": "1", "—": "1"}
    assert table_dict(tree, "by_group") == {"Community member": "2", "Municipality": "0",
                                            "Executive authority": "0", "NGO": "1", "Business": "0", "Other": "0"}
    # confirmed registrations at held sessions: C1 Aygün, T1 Aygün, C2 Rəşad + Orxan, S1 Elçin
    attendance = {row[0]: row[1:] for row in table_rows(tree, "attendance")}
    assert attendance["All"] == ["5", "4", "80"]
    assert attendance["Practical-advice consultation"] == ["3", "2", "67"]

    sessions = {row[0]: row[1:] for row in table_rows(tree, "sessions")}
    assert sessions["Practical-advice consultation"] == ["2", "1", "24", "8"]
    assert sessions["E-government training"] == ["1", "0", "12", "8"]
    assert sessions["Seminar"] == ["1", "0", "2", "50"]
    matrix = {row[1]: row for row in table_rows(tree, "per_community")}
    assert len(matrix) == 12
    assert matrix["Quba icması 1"][2].endswith("1/2") and matrix["Quba icması 1"][3].endswith("1/1")
    assert matrix["Quba icması 2"][2].endswith("1/2")
    assert tree.xpath('count(//table[@id="table-per_community"]//span[contains(@class, "slot-held")])') == 3

    assert targets(tree) == {
        "sessions_consultation": "2", "sessions_training": "1", "sessions_seminar": "1",
        "community_members_reached": "2", "families_paying_online": "2", "terminal_applications": "1",
        "dialogue_platforms": "1", "proposals_delivered": "0", "media_publications": "0",
    }
    assert highlights(tree, "outcomes") == {"Families paying online": "2",
                                            "Applications for payment terminals": "1", "Dialogue platforms": "1"}
    assert table_rows(tree, "payments_by_service") == [["Utilities (electricity, gas, water)", "1", "1"],
                                                       ["Phone", "1", "1"], ["Fine", "1", "1"]]
    assert table_dict(tree, "payments_by_portal") == {"hesab.az": "1", "e-gov.az": "1"}
    assert table_dict(tree, "payments_by_portal", 2) == {"hesab.az": "2", "e-gov.az": "1"}
    assert "1 of the 2 families never attended an e-government training." in tree.text_content()
    assert table_rows(tree, "dialogue_platforms")[0][3] == "7"
    assert table_dict(tree, "platform_members") == {"Municipality": "3", "NGO": "4"}
    assert tree.xpath('count(//svg[@class="bar-chart"])') >= 5


def test_a_period_narrows_every_figure(client, make_user, login, outcome_records):
    login(make_user(Role.ORGANISER))
    tree = page_tree(client.get("/staff/dashboard?lang=en&start=2022-05-01&end=2022-06-30"))
    assert "1 May 2022 – 30 June 2022" in tree.xpath('//*[@id="period"]')[0].text_content()
    # T1 (Aygün) and C2 (Rəşad, Orxan absent) fall in May–June
    assert highlights(tree, "reach")["Unique people reached"] == "2"
    assert table_dict(tree, "by_community") == {"Quba icması 1": "1", "Quba icması 2": "1"}
    found = targets(tree)
    assert found["sessions_consultation"] == "1" and found["sessions_seminar"] == "0"
    assert found["families_paying_online"] == "2" and found["terminal_applications"] == "1"
    assert found["dialogue_platforms"] == "0"  # formed on 5 July


def test_a_period_ending_before_it_starts_is_explained(client, make_user, login, data_set):
    login(make_user(Role.ORGANISER))
    response = client.get("/staff/dashboard?start=2022-06-30&end=2022-05-01&lang=en")
    assert response.status_code == 400
    message = page_tree(response).xpath('//*[@id="period-error"]')[0].text_content()
    assert "The period ends (2022-05-01) before it starts (2022-06-30)" in message
    assert "The figures below cover the whole programme." in message
    garbled = page_tree(client.get("/staff/dashboard?start=yesterday&lang=en"))
    assert "The start date is not a date" in garbled.xpath('//*[@id="period-error"]')[0].text_content()
    # the reports send the user back to the page that explains
    for url in ("/staff/dashboard/report.xlsx", "/staff/dashboard/report.pdf"):
        redirect = client.get(f"{url}?start=2022-06-30&end=2022-05-01")
        assert redirect.status_code == 302 and "/staff/dashboard?" in redirect.headers["Location"]


def test_the_page_speaks_azerbaijani_and_is_linked_from_the_menu(client, make_user, login, data_set):
    login(make_user(Role.MODERATOR))
    page = client.get("/plan").get_data(as_text=True)
    assert 'href="/staff/dashboard"' in page
    tree = page_tree(client.get("/staff/dashboard"))
    assert highlights(tree, "reach")["Əhatə olunan unikal insanlar"] == "3"


def test_only_staff_see_the_dashboard(client, make_user, login, data_set):
    response = client.get("/staff/dashboard")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert client.get("/staff/dashboard/report.xlsx").status_code == 302

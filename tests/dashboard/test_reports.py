"""The quarter's report as an XLSX workbook (read back) and a PDF through the renderer."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from pypdf import PdfReader

from umid_events.auth.models import Role
from umid_events.directory.models import Person
from umid_events.extensions import db


def _sheets(response) -> dict[str, list[list]]:
    workbook = load_workbook(io.BytesIO(response.data))
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook}


def test_workbook_has_one_sheet_per_table_with_the_page_figures(client, make_user, login, outcome_records):
    login(make_user(Role.MODERATOR))
    response = client.get("/staff/dashboard/report.xlsx?lang=en&start=2022-04-01&end=2022-06-30")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="umid-2022-report-2022-04-01-2022-06-30.xlsx"')
    sheets = _sheets(response)
    assert list(sheets)[:3] == ["Programme report", "Targets", "Sessions held"]
    assert {"People reached by sex", "People reached by district", "People reached by community",
            "Attendance at held sessions", "Online payments by service", "Proposals by status",
            "Media publications"} <= set(sheets)
    assert sheets["Programme report"][2][1] == "1 April 2022 – 30 June 2022"
    targets = {row[0]: row[1:] for row in sheets["Targets"][1:]}
    assert targets["Families paying utilities, phone, internet and fines through portals"] == ["50", 2, 4]
    assert targets["Consultations held"] == ["24", 2, 8]
    reached = sheets["People reached by sex"]
    assert reached[0] == ["Sex", "People reached"]
    assert reached[1:] == [["Female", 1], ["Male", 1], ["I prefer not to say", 0]]  # Elçin came in July
    by_community = sheets["People reached by community"]
    assert sorted(by_community[1:]) == [["Quba icması 1", 1], ["Quba icması 2", 1]]


def test_workbook_cells_never_run_as_formulas(client, make_user, login, outcome_records):
    aygun = outcome_records.people["aygun"]
    db.session.get(Person, aygun.id).community.name = "=HYPERLINK(\"http://evil\")"
    db.session.commit()
    login(make_user(Role.ORGANISER))
    workbook = load_workbook(io.BytesIO(client.get("/staff/dashboard/report.xlsx?lang=en").data))
    cells = [cell for row in workbook["People reached by community"].iter_rows() for cell in row]
    evil = [cell for cell in cells if str(cell.value).startswith("=HYPERLINK")]
    assert evil and all(cell.data_type == "s" for cell in evil)


def test_pdf_report_for_a_quarter(client, make_user, login, outcome_records):
    login(make_user(Role.ORGANISER))
    response = client.get("/staff/dashboard/report.pdf?start=2022-04-01&end=2022-06-30")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(response.data)).pages)
    assert "Proqram hesabatı" in text or "Programme report" in text
    assert "Quba icması 1" in text
    assert "hesab.az" in text
    assert "1 aprel 2022 – 30 iyun 2022" in text

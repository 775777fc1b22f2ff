"""Helpers for the contacts tests: real CSV and XLSX files, and the three import steps driven
through the pages as an organiser would (in English, so that the assertions read the msgids)."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from umid_events.auth.models import Role

from ..conftest import csrf_token, post_form

UPLOAD = "/staff/contacts/import"


def csv_bytes(rows, *, delimiter=",", encoding="utf-8") -> bytes:
    """A CSV as a spreadsheet program writes it; "utf-8-sig" adds the BOM, "utf-16" its BOM."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


class TextCell(str):
    """A cell typed as text in the spreadsheet, even when it starts with "="."""


def xlsx_bytes(rows) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append([str(value) if isinstance(value, TextCell) else value for value in row])
        for cell, value in zip(sheet[sheet.max_row], row, strict=False):
            if isinstance(value, TextCell):
                cell.value, cell.data_type = str(value), "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def organiser(client, make_user, login):
    user = login(make_user(Role.ORGANISER))
    client.get("/lang/en")
    return user


def upload(client, data: bytes, filename: str = "people.csv", group_id: int = 0):
    """Step 1: send the file; returns the response (a redirect to step 2 when it was read)."""
    return client.post(UPLOAD, data={
        "csrf_token": csrf_token(client, UPLOAD), "group_id": str(group_id),
        "file": (io.BytesIO(data), filename),
    }, content_type="multipart/form-data")


def token_of(response) -> str:
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    location = response.headers["Location"]
    assert location.endswith("/columns"), location
    return location.rsplit("/", 2)[-2]


def choose_columns(client, token: str, **mapping):
    """Step 2: submit the mapping; fields not given keep the page's own guess."""
    url = f"{UPLOAD}/{token}/columns"
    page = client.get(url).get_data(as_text=True)
    data = {name: selected_value(page, name) for name in
            ("full_name", "email", "phone", "community", "organisation", "gender", "language")}
    data.update({name: str(index) for name, index in mapping.items()})
    return post_form(client, url, data)


def selected_value(page: str, name: str) -> str:
    """The option the page pre-selects in the select called ``name``."""
    select = page.split(f'name="{name}"', 1)[1].split("</select>", 1)[0]
    for option in select.split("<option")[1:]:
        if "selected" in option.split(">", 1)[0]:
            return option.split('value="', 1)[1].split('"', 1)[0]
    return select.split('value="', 1)[1].split('"', 1)[0]


def preview(client, token: str) -> str:
    return client.get(f"{UPLOAD}/{token}/preview").get_data(as_text=True)


def confirm(client, token: str):
    """Step 3: press "Import"; returns the summary page."""
    return post_form(client, f"{UPLOAD}/{token}/preview", {}, follow_redirects=True)


def import_file(client, data: bytes, filename: str = "people.csv", group_id: int = 0, **mapping):
    """The whole journey; returns (token, summary page text)."""
    token = token_of(upload(client, data, filename, group_id))
    response = choose_columns(client, token, **mapping)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    summary = confirm(client, token)
    assert summary.status_code == 200
    return token, summary.get_data(as_text=True)

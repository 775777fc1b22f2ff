"""Documents for Azerbaijani officials as their software reads them: the DOCX on A4 in
Azerbaijani (python-docx, the XML Word reads, and LibreOffice Writer), every PDF with its real
title and language in its properties, one charset on the press release's text downloads."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime

import docx
import pypdf
import pytest
from docx.oxml.ns import qn

from umid_events.auth.models import Role
from umid_events.documents.renderer import render_pdf

from ..libreoffice import libreoffice  # noqa: F401  (the fixture)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def organiser_client(client, make_user, login):
    login(make_user(Role.ORGANISER))
    return client


def _release(client, event, fmt: str, lang: str = "az"):
    response = client.get(f"/staff/events/{event.id}/press-release.{fmt}?lang={lang}")
    assert response.status_code == 200, response.status_code
    return response


def _xml_langs(package: zipfile.ZipFile, name: str) -> list[str]:
    return re.findall(r'<w:(?:lang|themeFontLang) w:val="([^"]+)"', package.read(name).decode("utf-8"))


def test_the_press_release_docx_is_on_a4_and_written_in_azerbaijani(organiser_client, seminar, programme):
    body = _release(organiser_client, seminar, "docx").get_data()
    title = _release(organiser_client, seminar, "txt").get_data(as_text=True).split("\n")[0]
    document = docx.Document(io.BytesIO(body))
    for section in document.sections:
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
        margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
        assert all(15 <= margin.mm <= 30 for margin in margins)
    # The language Word spell-checks with: the document defaults of styles.xml, and each run.
    defaults = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert defaults.get(qn("w:val")) == "az-Latn-AZ"
    runs = [run for paragraph in document.paragraphs for run in paragraph.runs]
    assert runs and {run._r.rPr.find(qn("w:lang")).get(qn("w:val")) for run in runs} == {"az-Latn-AZ"}
    package = zipfile.ZipFile(io.BytesIO(body))
    for part in ("word/styles.xml", "word/stylesWithEffects.xml", "word/settings.xml", "word/document.xml"):
        assert set(_xml_langs(package, part)) == {"az-Latn-AZ"}, part  # no en-US left anywhere
    properties = document.core_properties
    assert properties.language == "az-Latn-AZ"
    assert properties.title == title == document.paragraphs[0].text
    assert properties.author == programme.organisation_name and properties.author
    assert "python-docx" not in f"{properties.author}{properties.comments}{properties.last_modified_by}"
    assert properties.created.year == datetime.now(UTC).year


def test_the_english_press_release_docx_is_british_english(organiser_client, seminar):
    document = docx.Document(io.BytesIO(_release(organiser_client, seminar, "docx", "en").get_data()))
    assert document.core_properties.language == "en-GB"
    langs = {element.get(qn("w:val")) for element in document.element.body.iter(qn("w:lang"))}
    assert langs == {"en-GB"}
    assert round(document.sections[0].page_width.mm) == 210


def test_libreoffice_writer_opens_the_docx_on_a4_in_azerbaijani(organiser_client, seminar, libreoffice,  # noqa: F811
                                                                tmp_path):
    source = tmp_path / "press-release.docx"
    source.write_bytes(_release(organiser_client, seminar, "docx").get_data())
    flat = libreoffice.convert(source, "fodt").read_text("utf-8")
    layout = re.search(r'<style:page-layout-properties [^>]*fo:page-width="([\d.]+)in" '
                       r'fo:page-height="([\d.]+)in"', flat)
    assert (round(float(layout[1]) * 25.4), round(float(layout[2]) * 25.4)) == (210, 297)
    tags = set(re.findall(r'style:rfc-language-tag="([^"]+)"', flat))
    languages = set(re.findall(r'fo:language="([^"]+)" fo:script="[^"]*" fo:country="([^"]+)"', flat))
    assert tags == {"az-Latn-AZ"} and languages == {("az", "AZ")}
    printed = pypdf.PdfReader(libreoffice.convert(source, "pdf"))
    assert [(round(page.mediabox.width), round(page.mediabox.height)) for page in printed.pages] == [(595, 842)]
    assert printed.trailer["/Root"]["/Lang"] == "az-AZ"


def _properties(pdf: bytes) -> tuple[dict, dict]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return dict(reader.metadata), reader.trailer["/Root"]


def test_the_press_release_pdf_names_its_title_author_and_language(organiser_client, seminar, programme):
    for lang, tag, subject in (("az", "az-Latn-AZ", "Press-reliz"), ("en", "en-GB", "Press release")):
        title = _release(organiser_client, seminar, "txt", lang).get_data(as_text=True).split("\n")[0]
        info, catalog = _properties(_release(organiser_client, seminar, "pdf", lang).get_data())
        assert info["/Title"] == title and title, lang
        assert info["/Author"] == programme.organisation_name
        assert info["/Subject"].startswith(subject)
        assert info["/Creator"] == "Ümid Events"
        assert catalog["/Lang"] == tag
        assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True  # the title bar shows it
        # xhtml2pdf writes no structure tree; the file must not claim to be tagged.
        assert "/MarkInfo" not in catalog and "/StructTreeRoot" not in catalog


def test_every_other_pdf_has_its_real_title(organiser_client, seminar, programme, app):
    poster, catalog = _properties(organiser_client.get(f"/staff/events/{seminar.id}/poster.pdf").get_data())
    assert poster["/Title"] == seminar.title and catalog["/Lang"] == "az-Latn-AZ"
    assert poster["/Author"] == programme.organisation_name

    report, catalog = _properties(organiser_client.get("/staff/dashboard/report.pdf").get_data())
    assert report["/Title"].startswith("Proqram hesabatı: ") and programme.name in report["/Title"]
    assert catalog["/Lang"] == "az-Latn-AZ"
    english, catalog = _properties(organiser_client.get("/staff/dashboard/report.pdf?lang=en").get_data())
    assert catalog["/Lang"] == "en-GB" and english["/Title"].startswith("Programme report: ")

    with app.test_request_context():
        certificate = render_pdf("certificate", {
            "lang": "az", "organisation": "“Ümid” İB", "heading": "İştirak sertifikatı",
            "certifies": "", "name": "Gülnarə Şükürova", "name_size": 30, "took_part": "",
            "title": seminar.title, "title_size": 18, "kind": "Seminar", "place": "", "date": "15 iyul 2022",
            "serial_label": "Seriya nömrəsi", "serial": "ÜMİD-2022-S-0001", "issued_label": "",
            "issued_on": "", "check_label": "", "verify_url": "", "qr_data_uri": "", "donor_line": ""})
    info, catalog = _properties(certificate)
    assert info["/Title"] == "İştirak sertifikatı: Gülnarə Şükürova"
    assert seminar.title in info["/Subject"] and info["/Author"] == "“Ümid” İB"
    assert catalog["/Lang"] == "az-Latn-AZ"


def test_the_dossier_pdf_is_titled_for_its_authority(organiser_client, make_proposals, authority):
    make_proposals(2)
    response = organiser_client.get(f"/staff/dossiers/draft.pdf?authority_id={authority.id}&event_id=0")
    assert response.status_code == 200
    info, catalog = _properties(response.get_data())
    assert info["/Title"] == f"Vətəndaş təklifləri toplusu: {authority.name} (QARALAMA)"
    assert catalog["/Lang"] == "az-Latn-AZ"


def test_text_downloads_carry_one_charset(organiser_client, seminar):
    assert _release(organiser_client, seminar, "txt").headers["Content-Type"] == "text/plain; charset=utf-8"
    assert _release(organiser_client, seminar, "html").headers["Content-Type"] == "text/html; charset=utf-8"

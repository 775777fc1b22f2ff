"""A press release drafted from the records, edited with a preview, in four formats, logged."""

from __future__ import annotations

import io
import re
from datetime import date
from html.parser import HTMLParser

import docx
import pypdf
import sqlalchemy as sa

from umid_events.auth.models import Role
from umid_events.documents.models import PressPublication, PressRelease
from umid_events.documents.press import media_publication_count
from umid_events.extensions import db
from umid_events.proposals.models import ProposalStatus

from ..conftest import csrf_token, post_form
from .conftest import AZ_LETTERS


def url(event, suffix=""):
    return f"/staff/events/{event.id}/press-release{suffix}"


def form_values(page: str) -> dict:
    """The press-release form's fields as a browser would send them back."""
    values = {name: value for name, value in re.findall(r'<input[^>]*name="(title(?:_en)?)"[^>]*value="([^"]*)"', page)}
    for name, value in re.findall(r'<textarea[^>]*name="(body(?:_en)?)"[^>]*>\s*(.*?)</textarea>', page, re.S):
        values[name] = value
    import html
    return {name: html.unescape(value) for name, value in values.items()}


class _Paragraphs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.texts, self._current = [], None

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "p"):
            self._current = []

    def handle_endtag(self, tag):
        if tag in ("h1", "p") and self._current is not None:
            self.texts.append("".join(self._current))
            self._current = None

    def handle_data(self, data):
        if self._current is not None:
            self._current.append(data)


def test_the_draft_is_written_from_the_records(client, make_user, login, seminar, make_proposals, programme):
    make_proposals(3)
    make_proposals(2, topic="utilities")
    make_proposals(1, topic="health", status=ProposalStatus.DECLINED)
    login(make_user(Role.ORGANISER))
    page = client.get(url(seminar)).get_data(as_text=True)
    preview = page[page.index('id="preview-az"'):]
    assert "<h1>Onlayn seminar: Şabran, Quba, Xaçmaz: icmaların təklifləri" in preview  # shown, not as source
    assert "15 iyul 2022 tarixində" in preview and "Zoom platformasında" in preview
    assert "Tədbirdə 4 nəfər iştirak edib (İcma üzvü: 3, Bələdiyyə: 1)" in preview
    assert "İştirakçılar 5 təklif irəli sürüblər; əsas mövzular: Yollar və nəqliyyat, Kommunal xidmətlər" in preview
    english = page[page.index('id="preview-en"'):]
    assert "On 15 July 2022" in english and "4 people took part (Community member: 3, Municipality: 1)" in english
    assert programme.donor_line_en.split()[0] in english


def test_saving_a_broken_placeholder_keeps_the_last_good_version(client, make_user, login, seminar):
    login(make_user(Role.ORGANISER))
    values = form_values(client.get(url(seminar)).get_data(as_text=True))
    assert post_form(client, url(seminar), values).status_code == 302
    saved = db.session.scalar(sa.select(PressRelease))
    good_body = saved.body
    broken = {**values, "body": values["body"] + "\n\n{participnts} nəfər", "version": "1"}
    page = post_form(client, url(seminar), broken).get_data(as_text=True)
    assert "Saxlanılmadı" in page and "{participnts}" in page and "Son düzgün variant qalır" in page
    unclosed = post_form(client, url(seminar), {**values, "title": "Seminar {date", "version": "1"})
    assert "Fiqurlu mötərizə bağlanmayıb" in unclosed.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(sa.select(PressRelease)).body == good_body


def test_the_live_preview_fills_placeholders_and_reports_problems(client, make_user, login, seminar):
    login(make_user(Role.ORGANISER))
    token = csrf_token(client, url(seminar))
    ok = client.post(url(seminar, "/preview?lang=az"), data={
        "csrf_token": token, "title": "Seminar {date}", "body": "<b>Salam</b> {participants} nəfər",
        "title_en": "x", "body_en": "y"})
    assert ok.status_code == 200
    assert "Seminar 15 iyul 2022" in ok.get_data(as_text=True)
    assert "&lt;b&gt;Salam&lt;/b&gt; 4 nəfər" in ok.get_data(as_text=True)
    bad = client.post(url(seminar, "/preview?lang=az"), data={
        "csrf_token": token, "title": "{nothing}", "body": "b", "title_en": "x", "body_en": "y"})
    assert bad.status_code == 422 and "Naməlum yer tutucu: {nothing}" in bad.get_data(as_text=True)


def test_four_formats_carry_the_same_text_and_every_letter(client, make_user, login, seminar):
    login(make_user(Role.ORGANISER))
    values = form_values(client.get(url(seminar)).get_data(as_text=True))
    values["body"] += "\n\nHərflər: " + AZ_LETTERS + "\n\n<img src=\"file:///etc/passwd\"> {event}"
    assert post_form(client, url(seminar), values).status_code == 302

    html = client.get(url(seminar, ".html?lang=az")).get_data(as_text=True)
    assert '&lt;img src=&#34;file:///etc/passwd&#34;&gt;' in html and "<img" not in html
    parser = _Paragraphs()
    parser.feed(html)
    assert parser.texts[0].startswith("Onlayn seminar: Şabran, Quba, Xaçmaz")

    document = docx.Document(io.BytesIO(client.get(url(seminar, ".docx?lang=az")).get_data()))
    assert [p.text for p in document.paragraphs if p.text] == parser.texts

    text = client.get(url(seminar, ".txt?lang=az")).get_data(as_text=True)
    assert text.split("\n\n")[0] == parser.texts[0] and text.strip().split("\n\n") == parser.texts

    pdf = pypdf.PdfReader(io.BytesIO(client.get(url(seminar, ".pdf?lang=az")).get_data()))
    pdf_text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    for letter in AZ_LETTERS.split():
        assert letter in pdf_text, letter
    assert '<img src="file:///etc/passwd">' in pdf_text and "Press-reliz" in pdf_text

    english = client.get(url(seminar, ".txt?lang=en")).get_data(as_text=True)
    assert english.startswith("Onlayn seminar: Şabran, Quba, Xaçmaz: communities' proposals")


def test_publications_are_logged_and_counted(client, make_user, login, seminar, programme):
    login(make_user(Role.ORGANISER))
    values = form_values(client.get(url(seminar)).get_data(as_text=True))
    post_form(client, url(seminar), values)
    for outlet, link, day in (("APA", "https://apa.az/xeber/1", "2022-07-16"),
                              ("Report.az", "https://report.az/x", "2022-08-02")):
        page = post_form(client, url(seminar, "/publications"),
                         {"outlet": outlet, "url": link, "published_on": day},
                         token_from=url(seminar), follow_redirects=True).get_data(as_text=True)
        assert outlet in page
    refused = post_form(client, url(seminar, "/publications"),
                        {"outlet": "X", "url": "javascript:alert(1)", "published_on": "2022-07-16"},
                        token_from=url(seminar), follow_redirects=True).get_data(as_text=True)
    assert "https:// ilə başlayaraq" in refused
    assert db.session.scalar(sa.select(sa.func.count(PressPublication.id))) == 2
    assert media_publication_count(programme, date(2022, 7, 1), date(2022, 7, 31)) == 1
    assert media_publication_count(programme, date(2022, 7, 1), date(2022, 8, 31)) == 2
    assert media_publication_count(programme.id) == 2


def test_press_release_command(app, seminar, tmp_path):
    out = tmp_path / "release.docx"
    result = app.test_cli_runner().invoke(args=["press-release", "build", str(seminar.id), "--lang", "en",
                                                "--format", "docx", "--out", str(out)])
    assert result.exit_code == 0, result.output
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    assert paragraphs[0].endswith("communities' proposals go to the executive authorities")
    assert any("On 15 July 2022" in p for p in paragraphs)


def test_moderators_cannot_open_press_releases(client, make_user, login, seminar):
    login(make_user(Role.MODERATOR))
    assert client.get(url(seminar)).status_code == 403
    assert client.get(url(seminar, ".pdf")).status_code == 403

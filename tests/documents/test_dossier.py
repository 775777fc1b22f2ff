"""The dossier an official receives: letters, numbers and counts right; frozen when issued."""

from __future__ import annotations

import hashlib
import io

import openpyxl
import pypdf
import pytest
import sqlalchemy as sa

from umid_events.auth.models import Role
from umid_events.documents.dossiers import (
    DossierScope,
    NothingToIssue,
    dossier_document,
    issue_dossier,
    render_dossier_pdf,
    render_dossier_xlsx,
)
from umid_events.documents.letterhead import LetterheadDetails, update_letterhead
from umid_events.documents.models import DossierVersion
from umid_events.extensions import db
from umid_events.proposals.models import ProposalStatus

from ..conftest import post_form
from .conftest import AZ_LETTERS


def pdf_text(data: bytes) -> str:
    pages = pypdf.PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


@pytest.fixture
def letterhead(app_context):
    update_letterhead(LetterheadDetails(
        name="“Ümid” Sosial İnkişafa Dəstək İctimai Birliyi", name_en="“Umid” Social Development Support PU",
        address="Bakı şəhəri, Nizami küçəsi 10", phone="+994 12 555 00 00", email="office@umid.az",
        website="umid.az", signatory_name="Gülşən Əhmədova", signatory_title="İdarə Heyətinin sədri"))
    db.session.commit()


def test_the_pdf_carries_every_letter_every_number_and_the_counts(letterhead, make_proposals, authority,
                                                                  seminar, topics):
    make_proposals(12, text="Mətn {n}: " + AZ_LETTERS)
    make_proposals(3, topic="utilities", text="Su təchizatı {n}", show_name=False)
    _proposals, data = dossier_document(DossierScope(authority.id), reference="ÜMİD-2022/07-001")
    text = pdf_text(render_dossier_pdf(data))
    for letter in AZ_LETTERS.split():
        assert letter in text, letter
    for number in range(1, 16):
        assert f"№ {number}." in text
    assert "ÜMİD-2022/07-001" in text and "15 iyul 2022" in text
    assert "Quba Rayon İcra Hakimiyyəti" in text and "Gülşən Əhmədova" in text
    assert "Təkliflərin sayı: 15" in text
    assert "Yollar və nəqliyyat 12" in text and "Kommunal xidmətlər 3" in text
    # the seminar: 5 registered, 4 present, 15 proposals
    assert "Onlayn seminar: Şabran, Quba, Xaçmaz 15 iyul 2022 5 4 15" in text


def test_names_appear_only_with_consent(letterhead, make_proposals, authority):
    consenting, silent = make_proposals(2)  # odd numbers consent
    _proposals, data = dossier_document(DossierScope(authority.id))
    text = pdf_text(render_dossier_pdf(data))
    assert consenting.person.full_name in text
    assert silent.person.full_name not in text
    assert "ad göstərilmir" in text


def test_markup_in_proposals_is_printed_as_text_and_nothing_is_fetched(letterhead, make_proposals, authority):
    make_proposals(1, text='<img src="file:///etc/passwd"> <a href="http://127.0.0.1:9/x">bax</a> root:x:0:0')
    _proposals, data = dossier_document(DossierScope(authority.id))
    text = pdf_text(render_dossier_pdf(data))
    assert '<img src="file:///etc/passwd">' in text
    assert '<a href="http://127.0.0.1:9/x">bax</a>' in text


def test_a_dossier_with_no_proposals_is_refused_not_an_empty_pdf(client, make_user, login, authority,
                                                                 seminar):
    with pytest.raises(NothingToIssue):
        dossier_document(DossierScope(authority.id))
    login(make_user(Role.ORGANISER))
    page = client.get(f"/staff/dossiers?authority_id={authority.id}&event_id=0").get_data(as_text=True)
    assert "qəbul edilmiş təklif yoxdur" in page and "dossier-draft" not in page
    draft = client.get(f"/staff/dossiers/draft.pdf?authority_id={authority.id}&event_id=0")
    assert draft.status_code == 302 and draft.mimetype != "application/pdf"
    issued = post_form(client, "/staff/dossiers/issue", {"authority_id": authority.id, "event_id": 0},
                       token_from="/staff/dossiers", follow_redirects=True)
    assert "qəbul edilmiş təklif yoxdur" in issued.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(DossierVersion.id))) == 0


def test_issuing_freezes_a_version_and_sends_the_proposals(client, make_user, login, letterhead,
                                                          make_proposals, authority, seminar):
    organiser = login(make_user(Role.ORGANISER))
    first = make_proposals(3)
    page = client.get(f"/staff/dossiers?authority_id={authority.id}&event_id={seminar.id}").get_data(as_text=True)
    assert "Bu orqan üçün qəbul edilmiş təkliflər: 3" in page
    response = post_form(client, "/staff/dossiers/issue",
                         {"authority_id": authority.id, "event_id": seminar.id},
                         token_from="/staff/dossiers", follow_redirects=True)
    text = response.get_data(as_text=True)
    assert "3 təkliflə rəsmiləşdirildi" in text
    version = db.session.scalar(sa.select(DossierVersion))
    assert version.number == 1 and version.proposal_ids == [p.id for p in first]
    assert version.issued_by_id == organiser.id
    assert hashlib.sha256(version.pdf).hexdigest() == version.pdf_sha256 and version.pdf_sha256 in text
    assert version.reference in pdf_text(version.pdf)
    db.session.expire_all()
    for proposal in first:
        assert proposal.status is ProposalStatus.SENT and proposal.dossier_reference == version.reference
        assert proposal.history[-1].to_status is ProposalStatus.SENT
        assert proposal.history[-1].changed_by_id == organiser.id

    # a new proposal accepted later: issuing again makes version 2, under a new reference
    make_proposals(1, text="Yeni təklif: məktəbə yol")
    post_form(client, "/staff/dossiers/issue", {"authority_id": authority.id, "event_id": seminar.id},
              token_from="/staff/dossiers")
    versions = db.session.scalars(sa.select(DossierVersion).order_by(DossierVersion.number)).all()
    assert [v.number for v in versions] == [1, 2]
    assert versions[1].proposal_count == 4 and versions[1].reference != versions[0].reference
    assert versions[0].reference.endswith("-001") and versions[1].reference.endswith("-002")
    assert "Yeni təklif" in pdf_text(versions[1].pdf) and "Yeni təklif" not in pdf_text(versions[0].pdf)

    # every version stays downloadable exactly as issued
    for v in versions:
        pdf = client.get(f"/staff/dossiers/{v.dossier_id}/v{v.number}.pdf")
        assert pdf.mimetype == "application/pdf"
        assert hashlib.sha256(pdf.get_data()).hexdigest() == v.pdf_sha256
    listing = client.get(f"/staff/dossiers/{versions[0].dossier_id}").get_data(as_text=True)
    assert versions[0].reference in listing and versions[1].reference in listing


def test_the_xlsx_carries_the_same_content_with_formulas_neutralised(letterhead, make_proposals,
                                                                     authority):
    make_proposals(2, text="=cmd|' /C calc'!A0 təklif {n}")
    make_proposals(1, text="+994 50 123 45 67 ilə əlaqə", topic="utilities", title="@SUM(A1)")
    _proposals, data = dossier_document(DossierScope(authority.id), reference="ÜMİD-2022/07-009")
    workbook = openpyxl.load_workbook(io.BytesIO(render_dossier_xlsx(data)))
    sheet = workbook["Təkliflər"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("№", "Başlıq", "Mətn")
    assert [row[0] for row in rows[1:]] == [1, 2, 3]
    texts = {row[2] for row in rows[1:]}
    assert "=cmd|' /C calc'!A0 təklif 1" in texts and "+994 50 123 45 67 ilə əlaqə" in texts
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f"  # nothing evaluates as a formula
    summary = list(workbook["Xülasə"].iter_rows(values_only=True))
    assert ("Təkliflərin sayı", None, 3) in summary
    assert ("Mövzular üzrə", "Yollar və nəqliyyat", 2) in summary
    assert ("№", "ÜMİD-2022/07-009", None) in summary
    events = list(workbook["Tədbirlər"].iter_rows(values_only=True))
    assert events[1][1:] == ("Onlayn seminar: Şabran, Quba, Xaçmaz", "15 iyul 2022", 5, 4, 3)


def test_dossier_command_writes_the_pdf(app, letterhead, make_proposals, authority, seminar, tmp_path):
    make_proposals(4)
    out, xlsx = tmp_path / "dossier.pdf", tmp_path / "dossier.xlsx"
    result = app.test_cli_runner().invoke(args=["dossier", "build", "--authority", str(authority.id),
                                                "--event", str(seminar.id), "--out", str(out),
                                                "--xlsx", str(xlsx)])
    assert result.exit_code == 0, result.output
    assert "4 proposals" in result.output
    text = pdf_text(out.read_bytes())
    assert "QARALAMA" in text and "№ 4." in text
    assert openpyxl.load_workbook(xlsx)["Təkliflər"].max_row == 5
    empty = app.test_cli_runner().invoke(args=["dossier", "build", "--authority", str(authority.id),
                                               "--event", "999", "--out", str(tmp_path / "x.pdf")])
    assert empty.exit_code != 0 and not (tmp_path / "x.pdf").exists()


def test_issuing_with_a_period_selects_only_its_proposals(make_user, letterhead, make_proposals,
                                                          authority):
    from datetime import UTC, date, datetime

    old = make_proposals(2, created_at=datetime(2022, 6, 10, 8, tzinfo=UTC))
    make_proposals(1, created_at=datetime(2022, 7, 20, 8, tzinfo=UTC))
    organiser = make_user(Role.ORGANISER)
    version = issue_dossier(DossierScope(authority.id, start=date(2022, 6, 1), end=date(2022, 6, 30)),
                            organiser)
    db.session.commit()
    assert version.proposal_ids == [p.id for p in old]
    assert "1 iyun 2022 – 30 iyun 2022" in pdf_text(version.pdf)


def test_long_words_emoji_and_odd_requests_do_not_break_anything(client, make_user, login, letterhead,
                                                                 make_proposals, authority):
    make_proposals(1, text="Ə" * 12_000)
    make_proposals(1, text="Yol 🚧 təmiri 👍 " * 300, title="🚧 <script>alert(1)</script>")
    login(make_user(Role.ORGANISER))
    pdf = client.get(f"/staff/dossiers/draft.pdf?authority_id={authority.id}&event_id=0")
    assert pdf.mimetype == "application/pdf"
    text = pdf_text(pdf.get_data())
    assert "<script>alert(1)</script>" in text and "№ 2." in text
    for query in ("authority_id=abc", "authority_id=99999", f"authority_id={authority.id}&start=xx",
                  f"authority_id={authority.id}&start=2022-07-31&end=2022-07-01", "event_id=-1"):
        assert client.get(f"/staff/dossiers?{query}").status_code == 200, query
        assert client.get(f"/staff/dossiers/draft.pdf?{query}").status_code in (302, 400), query
    assert client.get("/staff/dossiers/999/v1.pdf").status_code == 404

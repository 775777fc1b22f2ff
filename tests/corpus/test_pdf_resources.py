"""Text that reaches a PDF cannot make xhtml2pdf read a local file or call a URL.

Every text the documents print (people's names on certificates, event titles and descriptions
on posters, proposals in dossiers, community, organisation and topic names, the letterhead,
press releases) is set to markup that points at a local HTTP server started here and at a
sentinel file; then every PDF is opened. The server must see no request, the sentinel's content
must not be in any PDF, and the markup must come out as printed text.
"""

from __future__ import annotations

import io
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pypdf
import pytest
import sqlalchemy as sa

from umid_events.certificates.models import Certificate
from umid_events.directory.models import Community, District, Organisation, Person
from umid_events.documents.models import Letterhead, PressRelease
from umid_events.events.kinds import EventStatus
from umid_events.events.models import Event
from umid_events.extensions import db
from umid_events.proposals.models import Proposal, ProposalStatus, ProposalTopic

PRINTED = {
    Person: ("full_name",), Event: ("title", "description"), Proposal: ("title", "text"),
    Community: ("name",), District: ("name",), Organisation: ("name",), ProposalTopic: ("name", "name_en"),
    Letterhead: ("name", "name_en", "address", "address_en", "signatory_name", "signatory_title",
                 "signatory_title_en", "website"),
    PressRelease: ("title", "body", "title_en", "body_en"),
}


@pytest.fixture
def listener():
    hits: list[str] = []

    class Record(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the name http.server calls)
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Record)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], hits
    server.shutdown()
    server.server_close()


def _pieces(port: int, sentinel) -> list[str]:
    here = f"http://127.0.0.1:{port}"
    return [f'<img src="file://{sentinel}">', f'<img src="{here}/img.png">',
            f'<link rel="stylesheet" href="{here}/style.css">', f"<style>@import url({here}/import.css);</style>",
            f'<img src="{sentinel}">', f'<div style="background-image:url({here}/bg.png)">x</div>',
            f'<img src="../../../../../../{sentinel}">', f'<a href="file://{sentinel}">bax</a>']


def _poison(pieces: list[str]) -> None:
    """Set every printed text of the demo data to one of ``pieces`` (within the column's length)."""
    for model, columns in PRINTED.items():
        rows = sa.select(model).order_by(*model.__table__.primary_key.columns)  # the same on every database
        for number, row in enumerate(db.session.scalars(rows)):
            for column in columns:
                length = getattr(model.__table__.c[column].type, "length", None) or 100_000
                text = " ".join(pieces) if length > 2000 else f"{pieces[number % len(pieces)]} {row.id}"
                setattr(row, column, text[:length])
    db.session.commit()


def _pdf_urls() -> list[str]:
    held = db.session.scalars(sa.select(Event).where(Event.status == EventStatus.HELD).order_by(Event.id)).all()
    urls = [f"/staff/events/{event.id}/poster.pdf" for event in held[:3]]
    urls += [f"/staff/events/{event.id}/press-release.pdf{lang}" for event in held[:3] for lang in ("", "?lang=en")]
    for certificate in db.session.scalars(sa.select(Certificate).limit(3)):
        urls.append(f"/staff/events/{certificate.event_id}/certificates/{certificate.id}.pdf")
    for authority in db.session.scalars(sa.select(Proposal.authority_id).where(
            Proposal.status == ProposalStatus.ACCEPTED, Proposal.authority_id.is_not(None)).distinct().limit(3)):
        urls.append(f"/staff/dossiers/draft.pdf?authority_id={authority}")
    urls.append("/staff/dashboard/report.pdf")
    return urls


def test_no_pdf_fetches_a_url_or_reads_a_local_file(client, probe, demo_admin, listener, tmp_path):
    port, hits = listener
    secret = f"SENTINEL-{secrets.token_hex(8)}"
    sentinel = tmp_path / "sentinel.txt"
    sentinel.write_text(secret)
    pieces = _pieces(port, sentinel)
    _poison(pieces)
    urls = _pdf_urls()
    assert len(urls) >= 8
    printed = 0
    for url in urls:
        response = probe.open("pdf with hostile markup", url)
        assert response is not None and response.status_code == 200, url
        assert response.mimetype == "application/pdf", url
        text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.data)).pages)
        assert secret not in text, url
        flat = " ".join(text.split())
        printed += f"127.0.0.1:{port}" in flat or "sentinel.txt" in flat
    assert hits == []
    assert probe.failures == []
    assert printed >= len(urls) // 2  # the markup is printed as text, not interpreted

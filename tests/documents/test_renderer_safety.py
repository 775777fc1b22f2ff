"""User text cannot make the renderer read a file or call a URL: it is printed as text."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pypdf
from flask import current_app

from umid_events.documents.dossiers import DossierScope, dossier_document, render_dossier_pdf
from umid_events.documents.press import build_press_release_data, render_press_release_pdf

_seen: list | None = None


def _audit(event: str, args: tuple) -> None:
    if _seen is None:
        return
    if event == "open" and isinstance(args[0], str | bytes | os.PathLike):
        _seen.append(("open", os.fsdecode(args[0])))
    elif event in ("socket.connect", "socket.getaddrinfo", "urllib.Request"):
        _seen.append((event, repr(args[:2])))


sys.addaudithook(_audit)  # audit hooks cannot be removed; it records only inside `recorded`


def recorded(render):
    global _seen
    render()  # the first render imports modules lazily; only the second one is watched
    _seen = []
    try:
        output = render()
        return output, list(_seen)
    finally:
        _seen = None


HOSTILE = ('<img src="file:///etc/passwd"> <img src="/etc/hostname"> '
           '<a href="http://127.0.0.1:9/steal">bax</a> <link rel="stylesheet" href="http://127.0.0.1:9/x.css"> '
           'url(file:///etc/shadow)')


def _check(pdf: bytes, seen: list) -> None:
    static = Path(current_app.static_folder).resolve()
    assert not [entry for entry in seen if entry[0] != "open"], seen
    outside = [path for _kind, path in seen
               if not Path(path).resolve().is_relative_to(static)]
    assert outside == []
    assert any(path.endswith("DejaVuSans.ttf") for _kind, path in seen)
    text = " ".join(" ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages).split())
    assert '<img src="file:///etc/passwd">' in text
    assert '<a href="http://127.0.0.1:9/steal">bax</a>' in text
    assert "root:" not in text


def test_a_hostile_proposal_is_printed_and_nothing_outside_static_is_opened(make_proposals, authority):
    make_proposals(2, text=HOSTILE)
    _proposals, data = dossier_document(DossierScope(authority.id))
    pdf, seen = recorded(lambda: render_dossier_pdf(data))
    _check(pdf, seen)


def test_a_hostile_press_release_is_printed_and_nothing_outside_static_is_opened(app_context):
    texts = {"title": "Başlıq", "body": HOSTILE, "title_en": "Title", "body_en": HOSTILE}
    data = build_press_release_data(texts, {"date": "15 iyul 2022"}, {"name": "Ümid"}, "az")
    pdf, seen = recorded(lambda: render_press_release_pdf(data))
    _check(pdf, seen)

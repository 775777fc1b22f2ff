"""Compressed responses (Flask-Compress): pages, style sheets, scripts, SVG, JSON and calendars.

A first visit to a public page is mostly text; gzip or brotli makes it a fraction of its size on a
slow phone link. What is compressed and what is not:

- by type: HTML, CSS, JavaScript, SVG, JSON, calendars (``text/calendar``) and the like; images,
  PDF, DOCX, XLSX and archives are compressed already and go as they are;
- static files are streamed (``send_file``): they are compressed chunk by chunk, with gzip too
  (Flask-Compress leaves gzip out of streaming by default, which would leave a gzip-only client
  with the uncompressed file);
- a response that already has a ``Content-Encoding``, or is under ``COMPRESS_MIN_SIZE``, is left;
- HTML for a signed-in staff member is not compressed: those pages carry a staff CSRF token and
  echo what was typed in filters, the two ingredients of a BREACH attack on compressed HTTPS
  responses. Public and participant pages only protect anonymous sessions, whose every action
  needs a secret link anyway; staff still get compressed style sheets and scripts.

A strong ETag of a compressed response gets the algorithm appended (``"abc:gzip"``), so a cache
never takes one encoding for another; ``if_none_match`` lets a view that answers 304 itself
recognise those validators.
"""

from __future__ import annotations

from flask import Flask, Response, current_app, request
from flask_login import current_user

ALGORITHMS = ["br", "gzip"]
EXTRA_MIMETYPES = ["text/calendar"]


def init_app(app: Flask) -> None:
    from ..extensions import compress

    app.config.setdefault("COMPRESS_ALGORITHM", ALGORITHMS)
    app.config.setdefault("COMPRESS_ALGORITHM_STREAMING", ALGORITHMS)
    app.config["COMPRESS_REGISTER"] = False  # our own after_request decides, below
    compress.init_app(app)
    types = list(app.config["COMPRESS_MIMETYPES"]) + [t for t in EXTRA_MIMETYPES
                                                      if t not in app.config["COMPRESS_MIMETYPES"]]
    app.config["COMPRESS_MIMETYPES"] = types
    compress.compress_mimetypes_set = set(types)
    app.after_request(_compress_response)


def _compress_response(response: Response) -> Response:
    from ..extensions import compress

    if response.mimetype == "text/html" and current_user.is_authenticated:
        return response
    return compress.after_request(response)


def if_none_match(etag: str) -> bool:
    """True when the request's If-None-Match names ``etag`` as sent plain or compressed."""
    tags = request.if_none_match
    if not tags:
        return False
    algorithms = set(current_app.config.get("COMPRESS_ALGORITHM") or ()) | set(
        current_app.config.get("COMPRESS_ALGORITHM_STREAMING") or ())
    return etag in tags or any(f"{etag}:{algorithm}" in tags for algorithm in algorithms)

"""Every public and participant page stays light on a first visit over a slow phone link.

The demo is loaded; the pages are found the way a visitor finds them (every link from the front
page and from a participant's personal page); then each one is fetched from a real server, over
a socket, as a browser that accepts gzip does on its first visit: the page, every style sheet,
script and icon it links, and what the style sheets import. Every byte on the wire counts
(status line, headers, chunk framing, compressed body). The same figure as the `page` one in
bench/bench_registration_burst.py, with gzip instead of identity.
"""

from __future__ import annotations

import gzip
import re
import socket
import threading
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
import sqlalchemy as sa
from werkzeug.serving import make_server

from umid_events.extensions import db
from umid_events.programmes.models import Programme
from umid_events.registrations.models import Registration

BUDGET = 60 * 1024  # bytes transferred for one page and everything it links, first visit
LINK = re.compile(r'href="([^"#]+)')
NOT_PAGES = ("/static/", "/lang/", "/logout", "/login", "mailto:", "tel:", "webcal:", "http://",
             "https://", "/favicon.ico")
MUST_WEIGH = ("/", "/events", "/events/calendar", "/e/", "/proposals/", "/proposal/", "/r/", "/p/",
              "/privacy")


class Assets(HTMLParser):
    """The style sheets, icons, scripts and images a page makes the browser fetch."""

    RELS = {"stylesheet", "icon", "preload", "modulepreload", "apple-touch-icon"}

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "link" and self.RELS & set(attrs.get("rel", "").lower().split()):
            self.urls.append(attrs.get("href", ""))
        elif tag in ("script", "img") and attrs.get("src"):
            self.urls.append(attrs["src"])


@pytest.fixture
def server(app):
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_port
    httpd.shutdown()
    thread.join(timeout=10)


def fetch(port: int, path: str, extra: str = "") -> tuple[int, dict[str, str], bytes, int]:
    """A first visit's GET accepting gzip: status, headers, the decoded body, bytes on the wire."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: */*\r\n"
                     f"Accept-Encoding: gzip\r\nConnection: close\r\n{extra}\r\n".encode())
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    raw = b"".join(chunks)
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {name.strip().lower(): value.strip()
               for name, _, value in (line.partition(":") for line in lines[1:])}
    if headers.get("transfer-encoding") == "chunked":
        body = _dechunk(body)
    if headers.get("content-encoding") == "gzip":
        body = gzip.decompress(body)
    return int(lines[0].split(" ")[1]), headers, body, len(raw)


def _dechunk(data: bytes) -> bytes:
    out, rest = [], data
    while rest:
        size_line, _, rest = rest.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            break
        out.append(rest[:size])
        rest = rest[size + 2:]
    return b"".join(out)


def page_weight(port: int, path: str) -> tuple[int, list[str]]:
    """Bytes transferred for ``path`` and everything it links; and what was counted."""
    status, headers, body, size = fetch(port, path)
    assert status == 200, f"GET {path} answered {status}"
    assert headers.get("content-encoding") == "gzip", f"{path} was sent uncompressed"
    total, counted = size, [f"{path} {size} B"]
    parser = Assets()
    parser.feed(body.decode("utf-8", errors="replace"))
    queue = [urljoin(path, url) for url in parser.urls]
    seen = set()
    while queue:
        url = queue.pop(0)
        parts = urlsplit(url)
        if url in seen or not parts.path:
            continue
        seen.add(url)
        assert not parts.netloc, f"{path} links {url} on another host"
        status, headers, body, size = fetch(port, url)
        assert status == 200, f"{url} (linked from {path}) answered {status}"
        total += size
        counted.append(f"{url} {size} B {headers.get('content-encoding', 'identity')}")
        if parts.path.endswith(".css"):
            css = body.decode("utf-8", errors="replace")
            for ref in re.findall(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""", css):
                target = ref[0] or ref[1]
                if not target.startswith("data:"):
                    queue.append(urljoin(url, target))
    return total, counted


def _crawl(client, start: str, limit: int) -> list[str]:
    """Every same-site HTML page a visitor reaches by links from ``start`` (breadth first)."""
    seen: dict[str, bool] = {}
    queue = [start]
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response.status_code == 200 and response.mimetype == "text/html"
        if not seen[url]:
            continue
        for href in LINK.findall(response.get_data(as_text=True)):
            href = href.replace("&amp;", "&")
            if (href.startswith(NOT_PAGES) or href.endswith(".ics") or "/export" in href
                    or "month=" in href):  # one month calendar is enough, not every month
                continue
            parts = urlsplit(urljoin(url, href))
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target not in seen and target not in queue:
                queue.append(target)
    return [url for url, is_page in seen.items() if is_page]


def test_every_public_and_participant_page_is_under_60_kb_on_a_first_visit(app, client, server):
    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    programme = db.session.scalars(sa.select(Programme)).first()
    assert programme.proposals_public, "the demo should show the accountability page"
    registration = db.session.scalars(sa.select(Registration).order_by(Registration.id)).first()
    pages = _crawl(client, "/", limit=60)
    pages += [url for url in _crawl(client, f"/p/{registration.personal_token}", limit=40)
              if url not in pages]
    for prefix in MUST_WEIGH:
        assert any(url == prefix or (prefix.endswith("/") and url.startswith(prefix)) for url in pages), \
            f"no {prefix}… page was reached from the front page or a personal page: {pages}"

    weights = {url: page_weight(server, url) for url in pages}
    too_heavy = {url: f"{total / 1024:.1f} KB: " + "; ".join(counted)
                 for url, (total, counted) in weights.items() if total >= BUDGET}
    assert too_heavy == {}
    heaviest = max(total for total, _ in weights.values())
    assert heaviest < BUDGET  # the figure a reader of a failure wants first


def test_style_sheets_and_the_calendar_feed_are_compressed_and_revalidated(app, client, server):
    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    status, headers, body, size = fetch(server, "/static/css/participant.css")
    assert status == 200 and headers["content-encoding"] == "gzip" and b"header" in body
    assert size < len(body)  # what travels is smaller than the file
    assert "accept-encoding" in headers.get("vary", "").lower()

    status, headers, body, _ = fetch(server, "/calendar.ics")
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert body.startswith(b"BEGIN:VCALENDAR")
    etag = headers["etag"]
    assert etag.endswith(':gzip"')  # one validator per encoding, so no cache mixes them up
    status, headers, body, _ = fetch(server, "/calendar.ics", f"If-None-Match: {etag}\r\n")
    assert status == 304 and body == b""

    # A reader that does not accept gzip gets the plain feed, and its own validator still works
    plain = client.get("/calendar.ics")
    assert plain.headers.get("Content-Encoding") is None and plain.data.startswith(b"BEGIN:VCALENDAR")
    assert client.get("/calendar.ics", headers={"If-None-Match": plain.headers["ETag"]}).status_code == 304

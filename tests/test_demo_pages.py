"""Every page a newcomer can reach from the demo opens: staff follow every link from the plan,
participants open every personal page's links. No page answers with a server error."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import sqlalchemy as sa

from umid_events.auth.models import Role
from umid_events.extensions import db
from umid_events.registrations.models import Registration

LINK = re.compile(r'href="([^"#]+)')
TITLE = re.compile(r"<title>[^<]+</title>")
NOT_PAGES = ("/static/", "/logout", "/lang/", "mailto:", "tel:", "webcal:", "http://", "https://")


def _crawl(client, start: str, limit: int) -> dict[str, int | str]:
    """GET every same-site link reachable from ``start`` (breadth first, at most ``limit`` pages)."""
    seen: dict[str, int] = {}
    queue = [start]
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response.status_code
        if response.mimetype != "text/html":
            continue
        body = response.get_data(as_text=True)
        if response.status_code == 200 and not TITLE.search(body):
            seen[url] = "no plain <title>"
        for href in LINK.findall(body):
            href = href.replace("&amp;", "&")
            if href.startswith(NOT_PAGES) or "/export" in href:
                continue
            target = urljoin(url, href)
            parts = urlsplit(target)
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target not in seen and target not in queue:
                queue.append(target)
    return seen


def test_every_page_reachable_in_the_demo_opens(app, client, make_user, login):
    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    login(make_user(Role.ADMIN))
    pages = _crawl(client, "/plan", limit=400)
    assert len(pages) > 100
    assert {url: status for url, status in pages.items() if status not in (200, 302, 304)} == {}

    client.post("/logout")
    registration = db.session.scalars(sa.select(Registration).order_by(Registration.id)).first()
    participant = _crawl(client, f"/p/{registration.personal_token}", limit=60)
    assert {url: status for url, status in participant.items() if status not in (200, 302, 304)} == {}

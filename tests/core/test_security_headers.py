"""Security headers on every response, and templates that need no inline script or style.

The routes are not listed by hand: every GET rule of the URL map is opened (with a value from
tests/route_values.py for its arguments) anonymously and as an admin, plus the pages a visitor
reaches by links from the front page and from a personal page, and the error pages (403, 404,
405, the CSRF 400, 500). Every response carries the headers; every HTML page the site's strict
Content-Security-Policy, except the mail previews, which carry the mail's own policy.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sqlalchemy as sa

from umid_events import create_app
from umid_events.auth.models import Role
from umid_events.core.security_headers import MAIL_PREVIEW_POLICY, policy_header
from umid_events.extensions import db
from umid_events.registrations.models import Registration

from ..conftest import csrf_token
from ..route_values import representatives
from ..test_page_weight import _crawl

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"

SITE_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
               "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
               "base-uri 'none'; object-src 'none'")
MAIL_PREVIEWS = {"notifications.show_html", "invitations.preview_html"}
# Templates that are never a page of the service, so keep their inline styles:
# - email/: the HTML part of mails; mail clients drop style sheets, inline styles are all they
#   keep (shown to staff only through the mail previews, under the mail's own policy);
# - these documents/: rendered by xhtml2pdf into PDFs, never sent to a browser as HTML.
NOT_PAGES = {"email"}
PDF_ONLY = {"documents/_base.html", "documents/_letterhead.html", "documents/certificate.html",
            "documents/dossier.html", "documents/poster.html", "documents/press_release.html",
            "documents/programme_report.html"}


def assert_headers(response, where: str, endpoint: str | None = None) -> None:
    headers = response.headers
    assert headers.get("Referrer-Policy") == "same-origin", where
    assert headers.get("X-Content-Type-Options") == "nosniff", where
    assert "camera=()" in headers.get("Permissions-Policy", ""), where
    assert "Strict-Transport-Security" not in headers, where  # testing runs on plain http
    policy = headers.get("Content-Security-Policy")
    if endpoint in MAIL_PREVIEWS and response.status_code == 200:
        assert policy == policy_header(MAIL_PREVIEW_POLICY), where
        assert headers.get("X-Frame-Options") == "SAMEORIGIN", where
    else:
        assert policy == SITE_POLICY, where
        assert headers.get("X-Frame-Options") == "DENY", where
    assert "unsafe-eval" not in policy


def _paths(app, values) -> list[tuple[str, str]]:
    """``(endpoint, path)`` of every GET rule whose arguments have a representative."""
    found = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda rule: rule.rule):
        if "GET" not in rule.methods:
            continue
        arguments = {}
        for name in rule.arguments:
            value = values.get((rule.endpoint, name), values.get((None, name)))
            if value is None:
                value = "unknown" if name in ("token", "filename", "code") else None
            if value is None:
                break
            arguments[name] = value
        else:
            if rule.endpoint == "static":
                arguments["filename"] = "css/app.css"
            found.append((rule.endpoint, rule.build(arguments, append_unknown=False)[1]))
    return found


def test_every_response_carries_the_security_headers(app, client, make_user, login):
    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    organiser, admin = make_user(Role.ORGANISER), make_user(Role.ADMIN)
    values = representatives(organiser)
    registration = db.session.scalars(sa.select(Registration).order_by(Registration.id)).first()
    paths = _paths(app, values)
    assert len(paths) > 100

    html_pages = 0
    for endpoint, path in paths:  # anonymously: sign-in redirects, public pages, 404s
        response = client.get(path)
        assert_headers(response, f"anonymous GET {path}: {response.status_code}", endpoint)
    for url in _crawl(client, "/", limit=40) + _crawl(client, f"/p/{registration.personal_token}",
                                                      limit=30):
        response = client.get(url)
        assert response.mimetype == "text/html"
        assert_headers(response, f"anonymous GET {url}")
        html_pages += 1
    login(admin)
    checked = set()
    for endpoint, path in paths:
        response = client.get(path)
        assert response.status_code < 500, f"GET {path}: {response.status_code}"
        assert_headers(response, f"admin GET {path}: {response.status_code}", endpoint)
        if response.mimetype == "text/html" and response.status_code == 200:
            checked.add(endpoint)
            html_pages += 1
    assert {"programmes.plan", "dashboard.index", "proposals.index", "notifications.show",
            "notifications.show_html", "invitations.preview", "invitations.preview_html"} <= checked
    assert html_pages > 100


def test_error_pages_carry_the_security_headers(app, client, make_user, login, monkeypatch):
    not_found = client.get("/no-such-page")
    assert not_found.status_code == 404
    assert_headers(not_found, "404")
    expired = client.post("/login", data={"email": "a@example.org", "password": "x"})
    assert expired.status_code == 400  # no CSRF token
    assert_headers(expired, "CSRF 400")
    login(make_user(Role.MODERATOR))
    forbidden = client.get("/admin/users")
    assert forbidden.status_code == 403
    assert_headers(forbidden, "403")
    not_allowed = client.delete("/plan")
    assert not_allowed.status_code == 405
    assert_headers(not_allowed, "405")

    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setitem(app.view_functions, "programmes.plan", broken)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    failed = client.get("/plan")
    assert failed.status_code == 500
    assert_headers(failed, "500")


def test_the_mail_previews_are_organisers_only_and_sandboxed(app, client, make_user, login):
    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    organiser = make_user(Role.ORGANISER)
    values = representatives(organiser)
    event_id, message_id = values[("invitations.preview", "event_id")], values[(None, "message_id")]
    preview = f"/staff/events/{event_id}/invitations/preview/html?lang=en"
    shown = f"/staff/outbox/{message_id}/html"
    for url in (preview, shown):
        assert client.get(url).status_code == 302  # to the sign-in page
    login(make_user(Role.MODERATOR))
    for url in (preview, shown):
        assert client.get(url).status_code == 403
    login(organiser)
    page = client.get(f"/staff/events/{event_id}/invitations/preview?lang=en").get_data(as_text=True)
    assert f'src="/staff/events/{event_id}/invitations/preview/html?lang=en"' in page
    assert "srcdoc" not in page and re.search(r"<iframe[^>]* sandbox", page)
    mail = client.get(preview)
    assert mail.status_code == 200 and mail.mimetype == "text/html"
    assert "style=" in mail.get_data(as_text=True)  # the mail as sent, inline styles and all
    policy = mail.headers["Content-Security-Policy"]
    assert "sandbox" in policy and "default-src 'none'" in policy and "script-src" not in policy
    assert "no-store" in mail.headers["Cache-Control"]
    message = client.get(f"/staff/outbox/{message_id}").get_data(as_text=True)
    assert f'src="/staff/outbox/{message_id}/html"' in message and "srcdoc" not in message


def test_hsts_in_production_only(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "s" * 40)
    monkeypatch.setenv("HUEY_BACKEND", "memory")
    monkeypatch.delenv("HSTS_ENABLED", raising=False)
    overrides = {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite3'}"}
    production = create_app("production", overrides=overrides)
    response = production.test_client().get("/static/css/app.css")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert response.headers["Content-Security-Policy"] == SITE_POLICY
    for name in ("testing", "development"):
        other = create_app(name, overrides=overrides).test_client().get("/static/css/app.css")
        assert "Strict-Transport-Security" not in other.headers
        assert other.headers["Content-Security-Policy"] == SITE_POLICY
    monkeypatch.setenv("HSTS_ENABLED", "0")  # a production site not (yet) served over HTTPS
    off = create_app("production", overrides=overrides).test_client().get("/static/css/app.css")
    assert "Strict-Transport-Security" not in off.headers



def test_the_referrer_policy_keeps_the_https_form_check_working(app, client, make_user):
    """Served over HTTPS, Flask-WTF refuses a form posted without this site's Referer. The policy
    (same-origin) sends the Referer to the site itself and to no other, so sign-in works."""
    make_user(Role.ORGANISER, email="nigar@example.org")
    site = "https://localhost"
    page = client.get("/login", base_url=site)
    assert page.headers["Referrer-Policy"] == "same-origin"
    assert 'name="referrer"' not in page.get_data(as_text=True)  # no page overrides the policy
    token = csrf_token(client, f"{site}/login")
    form = {"csrf_token": token, "email": "nigar@example.org", "password": "wrong password"}
    sent_from_the_site = client.post("/login", base_url=site, data=form, headers={"Referer": f"{site}/login"})
    assert sent_from_the_site.status_code == 200  # the form again, with "wrong password"
    assert client.post("/login", base_url=site, data=form).status_code == 400  # no Referer: refused
    from_elsewhere = client.post("/login", base_url=site, data=form,
                                 headers={"Referer": "https://evil.example/login"})
    assert from_elsewhere.status_code == 400

INLINE = {
    "an inline <script>": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "a <style> element": re.compile(r"<style\b", re.IGNORECASE),
    "a style attribute": re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE | re.DOTALL),
    "an on… handler": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE | re.DOTALL),
    "a javascript: URL": re.compile(r"""=\s*["']?\s*javascript:""", re.IGNORECASE),
}


def _page_templates() -> list[Path]:
    return [path for path in sorted(TEMPLATES.rglob("*.html"))
            if path.relative_to(TEMPLATES).parts[0] not in NOT_PAGES
            and path.relative_to(TEMPLATES).as_posix() not in PDF_ONLY]


@pytest.mark.parametrize("path", _page_templates(), ids=lambda path: path.relative_to(TEMPLATES).as_posix())
def test_no_template_served_as_html_has_inline_script_or_style(path):
    source = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)  # comments
    found = [f"{what}: {match.group(0)[:80]!r}" for what, pattern in INLINE.items()
             for match in pattern.finditer(source)]
    assert found == []


def test_the_pdf_only_templates_are_not_rendered_as_pages():
    """The exceptions above hold: no view renders a PDF-only template, and each one exists."""
    for name in PDF_ONLY:
        assert (TEMPLATES / name).is_file(), name
    sources = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "umid_events").rglob("*.py"))
    for name in PDF_ONLY:
        assert f'render_template("{name}"' not in sources and f"render_template('{name}'" not in sources
    scanned = {path.relative_to(TEMPLATES).as_posix() for path in _page_templates()}
    assert {"documents/press_release_edit.html", "documents/press_release_snippet.html",
            "documents/letterhead_form.html", "dashboard/index.html", "base.html"} <= scanned

"""A live server and Debian's Chromium driven by Playwright (browser downloads are not possible
here, so Playwright launches /usr/bin/chromium)."""

from __future__ import annotations

import os
import shutil
import threading

import pytest
from werkzeug.serving import make_server

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not executable:
        pytest.fail("Debian's chromium is missing: `make browser` installs it")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


@pytest.fixture
def phone(chromium):
    """A page the size of a small phone, that fails the test on any JavaScript error."""
    context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="az-AZ")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


def sign_in(page, live_server: str, user) -> None:
    """Sign ``user`` in through the sign-in page, as a member of staff would."""
    from ..conftest import PASSWORD

    page.goto(f"{live_server}/login")
    page.get_by_label("E-poçt").fill(user.email)
    page.get_by_label("Şifrə").fill(PASSWORD)
    page.get_by_role("button", name="Daxil ol").click()
    page.wait_for_url(lambda url: "/login" not in url)


@pytest.fixture
def axe():
    """``axe(page, impact=("serious", "critical"))``: the accessibility violations axe-core finds
    on the page as it is shown now (tests/browser/axe.py; ``describe_violations`` words them)."""
    from .axe import axe_violations

    return axe_violations

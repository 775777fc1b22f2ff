"""Fixtures shared by the whole suite.

The database is chosen by TEST_DATABASE_URL: ``sqlite`` (the default) for a fresh SQLite file,
or a PostgreSQL URL whose ``public`` schema is dropped and re-created for the run. Either way the
schema is built by the real migrations, not ``create_all``; each test then starts from empty
tables.
"""

from __future__ import annotations

import contextvars
import os
import re
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient
from flask_migrate import upgrade
from hypothesis import HealthCheck, settings

from umid_events import create_app
from umid_events.auth.models import Role
from umid_events.auth.services import create_user
from umid_events.directory.services import forget_cached_options
from umid_events.extensions import db, limiter
from umid_events.notifications.tasks import EXTENSION_KEY as QUEUE_EXTENSION_KEY
from umid_events.programmes.loader import parse_programme_file
from umid_events.programmes.services import load_programme

pytest_plugins = ["tests.smpp_fixtures", "tests.imap_fixtures"]

ROOT = Path(__file__).resolve().parent.parent

# Generated input is the same on every run (a failure found once is found again, in CI too),
# nothing is kept between runs, and no example is judged by how long it took.
settings.register_profile("suite", derandomize=True, database=None, deadline=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                 HealthCheck.too_slow])
settings.load_profile("suite")
PASSWORD = "correct horse battery"


def _test_database_url(tmp_path_factory) -> str:
    url = os.environ.get("TEST_DATABASE_URL", "sqlite")
    if url == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    return url


def reset_postgresql_schema(url: str, schema: str = "public") -> None:
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    except sa.exc.OperationalError as exc:
        pytest.exit(f"PostgreSQL is not reachable at {url}: {exc.orig}", returncode=3)
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    url = _test_database_url(tmp_path_factory)
    if url.startswith("postgres"):
        reset_postgresql_schema(url)
    return url


@pytest.fixture(scope="session")
def app(database_url):
    app = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
    return app


@pytest.fixture(autouse=True)
def _clean_state(request):
    """Empty every table and the rate-limit counters after each test that used the app."""
    yield
    if "app" not in request.fixturenames:
        return
    app = request.getfixturevalue("app")
    with app.app_context():
        db.session.remove()
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())
        limiter.reset()
        forget_cached_options()
        queue = app.extensions.get(QUEUE_EXTENSION_KEY)
        if queue is not None:  # the jobs this test queued, and what its commits relied on
            queue.huey.flush()
            queue.handed_over.clear()


@pytest.fixture
def app_context(app):
    with app.app_context():
        yield
        db.session.remove()


class IsolatedClient(FlaskClient):
    """Each request runs in a fresh context, as on a real server.

    Without this, Flask reuses the test's own app context for the request, so ``g`` (the cached
    locale, the signed-in user) would leak from one request to the next.
    """

    def open(self, *args, **kwargs):
        return contextvars.Context().run(super().open, *args, **kwargs)


@pytest.fixture
def client(app, app_context):
    app.test_client_class = IsolatedClient
    return app.test_client()


@pytest.fixture
def make_user(app_context):
    def make(role: Role = Role.ORGANISER, email: str | None = None, **fields):
        user = create_user(
            email=email or f"{role.value}-{make.count}@example.org",
            full_name=fields.pop("full_name", f"Test {role.value.title()}"),
            password=fields.pop("password", PASSWORD), role=role, **fields,
        )
        make.count += 1
        db.session.commit()
        return user

    make.count = 0
    return make


CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|'
                     r'name="csrf_token" value="([^"]+)"')


def csrf_token(client, url: str) -> str:
    """The CSRF token of the form on ``url``, read from the page as a browser would."""
    page = client.get(url)
    match = CSRF_RE.search(page.get_data(as_text=True))
    assert match, f"no CSRF token on {url} (status {page.status_code})"
    return match.group(1) or match.group(2)


def post_form(client, url: str, data: dict, *, follow_redirects=False, token_from: str | None = None):
    """Submit a form the way a browser does: fetch the page first, send its CSRF token back."""
    payload = {"csrf_token": csrf_token(client, token_from or url), **data}
    return client.post(url, data=payload, follow_redirects=follow_redirects)


def run_worker_producers() -> None:
    """What the mail worker does after a commit: write the mail of the intents saved (new
    registrations' confirmations, invitations, notices), as ``flask worker`` would."""
    from umid_events.notifications.tasks import run_producers

    run_producers()


@pytest.fixture
def login(client):
    def sign_in(user, password: str = PASSWORD):
        response = post_form(client, "/login", {"email": user.email, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return user

    return sign_in


@pytest.fixture
def programme(app_context):
    """The shipped programme plan, loaded as `flask programme load` would."""
    loaded = load_programme(parse_programme_file(ROOT / "programmes" / "umid-2022.yaml"))
    db.session.commit()
    return loaded

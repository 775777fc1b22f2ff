"""The corpus's probe: every hostile request or import goes through it, is counted, and any
answer of 5xx (or an exception that would have been one) is recorded with its input."""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field

import pytest
import sqlalchemy as sa

from umid_events.auth.models import Role
from umid_events.extensions import db, limiter

# Tables a refused input may still write to: logs of who did what, not the data the input aimed at.
LOG_TABLES = ("audit", "login_attempt")


@dataclass
class Tally:
    tried: int = 0
    failures: list[str] = field(default_factory=list)


TALLY = Tally()


def pytest_terminal_summary(terminalreporter):
    if TALLY.tried:
        terminalreporter.write_line(
            f"corpus: {TALLY.tried:,} hostile inputs tried, {len(TALLY.failures)} answered 5xx")


def row_counts() -> dict[str, int]:
    """Rows in every table (but the logs), in one round trip."""
    tables = [t for t in db.metadata.sorted_tables if not t.name.startswith(LOG_TABLES)]
    query = sa.select(*[sa.select(sa.func.count()).select_from(t).scalar_subquery().label(t.name)
                        for t in tables])
    row = db.session.execute(query).one()
    db.session.rollback()
    return dict(row._mapping)


def changed(before: dict[str, int], after: dict[str, int]) -> dict[str, tuple[int, int]]:
    return {name: (before[name], after[name]) for name in before if before[name] != after[name]}


class Probe:
    """Sends hostile requests with a test client and counts them."""

    def __init__(self, client):
        self.client = client
        self.failures: list[str] = []

    def _record(self, what: str, detail: str) -> None:
        self.failures.append(f"{what}: {detail}")
        TALLY.failures.append(f"{what}: {detail}")

    def open(self, label: str, url: str, method: str = "GET", **kwargs):
        TALLY.tried += 1
        try:
            response = self.client.open(url, method=method, **kwargs)
        except Exception as exc:  # what the server would answer with a 500
            db.session.rollback()
            self._record(f"{method} {url} [{label}]", "".join(
                traceback.format_exception_only(exc)).strip()[:400] + " at " + _where(exc))
            return None
        if response.status_code >= 500:
            self._record(f"{method} {url} [{label}]", f"status {response.status_code}")
        return response

    def call(self, label: str, function, *args, expected=(), **kwargs):
        """An import run directly (not through a view): an exception other than a domain error
        (or one of ``expected``, the errors its view turns into a message) counts as a 5xx."""
        from umid_events.core.errors import DomainError

        TALLY.tried += 1
        try:
            return function(*args, **kwargs)
        except (DomainError, *expected) as error:
            db.session.rollback()
            return error
        except Exception as exc:
            db.session.rollback()
            self._record(label, "".join(traceback.format_exception_only(exc)).strip()[:400]
                         + " at " + _where(exc))
            return None


def _where(exc: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/umid_events/" in f.filename]
    last = frames[-1] if frames else traceback.extract_tb(exc.__traceback__)[-1]
    return f"{last.filename.split('/work/main/')[-1]}:{last.lineno}"


@pytest.fixture
def probe(client):
    limiter.enabled = False  # the corpus tests what the forms do with input, not the rate limits
    try:
        yield Probe(client)
    finally:
        limiter.enabled = True


@pytest.fixture
def demo_admin(app, make_user, login):
    """The demo programme, an admin signed in, and an organiser for the route values."""
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    admin = login(make_user(Role.ADMIN))
    organiser = make_user(Role.ORGANISER)
    return admin, organiser

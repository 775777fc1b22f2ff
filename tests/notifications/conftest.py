"""Real parts for the mail tests: an SMTP server (aiosmtpd) that records what it receives, apps
configured to use it, Huey consumers in a thread or in a `flask worker` subprocess."""

from __future__ import annotations

import asyncio
import email
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest
import redis
import sqlalchemy as sa
from aiosmtpd.controller import Controller
from huey.consumer import Consumer
from jinja2 import ChoiceLoader, FileSystemLoader

from umid_events import create_app
from umid_events.extensions import db
from umid_events.notifications.kinds import MessageStatus
from umid_events.notifications.models import OutgoingMessage
from umid_events.notifications.tasks import get_queue

from ..conftest import ROOT, IsolatedClient

TEMPLATES = Path(__file__).parent / "templates"
REDIS_URL = "redis://127.0.0.1:6379/15"  # a database of its own, emptied of our keys after use
WAIT_SECONDS = 30  # upper bound of every wait; a passing test waits far less


def wait_for(condition, what: str, timeout: float = WAIT_SECONDS, interval: float = 0.05):
    """Poll ``condition`` until it returns something truthy (returned), or fail after timeout."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(interval)


# --- the SMTP server -----------------------------------------------------------------------

@dataclass(frozen=True)
class Received:
    mail_from: str
    rcpt_tos: tuple[str, ...]
    raw: bytes

    @property
    def message(self) -> EmailMessage:
        return email.message_from_bytes(self.raw, policy=policy.default)


class _Handler:
    def __init__(self, server: SmtpServer):
        self.server = server

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        self.server.connections += 1
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("nobody@"):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        return await self.server.receive(envelope)


class SmtpServer:
    """An SMTP server on a fixed localhost port that can be stopped and started again.

    ``refuse_after``: once that many messages are accepted, answer 421 (going down) to the rest.
    ``hold_at``: the n-th message is stored, but the "250 OK" is held back until ``release`` is
    set; ``reached`` is set when it arrives.
    """

    def __init__(self, port: int):
        self.port = port
        self.received: list[Received] = []
        self.connections = 0
        self.refuse_after: int | None = None
        self.hold_at: int | None = None
        self.reached = threading.Event()
        self.release = threading.Event()
        self._lock = threading.Lock()
        self._controller: Controller | None = None

    def start(self) -> None:
        self._controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def running(self) -> bool:
        return self._controller is not None

    async def receive(self, envelope) -> str:
        with self._lock:
            if self.refuse_after is not None and len(self.received) >= self.refuse_after:
                return "421 4.3.2 Service shutting down, try again later"
            self.received.append(Received(envelope.mail_from, tuple(envelope.rcpt_tos),
                                          envelope.original_content or envelope.content))
            hold = self.hold_at is not None and len(self.received) == self.hold_at
            if hold:
                self.hold_at = None
        if hold:  # stored, but the "250 OK" waits: the sender cannot know it was accepted
            self.reached.set()
            await asyncio.get_running_loop().run_in_executor(None, self.release.wait, WAIT_SECONDS)
        return "250 OK"

    def messages(self) -> list[EmailMessage]:
        with self._lock:
            return [item.message for item in self.received]

    def message_ids(self) -> list[str]:
        return [message["Message-ID"] for message in self.messages()]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    server = SmtpServer(free_port())
    server.start()
    yield server
    server.release.set()
    server.stop()


# --- apps and queues -----------------------------------------------------------------------

@pytest.fixture(params=["sqlite", "redis"])
def backend(request) -> str:
    """The queue backend: Huey's SQLite storage (the default) and Redis (production)."""
    if request.param == "redis":
        try:
            redis.Redis.from_url(REDIS_URL).ping()
        except redis.RedisError as exc:
            pytest.fail(f"Redis is not reachable at {REDIS_URL}: {exc}")
    return request.param


@dataclass
class MailSetup:
    """Everything a mail app and its `flask worker` subprocesses share."""

    database_url: str
    huey_name: str
    huey_path: Path
    backend: str
    smtp_port: int | None
    settings: dict

    def overrides(self) -> dict:
        values = {
            "SQLALCHEMY_DATABASE_URI": self.database_url,
            "HUEY_BACKEND": self.backend, "HUEY_NAME": self.huey_name,
            "HUEY_SQLITE_PATH": str(self.huey_path),
            "REDIS_URL": REDIS_URL if self.backend == "redis" else None,
            "MAIL_DEFAULT_SENDER": "Ümid Events <umid@example.az>",
            "MAIL_SERVER": "127.0.0.1" if self.smtp_port else None,
            "MAIL_PORT": self.smtp_port or 25, "MAIL_SUPPRESS_SEND": False,
            "MAIL_RETRY_SECONDS": 0.2, "MAIL_RETRY_MAX_SECONDS": 1, "MAIL_MAX_ATTEMPTS": 50,
        }
        values.update(self.settings)
        return values

    def environment(self, **extra: str) -> dict:
        """The same settings as environment variables, for a `flask worker` subprocess."""
        env = {key: value for key, value in os.environ.items()
               if not key.startswith(("MAIL_", "HUEY_", "FLASK_"))}
        env.update({
            "UMID_ENV": "testing", "DATABASE_URL": self.database_url,
            "HUEY_BACKEND": self.backend, "HUEY_NAME": self.huey_name,
            "HUEY_SQLITE_PATH": str(self.huey_path),
            "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(self.smtp_port),
            "MAIL_SUPPRESS_SEND": "0", "MAIL_DEFAULT_SENDER": "Ümid Events <umid@example.az>",
            "MAIL_RETRY_SECONDS": "1", "MAIL_RETRY_MAX_SECONDS": "1", "MAIL_MAX_ATTEMPTS": "50",
            "PYTHONUNBUFFERED": "1",
        })
        if self.backend == "redis":
            env["REDIS_URL"] = REDIS_URL
        else:
            env.pop("REDIS_URL", None)
        env.update(extra)
        return env


@pytest.fixture
def make_mail_app(app, database_url, tmp_path):
    """``make_mail_app(smtp=server, backend="sqlite", **settings)``: an app of its own (same
    database as the suite) whose mail goes to ``smtp`` through a queue in ``tmp_path``."""
    made = []

    def make(smtp: SmtpServer | None = None, backend: str = "sqlite", **settings):
        setup = MailSetup(database_url=database_url, huey_name=f"umid-test-{uuid.uuid4().hex[:8]}",
                          huey_path=tmp_path / f"huey-{len(made)}.sqlite3", backend=backend,
                          smtp_port=smtp.port if smtp else None, settings=settings)
        mail_app = create_app("testing", overrides=setup.overrides())
        mail_app.jinja_loader = ChoiceLoader([FileSystemLoader(str(TEMPLATES)),
                                              FileSystemLoader(str(ROOT / "templates"))])
        mail_app.test_client_class = IsolatedClient
        mail_app.mail_setup = setup
        made.append(mail_app)
        return mail_app

    yield make
    for mail_app in made:
        queue = mail_app.extensions.get("notifications.queue")
        if queue is not None:
            queue.huey.storage.flush_all()
        with mail_app.app_context():
            db.session.remove()
            db.engine.dispose()


class ThreadConsumer(Consumer):
    """Huey's consumer in a thread of the test process (signals belong to the main thread)."""

    def _set_signal_handlers(self):
        pass


@contextmanager
def running_consumer(mail_app, workers: int = 2):
    consumer = ThreadConsumer(get_queue(mail_app).huey, workers=workers, periodic=False,
                              initial_delay=0.05, max_delay=0.2, scheduler_interval=1,
                              check_worker_health=False)
    consumer.start()
    try:
        yield consumer
    finally:
        consumer.stop(graceful=True)


class WorkerProcess:
    """`flask worker` in a subprocess, as production runs it."""

    def __init__(self, setup: MailSetup, log_path: Path, **env: str):
        self.log_path = log_path
        self._log = log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "flask", "worker", "--workers", "1", "--no-periodic"],
            cwd=ROOT, env=setup.environment(**env), stdout=self._log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill(self) -> None:
        """SIGKILL: no chance to clean up, as when a machine dies."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=WAIT_SECONDS)
        self._log.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # Ctrl-C: finish the current job, then exit
            try:
                self.process.wait(timeout=WAIT_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


@pytest.fixture
def start_worker(tmp_path):
    workers: list[WorkerProcess] = []

    def start(setup: MailSetup, **env: str) -> WorkerProcess:
        worker = WorkerProcess(setup, tmp_path / f"worker-{len(workers)}.log", **env)
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()


# --- reading the outbox --------------------------------------------------------------------

def statuses(mail_app) -> dict[int, MessageStatus]:
    """Every message's status, read fresh from the database."""
    with mail_app.app_context():
        rows = db.session.execute(sa.select(OutgoingMessage.id, OutgoingMessage.status)).all()
        return dict(rows)


def all_sent(mail_app, count: int) -> bool:
    found = statuses(mail_app)
    return len(found) == count and all(status == MessageStatus.SENT for status in found.values())

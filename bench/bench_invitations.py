"""Benchmark: 1,000 invitations delivered to a local SMTP server, against a plain smtplib floor.

The product requirement: "1,000 invitations delivered to a local SMTP server, against the floor
in the same run: plain ``smtplib`` sending the same 1,000 already-built messages over one
connection. Target: at most 2× the floor. The request that starts a batch returns in under
300 ms whatever the batch size."

What one run does:

1. Set-up (untimed): a temporary directory holds the instance folder (``UMID_INSTANCE_PATH``),
   a fresh SQLite database built by the real migrations and the Huey queue's SQLite file. The
   shipped programme is loaded (``programmes/umid-2022.yaml``, as ``flask programme load``
   does), four published consultations some days ahead are added (one per round and one for
   the small batch), 1,000 people with distinct addresses and Azerbaijani names (every fifth
   one writes in English), and one organiser. The app is ``create_app("testing")`` with a real
   queue (``HUEY_BACKEND=sqlite``) and mail going to an aiosmtpd server on 127.0.0.1
   (``MAIL_SUPPRESS_SEND=False``); every other mail setting is the app's default
   (``MAIL_BATCH_SIZE`` 50). The organiser signs in with the test client.
2. Then ROUNDS rounds, each on its own event, so that a moment of load from elsewhere on the
   machine touches one round and not the whole comparison; each round is the app's delivery
   followed at once by the floor's:

   * the invite request: GET the event's invitations page for a CSRF token, then POST
     ``/staff/events/<id>/invitations`` with ``people`` = all 1,000 ids; only the POST is
     timed and it must answer 302;
   * producing: the Huey queue is emptied of the ``produce`` job that the POST enqueued, then
     ``run_producers()`` runs in this thread, in an app context, as the worker's job would: it
     renders the 1,000 invitation mails (text, HTML, calendar part and .ics attachment) into the
     outbox and, after each commit, enqueues their delivery jobs;
   * sending: a real Huey consumer (in a thread of this process, 2 worker threads, SQLite
     backend) is started and the clock runs until the SMTP server has received the round's
     1,000 messages and the outbox holds them marked ``sent`` (bounded waits). Delivery =
     producing + sending;
   * the floor: untimed, each of the round's sent rows is read back and built into its MIME
     with the app's own ``build_mime(_content(row, sender))``; then ``smtplib.SMTP(host, port)``
     sends the 1,000 built messages with ``send_message`` over one connection to a fresh
     aiosmtpd server, and only that (connect to QUIT) is timed. The floor serialises the
     messages with the app's own policy (``notifications.mail.WIRE``), so whatever makes the
     app's headers cheaper makes the floor's cheaper too.

3. ``invite_request_100_ms``: the same POST for 100 people on the last event, taken at the end
   (so that its invitations join no delivery being measured), to show that the request does
   not grow with the batch.

``BENCH_SETUP=production`` runs the same on PostgreSQL (database ``bench_invitations``, emptied)
with the queue in Redis (database 12) instead of the embedded SQLite files.

Figures: each round's ratios ``invitations_vs_floor`` = delivery (producing included) / floor
and ``invitations_send_vs_floor`` = sending only / floor, reported as their medians over the
rounds (target ≤ 2× the floor), and the medians of the times; one line per round goes to
stderr. The figures go to stdout as ``BENCH <name> <value> <unit>`` lines, a one-line verdict to
stderr; the exit status is 0 whether or not the targets are met (1 when the run itself could not
be made: a set-up error, or delivery unfinished within its time). Everything stays on the
loopback interface, the SMTP servers and the consumer are stopped in ``finally``, and the
temporary directory is removed. A run takes about a minute; every wait is bounded.

``--profile`` runs the same set-up, then profiles (cProfile, top functions by cumulative time and
by own time) the 1,000-person POST, ``run_producers()``, the same delivery jobs run one after
the other in this thread instead of the consumer (``delivery.deliver_messages`` on batches of
``MAIL_BATCH_SIZE``), and the floor's sending loop, to see where the time goes; it prints no
BENCH lines (the profiler's overhead would distort them).

Run: ``.venv/bin/python bench/bench_invitations.py [--profile]``
"""

from __future__ import annotations

import argparse
import contextlib
import contextvars
import cProfile
import io
import logging
import os
import pstats
import re
import secrets
import smtplib
import socket
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
PEOPLE = 1000
ROUNDS = 3
SMALL_BATCH = 100
PASSWORD = secrets.token_urlsafe(16)  # the organiser's, for this run only
ORGANISER_EMAIL = "nigar.aliyeva@example.az"

SEND_TIMEOUT = 120  # seconds: the consumer's delivery of the 1,000 (a passing run needs far less)
FLOOR_TIMEOUT = 30  # seconds: the SMTP socket timeout of the floor's connection
POLL_INTERVAL = 0.01
PROFILE_TOP = 25
PROFILE_TOP_OWN = 12

FLOOR_TARGET = 2.0  # × the floor, at most
REQUEST_TARGET_MS = 300  # under

FIRST_NAMES = ("Aysel", "Günel", "Ülviyyə", "Şəbnəm", "Leyla", "Nərmin", "Aygün", "Səbinə",
               "Xədicə", "Zərifə", "Elçin", "Rəşad", "Tural", "Orxan", "Vüqar", "Şahin", "Əli",
               "İlqar", "Ceyhun", "Nicat", "Fərid", "Ramil", "Kənan", "Cavid", "Məhəmməd")
SURNAMES = ("Məmmədov", "Əliyev", "Həsənov", "Hüseynov", "Quliyev", "İsmayılov", "Cəfərov",
            "Rəhimov", "Süleymanov", "Qasımov", "Abbasov", "Bağırov", "Nəsirov", "Şükürov",
            "Ələkbərov", "Vəliyev", "Zeynalov", "Orucov", "Kərimov", "Mustafayev")
FEMALE = set(FIRST_NAMES[:10])
ASCII = str.maketrans({"ə": "e", "Ə": "E", "ü": "u", "Ü": "U", "ö": "o", "Ö": "O", "ğ": "g",
                       "ı": "i", "İ": "I", "ş": "s", "Ş": "S", "ç": "c", "Ç": "C"})
CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|'
                     r'name="csrf_token" value="([^"]+)"')


# --- the SMTP server -------------------------------------------------------------------------

class _Handler:
    def __init__(self, server: SmtpSink):
        self.server = server

    async def handle_DATA(self, server, session, envelope):
        self.server.received(len(envelope.original_content or envelope.content))
        return "250 OK"


class SmtpSink:
    """An aiosmtpd server on 127.0.0.1 that accepts everything and counts what it receives."""

    def __init__(self):
        with socket.socket() as probe:
            probe.bind((HOST, 0))
            self.port = probe.getsockname()[1]
        self.count = 0
        self.bytes = 0
        self._lock = threading.Lock()
        self._controller = None

    def received(self, size: int) -> None:
        with self._lock:
            self.count += 1
            self.bytes += size

    def start(self) -> SmtpSink:
        from aiosmtpd.controller import Controller

        self._controller = Controller(_Handler(self), hostname=HOST, port=self.port)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


# --- set-up ----------------------------------------------------------------------------------

def person_fields(index: int) -> dict:
    first = FIRST_NAMES[index % len(FIRST_NAMES)]
    surname = SURNAMES[(index // len(FIRST_NAMES)) % len(SURNAMES)]
    if first in FEMALE:
        surname += "a"
    local = f"{first}.{surname}.{index}".translate(ASCII).lower()
    return {"full_name": f"{first} {surname}", "email": f"{local}@example.az",
            "language": "en" if index % 5 == 4 else "az"}


def seed(db) -> tuple[list[int], int]:
    """The programme, published events (one per round and one for the small batch), the people
    and the organiser; the rounds' events' ids and the small batch's."""
    import sqlalchemy as sa

    from umid_events.auth.models import Role
    from umid_events.auth.services import create_user
    from umid_events.directory.models import Community, Person
    from umid_events.events.kinds import EventStatus, Platform
    from umid_events.events.models import Event
    from umid_events.programmes.loader import parse_programme_file
    from umid_events.programmes.services import load_programme

    programme = load_programme(parse_programme_file(ROOT / "programmes" / "umid-2022.yaml"))
    db.session.commit()
    community = db.session.scalar(sa.select(Community).where(Community.code == "quba-1"))
    starts = datetime.now(UTC).replace(microsecond=0) + timedelta(days=5)
    events = [Event(programme_id=programme.id, kind="consultation", community_id=community.id,
                    title=f"Praktik məsləhət: Quba icması 1, {number}-ci görüş",
                    description="Gündəlik: qeydiyyat, təqdimat, suallar və cavablar.",
                    starts_at=starts + timedelta(days=number),
                    ends_at=starts + timedelta(days=number, minutes=90),
                    status=EventStatus.PUBLISHED, meeting_url="https://zoom.us/j/81234567890",
                    meeting_platform=Platform.ZOOM)
              for number in range(1, ROUNDS + 2)]
    db.session.add_all(events)
    db.session.add_all([Person(**person_fields(index), community_id=community.id)
                        for index in range(PEOPLE)])
    create_user(email=ORGANISER_EMAIL, full_name="Nigar Əliyeva", password=PASSWORD,
                role=Role.ORGANISER)
    db.session.commit()
    return [event.id for event in events[:ROUNDS]], events[ROUNDS].id


def set_up_storage(tmp: Path) -> tuple[str, dict]:
    """The database and the queue: SQLite files (the embedded default), or with
    ``BENCH_SETUP=production`` PostgreSQL (database ``bench_invitations``, its schema emptied)
    and Redis (database 12, emptied), as the README's production set-up."""
    if os.environ.get("BENCH_SETUP", "embedded") != "production":
        return f"sqlite:///{tmp / 'bench.sqlite3'}", {
            "HUEY_BACKEND": "sqlite", "HUEY_NAME": "umid-bench-invitations",
            "HUEY_SQLITE_PATH": str(tmp / "huey.sqlite3"), "REDIS_URL": None}
    import psycopg
    import redis

    server = f"postgresql://postgres@{HOST}:5432"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = 'bench_invitations'").fetchone() is None:
            admin.execute("CREATE DATABASE bench_invitations")
    with psycopg.connect(f"{server}/bench_invitations", autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")
    redis_url = f"redis://{HOST}:6379/12"
    redis.Redis.from_url(redis_url).flushdb()
    return f"{server}/bench_invitations", {
        "HUEY_BACKEND": "redis", "HUEY_NAME": "umid-bench-invitations", "REDIS_URL": redis_url}


def make_app(tmp: Path, smtp_port: int):
    from flask.testing import FlaskClient
    from flask_migrate import upgrade

    from umid_events import create_app
    from umid_events.extensions import db

    class IsolatedClient(FlaskClient):
        """Each request in a fresh context, as on a real server (no ``g`` shared with us)."""

        def open(self, *args, **kwargs):
            return contextvars.Context().run(super().open, *args, **kwargs)

    database_url, queue = set_up_storage(tmp)
    app = create_app("testing", overrides={
        "SQLALCHEMY_DATABASE_URI": database_url, **queue,
        "MAIL_SERVER": HOST, "MAIL_PORT": smtp_port, "MAIL_SUPPRESS_SEND": False,
        "MAIL_USE_TLS": False, "MAIL_USE_SSL": False, "MAIL_USERNAME": None,
        "MAIL_PASSWORD": None, "MAIL_DEFAULT_SENDER": "Ümid Events <umid@example.az>",
    })
    app.instance_path = str(tmp)
    app.test_client_class = IsolatedClient
    with app.app_context(), contextlib.redirect_stderr(io.StringIO()):
        upgrade(directory=str(ROOT / "migrations"))  # its INFO lines are not the verdict
    for handler in logging.getLogger().handlers:  # alembic's console handler: warnings still show
        if isinstance(handler, logging.StreamHandler) and not isinstance(handler,
                                                                         logging.FileHandler):
            handler.setStream(sys.stderr)
    return app, db


# --- the requests ----------------------------------------------------------------------------

def csrf_token(client, url: str) -> str:
    page = client.get(url)
    match = CSRF_RE.search(page.get_data(as_text=True))
    if not match:
        raise RuntimeError(f"no CSRF token on {url} (status {page.status_code})")
    return match.group(1) or match.group(2)


def sign_in(client) -> None:
    token = csrf_token(client, "/login")
    response = client.post("/login", data={"csrf_token": token, "email": ORGANISER_EMAIL,
                                           "password": PASSWORD})
    if response.status_code != 302:
        raise RuntimeError(f"sign-in failed: {response.status}")


def timed_invite(client, event_id: int, person_ids: list[int], profile=None) -> float:
    """The POST that invites ``person_ids`` (its CSRF token fetched first, untimed), in ms."""
    url = f"/staff/events/{event_id}/invitations"
    data = {"csrf_token": csrf_token(client, url), "people": [str(pid) for pid in person_ids]}
    started = time.perf_counter()
    if profile is None:
        response = client.post(url, data=data)
    else:
        response = profile.runcall(client.post, url, data=data)
    elapsed = time.perf_counter() - started
    if response.status_code != 302:
        raise RuntimeError(f"inviting {len(person_ids)} people answered {response.status}")
    return elapsed * 1000


def invitation_count(app, db, event_id: int) -> int:
    import sqlalchemy as sa

    from umid_events.invitations.models import Invitation

    with app.app_context():
        count = db.session.scalar(sa.select(sa.func.count()).select_from(Invitation)
                                  .where(Invitation.event_id == event_id))
        db.session.remove()
    return count


# --- producing and sending -------------------------------------------------------------------

def status_counts(app, db) -> dict[str, int]:
    import sqlalchemy as sa

    from umid_events.notifications.models import OutgoingMessage

    with app.app_context():
        rows = db.session.execute(sa.select(OutgoingMessage.status, sa.func.count())
                                  .group_by(OutgoingMessage.status)).all()
        db.session.remove()
    return {status.value: count for status, count in rows}


def produce(app, db) -> float:
    from umid_events.notifications.tasks import get_queue, run_producers

    get_queue(app).huey.flush()  # the POST's own "produce" job: we run the producers here
    started = time.perf_counter()
    with app.app_context():
        run_producers()
        db.session.remove()
    return time.perf_counter() - started


def wait_until(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(POLL_INTERVAL)
    return True


def send_with_consumer(app, db, sink: SmtpSink) -> tuple[float, bool]:
    """Start a Huey consumer (2 worker threads) and time it until the round's 1,000 rows are sent."""
    from huey.consumer import Consumer

    from umid_events.notifications.tasks import get_queue

    class ThreadConsumer(Consumer):
        def _set_signal_handlers(self):  # signals belong to the main thread
            pass

    received, sent = sink.count + PEOPLE, status_counts(app, db).get("sent", 0) + PEOPLE
    consumer = ThreadConsumer(get_queue(app).huey, workers=2, periodic=False, initial_delay=0.05,
                              max_delay=0.2, scheduler_interval=1, check_worker_health=False)
    deadline = time.monotonic() + SEND_TIMEOUT
    started = time.perf_counter()
    consumer.start()
    try:
        # The SMTP server's count is read without touching the database; the outbox is read
        # only once every message has arrived, until each is recorded as sent.
        done = (wait_until(lambda: sink.count >= received, deadline - time.monotonic())
                and wait_until(lambda: status_counts(app, db).get("sent", 0) >= sent,
                               max(deadline - time.monotonic(), 0)))
        elapsed = time.perf_counter() - started
    finally:
        consumer.stop(graceful=True)
    return elapsed, done


def built_messages(app, db, event_id: int) -> list:
    """The event's sent rows' MIME, built by the app's own ``build_mime(_content(row, sender))``."""
    import sqlalchemy as sa
    from sqlalchemy.orm import selectinload

    from umid_events.notifications.delivery import _content, _sender
    from umid_events.notifications.kinds import MessageStatus
    from umid_events.notifications.mail import build_mime
    from umid_events.notifications.models import OutgoingMessage

    with app.app_context():
        sender = _sender()
        rows = db.session.scalars(
            sa.select(OutgoingMessage).where(OutgoingMessage.status == MessageStatus.SENT,
                                             OutgoingMessage.event_id == event_id)
            .options(selectinload(OutgoingMessage.attachments)).order_by(OutgoingMessage.id))
        messages = [build_mime(_content(row, sender)) for row in rows]
        db.session.remove()
    return messages


def floor_send(messages: list, port: int) -> float:
    started = time.perf_counter()
    with smtplib.SMTP(HOST, port, timeout=FLOOR_TIMEOUT) as connection:
        for message in messages:
            connection.send_message(message)
    return time.perf_counter() - started


# --- profiling -------------------------------------------------------------------------------

def print_profile(title: str, profile: cProfile.Profile) -> None:
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out).strip_dirs()
    stats.sort_stats("cumulative").print_stats(PROFILE_TOP)
    stats.sort_stats("tottime").print_stats(PROFILE_TOP_OWN)
    print(f"\n=== {title}: top {PROFILE_TOP} by cumulative time, "
          f"then top {PROFILE_TOP_OWN} by own time ===")
    print(out.getvalue())


def profile_delivery(app, db) -> None:
    """The producers, then the delivery jobs one after the other in this thread, profiled."""
    import sqlalchemy as sa

    from umid_events.notifications import delivery
    from umid_events.notifications.models import OutgoingMessage
    from umid_events.notifications.tasks import get_queue, run_producers

    get_queue(app).huey.flush()
    profile = cProfile.Profile()
    with app.app_context():
        started = time.perf_counter()
        profile.runcall(run_producers)
        produced = time.perf_counter() - started
        db.session.remove()
    print_profile(f"run_producers() ({produced:.2f} s)", profile)
    get_queue(app).huey.flush()  # the delivery jobs they enqueued: run below instead
    with app.app_context():
        ids = list(db.session.scalars(sa.select(OutgoingMessage.id).order_by(OutgoingMessage.id)))
        size = int(app.config.get("MAIL_BATCH_SIZE", 50))
        profile = cProfile.Profile()
        started = time.perf_counter()
        for start in range(0, len(ids), size):
            profile.runcall(delivery.deliver_messages, ids[start:start + size])
        sent = time.perf_counter() - started
        db.session.remove()
    print_profile(f"deliver_messages() × {len(ids) // size} batches, one thread ({sent:.2f} s)",
                  profile)


# --- the run ---------------------------------------------------------------------------------

@dataclass
class Round:
    """One round: inviting 1,000 people, producing and sending their mail, then the floor."""

    request: float          # ms
    produce: float = 0.0    # s
    send: float = 0.0       # s
    floor: float = 0.0      # s

    @property
    def delivery(self) -> float:
        return self.produce + self.send


def report(rounds: list[Round], request_100: float) -> None:
    def median(values) -> float:
        return statistics.median(list(values))

    ratio = median(each.delivery / each.floor for each in rounds)
    send_ratio = median(each.send / each.floor for each in rounds)
    request = median(each.request for each in rounds)
    print(f"BENCH invite_request_ms {request:.1f} ms")
    print(f"BENCH invite_request_100_ms {request_100:.1f} ms")
    print(f"BENCH invitations_produce_s {median(each.produce for each in rounds):.2f} s")
    print(f"BENCH invitations_send_s {median(each.send for each in rounds):.2f} s")
    print(f"BENCH invitations_delivery_s {median(each.delivery for each in rounds):.2f} s")
    print(f"BENCH smtplib_floor_s {median(each.floor for each in rounds):.2f} s")
    print(f"BENCH invitations_vs_floor {ratio:.2f} x")
    print(f"BENCH invitations_send_vs_floor {send_ratio:.2f} x")
    sys.stdout.flush()
    for number, each in enumerate(rounds, 1):
        print(f"round {number}: invite {each.request:.0f} ms, produce {each.produce:.2f} s + send "
              f"{each.send:.2f} s = {each.delivery:.2f} s; floor {each.floor:.2f} s: "
              f"{each.delivery / each.floor:.2f}x", file=sys.stderr)

    def verdict(value: float, target: float, text: str) -> str:
        return f"{text} {'meets' if value <= target else 'MISSES'}"

    parts = [
        verdict(ratio, FLOOR_TARGET, f"delivery incl. producing {ratio:.2f}x floor"),
        verdict(send_ratio, FLOOR_TARGET, f"sending only {send_ratio:.2f}x floor"),
        f"(target ≤ {FLOOR_TARGET}x)",
        verdict(max(request, request_100), REQUEST_TARGET_MS,
                f"invite request {request:.0f} ms / {request_100:.0f} ms "
                f"(1,000 / 100 people), target < {REQUEST_TARGET_MS} ms:"),
    ]
    print("verdict: " + "; ".join(parts), file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", action="store_true",
                        help="profile producing and delivery in this thread instead of timing")
    arguments = parser.parse_args()

    sinks: list[SmtpSink] = []
    with tempfile.TemporaryDirectory(prefix="bench-invitations-") as tmp_name:
        tmp = Path(tmp_name)
        os.environ["UMID_INSTANCE_PATH"] = tmp_name  # read when config.py is imported
        sys.path.insert(0, str(ROOT))  # config.py lives at the repository root
        app = db = None
        try:
            sink = SmtpSink().start()
            sinks.append(sink)
            app, db = make_app(tmp, sink.port)
            with app.app_context():
                round_events, small_event = seed(db)
                from umid_events.directory.models import Person

                person_ids = [person.id for person in db.session.query(Person.id)]
                db.session.remove()

            client = app.test_client()
            sign_in(client)
            if arguments.profile:
                request_profile = cProfile.Profile()
                elapsed = timed_invite(client, round_events[0], person_ids, request_profile)
                print_profile(f"POST inviting {PEOPLE} people ({elapsed:.0f} ms)", request_profile)
                profile_delivery(app, db)
                messages = built_messages(app, db, round_events[0])
                floor_sink = SmtpSink().start()
                sinks.append(floor_sink)
                profile = cProfile.Profile()
                profile.runcall(floor_send, messages, floor_sink.port)
                print_profile("floor: smtplib send_message × 1,000", profile)
                return 0

            rounds = []
            for event_id in round_events:  # each round: the app's delivery, then the floor's
                each = Round(request=timed_invite(client, event_id, person_ids))
                if invitation_count(app, db, event_id) != PEOPLE:
                    raise RuntimeError("the POST did not record 1,000 invitations")
                each.produce = produce(app, db)
                counts = status_counts(app, db)
                if counts.get("queued", 0) != PEOPLE:
                    raise RuntimeError(f"the producers wrote {counts}, not {PEOPLE} queued messages")
                each.send, done = send_with_consumer(app, db, sink)
                if not done:
                    print(f"bench: delivery not finished after {SEND_TIMEOUT} s: "
                          f"{sink.count} received, outbox {status_counts(app, db)}", file=sys.stderr)
                    return 1
                messages = built_messages(app, db, event_id)
                if len(messages) != PEOPLE:
                    raise RuntimeError(f"{len(messages)} sent rows, not {PEOPLE}")
                floor_sink = SmtpSink().start()
                sinks.append(floor_sink)
                each.floor = floor_send(messages, floor_sink.port)
                if floor_sink.count != PEOPLE:
                    raise RuntimeError(f"the floor's server received {floor_sink.count} messages")
                rounds.append(each)

            request_100 = timed_invite(client, small_event, person_ids[:SMALL_BATCH])
            if invitation_count(app, db, small_event) != SMALL_BATCH:
                raise RuntimeError("the POST did not record 100 invitations")
            report(rounds, request_100)
            return 0
        except Exception as error:  # the set-up failed: say why
            print(f"bench: failed: {type(error).__name__}: {error}", file=sys.stderr)
            return 1
        finally:
            for server in sinks:
                server.stop()
            if app is not None:
                from umid_events.notifications.tasks import EXTENSION_KEY

                queue = app.extensions.get(EXTENSION_KEY)
                if queue is not None:
                    queue.huey.flush()
                with app.app_context():
                    db.session.remove()
                    db.engine.dispose()


if __name__ == "__main__":
    sys.exit(main())

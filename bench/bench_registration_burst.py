"""Benchmark: a burst of 300 public registrations against the production set-up.

The product requirement: "A burst of 300 registrations from 30 concurrent clients against the
production set-up (gunicorn with 2 workers, PostgreSQL), against a floor measured in the same
run: a minimal Flask + SQLAlchemy endpoint on the same server settings that inserts one row.
Targets: throughput at least half of the floor's, p95 latency under 250 ms, registration page
under 60 KB transferred."

What one run does:

1. Database: the PostgreSQL database ``bench_umid`` on 127.0.0.1:5432 (created when missing;
   its ``public`` schema is dropped and recreated, so every run starts empty). The schema is
   built by the real migrations (``flask db upgrade``), the programme by
   ``flask programme load programmes/umid-2022.yaml``, and one published consultation with no
   capacity (two weeks ahead) is added with the models.
2. The app: ``gunicorn --workers 2 app:app`` (sync workers, as in the README) with
   ``UMID_ENV=production``, a random ``SECRET_KEY``, an instance folder in a temporary
   directory and ``REDIS_URL`` (database 13 of the Redis on 127.0.0.1:6379, emptied before and
   after), as the README's production set-up: rate limits counted in Redis, the job queue in
   Redis. ``PUBLIC_FORM_RATE_LIMIT`` is set to "100000 per minute": all 30 clients come from
   127.0.0.1, and the production limit of 30 per minute per address would otherwise refuse
   most of the burst with 429. A registration saves the person, the registration (with the
   intent to mail it) and the seat, and hands the job of writing the confirmation to the queue
   after its commit; no worker runs during the burst. After it, untimed, the bench runs that
   job in-process, as ``flask worker`` would, and checks that every registration got its
   confirmation written (``MAIL_SERVER`` is unset, so they are kept as "held", never sent).
3. The floor: a second ``gunicorn --workers 2`` on the same settings serving a minimal Flask +
   Flask-SQLAlchemy app, generated into the temporary directory, whose ``POST /insert`` saves
   the same posted fields as one row (table ``bench_floor_rows`` in the same database) and
   answers 302, as the registration does. Its engine has SQLAlchemy's defaults: like the app's,
   it does not ping a connection that was in use a moment ago.
4. Load: 30 client threads, each with its own HTTP connection and cookies (http.client; it
   keeps the connection alive when the server allows it; gunicorn's sync workers close it
   after every response, so each timed request includes its TCP connect, for both servers
   alike), 10 operations each, 300 in all, released together by a barrier. For the app, each
   client first GETs the form once, untimed, for its session cookie and CSRF token (tokens are
   valid for the whole session), then times each ``POST /r/<token>`` of a different person
   (distinct name, phone and email); success is a 302 to ``/p/<token>?new=1``. For the floor,
   each ``POST /insert`` with the same fields is timed. The redirects are not followed. Both
   servers are warmed with a few untimed concurrent requests first. Then ROUNDS rounds, each a
   floor burst followed by an app burst (new clients, new people), so that a moment of load
   from elsewhere on the machine touches one round, not the whole comparison. The client
   threads share the machine's cores with the servers and PostgreSQL, equally in both bursts.
5. Figures: throughput = successful operations / wall time of a burst (first request sent
   to last response read); the ratio is the median of the rounds' app/floor ratios, the
   throughputs the medians of the rounds; p50/p95 latency over every timed request of all
   rounds. The bench checks that every burst really created 300 confirmed registrations (rows
   in ``registrations``) or 300 floor rows, and that every registration has its confirmation
   in the outbox once the queued job has run. Beside the wall-clock figures, the CPU time
   (user + system, from /proc) that each burst cost the servers: the burst's gunicorn process
   group plus every PostgreSQL and Redis process, per operation (median of the rounds), and
   the floor's figure over the app's. Bursts last under a second, so the throughput ratio
   moves by ±0.05 from run to run; the CPU per operation is the steadier figure for telling
   whether a change made a registration cheaper.
6. Page size: the bytes gunicorn sends (status line, headers and body; no compression) for a
   first visit to ``GET /r/<token>`` plus every stylesheet, script, image or icon the HTML
   links (and any ``url()``/``@import`` inside those stylesheets), in KB of 1024 bytes.

The figures go to stdout as ``BENCH <name> <value> <unit>`` lines, the verdict (each target met
or missed) to stderr; the exit status is 0 whether or not the targets are met (1 only if the
set-up itself fails). Both gunicorns are stopped (their process groups) at the end, all traffic
stays on the loopback interface, and the temporary directory is removed. A run takes about
30 seconds, and every wait is bounded.

``--profile`` does not start any server: after the same set-up it profiles registrations
in-process (cProfile of ``app.test_client().post(...)`` against ``bench_umid``) and prints the
top functions by cumulative time, to see where a registration's time goes.

Run: ``.venv/bin/python bench/bench_registration_burst.py [--profile]``
"""

from __future__ import annotations

import argparse
import cProfile
import http.client
import io
import os
import pstats
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

import psycopg
import redis
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
HOST = "127.0.0.1"
DB_NAME = "bench_umid"  # never "test": the test suites drop that database's schema
SERVER_URL = f"postgresql://postgres@{HOST}:5432"
DATABASE_URL = f"{SERVER_URL}/{DB_NAME}"
REDIS_URL = f"redis://{HOST}:6379/13"  # a Redis database of the bench's own

WORKERS = 2
CLIENTS = 30
PER_CLIENT = 10
OPERATIONS = CLIENTS * PER_CLIENT
ROUNDS = 5  # short bursts (under a second each): the median of five is steadier than of three
WARMUP_CLIENTS = 4
WARMUP_PER_CLIENT = 3
PROFILE_WARMUP = 3
PROFILE_REQUESTS = 1
PROFILE_TOP = 25  # functions listed by cumulative time
PROFILE_TOP_OWN = 15  # and by time spent in the function itself

REQUEST_TIMEOUT = 30  # seconds, for any single request
START_TIMEOUT = 30  # seconds, for a gunicorn to answer
BURST_TIMEOUT = 60  # seconds, for a whole burst

THROUGHPUT_TARGET = 0.5  # × the floor's throughput, at least
P95_TARGET_MS = 250  # under
PAGE_TARGET_KB = 60  # under

FLOOR_TABLE = "bench_floor_rows"
FLOOR_APP = f'''\
"""The floor: the least a Flask + Flask-SQLAlchemy app does to save one posted row."""

import os

import sqlalchemy as sa
from flask import Flask, redirect, request
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class FloorRow(db.Model):
    __tablename__ = "{FLOOR_TABLE}"
    id = sa.Column(sa.Integer, primary_key=True)
    full_name = sa.Column(sa.String(200), nullable=False)
    phone = sa.Column(sa.String(40))
    email = sa.Column(sa.String(254))


app = Flask(__name__)
app.config.update(SQLALCHEMY_DATABASE_URI=os.environ["FLOOR_DATABASE_URL"])
db.init_app(app)


@app.post("/insert")
def insert():
    row = FloorRow(full_name=request.form["full_name"], phone=request.form.get("phone"),
                   email=request.form.get("email"))
    db.session.add(row)
    db.session.commit()
    return redirect(f"/done/{{row.id}}")


@app.get("/healthz")
def healthz():
    return "ok"
'''


# --- database --------------------------------------------------------------------------------

def reset_database() -> None:
    """Create ``bench_umid`` if missing and start it with an empty ``public`` schema."""
    assert DB_NAME != "test"
    with psycopg.connect(f"{SERVER_URL}/postgres", autocommit=True) as admin:
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DB_NAME,)).fetchone() is None:
            admin.execute(f'CREATE DATABASE "{DB_NAME}"')
    with psycopg.connect(DATABASE_URL, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


def count(query) -> int:
    with psycopg.connect(DATABASE_URL) as conn:
        return conn.execute(query).fetchone()[0]


def confirmed_registrations() -> int:
    return count("SELECT count(*) FROM registrations WHERE status = 'confirmed'")


def confirmations_written() -> int:
    return count("SELECT count(*) FROM outgoing_messages WHERE kind = 'confirmation'")


def empty_redis() -> None:
    redis.Redis.from_url(REDIS_URL).flushdb()


def write_queued_mail(app) -> float:
    """Run the job the registrations queued, as ``flask worker`` would; returns its seconds."""
    from umid_events.core.urls import public_url_context
    from umid_events.extensions import db
    from umid_events.registrations.notices import write_registration_mail

    started = time.perf_counter()
    with app.app_context(), public_url_context():
        write_registration_mail()
        db.session.remove()
    return time.perf_counter() - started


def floor_rows() -> int:
    return count(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(FLOOR_TABLE)))


def bench_environment(instance_dir: str) -> dict[str, str]:
    """The production settings of both servers (and of the ``flask`` commands)."""
    env = {key: value for key, value in os.environ.items()
           if key not in {"MAIL_SERVER", "PROXY_COUNT", "FLASK_DEBUG"}}
    env.update(
        UMID_ENV="production",
        REDIS_URL=REDIS_URL,
        HUEY_NAME="bench-registration",
        SECRET_KEY=secrets.token_urlsafe(48),
        DATABASE_URL=DATABASE_URL,
        FLOOR_DATABASE_URL=DATABASE_URL.replace("postgresql://", "postgresql+psycopg://"),
        PUBLIC_FORM_RATE_LIMIT="100000 per minute",  # every client is 127.0.0.1
        UMID_INSTANCE_PATH=instance_dir,
        FLASK_APP="app",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def flask_command(env: dict[str, str], *args: str) -> None:
    result = subprocess.run([str(VENV_BIN / "flask"), *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"flask {' '.join(args)} failed:\n{result.stdout}{result.stderr}")


@dataclass(frozen=True)
class Seeded:
    registration_token: str
    community_id: int


def seed(env: dict[str, str]):
    """Schema, programme and one open event; returns the seed and the in-process app."""
    flask_command(env, "db", "upgrade")
    flask_command(env, "programme", "load", str(ROOT / "programmes" / "umid-2022.yaml"))
    with psycopg.connect(DATABASE_URL, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE TABLE {} (id serial PRIMARY KEY, full_name varchar(200) "
                             "NOT NULL, phone varchar(40), email varchar(254))")
                     .format(sql.Identifier(FLOOR_TABLE)))

    os.environ.update(env)  # config.py reads UMID_INSTANCE_PATH when it is imported
    for key in ("MAIL_SERVER", "PROXY_COUNT"):
        os.environ.pop(key, None)
    sys.path.insert(0, str(ROOT))
    import sqlalchemy as sa

    from umid_events import create_app
    from umid_events.directory.models import Community
    from umid_events.events.kinds import EventKind, EventStatus
    from umid_events.events.models import Event
    from umid_events.extensions import db
    from umid_events.programmes.models import Programme

    app = create_app("production")
    with app.app_context():
        programme = db.session.scalar(sa.select(Programme).order_by(Programme.id))
        community = db.session.scalar(sa.select(Community).order_by(Community.id))
        starts_at = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(days=14)
        event = Event(programme_id=programme.id, kind=EventKind.CONSULTATION,
                      community_id=community.id, title="İcma görüşü: yerli büdcə, 2025",
                      starts_at=starts_at, ends_at=starts_at + timedelta(hours=2),
                      status=EventStatus.PUBLISHED)
        db.session.add(event)
        db.session.commit()
        seeded = Seeded(event.registration_token, community.id)
        db.session.remove()
        db.engine.dispose()
    return seeded, app


# --- servers ---------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Gunicorn:
    """``gunicorn --workers 2`` in its own process group, logging to a file."""

    def __init__(self, name: str, module: str, cwd: Path, env: dict[str, str], log_dir: Path):
        self.name = name
        self.port = free_port()
        self.log_path = log_dir / f"gunicorn-{name}.log"
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [str(VENV_BIN / "gunicorn"), "--workers", str(WORKERS),
                 "--bind", f"{HOST}:{self.port}", module],
                cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def wait_until_healthy(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                status, _, _ = Client(self.port).request("GET", "/healthz")
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} gunicorn did not answer /healthz with 200:\n"
                           + self.log_path.read_text(errors="replace")[-3000:])

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.process.wait(timeout=wait)
                return
            except subprocess.TimeoutExpired:
                continue


# --- clients ---------------------------------------------------------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
SERVICES = ("postgres", "redis-server")  # the database and the job queue / rate-limit store


def server_cpu_seconds(process_group: int) -> float:
    """CPU time (user + system) used so far by one gunicorn (its process group) and by the
    PostgreSQL and Redis processes: what a burst costs the machine, without the clients."""
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:  # the process has ended meanwhile
            continue
        name = stat[stat.index(b"(") + 1:stat.rindex(b")")].decode(errors="replace")
        fields = stat[stat.rindex(b")") + 2:].split()
        if int(fields[2]) == process_group or name.startswith(SERVICES):
            total += int(fields[11]) + int(fields[12])
    return total / CLOCK_TICKS


class Client:
    """One visitor: its own connection (kept alive when the server allows) and cookie jar."""

    def __init__(self, port: int):
        self.connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
        self.cookies: dict[str, str] = {}
        self.csrf_token = ""

    def request(self, method: str, path: str, form: dict | None = None):
        headers = {"Accept-Encoding": "identity"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()  # a fresh connection for the next request
            raise
        for header in response.headers.get_all("Set-Cookie") or ():
            jar = SimpleCookie()
            jar.load(header)
            self.cookies.update({name: morsel.value for name, morsel in jar.items()})
        return response.status, response.headers, data

    def close(self) -> None:
        self.connection.close()


class PageParser(HTMLParser):
    """The CSRF token of a form, and the stylesheets, scripts and images a page links."""

    LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "apple-touch-icon"}

    def __init__(self):
        super().__init__()
        self.csrf_token = ""
        self.assets: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "input" and attrs.get("name") == "csrf_token":
            self.csrf_token = attrs.get("value", "")
        elif tag == "link" and self.LINK_RELS & set(attrs.get("rel", "").lower().split()):
            self.assets.append(attrs.get("href", ""))
        elif tag in ("script", "img") and attrs.get("src"):
            self.assets.append(attrs["src"])


def parse_page(html: bytes) -> PageParser:
    parser = PageParser()
    parser.feed(html.decode("utf-8", errors="replace"))
    return parser


def person_form(n: int, csrf_token: str, community_id: int) -> dict[str, str]:
    """Person number ``n``: a different name, phone and email for each ``n``."""
    return {
        "csrf_token": csrf_token,
        "full_name": f"Bench İştirakçı {n:05d}",
        "phone": f"+99450{1_000_000 + n}",
        "email": f"bench.participant.{n:05d}@example.org",
        "community_id": str(community_id),
        "group": "community_member",
        "organisation_name": "",
        "gender": ("female", "male", "not_stated")[n % 3],
        "consent": "y",
        "website": "",  # the honeypot: people leave it empty
    }


@dataclass
class Burst:
    latencies_ms: list[float]
    wall_s: float
    succeeded: int
    failures: list[str]

    @property
    def throughput(self) -> float:
        return self.succeeded / self.wall_s if self.wall_s else 0.0

    def percentile_ms(self, pct: int) -> float:
        if len(self.latencies_ms) < 2:
            return self.latencies_ms[0] if self.latencies_ms else float("nan")
        return statistics.quantiles(self.latencies_ms, n=100, method="inclusive")[pct - 1]


def burst(clients: list[Client], operation, per_client: int, first: int = 0) -> Burst:
    """``operation(client, n)`` ``per_client`` times on every client, all released together.

    ``operation`` returns None on success or a short description of what went wrong.
    """
    barrier = threading.Barrier(len(clients) + 1)
    timings: list[list[tuple[float, float]]] = [[] for _ in clients]
    failures: list[str] = []

    def run(index: int, client: Client) -> None:
        try:
            barrier.wait(timeout=START_TIMEOUT)
        except threading.BrokenBarrierError:
            return
        for k in range(per_client):
            started = time.perf_counter()
            try:
                problem = operation(client, first + index * per_client + k)
            except (OSError, http.client.HTTPException) as exc:
                problem = f"{type(exc).__name__}: {exc}"
            finished = time.perf_counter()
            if problem:
                failures.append(problem)
            else:
                timings[index].append((started, finished))

    threads = [threading.Thread(target=run, args=(i, c), daemon=True) for i, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    barrier.wait(timeout=START_TIMEOUT)
    deadline = time.monotonic() + BURST_TIMEOUT
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.monotonic()))
    if any(thread.is_alive() for thread in threads):
        failures.append(f"the burst did not finish within {BURST_TIMEOUT} s")
    spans = [span for per_thread in timings for span in per_thread]
    wall = (max(end for _, end in spans) - min(start for start, _ in spans)) if spans else 0.0
    return Burst([(end - start) * 1000 for start, end in spans], wall, len(spans), failures)


def registration(path: str, community_id: int):
    def register(client: Client, n: int) -> str | None:
        status, headers, _ = client.request("POST", path,
                                            person_form(n, client.csrf_token, community_id))
        location = headers.get("Location", "")
        if status == 302 and "/p/" in location and "new=1" in location:
            return None
        return f"registration {n}: HTTP {status} {location}".strip()

    return register


def floor_insert(client: Client, n: int) -> str | None:
    status, _, _ = client.request("POST", "/insert", person_form(n, "", 0))
    return None if status == 302 else f"floor insert {n}: HTTP {status}"


def open_form(client: Client, path: str) -> None:
    """The untimed first visit: the session cookie and the form's CSRF token."""
    status, _, html = client.request("GET", path)
    token = parse_page(html).csrf_token
    if status != 200 or not token:
        raise RuntimeError(f"GET {path} answered {status} without a CSRF token")
    client.csrf_token = token


# --- page size -------------------------------------------------------------------------------

def fetch_raw(port: int, path: str) -> tuple[int, bytes]:
    """Every byte the server sends for a first visit's GET: ``(status, raw response)``."""
    with socket.create_connection((HOST, port), timeout=REQUEST_TIMEOUT) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nAccept: */*\r\n"
                     "Accept-Encoding: identity\r\nConnection: close\r\n\r\n".encode())
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    raw = b"".join(chunks)
    status = int(raw.split(b" ", 2)[1])
    return status, raw


def page_weight(port: int, path: str) -> tuple[int, list[str]]:
    """Bytes transferred for the page and everything it links; and what was counted."""
    base = f"http://{HOST}:{port}{path}"
    status, raw = fetch_raw(port, path)
    if status != 200:
        raise RuntimeError(f"GET {path} answered {status}")
    total, counted = len(raw), [f"{path} {len(raw)} B"]
    queue = [urljoin(base, url) for url in parse_page(raw.partition(b"\r\n\r\n")[2]).assets]
    seen = set()
    while queue:
        url = queue.pop(0)
        parts = urlsplit(url)
        if url in seen or not parts.path:
            continue
        seen.add(url)
        if parts.netloc != f"{HOST}:{port}":
            counted.append(f"{url} NOT COUNTED (another host)")
            continue
        asset_path = parts.path + (f"?{parts.query}" if parts.query else "")
        status, raw = fetch_raw(port, asset_path)
        total += len(raw)
        counted.append(f"{asset_path} {len(raw)} B (HTTP {status})")
        if parts.path.endswith(".css"):
            css = raw.partition(b"\r\n\r\n")[2].decode("utf-8", errors="replace")
            for ref in re.findall(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""", css):
                target = ref[0] or ref[1]
                if not target.startswith("data:"):
                    queue.append(urljoin(url, target))
    return total, counted


# --- the two modes ---------------------------------------------------------------------------

@dataclass(frozen=True)
class MailCheck:
    written: int      # confirmations in the outbox after the queued job ran
    expected: int     # registrations made (warm-up and burst)
    seconds: float    # the job's time

    @property
    def complete(self) -> bool:
        return self.written == self.expected


def run_bench(env: dict[str, str], seeded: Seeded, tmp: Path, in_process_app) -> None:
    floor_dir = tmp / "floor"
    floor_dir.mkdir()
    (floor_dir / "bench_floor.py").write_text(FLOOR_APP)
    form_path = f"/r/{seeded.registration_token}"
    servers = []
    try:
        app_server = Gunicorn("app", "app:app", ROOT, env, tmp)
        servers.append(app_server)
        floor_server = Gunicorn("floor", "bench_floor:app", floor_dir, env, tmp)
        servers.append(floor_server)
        deadline = time.monotonic() + START_TIMEOUT
        app_server.wait_until_healthy(deadline)
        floor_server.wait_until_healthy(deadline)

        page_bytes, counted = page_weight(app_server.port, form_path)

        # Warm-up: a few concurrent, untimed requests, so that both workers of each server
        # have loaded their code, compiled their templates and opened their connections.
        register = registration(form_path, seeded.community_id)
        warm_clients = [Client(app_server.port) for _ in range(WARMUP_CLIENTS)]
        for client in warm_clients:
            open_form(client, form_path)
        warm_app = burst(warm_clients, register, WARMUP_PER_CLIENT, first=90_000)
        warm_floor = burst([Client(floor_server.port) for _ in range(WARMUP_CLIENTS)],
                           floor_insert, WARMUP_PER_CLIENT, first=90_000)
        for warm in (warm_app, warm_floor):
            if warm.failures:
                raise RuntimeError(f"warm-up failed: {warm.failures[:3]}")

        rounds = []
        for number in range(ROUNDS):
            floor_before = floor_rows()
            floor_clients = [Client(floor_server.port) for _ in range(CLIENTS)]
            cpu_before = server_cpu_seconds(floor_server.process.pid)
            floor = burst(floor_clients, floor_insert, PER_CLIENT, first=number * OPERATIONS)
            floor_cpu = server_cpu_seconds(floor_server.process.pid) - cpu_before
            floor_created = floor_rows() - floor_before

            clients = [Client(app_server.port) for _ in range(CLIENTS)]
            for client in clients:
                open_form(client, form_path)
            registered_before = confirmed_registrations()
            cpu_before = server_cpu_seconds(app_server.process.pid)
            app = burst(clients, register, PER_CLIENT, first=number * OPERATIONS)
            app_cpu = server_cpu_seconds(app_server.process.pid) - cpu_before
            registered = confirmed_registrations() - registered_before
            rounds.append(Round(app, floor, registered, floor_created, app_cpu, floor_cpu))
    finally:
        for server in servers:
            server.stop()
    seconds = write_queued_mail(in_process_app)
    mail = MailCheck(confirmations_written(), confirmed_registrations(), seconds)
    report(rounds, page_bytes, counted, mail)


@dataclass(frozen=True)
class Round:
    app: Burst
    floor: Burst
    registered: int
    floor_created: int
    app_cpu_s: float = 0.0
    floor_cpu_s: float = 0.0

    @property
    def ratio(self) -> float:
        return self.app.throughput / self.floor.throughput if self.floor.throughput else 0.0

    @property
    def valid(self) -> bool:
        return (self.registered == OPERATIONS == self.app.succeeded
                and self.floor_created == OPERATIONS == self.floor.succeeded)


def report(rounds: list[Round], page_bytes: int, counted: list[str], mail: MailCheck) -> None:
    ratio = statistics.median(each.ratio for each in rounds)
    every = Burst([ms for each in rounds for ms in each.app.latencies_ms], 0.0, 0, [])
    every_floor = Burst([ms for each in rounds for ms in each.floor.latencies_ms], 0.0, 0, [])
    p50, p95 = every.percentile_ms(50), every.percentile_ms(95)
    page_kb = page_bytes / 1024
    print(f"BENCH registration_throughput {statistics.median(e.app.throughput for e in rounds):.1f} req/s")
    print(f"BENCH registration_floor_throughput "
          f"{statistics.median(e.floor.throughput for e in rounds):.1f} req/s")
    print(f"BENCH registration_throughput_vs_floor {ratio:.2f} x")
    print(f"BENCH registration_p50_ms {p50:.1f} ms")
    print(f"BENCH registration_p95_ms {p95:.1f} ms")
    print(f"BENCH registration_floor_p95_ms {every_floor.percentile_ms(95):.1f} ms")
    app_cpu = statistics.median(1000 * e.app_cpu_s / OPERATIONS for e in rounds)
    floor_cpu = statistics.median(1000 * e.floor_cpu_s / OPERATIONS for e in rounds)
    print(f"BENCH registration_server_cpu_ms {app_cpu:.2f} ms")
    print(f"BENCH registration_floor_server_cpu_ms {floor_cpu:.2f} ms")
    print(f"BENCH registration_cpu_floor_vs_app {floor_cpu / app_cpu if app_cpu else 0:.2f} x")
    print(f"BENCH registration_page_kb {page_kb:.1f} KB")
    print(f"BENCH registration_mail_job_ms_per_confirmation "
          f"{1000 * mail.seconds / max(mail.expected, 1):.2f} ms")

    sys.stdout.flush()
    details = [f"page: {'; '.join(counted)}"]
    for number, each in enumerate(rounds, 1):
        details += [
            f"round {number}: floor {each.floor.succeeded}/{OPERATIONS} in "
            f"{each.floor.wall_s:.2f} s ({each.floor_created} rows), app "
            f"{each.app.succeeded}/{OPERATIONS} in {each.app.wall_s:.2f} s "
            f"({each.registered} confirmed registrations): {each.ratio:.2f}x"]
        for name, run in (("app", each.app), ("floor", each.floor)):
            if run.failures:
                details.append(f"  {name} failures ({len(run.failures)}): {run.failures[:5]}")
    details.append(f"mail: the queued job wrote {mail.written} confirmations for "
                   f"{mail.expected} registrations in {mail.seconds:.2f} s")
    print("\n".join(details), file=sys.stderr)

    valid = all(each.valid for each in rounds) and mail.complete
    verdict = [
        f"throughput {ratio:.2f}x the floor {'meets' if ratio >= THROUGHPUT_TARGET else 'MISSES'} "
        f"the >= {THROUGHPUT_TARGET}x target",
        f"p95 {p95:.0f} ms {'meets' if p95 < P95_TARGET_MS else 'MISSES'} "
        f"the < {P95_TARGET_MS} ms target",
        f"page {page_kb:.1f} KB {'meets' if page_kb < PAGE_TARGET_KB else 'MISSES'} "
        f"the < {PAGE_TARGET_KB} KB target",
    ]
    if not valid:
        verdict.append(f"RUN INVALID: expected {OPERATIONS} registrations and {OPERATIONS} floor "
                       f"rows in every round and a confirmation for each registration, got "
                       f"{[(each.registered, each.floor_created) for each in rounds]} and "
                       f"{mail.written}/{mail.expected}")
    print("verdict: " + "; ".join(verdict), file=sys.stderr)


def run_profile(app, seeded: Seeded) -> None:
    """cProfile of registrations through ``app.test_client()`` against the bench database."""
    path = f"/r/{seeded.registration_token}"
    client = app.test_client()
    page = client.get(path, base_url="https://127.0.0.1")  # the session cookie is Secure
    token = parse_page(page.data).csrf_token
    if page.status_code != 200 or not token:
        raise RuntimeError(f"GET {path} answered {page.status_code} without a CSRF token")

    def post(n: int) -> float:
        started = time.perf_counter()
        response = client.post(path, data=person_form(n, token, seeded.community_id),
                               base_url="https://127.0.0.1")
        elapsed = time.perf_counter() - started
        if response.status_code != 302:
            raise RuntimeError(f"registration {n} answered {response.status_code}")
        return elapsed * 1000

    for n in range(PROFILE_WARMUP):
        post(n)
    unprofiled = statistics.median(post(100 + n) for n in range(5))
    profiler = cProfile.Profile()
    profiler.enable()
    for n in range(PROFILE_REQUESTS):
        post(200 + n)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    print(f"In-process registration (no server): median {unprofiled:.1f} ms without the "
          f"profiler; profile of {PROFILE_REQUESTS} request(s), total {stats.total_tt * 1000:.1f} ms"
          " with the profiler:")
    stats.sort_stats("cumulative").print_stats(PROFILE_TOP)
    stats.sort_stats("tottime").print_stats(PROFILE_TOP_OWN)
    print(out.getvalue())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--profile", action="store_true",
                        help="profile registrations in-process instead of running the burst")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-registration-") as tmp_name:
        tmp = Path(tmp_name)
        instance_dir = tmp / "instance"
        instance_dir.mkdir()
        env = bench_environment(str(instance_dir))
        try:
            reset_database()
            empty_redis()
            seeded, app = seed(env)
            if args.profile:
                run_profile(app, seeded)
                with app.app_context():
                    from umid_events.extensions import db

                    db.session.remove()
                    db.engine.dispose()
            else:
                run_bench(env, seeded, tmp, app)
        except (RuntimeError, OSError, psycopg.Error, redis.RedisError,
                subprocess.SubprocessError) as error:
            print(f"bench set-up failed: {error}", file=sys.stderr)
            return 1
        finally:
            empty_redis()
    return 0


if __name__ == "__main__":
    sys.exit(main())

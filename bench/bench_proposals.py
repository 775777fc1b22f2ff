"""Benchmark: saving a live proposal while the event already holds 2,000, and the live refresh.

The product requirement: "Saving a live entry while the event already holds 2,000 proposals:
the median round trip against the floor of a bare Flask endpoint inserting one row on the same
server in the same run (target at most 3×), and the live list's refresh must not grow with the
number of proposals (it sends only what changed)."

What one run does:

1. Database: PostgreSQL ``bench_proposals`` on 127.0.0.1:5432 (created when missing; its
   ``public`` schema is dropped and recreated), built by the real migrations; the programme is
   loaded, one held seminar is added with a moderator account, and 2,000 proposals (recorded a
   day earlier) are inserted for it.
2. One HTTP server (werkzeug, threaded, HTTP/1.1 keep-alive) in this process serves both the
   app (``UMID_ENV=production`` settings, CSRF on, signed-in session) and, under ``/floor``,
   a bare Flask + Flask-SQLAlchemy app whose ``POST /floor/insert`` saves the posted JSON as one
   row in the same database and answers JSON.
3. Saving: in 4 rounds, 50 timed ``POST /floor/insert`` then 50 timed
   ``POST /staff/events/<id>/proposals/live/entries`` (JSON with a fresh key, a topic, an
   authority, a speaker's group and community), each a full round trip from one client
   connection. Figures: the medians, and their ratio (target ≤ 3).
4. Refresh: the screen's poll ``GET …/live/feed?since=<cursor>`` with nothing changed, and with
   one entry changed, at 2,000 proposals and again after 8,000 more (10,200): medians of 30
   polls each and the bytes sent. The ratio 10,200 / 2,000 should stay near 1; the first full
   load's size is printed for contrast. Before each refresh measurement every proposal is
   marked as last changed an hour earlier and ``VACUUM ANALYZE proposals`` runs, as autovacuum
   would after such a bulk change.

Prints ``BENCH <name> <value> <unit>`` on stdout and the verdict on stderr; always exits 0
(1 only when the set-up fails).

    .venv/bin/python bench/bench_proposals.py
"""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HOST = "127.0.0.1"
SERVER_URL = f"postgresql://postgres@{HOST}:5432"
DB_NAME = "bench_proposals"  # never "test": the test suites drop that database's schema
EXISTING = 2000
MORE = 8000
ROUNDS, PER_ROUND = 4, 50
POLLS = 30
TARGET = 3.0


def _prepare_database() -> str:
    import psycopg
    from psycopg import sql

    with psycopg.connect(f"{SERVER_URL}/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DB_NAME,)).fetchone():
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DB_NAME)))
    with psycopg.connect(f"{SERVER_URL}/{DB_NAME}", autocommit=True) as connection:
        connection.execute("DROP SCHEMA IF EXISTS public CASCADE")
        connection.execute("CREATE SCHEMA public")
    return f"{SERVER_URL}/{DB_NAME}"


def _floor_app(database_url: str):
    import sqlalchemy as sa
    from flask import Flask, jsonify, request
    from flask_sqlalchemy import SQLAlchemy

    floor_db = SQLAlchemy()

    class FloorRow(floor_db.Model):
        __tablename__ = "bench_floor_rows"
        id = sa.Column(sa.Integer, primary_key=True)
        key = sa.Column(sa.String(64), unique=True)
        text = sa.Column(sa.Text, nullable=False)

    app = Flask("floor")
    app.config["SQLALCHEMY_DATABASE_URI"] = database_url.replace("postgresql://", "postgresql+psycopg://")
    floor_db.init_app(app)

    @app.post("/insert")
    def insert():
        payload = request.get_json()
        row = FloorRow(key=payload["key"], text=payload["text"])
        floor_db.session.add(row)
        floor_db.session.commit()
        return jsonify(ok=True, id=row.id), 201

    with app.app_context():
        floor_db.create_all()
    return app


def _seed(app):
    import sqlalchemy as sa
    from flask_migrate import upgrade

    from umid_events.auth.models import Role
    from umid_events.auth.services import create_user
    from umid_events.directory.models import Community, Organisation
    from umid_events.events.kinds import EventKind, EventStatus
    from umid_events.events.models import Event
    from umid_events.extensions import db
    from umid_events.programmes.loader import parse_programme_file
    from umid_events.programmes.services import load_programme
    from umid_events.proposals.models import ProposalTopic

    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        programme = load_programme(parse_programme_file(ROOT / "programmes" / "umid-2022.yaml"))
        starts = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
        event = Event(programme=programme, kind=EventKind.SEMINAR, title="Bench seminar",
                      starts_at=starts, ends_at=starts + timedelta(hours=3), status=EventStatus.HELD)
        db.session.add(event)
        password = secrets.token_urlsafe(12)
        user = create_user(email="bench-moderator@example.org", full_name="Bench Moderator",
                           password=password, role=Role.MODERATOR)
        db.session.commit()
        ids = {
            "event": event.id, "email": user.email, "password": password,
            "topics": list(db.session.scalars(sa.select(ProposalTopic.id))),
            "authorities": list(db.session.scalars(sa.select(Organisation.id).limit(5))) or [None],
            "communities": list(db.session.scalars(sa.select(Community.id))),
        }
        _bulk_proposals(app, ids, EXISTING, "a")
    return ids


def _bulk_proposals(app, ids, count: int, prefix: str) -> None:
    from umid_events.core.aztext import search_key
    from umid_events.extensions import db
    from umid_events.proposals.models import Proposal, new_proposal_token

    earlier = datetime.now(UTC) - timedelta(days=1)
    rows = []
    for number in range(count):
        text = f"Təklif {prefix}{number}: kənd yolunun təmiri, su xətti və məktəb avtobusu"
        rows.append({
            "public_token": new_proposal_token(), "title": text[:60], "text": text,
            "search_text": search_key(text), "topic_id": ids["topics"][number % len(ids["topics"])],
            "authority_id": ids["authorities"][number % len(ids["authorities"])],
            "event_id": ids["event"], "origin": "moderator", "show_name": False,
            "proposer_group": "community_member",
            "community_id": ids["communities"][number % len(ids["communities"])],
            "status": "new", "idempotency_key": f"bulk-{prefix}-{number}", "published": True,
            "moderated_at": earlier, "created_at": earlier, "updated_at": earlier, "version": 1,
        })
    with app.app_context():
        db.session.execute(Proposal.__table__.insert(), rows)
        db.session.commit()


class Client:
    """One keep-alive connection with its cookies, as one moderator's browser."""

    def __init__(self, port: int):
        self.connection = http.client.HTTPConnection(HOST, port, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        data = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, data

    def timed(self, method: str, path: str, body: bytes, headers: dict) -> tuple[float, int, bytes]:
        started = time.perf_counter()
        status, data = self.request(method, path, body, headers)
        return (time.perf_counter() - started) * 1000, status, data


def _csrf(html: bytes) -> str:
    match = re.search(rb'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', html)
    if not match:
        raise SystemExit("no CSRF token found")
    return match.group(1).decode()


def _sign_in(client: Client, ids) -> str:
    _status, page = client.request("GET", "/login")
    form = urlencode({"csrf_token": _csrf(page), "email": ids["email"], "password": ids["password"]})
    status, _ = client.request("POST", "/login", form.encode(),
                               {"Content-Type": "application/x-www-form-urlencoded"})
    if status != 302:
        raise SystemExit(f"sign-in failed ({status})")
    status, page = client.request("GET", f"/staff/events/{ids['event']}/proposals/live")
    match = re.search(rb'data-csrf="([^"]+)"', page)
    if status != 200 or not match:
        raise SystemExit(f"the live screen did not open ({status})")
    return match.group(1).decode()


def _entry(ids, number: int) -> bytes:
    return json.dumps({
        "key": secrets.token_urlsafe(16), "text": f"Canlı təklif {number}: kəndə qaz xətti çəkilsin",
        "topic_id": ids["topics"][number % len(ids["topics"])],
        "authority_id": ids["authorities"][0], "group": "community_member",
        "community_id": ids["communities"][number % len(ids["communities"])],
    }).encode()


def _polls(client: Client, ids, since: str) -> tuple[float, int, int]:
    """Median ms of POLLS refreshes since ``since``, bytes of one answer, entries in it."""
    path = f"/staff/events/{ids['event']}/proposals/live/feed?since={quote(since)}"
    client.request("GET", path)  # warm
    timings, size, entries = [], 0, 0
    for _ in range(POLLS):
        ms, status, data = client.timed("GET", path, None, {"Accept": "application/json"})
        if status != 200:
            raise SystemExit(f"feed answered {status}")
        timings.append(ms)
        size, entries = len(data), len(json.loads(data)["entries"])
    return statistics.median(timings), size, entries


def _age_all(app) -> None:
    """Every proposal last changed an hour ago: the next refresh starts from nothing changed."""
    from umid_events.extensions import db
    from umid_events.proposals.models import Proposal

    with app.app_context():
        db.session.execute(Proposal.__table__.update().values(
            updated_at=datetime.now(UTC) - timedelta(hours=1)))
        db.session.commit()
        _analyse(db)


def _analyse(db) -> None:
    """Fresh planner statistics after a bulk change, as autovacuum keeps them in production."""
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM ANALYZE proposals")


def _refresh(client, ids, csrf, app) -> dict:
    _age_all(app)
    idle_ms, idle_bytes, idle_entries = _polls(client, ids, datetime.now(UTC).isoformat())
    before = datetime.now(UTC).isoformat()
    status, _ = client.request("POST", f"/staff/events/{ids['event']}/proposals/live/entries",
                               _entry(ids, 0), {"Content-Type": "application/json", "X-CSRFToken": csrf})
    one_ms, one_bytes, one_entries = _polls(client, ids, before)
    if status != 201:
        raise SystemExit(f"a live entry was refused ({status})")
    return {"idle_ms": idle_ms, "idle_bytes": idle_bytes, "idle_entries": idle_entries,
            "one_ms": one_ms, "one_bytes": one_bytes, "one_entries": one_entries}


def main() -> int:
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(48))
    instance = tempfile.mkdtemp(prefix="bench-proposals-")
    os.environ["UMID_INSTANCE_PATH"] = instance
    try:
        database_url = _prepare_database()
    except Exception as exc:  # noqa: BLE001
        print(f"PostgreSQL is not reachable at {SERVER_URL}: {exc}", file=sys.stderr)
        return 1
    from werkzeug.middleware.dispatcher import DispatcherMiddleware
    from werkzeug.serving import WSGIRequestHandler, make_server

    from umid_events import create_app

    app = create_app("production", overrides={
        "SQLALCHEMY_DATABASE_URI": database_url.replace("postgresql://", "postgresql+psycopg://"),
        "SESSION_COOKIE_SECURE": False, "HUEY_BACKEND": "memory"})
    ids = _seed(app)
    floor = _floor_app(database_url)

    class KeepAlive(WSGIRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_request(self, *args, **kwargs):
            pass

    server = make_server(HOST, 0, DispatcherMiddleware(app, {"/floor": floor}), threaded=True,
                         request_handler=KeepAlive)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        client = Client(server.server_port)
        csrf = _sign_in(client, ids)
        full_status, full = client.request(
            "GET", f"/staff/events/{ids['event']}/proposals/live/feed")
        at_2000 = _refresh(client, ids, csrf, app)

        headers = {"Content-Type": "application/json", "X-CSRFToken": csrf, "Accept": "application/json"}
        live_path = f"/staff/events/{ids['event']}/proposals/live/entries"
        for number in range(5):  # warm both
            client.timed("POST", "/floor/insert", _entry(ids, number), headers)
            client.timed("POST", live_path, _entry(ids, number), headers)
        floor_ms, live_ms = [], []
        for round_number in range(ROUNDS):
            for number in range(PER_ROUND):
                ms, status, _ = client.timed("POST", "/floor/insert", _entry(ids, number), headers)
                assert status == 201, status
                floor_ms.append(ms)
            for number in range(PER_ROUND):
                ms, status, data = client.timed("POST", live_path, _entry(ids, round_number * 100 + number),
                                                headers)
                if status != 201:
                    raise SystemExit(f"a live entry was refused ({status}): {data[:200]!r}")
                live_ms.append(ms)

        _bulk_proposals(app, ids, MORE, "b")
        at_10000 = _refresh(client, ids, csrf, app)
    finally:
        server.shutdown()
        thread.join(timeout=10)

    floor_median, live_median = statistics.median(floor_ms), statistics.median(live_ms)
    ratio = live_median / floor_median
    growth = at_10000["one_ms"] / at_2000["one_ms"]
    print(f"BENCH proposals_live_save_ms {live_median:.2f} ms")
    print(f"BENCH proposals_floor_insert_ms {floor_median:.2f} ms")
    print(f"BENCH proposals_live_save_vs_floor {ratio:.2f} x")
    print(f"BENCH proposals_live_save_p95_ms {sorted(live_ms)[int(len(live_ms) * 0.95)]:.2f} ms")
    print(f"BENCH proposals_refresh_idle_2000_ms {at_2000['idle_ms']:.2f} ms")
    print(f"BENCH proposals_refresh_idle_10200_ms {at_10000['idle_ms']:.2f} ms")
    print(f"BENCH proposals_refresh_one_change_2000_ms {at_2000['one_ms']:.2f} ms")
    print(f"BENCH proposals_refresh_one_change_10200_ms {at_10000['one_ms']:.2f} ms")
    print(f"BENCH proposals_refresh_growth_10200_vs_2000 {growth:.2f} x")
    print(f"BENCH proposals_refresh_one_change_bytes {at_10000['one_bytes']} bytes")
    print(f"BENCH proposals_full_load_2000_bytes {len(full)} bytes")
    print(f"entries in the refreshes: idle {at_2000['idle_entries']}/{at_10000['idle_entries']}, "
          f"one change {at_2000['one_entries']}/{at_10000['one_entries']}; full load status "
          f"{full_status}", file=sys.stderr)
    saved_ok = ratio <= TARGET
    flat = growth <= 1.5 and at_10000["one_entries"] == at_2000["one_entries"] == 1
    print(f"verdict: save {'OK' if saved_ok else 'OVER TARGET'} ({ratio:.2f}x the floor; target ≤ "
          f"{TARGET:.0f}x); refresh {'OK' if flat else 'GROWS'} ({growth:.2f}x from 2,000 to 10,200 "
          "proposals, sending only what changed)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

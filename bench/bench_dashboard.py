"""Benchmark of the programme dashboard ``GET /staff/dashboard`` as the data grows tenfold.

One run, one database: first a tenth of the data (5,000 people, 500 events, 10,000
registrations, 2,000 proposals, with their attendance), measured; then the rest is added
(50,000 people, 5,000 events, 100,000 registrations, 20,000 proposals in all) and measured again.

* ``dashboard_queries_small`` / ``_large``: SQL statements per page (a SQLAlchemy
  ``before_cursor_execute`` listener) when the figures are computed; they must be equal: no
  query per row. ``dashboard_cached_queries_*``: the same for a page served from the figures kept
  for ``DASHBOARD_CACHE_SECONDS`` (see ``umid_events/dashboard/cache.py``).
* ``dashboard_catch_up_ms_small`` / ``_large``: that first page after the data was written. The
  people reached and registered are kept as facts (``umid_events/dashboard/facts.py``): the
  database notes every person whose registrations or attendance change (triggers, also for the
  bulk inserts of this seeding), and the next computation of the figures counts those people
  again. Here that is everyone just written, as after a big import in production; nothing is
  computed ahead of the first page. (On PostgreSQL the consumed notes are then vacuumed, as
  autovacuum would soon do; ``analyse`` likewise stands in for it after the bulk load.)
* ``dashboard_fresh_ms_small`` / ``_large``: median of RUNS requests through ``app.test_client()``
  (signed in; every figure, the page with its SVG charts) after WARMUP untimed ones, each with
  ``?fresh=1``: every figure computed again: the facts brought up to date (nobody changed since
  the first page: a fixed number of statements that find nothing to do), the people figures read
  from the facts' cells, the others (sessions, proposals, outcomes, …) counted by their aggregate
  queries over the records. ``dashboard_fresh_time_ratio`` = large / small is the main figure,
  target under 3.
* ``dashboard_cached_ms_*`` and ``dashboard_cached_time_ratio``: the same with the figures kept
  between requests as in production (a director opening the page twice within a minute); shown
  beside the fresh figures, not instead of them.
* ``report_xlsx_ms_large`` and ``report_pdf_ms_large``: the reports on the full data, for scale.

Database: PostgreSQL ``bench_dashboard`` (created with ``createdb`` when missing, its ``public``
schema dropped and rebuilt by the real migrations), or ``BENCH_DATABASE_URL``; with
``BENCH_DATABASE_URL=sqlite`` a temporary SQLite file. Figures go to stdout as
``BENCH <name> <value> <unit>``, the verdict to stderr; the exit status is always 0.

Run: ``.venv/bin/python bench/bench_dashboard.py``
"""

from __future__ import annotations

import contextvars
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PEOPLE, EVENTS, REGISTRATIONS, PROPOSALS = 50_000, 5_000, 100_000, 20_000
WARMUP, RUNS = 3, 15
RATIO_TARGET = 3.0
PG_URL = "postgresql://postgres@127.0.0.1:5432/bench_dashboard"
PASSWORD = "correct horse battery"  # noqa: S105  (a throwaway bench account)


def database_url(workdir: Path) -> str:
    url = os.environ.get("BENCH_DATABASE_URL", PG_URL)
    if url == "sqlite":
        return f"sqlite:///{workdir / 'bench.sqlite3'}"
    if url == PG_URL:
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", "bench_dashboard"],
                       capture_output=True, check=False)
    return url


def median_ms(action) -> float:
    for _ in range(WARMUP):
        action()
    gc.collect()
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000


class Block:
    """One slice of the data with explicit ids: ``first`` is the number of rows already there."""

    def __init__(self, share: float, already: dict[str, int]):
        self.people = int(PEOPLE * share)
        self.events = int(EVENTS * share)
        self.registrations = int(REGISTRATIONS * share)
        self.proposals = int(PROPOSALS * share)
        self.first = already


def add_block(db, programme_id: int, block: Block) -> None:
    import sqlalchemy as sa

    from umid_events.attendance.models import AttendanceRecord
    from umid_events.directory.models import Community, Organisation, OrganisationKind, Person
    from umid_events.events.kinds import EventKind, EventStatus
    from umid_events.events.models import Event
    from umid_events.outcomes.models import PaymentFollowUp
    from umid_events.proposals.models import AuthorityAnswer, Proposal
    from umid_events.registrations.models import Registration

    communities = list(db.session.scalars(sa.select(Community.id).order_by(Community.id)))
    authorities = list(db.session.scalars(sa.select(Organisation.id).where(
        Organisation.kind.in_([OrganisationKind.LOCAL_EXECUTIVE, OrganisationKind.EXECUTIVE]))))
    now = datetime.now(UTC)
    p0, e0, r0, q0 = (block.first[key] for key in ("people", "events", "registrations", "proposals"))
    genders = ("female", "male", "not_stated")
    db.session.execute(sa.insert(Person), [
        {"id": p0 + i + 1, "full_name": f"Bench Person {p0 + i}", "name_sort": f"bench person {p0 + i:06d}",
         "search_text": f"bench person {p0 + i}", "gender": genders[i % 3], "language": "az",
         "community_id": communities[i % len(communities)] if i % 10 else None,
         "created_at": now, "updated_at": now} for i in range(block.people)])
    kinds = [EventKind.CONSULTATION] * 6 + [EventKind.TRAINING] * 3 + [EventKind.SEMINAR]
    start = datetime(2022, 3, 2, 7, tzinfo=UTC)
    event_rows = []
    for i in range(block.events):
        kind = kinds[i % len(kinds)]
        starts = start + timedelta(hours=7 * (e0 + i) % (150 * 24))
        status = (EventStatus.CANCELLED if i % 25 == 0 else EventStatus.PUBLISHED if i % 7 == 0
                  else EventStatus.HELD)
        event_rows.append({
            "id": e0 + i + 1, "programme_id": programme_id, "kind": kind, "status": status,
            "community_id": None if kind is EventKind.SEMINAR else communities[i % len(communities)],
            "title": f"Bench {kind} {e0 + i}", "starts_at": starts, "ends_at": starts + timedelta(hours=2)})
    db.session.execute(sa.insert(Event), event_rows)
    held = {row["id"] for row in event_rows if row["status"] is EventStatus.HELD}

    registrations, attendance = [], []
    for i in range(block.registrations):
        person = p0 + 1 + i % block.people
        event = e0 + 1 + (i * 31 + i // block.people) % block.events
        status = "cancelled" if i % 20 == 0 else "confirmed"
        registrations.append({"id": r0 + i + 1, "event_id": event, "person_id": person, "status": status,
                              "group": "community_member" if i % 4 else "municipality", "source": "self",
                              "consent_at": now, "created_at": now, "updated_at": now,
                              "personal_token": f"bench-{r0 + i}"})
        if event in held and i % 10 < 7:
            attendance.append({"event_id": event, "person_id": person, "registration_id": r0 + i + 1,
                               "minutes": 100, "present": i % 10 < 6, "source": "report",
                               "created_at": now, "updated_at": now})
    for chunk in range(0, len(registrations), 20_000):
        db.session.execute(sa.insert(Registration), registrations[chunk:chunk + 20_000])
    for chunk in range(0, len(attendance), 20_000):
        db.session.execute(sa.insert(AttendanceRecord), attendance[chunk:chunk + 20_000])

    statuses = ("new", "accepted", "merged", "declined", "sent", "answered", "implemented")
    db.session.execute(sa.insert(Proposal), [
        {"id": q0 + i + 1, "public_token": f"bench-{q0 + i}", "title": f"Təklif {q0 + i}", "text": "Mətn",
         "search_text": "metn", "origin": "moderator", "status": statuses[i % len(statuses)],
         "event_id": e0 + 1 + i % block.events, "authority_id": authorities[i % len(authorities)] if i % 9 else None,
         "created_at": start + timedelta(hours=i % 3000), "updated_at": now} for i in range(block.proposals)])
    db.session.execute(sa.insert(AuthorityAnswer), [
        {"proposal_id": q0 + i + 1, "answered_on": date(2022, 7, 1), "outcome": "accepted", "text": "Cavab",
         "created_at": now} for i in range(block.proposals) if statuses[i % len(statuses)] == "answered"])
    db.session.execute(sa.insert(PaymentFollowUp), [
        {"programme_id": programme_id, "person_id": p0 + 1 + i * 7, "service": "utilities", "portal": "hesab.az",
         "paid_on": date(2022, 6, 1), "confirmation": "receipt", "household": "", "note": "", "created_at": now}
        for i in range(block.people // 100)])
    db.session.commit()


def add_outcomes(db, programme_id: int) -> None:
    import sqlalchemy as sa

    from umid_events.directory.models import Community, Organisation, OrganisationKind
    from umid_events.outcomes.models import DialoguePlatform, PlatformMembers, TerminalApplication

    community = db.session.scalar(sa.select(Community).order_by(Community.id).limit(1))
    authority = db.session.scalar(sa.select(Organisation).where(Organisation.kind == OrganisationKind.LOCAL_EXECUTIVE))
    db.session.add_all([
        TerminalApplication(programme_id=programme_id, community_id=community.id, authority_id=authority.id,
                            applied_on=date(2022, 6, 1)),
        DialoguePlatform(programme_id=programme_id, district_id=community.district_id, name="Bench",
                         formed_on=date(2022, 6, 1), members=[PlatformMembers(kind="ngo", count=3)])])
    db.session.commit()


def analyse(db) -> None:
    """Fresh planner statistics after a bulk load, as autovacuum would give them soon after."""
    with db.engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
            "ANALYZE")


def vacuum_notes(db) -> None:
    """The first page consumed the notes of everyone just written, which leaves their rows dead in
    ``dashboard_fact_changes``: autovacuum clears them within a minute on a normal PostgreSQL
    (the bench server runs without autovacuum, hence ``analyse`` too)."""
    if db.engine.dialect.name != "postgresql":
        return
    with db.engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
            "VACUUM ANALYZE dashboard_fact_changes")


def reset(url: str) -> None:
    import sqlalchemy as sa

    if not url.startswith("postgres"):
        return
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as connection:
        connection.execute(sa.text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


def main() -> None:
    with tempfile.TemporaryDirectory() as workdir:
        url = database_url(Path(workdir))
        os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 40)
        reset(url)
        from flask_migrate import upgrade
        from sqlalchemy import event as sa_event

        from umid_events import create_app
        from umid_events.auth.models import Role
        from umid_events.auth.services import create_user
        from umid_events.extensions import db
        from umid_events.programmes.loader import parse_programme_file
        from umid_events.programmes.services import load_programme

        app = create_app("testing", overrides={
            "SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False,
            "DASHBOARD_CACHE_SECONDS": 3600,
            "INSTANCE_PATH": workdir})
        with app.app_context():
            upgrade(directory=str(ROOT / "migrations"))
            programme_id = load_programme(parse_programme_file(ROOT / "programmes" / "umid-2022.yaml")).id
            create_user(email="bench@example.org", full_name="Bench", password=PASSWORD, role=Role.ORGANISER)
            db.session.commit()
            add_outcomes(db, programme_id)

            statements = []
            sa_event.listen(db.engine, "before_cursor_execute",
                            lambda *args, **kwargs: statements.append(args[2]))
            client = app.test_client()
            db.session.remove()
            response = contextvars.Context().run(
                client.post, "/login", data={"email": "bench@example.org", "password": PASSWORD})
            assert response.status_code == 302, response.status_code

            def page(url):
                def get():  # each request in its own context, as on a real server
                    response = contextvars.Context().run(client.get, url)
                    assert response.status_code == 200, response.status_code
                return get

            def measure(label):
                from umid_events.dashboard.cache import forget_figures

                forget_figures()
                statements.clear()
                started = time.perf_counter()
                page("/staff/dashboard")()
                catch_up = (time.perf_counter() - started) * 1000
                queries = len(statements)
                vacuum_notes(db)
                statements.clear()
                page("/staff/dashboard")()
                cached_queries = len(statements)
                print(f"BENCH dashboard_catch_up_ms_{label} {catch_up:.1f} ms", flush=True)
                print(f"BENCH dashboard_queries_{label} {queries} queries", flush=True)
                print(f"BENCH dashboard_cached_queries_{label} {cached_queries} queries", flush=True)
                fresh = median_ms(page("/staff/dashboard?fresh=1"))
                print(f"BENCH dashboard_fresh_ms_{label} {fresh:.1f} ms", flush=True)
                cached = median_ms(page("/staff/dashboard"))
                print(f"BENCH dashboard_cached_ms_{label} {cached:.1f} ms", flush=True)
                return queries, fresh, cached

            first = {"people": 0, "events": 0, "registrations": 0, "proposals": 0}
            small = Block(0.1, first)
            add_block(db, programme_id, small)
            analyse(db)
            small_queries, small_fresh, small_cached = measure("small")
            rest = Block(0.9, {"people": small.people, "events": small.events,
                               "registrations": small.registrations, "proposals": small.proposals})
            add_block(db, programme_id, rest)
            analyse(db)
            large_queries, large_fresh, large_cached = measure("large")
            ratio = large_fresh / small_fresh
            print(f"BENCH dashboard_fresh_time_ratio {ratio:.2f} x", flush=True)
            print(f"BENCH dashboard_cached_time_ratio {large_cached / small_cached:.2f} x", flush=True)
            for name, path in (("xlsx", "/staff/dashboard/report.xlsx"), ("pdf", "/staff/dashboard/report.pdf")):
                started = time.perf_counter()
                assert contextvars.Context().run(client.get, path).status_code == 200
                print(f"BENCH report_{name}_ms_large {(time.perf_counter() - started) * 1000:.1f} ms", flush=True)
            print(f"dashboard ({url.split(':')[0]}): {small_queries} vs {large_queries} queries "
                  f"({'same' if small_queries == large_queries else 'GROWS'}); figures computed fresh: "
                  f"{small_fresh:.0f} ms vs {large_fresh:.0f} ms = {ratio:.2f}x (target < {RATIO_TARGET}x: "
                  f"{'met' if ratio < RATIO_TARGET else 'MISSED'}); figures kept: {small_cached:.0f} ms vs "
                  f"{large_cached:.0f} ms = {large_cached / small_cached:.2f}x", file=sys.stderr)
            db.session.remove()
            db.engine.dispose()


if __name__ == "__main__":
    main()

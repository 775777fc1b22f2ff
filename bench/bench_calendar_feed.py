"""Benchmark of the public calendar feed ``GET /calendar.ics`` with 1,000 events.

What is measured, in one run, each as the median of RUNS timings after WARMUP untimed ones:

* ``full``: the whole WSGI request through ``app.test_client()`` (database query, conversion
  to ``CalendarEvent`` values, building and serialising the calendar, the response), in the
  steady state of a polled feed: each event's serialised VEVENT is memoised by its content;
* ``cold``: the same request with that memo emptied first (after a restart, or when every
  event changed since the last request);
* ``floor``: only ``icalendar.Calendar.to_ical()`` on the same 1,000 events, already loaded
  and built in memory exactly as ``umid_events.ical.builder.build_calendar`` builds them;
* ``304``: the same request with ``If-None-Match`` carrying the ETag of the full response.

Targets: full ≤ 1.5 × floor (reported for the steady state and for the cold case), and
304 ≤ 0.1 × full. The figures go to stdout as
``BENCH <name> <value> <unit>`` lines, the verdict to stderr; the exit status is always 0.
The SQLite database (built by the real migrations) and the instance folder live in a temporary
directory that is removed at the end.

Run: ``.venv/bin/python bench/bench_calendar_feed.py``
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVENTS = 1000
WARMUP = 2
RUNS = 15
FULL_TARGET = 1.5
NOT_MODIFIED_TARGET = 0.1

DISTRICTS = ("Şəki", "Qəbələ", "İsmayıllı")
TITLES = ("Hüquqi məsləhət, ailələr üçün", "Təlim: kənd təsərrüfatı, suvarma",
          "Seminar — gənclər, məşğulluq", "İcma görüşü")
DESCRIPTION = ("Gündəlik: qeydiyyat, təqdimat, suallar və cavablar.\n"
               "Ünvan: mədəniyyət evi, 2-ci mərtəbə; iştirak pulsuzdur, hamı dəvətlidir.")


def median_ms(action, runs: int = RUNS, warmup: int = WARMUP) -> float:
    for _ in range(warmup):
        action()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000


def seed(db) -> None:
    from umid_events.directory.models import Community, District
    from umid_events.events.kinds import EventKind, EventStatus
    from umid_events.events.models import Event
    from umid_events.programmes.models import Programme

    programme = Programme(slug="bench", name="Ümid — icma proqramı, 2025",
                          organisation_name="Ümid İctimai Birliyi",
                          starts_on=date(2025, 1, 1), ends_on=date(2026, 12, 31))
    districts = [District(name=name) for name in DISTRICTS]
    db.session.add_all([programme, *districts])
    db.session.flush()
    communities = [Community(name=f"{districts[i % 3].name} icması {i + 1}",
                             district_id=districts[i % 3].id) for i in range(12)]
    db.session.add_all(communities)
    db.session.flush()
    kinds = list(EventKind)
    start = datetime(2025, 3, 1, 6, 0, tzinfo=UTC)
    for i in range(EVENTS):
        kind = kinds[i % len(kinds)]
        starts_at = start + timedelta(hours=7 * i)
        db.session.add(Event(
            programme_id=programme.id, kind=kind,
            community_id=communities[i % len(communities)].id,
            title=f"{TITLES[i % len(TITLES)]} №{i + 1}",
            description=DESCRIPTION if i % 2 else "",
            starts_at=starts_at, ends_at=starts_at + timedelta(hours=2),
            status=EventStatus.PUBLISHED,
            meeting_url=f"https://meet.example.org/umid-{i}" if i % 3 == 0 else None,
        ))
    db.session.commit()


def built_calendar(app):
    """The feed's ``icalendar.Calendar`` with its 1,000 VEVENTs built in memory (untimed)."""
    from flask import request
    from sqlalchemy.orm import selectinload

    from umid_events.directory.models import Community
    from umid_events.events import queries
    from umid_events.events.models import Event
    from umid_events.extensions import db
    from umid_events.ical import builder, services
    from umid_events.programmes.services import current_programme

    with app.test_request_context("/calendar.ics"):
        programme = current_programme()
        filters = queries.EventFilters.from_args(request.args)
        # The query of services.public_feed.
        query = (queries.filtered(programme, filters, public=True)
                 .order_by(Event.starts_at, Event.id)
                 .options(selectinload(Event.community).selectinload(Community.district)))
        events = [services.to_calendar_event(event, with_link=False)
                  for event in db.session.scalars(query)]
        options = services.publish_options(programme.name)
    return builder.build_calendar_object(events, options)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="bench-calendar-") as tmp:
        os.environ["UMID_INSTANCE_PATH"] = tmp  # read when config.py is imported
        sys.path.insert(0, str(ROOT))  # config.py lives at the repository root
        from flask_migrate import upgrade

        from umid_events import create_app
        from umid_events.extensions import db
        from umid_events.ical.builder import _bare_vevent_bytes

        url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        app = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": url})
        app.instance_path = tmp
        with app.app_context():
            upgrade(directory=str(ROOT / "migrations"))
            seed(db)

        client = app.test_client()
        full = client.get("/calendar.ics")
        assert full.status_code == 200, full.status
        assert full.data.count(b"BEGIN:VEVENT") == EVENTS
        etag = full.headers["ETag"]

        def full_request():
            response = client.get("/calendar.ics")
            assert response.status_code == 200

        def not_modified_request():
            response = client.get("/calendar.ics", headers={"If-None-Match": etag})
            assert response.status_code == 304

        with app.app_context():
            calendar = built_calendar(app)
            db.session.remove()
        assert calendar.to_ical() == full.data, "the floor must serialise the very same feed"

        full_ms = median_ms(full_request)
        floor_ms = median_ms(calendar.to_ical)

        def cold_request():  # as after a restart, or with every event changed since last time
            _bare_vevent_bytes.cache_clear()
            full_request()

        cold_ms = median_ms(cold_request)
        not_modified_ms = median_ms(not_modified_request)
        with app.app_context():
            db.engine.dispose()

    ratio = full_ms / floor_ms
    cold_ratio = cold_ms / floor_ms
    not_modified_ratio = not_modified_ms / full_ms
    print(f"BENCH calendar_feed_full_ms {full_ms:.1f} ms")
    print(f"BENCH calendar_feed_floor_ms {floor_ms:.1f} ms")
    print(f"BENCH calendar_feed_vs_floor {ratio:.2f} x")
    print(f"BENCH calendar_feed_cold_ms {cold_ms:.1f} ms")
    print(f"BENCH calendar_feed_cold_vs_floor {cold_ratio:.2f} x")
    print(f"BENCH calendar_feed_304_ms {not_modified_ms:.1f} ms")
    print(f"BENCH calendar_feed_304_vs_full {not_modified_ratio:.3f} x")
    verdict = [f"full/floor {ratio:.2f}x "
               f"{'meets' if ratio <= FULL_TARGET else 'MISSES'} the ≤ {FULL_TARGET}x target",
               f"cold full/floor {cold_ratio:.2f}x "
               f"{'meets' if cold_ratio <= FULL_TARGET else 'MISSES'} the ≤ {FULL_TARGET}x target",
               f"304/full {not_modified_ratio:.3f}x "
               f"{'meets' if not_modified_ratio <= NOT_MODIFIED_TARGET else 'MISSES'}"
               f" the ≤ {NOT_MODIFIED_TARGET}x target"]
    print("; ".join(verdict), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark: a dossier of 1,000 proposals, the whole `flask dossier build` command against the
floor of xhtml2pdf rendering the same final HTML, in the same run.

A fresh SQLite database (in a temporary directory) gets the shipped programme, four seminars and
1,000 accepted proposals for one authority. The command, `flask dossier build --authority ID
--out FILE` (queries, data, template, PDF, file), runs in-process through Flask's CLI runner,
alternating with the floor: one `pisa.CreatePDF` call on the very HTML the command renders,
under the same resource policy; the best of five of each is compared, in CPU seconds of this
process (both are single-threaded; wall time on a shared machine varies by 2× from run to run). Then the command runs
once more as its own process, for its wall time with interpreter start-up and imports, and its
peak memory (max RSS), beside the peak memory of a process that only renders the floor.

Target: at most 1.3× the floor. Prints ``BENCH <name> <value> <unit>`` lines on stdout and the
verdict on stderr; always exits 0.

    .venv/bin/python bench/bench_documents.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PROPOSALS = 1000
ROUNDS = 5
TARGET = 1.3

TEXTS = [
    "Kənd yolunun təmiri və işıqlandırılması vacibdir; qış aylarında məktəbə gediş çətinləşir.",
    "İçməli su xəttinin yenilənməsi: ğ, ı, İ, ş, ç, ö, ü hərfləri olan uzun bir mətn nümunəsi.",
    "Bələdiyyə büdcəsinin icrası barədə hesabatların saytda dərc olunmasını təklif edirik.",
    "Elektron ödəniş terminalının kənd mərkəzində quraşdırılması sakinlərin vaxtına qənaət edər.",
]


def _prepare(database: str) -> int:
    """Fill the database; return the authority's id."""
    from flask_migrate import upgrade

    from umid_events import create_app
    from umid_events.directory.models import Community, Organisation, OrganisationKind, Person
    from umid_events.events.kinds import EventKind, EventStatus, Platform
    from umid_events.events.models import Event
    from umid_events.extensions import db
    from umid_events.programmes.loader import parse_programme_file
    from umid_events.programmes.services import load_programme
    from umid_events.proposals.models import Proposal, ProposalOrigin, ProposalStatus, ProposalTopic
    from umid_events.proposals.services import seed_topics
    from umid_events.registrations.models import ParticipantGroup

    app = create_app("development", overrides={"SQLALCHEMY_DATABASE_URI": database})
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        programme = load_programme(parse_programme_file(ROOT / "programmes" / "umid-2022.yaml"))
        seed_topics()
        topics = db.session.query(ProposalTopic).all()
        communities = db.session.query(Community).all()
        authority = Organisation(name="Quba Rayon İcra Hakimiyyəti", kind=OrganisationKind.LOCAL_EXECUTIVE)
        db.session.add(authority)
        starts = datetime(2022, 7, 15, 7, tzinfo=UTC)
        events = []
        for number in range(4):
            event = Event(programme_id=programme.id, kind=EventKind.SEMINAR, status=EventStatus.HELD,
                          title=f"Onlayn seminar {number + 1}: Quba, Xaçmaz, Şabran",
                          starts_at=starts + timedelta(days=7 * number),
                          ends_at=starts + timedelta(days=7 * number, hours=3),
                          meeting_platform=Platform.ZOOM, meeting_url="https://zoom.us/j/81234567890")
            db.session.add(event)
            events.append(event)
        people = [Person(full_name=f"Şahin Əliyev {n}", community=communities[n % len(communities)])
                  for n in range(200)]
        db.session.add_all(people)
        db.session.flush()
        for n in range(PROPOSALS):
            person = people[n % len(people)]
            db.session.add(Proposal(
                title=f"Təklif {n + 1}: {TEXTS[n % 4][:40]}", text=TEXTS[n % 4] * 2,
                topic_id=topics[n % len(topics)].id, authority_id=authority.id,
                event_id=events[n % 4].id, origin=ProposalOrigin.MODERATOR, person_id=person.id,
                show_name=n % 2 == 0, proposer_group=ParticipantGroup.COMMUNITY_MEMBER,
                community_id=person.community_id, status=ProposalStatus.ACCEPTED, published=True))
        db.session.commit()
        return authority.id


FLOOR_SCRIPT = """
import resource, sys, time
sys.path.insert(0, {root!r})
from umid_events import create_app
from umid_events.documents.renderer import html_to_pdf
app = create_app("development", overrides={{"SQLALCHEMY_DATABASE_URI": {db!r}}})
html = open({html!r}, encoding="utf-8").read()
with app.app_context():
    started = time.perf_counter()
    pdf = html_to_pdf(html)
    elapsed = time.perf_counter() - started
print(elapsed, len(pdf), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

COMMAND_SCRIPT = """
import resource, sys
sys.path.insert(0, {root!r})
sys.argv = ["flask", "dossier", "build", "--authority", {authority!r}, "--out", {out!r}]
from flask.cli import main
try:
    main()
except SystemExit as exit:
    if exit.code:
        raise
print("MAXRSS", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""


def _final_html(database: str, authority_id: int) -> str:
    from flask import render_template

    from umid_events import create_app
    from umid_events.documents.dossiers import DossierScope, dossier_document
    from umid_events.documents.renderer import static_root

    app = create_app("development", overrides={"SQLALCHEMY_DATABASE_URI": database})
    with app.app_context():
        _proposals, data = dossier_document(DossierScope(authority_id))
        return render_template("documents/dossier.html", fonts=static_root() / "fonts", **data)


def _in_process(database: str, authority_id: int, html: str, tmp: str) -> tuple[list[float], list[float]]:
    """The command (CliRunner: queries, data, template, PDF, file) and the floor, alternately."""
    from umid_events import create_app
    from umid_events.documents.renderer import html_to_pdf

    app = create_app("development", overrides={"SQLALCHEMY_DATABASE_URI": database})
    runner = app.test_cli_runner()
    out = Path(tmp, "in-process.pdf")
    commands, floors = [], []
    for _round in range(ROUNDS):
        started = time.process_time()
        result = runner.invoke(args=["dossier", "build", "--authority", str(authority_id), "--out", str(out)])
        commands.append(time.process_time() - started)
        if result.exit_code != 0:
            raise RuntimeError(result.output)
        with app.app_context():
            started = time.process_time()
            html_to_pdf(html)
            floors.append(time.process_time() - started)
    return commands, floors


def main() -> int:
    import pypdf

    with tempfile.TemporaryDirectory() as tmp:
        database = f"sqlite:///{tmp}/bench.sqlite3"
        authority_id = _prepare(database)
        html_path = Path(tmp, "dossier.html")
        html_path.write_text(_final_html(database, authority_id), encoding="utf-8")
        commands, floors = _in_process(database, authority_id, html_path.read_text(encoding="utf-8"), tmp)
        # Once more as separate processes, for the wall time with start-up and the peak memory.
        env = {**os.environ, "DATABASE_URL": database, "UMID_ENV": "development", "FLASK_APP": "app:app"}
        out = Path(tmp, "dossier.pdf")
        started = time.perf_counter()
        run = subprocess.run(
            [sys.executable, "-c", COMMAND_SCRIPT.format(root=str(ROOT), authority=str(authority_id), out=str(out))],
            cwd=ROOT, env=env, capture_output=True, text=True, check=True)
        process_seconds = time.perf_counter() - started
        command_rss = int(run.stderr.rsplit("MAXRSS", 1)[1].split()[0])
        pages = len(pypdf.PdfReader(str(out)).pages)
        floor = subprocess.run(
            [sys.executable, "-c", FLOOR_SCRIPT.format(root=str(ROOT), db=database, html=str(html_path))],
            cwd=ROOT, env=env, capture_output=True, text=True, check=True)
        floor_rss = int(floor.stdout.split()[2])
    command, floor_seconds = min(commands), min(floors)
    ratio = command / floor_seconds
    print(f"BENCH dossier_1000_command_cpu_s {command:.2f} s")
    print(f"BENCH dossier_1000_xhtml2pdf_floor_cpu_s {floor_seconds:.2f} s")
    print(f"BENCH dossier_1000_vs_floor {ratio:.2f} x")
    print(f"BENCH dossier_1000_process_with_startup_s {process_seconds:.2f} s")
    print(f"BENCH dossier_1000_command_peak_rss {command_rss / 1024:.0f} MB")
    print(f"BENCH dossier_1000_floor_peak_rss {floor_rss / 1024:.0f} MB")
    print(f"BENCH dossier_1000_pages {pages} pages")
    verdict = "PASS" if ratio <= TARGET else "FAIL"
    print(f"verdict: {verdict} ({ratio:.2f}x the xhtml2pdf floor; target ≤ {TARGET}x)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

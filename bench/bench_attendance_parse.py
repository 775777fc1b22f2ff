"""Benchmark: a 5,000-row Teams attendance report parsed and matched against 2,000 registrations.

The report is UTF-16 LE with a BOM, tab-separated, with a summary and an "In-Meeting Activities"
section of 5,000 session rows for about 2,000 people (rejoins summed by the parser; guests
without email, device names, passport spellings of the registered names). The floor is the
standard ``csv`` module reading the same, already decoded, text in the same run.

Target: parse + match at most 10× the floor. Both sides are timed in CPU time of this process
(``time.process_time``), so that other programs on a shared machine disturb the figures less;
the work starts cold each run (the matcher's caches are emptied). ``ROUNDS`` rounds each time
``RUNS`` floor runs and then ``RUNS`` parse + match runs; the ratio is the median of the rounds'
ratios of medians (``attendance_vs_floor_best``: best run against best run). The separate
figures for parsing and for matching follow.

Prints ``BENCH <name> <value> <unit>`` lines on stdout and the verdict on stderr; always exits 0.

    .venv/bin/python bench/bench_attendance_parse.py
"""

from __future__ import annotations

import csv
import gc
import io
import random
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from umid_events.attendance import matching, reports  # noqa: E402
from umid_events.attendance.matching import Candidate, match_attendees  # noqa: E402
from umid_events.attendance.reports import parse_report  # noqa: E402

ROWS = 5000
PEOPLE = 2000
REGISTRATIONS = 2000
RUNS = 5
ROUNDS = 3
TARGET = 10.0

FIRST = [
    "Əli",
    "Vəli",
    "İlham",
    "Elşən",
    "Rəşad",
    "Orxan",
    "Tural",
    "Kənan",
    "Vüqar",
    "Samir",
    "Fuad",
    "Anar",
    "Emin",
    "Cavid",
    "Ülvi",
    "Nicat",
    "Günel",
    "Nərmin",
    "Aysel",
    "Leyla",
    "Səbinə",
    "Xədicə",
    "Şəbnəm",
    "Aytən",
    "Gülnar",
    "Lalə",
    "Nigar",
    "Zəhra",
    "Fidan",
    "Könül",
    "Çinarə",
]
LAST = [
    "Əliyev",
    "Məmmədov",
    "Həsənov",
    "Hüseynov",
    "Quliyev",
    "Rzayev",
    "Abbasov",
    "Qasımov",
    "Cəfərov",
    "Xəlilov",
    "Şükürov",
    "Bağırov",
    "İsmayılov",
    "Nəsirov",
    "Kərimov",
    "Süleymanov",
    "Əhmədov",
    "Mustafayev",
    "Qurbanov",
    "Vəliyev",
    "Babayev",
    "Sadıqov",
    "Zeynalov",
    "Novruzov",
]
PASSPORT = str.maketrans(
    {"ə": "a", "Ə": "A", "ş": "sh", "Ş": "Sh", "ç": "ch", "Ç": "Ch", "ğ": "gh", "ı": "i",
     "İ": "I", "ö": "o", "Ö": "O", "ü": "u", "Ü": "U", "x": "kh", "X": "Kh", "q": "g",
     "Q": "G", "c": "j", "C": "J"}
)  # fmt: skip
DEVICES = ["Samsung SM-A515F", "iPhone", "Redmi Note 8 Pro", "Galaxy A52", "HUAWEI P30 lite"]


def _surname(last: str, female: bool) -> str:
    return last + "a" if female else last


def build(seed: int = 7):
    rng = random.Random(seed)
    people = []
    for number in range(PEOPLE):
        first = rng.choice(FIRST)
        female = FIRST.index(first) >= 16
        last = _surname(rng.choice(LAST), female)
        email = f"user{number}@example.az" if rng.random() < 0.7 else None
        people.append((f"{first} {last}{'' if number < 600 else ' ' + str(number)}", email))
    # the registrations: most attendees registered (some under their passport spelling)
    candidates = []
    for number, (name, email) in enumerate(people[:1700]):
        shown = name.translate(PASSPORT) if number % 3 == 0 else name
        phone = f"+99450{number:07d}"  # registrations store phones in E.164 form
        candidates.append(Candidate(number, shown, email, phone))
    for number in range(1700, REGISTRATIONS):
        candidates.append(
            Candidate(number, f"{rng.choice(FIRST)} {rng.choice(LAST)} R{number}", None, None)
        )
    # the sessions: everyone once, then rejoins up to ROWS rows
    sessions = list(range(PEOPLE)) + [rng.randrange(PEOPLE) for _ in range(ROWS - PEOPLE)]
    rng.shuffle(sessions)
    start = datetime(2024, 11, 14, 18, 0, 0)

    def us(moment: datetime) -> str:
        return f'"{moment.month}/{moment.day}/{moment.year % 100}, {moment:%I:%M:%S %p}"'.replace(
            ", 0", ", "
        )

    lines = [
        "1. Summary\t\t\t\t\t",
        "Meeting title\tİcma təşəbbüsləri: vebinar\t\t\t\t",
        f"Attended participants\t{PEOPLE}\t\t\t\t",
        f"Start time\t{us(start)}\t\t\t\t",
        "\t\t\t\t\t",
        "3. In-Meeting Activities\t\t\t\t\t",
        "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole",
        f"Təşkilatçı\t{us(start)}\t{us(start + timedelta(hours=2))}\t2h 0m 0s"
        "\thost@umid.az\tOrganizer",
    ]
    for row, who in enumerate(sessions):
        name, email = people[who]
        if who % 97 == 0:
            name = DEVICES[who % len(DEVICES)]
        if "," in name or row % 5 == 0:
            parts = name.split(" ", 1)
            name = f'"{parts[-1]}, {parts[0]}"'
        joined = start + timedelta(seconds=rng.randrange(0, 6000))
        seconds = rng.randrange(30, 1500)
        left = joined + timedelta(seconds=seconds)
        duration = f"{seconds // 60}m {seconds % 60}s"
        guest = " (Guest)" if email is None and row % 2 else ""
        lines.append(
            f"{name}{guest}\t{us(joined)}\t{us(left)}\t{duration}\t{email or ''}\tAttendee\t"
        )
    text = "\r\n".join(lines) + "\r\n"
    return b"\xff\xfe" + text.encode("utf-16-le"), candidates


def _timed_ms(function, runs: int = RUNS) -> tuple[list[float], object]:
    timings = []
    result = None
    for _ in range(runs):
        started = time.process_time()
        result = function()
        timings.append((time.process_time() - started) * 1000)
    return timings, result


def _clear_caches() -> None:
    """Time a cold start: no names or dates remembered from a previous run."""
    for cached in (
        matching._fold_piece,
        matching._variant_word,
        matching._loose_word,
        matching._piece_keys,
    ):
        cached.cache_clear()
    reports._DAYS_SEEN.clear()


def main() -> int:
    data, candidates = build()
    text = data[2:].decode("utf-16-le")  # decoding is not timed for the floor

    def floor():
        return list(csv.reader(io.StringIO(text, newline=""), delimiter="\t"))

    def parse_and_match():
        """(report, matches, parse ms, match ms)."""
        _clear_caches()
        started = time.process_time()
        report = parse_report(data, "meetingAttendanceReport.csv")
        parsed = time.process_time()
        matches = match_attendees(report.attendees, candidates)
        done = time.process_time()
        return report, matches, (parsed - started) * 1000, (done - parsed) * 1000

    floor()  # warm up both
    parse_and_match()
    # A shared machine is noisy: a few rounds, each timing the floor and then the work in a
    # block of runs (medians), close together; the figures are the medians over the rounds.
    # (Not interleaved run by run: the floor right after the work runs measurably slower.)
    ratios, totals, parses, matchings, floors = [], [], [], [], []
    all_floors: list[float] = []
    all_totals: list[float] = []
    for _ in range(ROUNDS):
        rows = report = matches = None
        gc.collect()
        floor_runs, rows = _timed_ms(floor)
        floor_ms = statistics.median(floor_runs)
        all_floors += floor_runs
        gc.collect()
        timings = []
        for _ in range(RUNS):
            report, matches, parse_ms, match_ms = parse_and_match()
            timings.append((parse_ms + match_ms, parse_ms, match_ms))
        total_ms = statistics.median(t[0] for t in timings)
        all_totals += [t[0] for t in timings]
        floors.append(floor_ms)
        totals.append(total_ms)
        parses.append(statistics.median(t[1] for t in timings))
        matchings.append(statistics.median(t[2] for t in timings))
        ratios.append(total_ms / floor_ms if floor_ms else float("inf"))
    floor_ms = statistics.median(floors)
    work_ms = statistics.median(totals)
    ratio = statistics.median(ratios)
    parse_ratio = statistics.median(p / f for p, f in zip(parses, floors, strict=True))
    match_ratio = statistics.median(m / f for m, f in zip(matchings, floors, strict=True))
    kinds = {
        kind: sum(1 for m in matches if m.kind == kind)
        for kind in ("matched", "uncertain", "unmatched")
    }
    print(f"BENCH attendance_parse_match_ms {work_ms:.1f} ms")
    print(f"BENCH attendance_csv_floor_ms {floor_ms:.2f} ms")
    print(f"BENCH attendance_vs_floor {ratio:.1f} x")
    print(f"BENCH attendance_vs_floor_best {min(all_totals) / min(all_floors):.1f} x")
    print(f"BENCH attendance_parse_ms {statistics.median(parses):.1f} ms")
    print(f"BENCH attendance_match_ms {statistics.median(matchings):.1f} ms")
    print(f"BENCH attendance_parse_vs_floor {parse_ratio:.1f} x")
    print(f"BENCH attendance_match_vs_floor {match_ratio:.1f} x")
    print(
        f"rows read by csv: {len(rows)}; report rows used: {report.rows}; people: "
        f"{len(report.attendees)}; registrations: {len(candidates)}; {kinds}",
        file=sys.stderr,
    )
    verdict = "OK" if ratio <= TARGET else "OVER TARGET"
    print(
        f"verdict: {verdict} ({ratio:.1f}x the csv floor; target ≤ {TARGET:.0f}x)", file=sys.stderr
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

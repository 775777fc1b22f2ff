"""Benchmark: 1,000 SMS through the outbox to a local SMPP server, against a bare smpplib loop.

The requirement (issue 16): "1,000 SMS to the local SMPP server within 2× a bare smpplib loop
sending the same PDUs."

What one run does:

1. Set-up (untimed): a temporary instance folder with a fresh SQLite database built by the real
   migrations; ``create_app("testing")`` with ``SMS_BACKEND=smpp`` pointed at the project's
   SMPP server process (``tests/smpp_server.py``, the one the tests use) on a free loopback
   port, ``SMS_SUPPRESS_SEND=False``.
2. ROUNDS rounds, each the app's delivery followed at once by the floor's:

   * the app (untimed part): 1,000 Azerbaijani SMS of two UCS-2 segments each are written into
     the outbox with ``queue_sms`` (as the worker writes confirmations) and committed;
   * the app (timed): ``delivery.deliver_messages(ids)`` sends them, as the delivery job does:
     claims in batches of ``MAIL_BATCH_SIZE``, one SMPP bind per batch, each part acknowledged
     before the next, every outcome committed;
   * the floor (timed): one ``smpplib`` client binds once and sends the same 1,000 texts as the
     same PDUs (``smpplib.gsm.make_parts``, ``send_message``, reading each ``submit_sm_resp``),
     then unbinds.

The server is the same process for both, and both wait for every acknowledgement. Figures:
``sms_vs_floor`` (the median over the rounds of app / floor; target ≤ 2×) and the medians of
the two times, as ``BENCH <name> <value> <unit>`` lines; each round's figures go to stderr.
Exit status 1 when the run itself could not be made (the server received fewer parts than
sent). Everything stays on 127.0.0.1; the server is stopped and the folder removed at the end.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 3
MESSAGES = 1000
TEXT = ("Qeydiyyat təsdiqləndi: Praktik məsləhət: Qəçrəş, 12.03 14:00. "
        "Səhifəniz: http://127.0.0.1:5000/p/{n:032d}")  # two UCS-2 segments, as a confirmation


def start_server(tmp: Path) -> tuple[subprocess.Popen, int]:
    sys.path.insert(0, str(ROOT))
    from tests.smpp_fixtures import free_port

    port = free_port()
    process = subprocess.Popen([sys.executable, str(ROOT / "tests" / "smpp_server.py"), "--port", str(port),
                                "--log", str(tmp / "smpp.jsonl")], stdout=subprocess.PIPE, text=True)
    if process.stdout.readline().strip() != "listening":
        raise RuntimeError("the SMPP server did not start")
    return process, port


def make_app(tmp: Path, port: int):
    from flask_migrate import upgrade

    from umid_events import create_app
    from umid_events.extensions import db

    app = create_app("testing", overrides={
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'bench.sqlite3'}",
        "SMS_BACKEND": "smpp", "SMS_SUPPRESS_SEND": False, "SMS_SMPP_PORT": port,
    })
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
    return app, db


def app_round(app, db, start: int) -> float:
    from umid_events.notifications import delivery
    from umid_events.notifications.kinds import MessageKind
    from umid_events.notifications.services import queue_sms

    with app.app_context():
        ids = []
        for n in range(start, start + MESSAGES):
            row = queue_sms(template="registration_reminder_link", to_phone=f"+99450{n % 10_000_000:07d}",
                            language="az", context={"event_title": "Təlim", "personal_url": "x"},
                            kind=MessageKind.CONFIRMATION)
            row.text_body = TEXT.format(n=n)  # the same texts as the floor's
            ids.append(row.id)
        db.session.commit()
        began = time.perf_counter()
        report = delivery.deliver_messages(ids)
        elapsed = time.perf_counter() - began
        db.session.remove()
    if len(report.sent) != MESSAGES:
        raise RuntimeError(f"the app sent {len(report.sent)} of {MESSAGES}: {report}")
    return elapsed


def floor_round(port: int, start: int) -> float:
    import smpplib.client
    import smpplib.consts
    import smpplib.gsm

    began = time.perf_counter()
    client = smpplib.client.Client("127.0.0.1", port, timeout=10, allow_unknown_opt_params=True)
    client.connect()
    client.bind_transmitter(system_id="", password="")
    for n in range(start, start + MESSAGES):
        parts, encoding, esm_class = smpplib.gsm.make_parts(TEXT.format(n=n))
        for part in parts:
            pdu = client.send_message(
                source_addr_ton=smpplib.consts.SMPP_TON_ALNUM, source_addr_npi=0, source_addr="UMID",
                dest_addr_ton=1, dest_addr_npi=1, destination_addr=f"99450{n % 10_000_000:07d}",
                short_message=part, data_coding=encoding, esm_class=esm_class, registered_delivery=False)
            while True:
                response = client.read_pdu()
                if response.command == "submit_sm_resp" and response.sequence == pdu.sequence:
                    break
    client.unbind()
    client.disconnect()
    return time.perf_counter() - began


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="bench-sms-") as tmp_name:
        tmp = Path(tmp_name)
        os.environ["UMID_INSTANCE_PATH"] = tmp_name
        sys.path.insert(0, str(ROOT))
        server, port = start_server(tmp)
        try:
            app, db = make_app(tmp, port)
            ratios, apps, floors = [], [], []
            for number in range(ROUNDS):
                app_seconds = app_round(app, db, number * MESSAGES * 2)
                floor_seconds = floor_round(port, number * MESSAGES * 2 + MESSAGES)
                apps.append(app_seconds)
                floors.append(floor_seconds)
                ratios.append(app_seconds / floor_seconds)
                print(f"round {number + 1}: app {app_seconds:.2f} s, floor {floor_seconds:.2f} s, "
                      f"{ratios[-1]:.2f}x", file=sys.stderr)
            from umid_events.notifications.sms import sms_parts

            parts = sum(1 for _ in (tmp / "smpp.jsonl").open(encoding="utf-8"))
            if sms_parts(TEXT.format(n=0)).segments != 2 or parts != ROUNDS * MESSAGES * 2 * 2:
                print(f"bench: the server received {parts} parts", file=sys.stderr)
                return 1
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"BENCH sms_vs_floor {statistics.median(ratios):.2f} x")
    print(f"BENCH sms_app_seconds {statistics.median(apps):.2f} s")
    print(f"BENCH sms_floor_seconds {statistics.median(floors):.2f} s")
    verdict = "met" if statistics.median(ratios) <= 2 else "NOT met"
    print(f"sms: 1,000 SMS {statistics.median(ratios):.2f}x the bare smpplib loop (target ≤ 2x): {verdict}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

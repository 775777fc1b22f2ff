"""SMS through the outbox to a real SMPP server process: confirmations and reminders arrive with
the right text and segment count; a server that is down, refuses the bind or throttles makes
messages wait, and each is delivered once when it is back."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from umid_events.core.urls import public_url_context
from umid_events.directory.models import Person
from umid_events.extensions import db
from umid_events.notifications import delivery, sms
from umid_events.notifications.kinds import Channel, MessageKind, MessageStatus
from umid_events.notifications.models import OutgoingMessage
from umid_events.notifications.services import queue_sms

from ..conftest import run_worker_producers
from ..registrations.conftest import community, open_event, register  # noqa: F401 (fixtures)

PHONE_ONLY = {"full_name": "Səbinə Quliyeva", "phone": "050 765 43 21", "email": "", "channel": "sms"}


@pytest.fixture
def sms_config(app, monkeypatch):
    def configure(server, **extra):
        for key, value in {"SMS_BACKEND": "smpp", "SMS_SUPPRESS_SEND": False,
                           "SMS_SMPP_PORT": server.port, "SMS_TIMEOUT_SECONDS": 5,
                           **extra}.items():
            monkeypatch.setitem(app.config, key, value)
    return configure


def _sms_rows():
    db.session.expire_all()
    return list(db.session.scalars(sa.select(OutgoingMessage).where(OutgoingMessage.channel == Channel.SMS)
                                   .order_by(OutgoingMessage.id)))


def _due_now():
    db.session.execute(sa.update(OutgoingMessage).values(next_attempt_at=datetime.now(UTC)))
    db.session.commit()


@pytest.mark.parametrize(("text", "encoding", "segments"), [
    ("a" * 160, "GSM-7", 1), ("a" * 161, "GSM-7", 2), ("€" * 80, "GSM-7", 1), ("[" * 81, "UCS-2", 2), ("😀" * 3, "GSM-7", 1),
    ("ə" * 70, "UCS-2", 1), ("ə" * 71, "UCS-2", 2), ("ə" * 134, "UCS-2", 2), ("ə" * 135, "UCS-2", 3),
])
def test_segments_are_counted_as_phones_count_them(text, encoding, segments):
    parts = sms.sms_parts(text)
    assert (parts.encoding, parts.segments) == (encoding, segments)


def test_a_phone_only_participant_gets_an_sms_confirmation_with_their_link(
        client, open_event, smpp_server, sms_config):  # noqa: F811
    sms_config(smpp_server)
    response = register(client, open_event, **PHONE_ONLY)
    token = response.headers["Location"].split("/p/")[1].split("?")[0]
    run_worker_producers()
    [row] = _sms_rows()
    assert row.kind == MessageKind.CONFIRMATION and row.to_phone == "+994507654321"
    assert row.sms_parts.encoding == "UCS-2" and row.sms_parts.segments <= 2
    report = delivery.sweep_outbox()
    assert report.sent, _sms_rows()[0].last_error
    [received] = smpp_server.wait_for(1)
    assert received.to == "994507654321" and received.encoding == "UCS-2"
    assert received.text == row.text_body
    assert received.text.startswith("Qeydiyyat təsdiqləndi: ") and f"/p/{token}" in received.text
    assert received.parts == row.sms_parts.segments
    assert _sms_rows()[0].status == MessageStatus.SENT


def test_a_reminder_an_hour_before_carries_the_join_link(client, open_event, smpp_server, sms_config):  # noqa: F811
    from umid_events.invitations.services import queue_due_reminders

    sms_config(smpp_server)
    register(client, open_event, **PHONE_ONLY)
    run_worker_producers()
    with public_url_context():  # as the worker writes it
        queue_due_reminders(now=open_event.starts_at - timedelta(minutes=59))
    reminder = next(row for row in _sms_rows() if row.kind == MessageKind.REMINDER)
    assert "/join" in reminder.text_body and reminder.sms_parts.segments <= 2
    delivery.sweep_outbox()
    texts = [message.text for message in smpp_server.wait_for(2)]
    assert reminder.text_body in texts and texts[1].startswith("Xatırlatma: ")


def test_a_long_title_is_shortened_never_a_third_sms(app_context, open_event):  # noqa: F811
    open_event.title = "Elektron hökumət xidmətlərindən istifadə üzrə praktik təlim: Qəçrəş bələdiyyəsi, ikinci görüş"
    row = queue_sms(template="registration_confirmed", to_phone="+994507654321", language="az",
                    context={"event_title": open_event.title, "short_when": "12.03 14:00",
                             "personal_url": "http://127.0.0.1:5000/p/" + "x" * 32},
                    kind=MessageKind.CONFIRMATION, shorten="event_title")
    assert row.sms_parts.segments == 2 and "…" in row.text_body and "x" * 32 in row.text_body


@pytest.mark.parametrize("trouble", ["down", "refuses the bind", "throttles"])
def test_trouble_at_the_smsc_makes_messages_wait_and_each_arrives_once(
        app_context, smpp_server_factory, sms_config, trouble):
    options = {"down": (), "refuses the bind": ("--refuse-bind",), "throttles": ("--throttle", "2")}[trouble]
    troubled = smpp_server_factory(*options)
    sms_config(troubled)
    if trouble == "down":
        troubled.stop()
    for number in range(3):
        queue_sms(template="registration_reminder_link", to_phone=f"+99450765432{number}", language="az",
                  context={"event_title": "Təlim", "personal_url": f"http://x/p/{number}"},
                  kind=MessageKind.CONFIRMATION)
    db.session.commit()
    delivery.sweep_outbox()
    rows = _sms_rows()
    waiting = [row for row in rows if row.status == MessageStatus.QUEUED]
    assert waiting and all(row.last_error for row in waiting)
    assert all(row.status in (MessageStatus.QUEUED, MessageStatus.SENT) for row in rows)
    if trouble == "down":
        troubled.start()  # back up, on the same port
        healthy = troubled
    elif trouble == "refuses the bind":
        healthy = smpp_server_factory()
        sms_config(healthy)
    else:
        healthy = troubled
    _due_now()
    delivery.sweep_outbox()
    _due_now()
    delivery.sweep_outbox()
    received = healthy.wait_for(3)
    assert sorted(message.to for message in received) == [f"99450765432{n}" for n in range(3)]
    assert len(received) == 3  # none twice
    assert {row.status for row in _sms_rows()} == {MessageStatus.SENT}


def test_without_a_gateway_sms_are_held_and_shown_on_the_outbox(client, login, make_user, open_event):  # noqa: F811
    from umid_events.auth.models import Role

    register(client, open_event, **PHONE_ONLY)
    run_worker_producers()
    delivery.sweep_outbox()
    [row] = _sms_rows()
    assert row.status == MessageStatus.HELD
    login(make_user(Role.ORGANISER))
    page = client.get("/staff/outbox").get_data(as_text=True)
    assert "+994507654321" in page and "SMS" in page and "UCS-2" in page


def test_an_unknown_number_refused_by_the_gateway_fails_for_good(app_context, monkeypatch, sms_config):
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    seen = []

    class Gateway(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            seen.append((self.headers["Authorization"], self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(400 if b"+99450000" in seen[-1][1] else 202)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Gateway)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        from flask import current_app

        for key, value in {"SMS_BACKEND": "http", "SMS_SUPPRESS_SEND": False, "SMS_HTTP_TOKEN": "t0ken",
                           "SMS_HTTP_URL": f"http://127.0.0.1:{server.server_port}/send"}.items():
            monkeypatch.setitem(current_app.config, key, value)
        for phone in ("+994507654321", "+994500000000"):
            queue_sms(template="registration_reminder_link", to_phone=phone, language="az",
                      context={"event_title": "Təlim", "personal_url": "http://x/p/1"},
                      kind=MessageKind.CONFIRMATION)
        db.session.commit()
        delivery.sweep_outbox()
    finally:
        server.shutdown()
    assert [row.status for row in _sms_rows()] == [MessageStatus.SENT, MessageStatus.FAILED]
    assert seen[0][0] == "Bearer t0ken"
    assert json.loads(seen[0][1]) == {"to": "+994507654321", "from": "UMID",
                                      "text": _sms_rows()[0].text_body}


def test_erasure_reaches_the_sms_too(client, open_event):  # noqa: F811
    response = register(client, open_event, **PHONE_ONLY)
    run_worker_producers()
    token = response.headers["Location"].split("/p/")[1].split("?")[0]
    from ..conftest import csrf_token

    client.post(f"/p/{token}/erase", data={"csrf_token": csrf_token(client, f"/p/{token}/erase"),
                                       "scope": "everything"})
    [row] = _sms_rows()
    assert row.to_phone == "" and row.text_body == ""
    assert db.session.scalar(sa.select(Person.phone)) is None

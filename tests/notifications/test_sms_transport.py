"""The SMS transport alone (no database): what a phone receives through a real SMPP server process
(tests/smpp_server.py) or an HTTP gateway, the segments counted as phones count them, and each
kind of trouble raised as the error the outbox acts on (wait and retry, or fail for good)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from umid_events.notifications.sms import (
    SmsConnectionError,
    SmsItem,
    SmsRejected,
    SmsTemporaryError,
    open_sms_sender,
    sms_configured,
    sms_parts,
)

GSM_TEXT = "Salam! Your registration is confirmed: Tuesday 12.03, 14:00. Page: http://127.0.0.1:5000/p/abc"
AZ_TEXT = ("Qeydiyyatınız təsdiqləndi: Elektron hökumət təlimi, Qusar, 12.03 saat 14:00. "
           "Səhifəniz: umid.az/p/Xq3")
PHONE = "+994501234567"


def smpp_config(server, **extra) -> dict:
    return {"SMS_BACKEND": "smpp", "SMS_SMPP_PORT": server.port, "SMS_SENDER": "UMID",
            "SMS_TIMEOUT_SECONDS": 5, **extra}


def send(config: dict, *texts: str, to: str = PHONE) -> None:
    with open_sms_sender(config) as sender:
        for number, text in enumerate(texts, start=1):
            sender.send(SmsItem(id=number, to_phone=to, text=text, label="test"))


# --- segments ------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "encoding", "segments"), [
    ("", "GSM-7", 0),
    ("a", "GSM-7", 1),
    ("a" * 160, "GSM-7", 1),
    ("a" * 161, "GSM-7", 2),
    ("a" * 306, "GSM-7", 2),
    ("a" * 307, "GSM-7", 3),
    ("€" * 80, "GSM-7", 1),           # extension characters take two septets
    ("€" * 81, "UCS-2", 2),           # long with an extension character: UCS-2, never split from its escape
    ("a" * 159 + "[", "UCS-2", 3),
    ("ə" * 70, "UCS-2", 1),
    ("ə" * 71, "UCS-2", 2),
    ("ə" * 134, "UCS-2", 2),
    ("ə" * 135, "UCS-2", 3),
    ("a" * 69 + "ə", "UCS-2", 1),     # one ə turns the whole text to UCS-2
    ("a" * 70 + "ə", "UCS-2", 2),
    ("🙂" * 35, "GSM-7", 1),          # outside the BMP: sent as "?", a split cannot cut it in half
    ("ə🙂" * 36, "UCS-2", 2),
])
def test_segments_are_counted_as_phones_count_them(text, encoding, segments):
    parts = sms_parts(text)
    assert (parts.encoding, parts.segments, parts.characters) == (encoding, segments, len(text))


@pytest.mark.parametrize(("config", "configured"), [
    ({"SMS_BACKEND": "smpp"}, True),
    ({"SMS_BACKEND": "http", "SMS_SUPPRESS_SEND": False}, True),
    ({"SMS_BACKEND": "smpp", "SMS_SUPPRESS_SEND": True}, False),
    ({"SMS_BACKEND": None}, False),
    ({}, False),
    ({"SMS_BACKEND": "carrier-pigeon"}, False),
])
def test_sms_leave_only_with_a_backend_and_sending_not_suppressed(config, configured):
    assert sms_configured(config) is configured


# --- SMPP ----------------------------------------------------------------------------------

def test_a_gsm_text_arrives_as_one_part_exactly(smpp_server):
    send(smpp_config(smpp_server), GSM_TEXT)
    [message] = smpp_server.messages()
    assert (message.to, message.text, message.parts, message.encoding) == (
        "994501234567", GSM_TEXT, 1, "GSM-7")
    [part] = smpp_server.parts()
    assert part["data_coding"] == 0 and part["source_addr"] == "UMID"


def test_an_azerbaijani_text_arrives_as_two_ucs2_parts_joined_exactly(smpp_server):
    assert 90 <= len(AZ_TEXT) <= 134
    counted = sms_parts(AZ_TEXT)
    assert (counted.encoding, counted.segments) == ("UCS-2", 2)
    send(smpp_config(smpp_server), AZ_TEXT)
    [message] = smpp_server.messages()
    assert (message.to, message.text, message.parts, message.encoding) == (
        "994501234567", AZ_TEXT, 2, "UCS-2")
    parts = smpp_server.parts()
    assert [part["data_coding"] for part in parts] == [8, 8]
    assert all(part["esm_class"] & 0x40 for part in parts)  # a UDH joins them on the phone


def test_one_batch_delivers_every_message_to_its_number(smpp_server):
    with open_sms_sender(smpp_config(smpp_server)) as sender:
        for number in range(5):
            sender.send(SmsItem(id=number, to_phone=f"+99450123450{number}", text=f"{AZ_TEXT} {number}",
                                label="test"))
    received = {message.to: message.text for message in smpp_server.messages()}
    assert received == {f"99450123450{number}": f"{AZ_TEXT} {number}" for number in range(5)}


def test_a_numeric_sender_is_sent_without_its_plus(smpp_server):
    send(smpp_config(smpp_server, SMS_SENDER="+994121234567"), GSM_TEXT)
    [part] = smpp_server.parts()
    assert part["source_addr"] == "994121234567"


def test_a_refused_bind_is_a_connection_error_and_nothing_is_sent(smpp_server_factory):
    refusing = smpp_server_factory("--refuse-bind")
    with pytest.raises(SmsConnectionError, match="bind"):
        send(smpp_config(refusing), GSM_TEXT)
    assert refusing.messages() == []


def test_a_server_that_is_down_is_a_connection_error_until_it_is_back(smpp_server):
    smpp_server.stop()
    with pytest.raises(SmsConnectionError):
        send(smpp_config(smpp_server), GSM_TEXT)
    smpp_server.start()  # back up, on the same port
    send(smpp_config(smpp_server), GSM_TEXT)
    assert [message.text for message in smpp_server.messages()] == [GSM_TEXT]


def test_a_connection_lost_mid_batch_is_a_connection_error(smpp_server):
    with pytest.raises(SmsConnectionError), open_sms_sender(smpp_config(smpp_server)) as sender:
        sender.send(SmsItem(id=1, to_phone=PHONE, text="first", label="test"))
        smpp_server.stop()
        sender.send(SmsItem(id=2, to_phone=PHONE, text="second", label="test"))
    assert [message.text for message in smpp_server.messages()] == ["first"]


def test_throttling_is_temporary_and_the_next_send_goes_through(smpp_server_factory):
    throttling = smpp_server_factory("--throttle", "1")
    with open_sms_sender(smpp_config(throttling)) as sender:
        item = SmsItem(id=1, to_phone=PHONE, text=GSM_TEXT, label="test")
        with pytest.raises(SmsTemporaryError, match="0x58") as raised:
            sender.send(item)
        assert len(str(raised.value)) < 100
        sender.send(item)  # the same bind goes on
    assert [message.text for message in throttling.messages()] == [GSM_TEXT]


# Where smpplib 2.2's GSM table (it has "`" where GSM 03.38 has "§") and blind splitter (an
# extension character's escape could end one part) could make the wire differ from what
# ``sms_parts`` counted: sms.py counts with smpplib's own table and sends a long text with an
# extension character as UCS-2, so what travels is what was counted. (A "`" still shows as "§"
# on a phone: smpplib's table, noted for the team.)
@pytest.mark.parametrize("text", [
    "Paragraph § 5 applies.",           # GSM-7 for sms_parts; smpplib sends UCS-2
    "Use `flask worker`.",              # UCS-2 for sms_parts; smpplib sends ` as 0x5F (§ on a phone)
    "a" * 152 + "€ and ten more",       # the escape ends part 1, "e" begins part 2
], ids=["section sign", "backtick", "euro at a part boundary"])
def test_what_travels_is_what_sms_parts_counted(smpp_server, text):
    send(smpp_config(smpp_server), text)
    [message] = smpp_server.messages()
    counted = sms_parts(text)
    assert (message.encoding, message.parts) == (counted.encoding, counted.segments)
    assert message.text == text


# --- HTTP gateway --------------------------------------------------------------------------

class Gateway:
    """A local HTTP gateway that records each request and answers with ``status``."""

    def __init__(self):
        self.status, self.requests = 202, []
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                gateway.requests.append({"path": self.path, "headers": dict(self.headers),
                                         "json": json.loads(body)})
                self.send_response(gateway.status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/sms/send"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def gateway():
    running = Gateway()
    yield running
    running.close()


def http_config(gateway, **extra) -> dict:
    return {"SMS_BACKEND": "http", "SMS_HTTP_URL": gateway.url, "SMS_HTTP_TOKEN": "s3cret",
            "SMS_SENDER": "UMID", "SMS_TIMEOUT_SECONDS": 5, **extra}


def test_the_gateway_receives_json_with_the_bearer_token(gateway):
    send(http_config(gateway), AZ_TEXT)
    [request] = gateway.requests
    assert request["path"] == "/sms/send"
    assert request["headers"]["Authorization"] == "Bearer s3cret"
    assert request["headers"]["Content-Type"] == "application/json"
    assert request["json"] == {"to": PHONE, "from": "UMID", "text": AZ_TEXT}


def test_without_a_token_no_authorization_is_sent(gateway):
    send(http_config(gateway, SMS_HTTP_TOKEN=None), GSM_TEXT)
    assert "Authorization" not in gateway.requests[0]["headers"]


@pytest.mark.parametrize(("status", "error"), [
    (429, SmsTemporaryError), (500, SmsTemporaryError), (503, SmsTemporaryError),
    (400, SmsRejected), (404, SmsRejected), (422, SmsRejected),
])
def test_gateway_answers_decide_between_retry_and_failure(gateway, status, error):
    gateway.status = status
    with pytest.raises(error, match=str(status)):
        send(http_config(gateway), GSM_TEXT)


def test_an_unreachable_gateway_is_a_connection_error(gateway):
    url = gateway.url
    gateway.close()
    with pytest.raises(SmsConnectionError):
        send(http_config(gateway, SMS_HTTP_URL=url), GSM_TEXT)

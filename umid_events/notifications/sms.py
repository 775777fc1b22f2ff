"""SMS: what a text costs in segments, and sending it over SMPP 3.4 or an HTTP gateway.

Pure of the database: delivery (``delivery.py``) hands plain ``SmsItem`` values to a sender and
records each outcome. One batch is one connection (one SMPP bind); ``send`` returns once the
server acknowledged every part of the message, so "sent" means accepted by the SMSC.

Azerbaijani text needs UCS-2 (GSM-7 has no ə, ş, ğ, ı): 70 characters fit one SMS, 67 each part
of a longer one; GSM-7 text fits 160 septets, 153 per part (extension characters such as € or
[ take two).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass

import smpplib.client
import smpplib.consts
import smpplib.exceptions
import smpplib.gsm
import smpplib.smpp

# SMPP command_status values that waiting may change (throttled, queue full, system error).
TEMPORARY_STATUSES = {0x58, 0x14, 0x08, 0x45}


@dataclass(frozen=True)
class SmsParts:
    encoding: str  # "GSM-7" or "UCS-2"
    segments: int
    characters: int


def _sendable(text: str) -> str:
    """Characters beyond UCS-2 (emoji) become "?": a split could cut them in half."""
    return "".join(char if ord(char) <= 0xFFFF else "?" for char in text)


def _encoding(text: str) -> tuple[str, bytes]:
    """The encoding the message travels in, and its bytes: GSM-7 where smpplib's table holds
    every character (what is counted is what is sent), unless a long text has an extension
    character, which a blind split could cut from its escape byte; else UCS-2."""
    try:
        encoded = smpplib.gsm.gsm_encode(text)
    except UnicodeError:
        return "UCS-2", text.encode("utf-16-be")
    if len(encoded) > 160 and b"\x1b" in encoded:
        return "UCS-2", text.encode("utf-16-be")
    return "GSM-7", encoded


def sms_parts(text: str) -> SmsParts:
    """How ``text`` travels: its encoding and how many SMS segments it costs."""
    if not text:
        return SmsParts("GSM-7", 0, 0)
    text = _sendable(text)
    encoding, encoded = _encoding(text)
    if encoding == "GSM-7":
        septets = len(encoded)
        return SmsParts(encoding, 1 if septets <= 160 else -(-septets // 153), len(text))
    units = len(encoded) // 2
    return SmsParts(encoding, 1 if units <= 70 else -(-units // 67), len(text))


@dataclass(frozen=True)
class SmsItem:
    id: int
    to_phone: str  # E.164, "+994501234567"
    text: str
    label: str


class SmsError(Exception):
    """Base of the outcomes other than "accepted"; ``str()`` is a short line for the outbox."""


class SmsConnectionError(SmsError):
    """No connection or bind, or lost mid-batch: this and the rest of the batch wait."""


class SmsTemporaryError(SmsError):
    """This message, this time (throttled, queue full): it is tried again later."""


class SmsRejected(SmsError):
    """Refused for good (an unknown number): waiting will not change it."""


def sms_configured(config: Mapping) -> bool:
    return config.get("SMS_BACKEND") in ("smpp", "http") and not config.get("SMS_SUPPRESS_SEND")


@contextmanager
def open_sms_sender(config: Mapping) -> Iterator[SmppSender | HttpSender]:
    """A sender for one batch: ``with open_sms_sender(cfg) as sender: sender.send(item)``."""
    backend = config.get("SMS_BACKEND")
    if backend == "http":
        yield HttpSender(config)
        return
    if backend != "smpp":
        raise SmsConnectionError(f"SMS_BACKEND is {backend!r}: no SMS can be sent")
    sender = SmppSender(config)
    sender.open()
    try:
        yield sender
    finally:
        sender.close()


def _source(config: Mapping) -> dict:
    sender = str(config.get("SMS_SENDER") or "UMID")
    numeric = sender.lstrip("+").isdigit()
    return {"source_addr": sender.lstrip("+"),
            "source_addr_ton": smpplib.consts.SMPP_TON_INTL if numeric else smpplib.consts.SMPP_TON_ALNUM,
            "source_addr_npi": smpplib.consts.SMPP_NPI_ISDN if numeric else smpplib.consts.SMPP_NPI_UNK}


def _status_error(status: int) -> SmsError:
    description = smpplib.consts.DESCRIPTIONS.get(status, "unknown status")
    text = f"SMPP 0x{status:02X} {description}"
    return SmsTemporaryError(text) if status in TEMPORARY_STATUSES else SmsRejected(text)


class SmppSender:
    """One SMPP transmitter bind (smpplib), each part acknowledged before the next is sent."""

    def __init__(self, config: Mapping):
        self.config = config
        self.client = smpplib.client.Client(
            config.get("SMS_SMPP_HOST") or "127.0.0.1", int(config.get("SMS_SMPP_PORT") or 2775),
            timeout=float(config.get("SMS_TIMEOUT_SECONDS") or 10), allow_unknown_opt_params=True)
        self.source = _source(config)

    def open(self) -> None:
        try:
            self.client.connect()
            self.client.bind_transmitter(system_id=self.config.get("SMS_SMPP_SYSTEM_ID") or "",
                                         password=self.config.get("SMS_SMPP_PASSWORD") or "",
                                         system_type=self.config.get("SMS_SMPP_SYSTEM_TYPE") or "")
        except smpplib.exceptions.PDUError as error:
            self._drop()
            raise SmsConnectionError(f"SMPP bind refused: {error.args[0]}") from error
        except (smpplib.exceptions.ConnectionError, OSError) as error:
            self._drop()
            raise SmsConnectionError(f"SMPP server unreachable: {error}") from error

    def send(self, item: SmsItem) -> None:
        text = _sendable(item.text)
        forced = (smpplib.consts.SMPP_ENCODING_ISO10646 if _encoding(text)[0] == "UCS-2"
                  else smpplib.consts.SMPP_ENCODING_DEFAULT)
        parts, encoding, esm_class = smpplib.gsm.make_parts(text, encoding=forced)
        try:
            for part in parts:
                pdu = self.client.send_message(
                    **self.source, dest_addr_ton=smpplib.consts.SMPP_TON_INTL,
                    dest_addr_npi=smpplib.consts.SMPP_NPI_ISDN,
                    destination_addr=item.to_phone.lstrip("+"), short_message=part,
                    data_coding=encoding, esm_class=esm_class, registered_delivery=False)
                self._acknowledged(pdu.sequence)
        except SmsError:
            raise
        except (smpplib.exceptions.ConnectionError, smpplib.exceptions.PDUError, OSError) as error:
            raise SmsConnectionError(f"SMPP connection lost: {error or type(error).__name__}") from error

    def _acknowledged(self, sequence: int) -> None:
        """Read until the submit_sm_resp of ``sequence``; its status decides."""
        while True:
            try:
                pdu = self.client.read_pdu()
            except TimeoutError as error:
                raise SmsConnectionError("SMPP server did not answer in time") from error
            if pdu.command == "enquire_link":
                answer = smpplib.smpp.make_pdu("enquire_link_resp", client=self.client)
                answer.sequence = pdu.sequence
                self.client.send_pdu(answer)
                continue
            if pdu.command in ("submit_sm_resp", "generic_nack") and pdu.sequence == sequence:
                if pdu.status != smpplib.consts.SMPP_ESME_ROK:
                    raise _status_error(int(pdu.status))
                return
            if pdu.command == "unbind":
                raise SmsConnectionError("SMPP server unbound")

    def close(self) -> None:
        with suppress(smpplib.exceptions.ConnectionError, smpplib.exceptions.PDUError, OSError):
            if self.client.state == smpplib.consts.SMPP_CLIENT_STATE_BOUND_TX:
                self.client.unbind()
        self._drop()

    def _drop(self) -> None:
        with suppress(smpplib.exceptions.ConnectionError, OSError):
            self.client.disconnect()


class HttpSender:
    """A JSON gateway: ``POST {"to", "from", "text"}`` to ``SMS_HTTP_URL``, 2xx accepted."""

    def __init__(self, config: Mapping):
        self.url = config["SMS_HTTP_URL"]
        self.token = config.get("SMS_HTTP_TOKEN")
        self.sender = str(config.get("SMS_SENDER") or "UMID")
        self.timeout = float(config.get("SMS_TIMEOUT_SECONDS") or 10)

    def send(self, item: SmsItem) -> None:
        body = json.dumps({"to": item.to_phone, "from": self.sender, "text": item.text}).encode()
        request = urllib.request.Request(self.url, data=body, method="POST",  # noqa: S310 (an http(s) URL of the operator's)
                                         headers={"Content-Type": "application/json"})
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                response.read()
        except urllib.error.HTTPError as error:
            text = f"HTTP {error.code} {error.reason}"
            raise (SmsTemporaryError(text) if error.code == 429 or error.code >= 500
                   else SmsRejected(text)) from error
        except (urllib.error.URLError, OSError) as error:
            raise SmsConnectionError(f"SMS gateway unreachable: {error}") from error

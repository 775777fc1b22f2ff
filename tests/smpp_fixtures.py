"""Fixtures: a real SMPP server process (tests/smpp_server.py) that records what it accepts."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

SERVER = Path(__file__).with_name("smpp_server.py")


@dataclass(frozen=True)
class ReceivedSms:
    to: str            # "994501234567", as the SMSC received it
    text: str          # the parts joined again
    parts: int
    encoding: str      # "GSM-7" or "UCS-2"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmppServer:
    def __init__(self, log: Path, *options: str):
        self.port, self.log, self.options, self.process = free_port(), log, options, None

    def start(self) -> SmppServer:
        self.process = subprocess.Popen(
            [sys.executable, str(SERVER), "--port", str(self.port), "--log", str(self.log), *self.options],
            stdout=subprocess.PIPE, text=True)
        assert self.process.stdout.readline().strip() == "listening"
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    def parts(self) -> list[dict]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text(encoding="utf-8").splitlines() if line]

    def messages(self) -> list[ReceivedSms]:
        """What the SMSC accepted, concatenated parts joined (by their UDH reference)."""
        messages, open_parts = [], {}
        for part in self.parts():
            raw = bytes.fromhex(part["short_message"])
            encoding = "UCS-2" if part["data_coding"] == 8 else "GSM-7"
            if part["esm_class"] & 0x40 and raw[:3] == b"\x05\x00\x03":
                reference, total, number = raw[3], raw[4], raw[5]
                key = (part["destination_addr"], reference, total)
                open_parts.setdefault(key, {})[number] = part["text"]
                if len(open_parts[key]) == total:
                    chunks = open_parts.pop(key)
                    messages.append(ReceivedSms(part["destination_addr"],
                                                "".join(chunks[n] for n in sorted(chunks)), total, encoding))
            else:
                messages.append(ReceivedSms(part["destination_addr"], part["text"], 1, encoding))
        return messages

    def wait_for(self, count: int, timeout: float = 30) -> list[ReceivedSms]:
        deadline = time.monotonic() + timeout
        while len(self.messages()) < count:
            if time.monotonic() > deadline:
                pytest.fail(f"the SMPP server received {len(self.messages())} of {count} messages")
            time.sleep(0.05)
        return self.messages()


@pytest.fixture
def smpp_server_factory(tmp_path):
    servers = []

    def make(*options: str) -> SmppServer:
        server = SmppServer(tmp_path / f"smpp-{len(servers)}.jsonl", *options).start()
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.stop()


@pytest.fixture
def smpp_server(smpp_server_factory) -> SmppServer:
    return smpp_server_factory()

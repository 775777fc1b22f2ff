"""Fixtures: a real IMAP server process (pymap, its in-memory backend) for the RSVP mailbox."""

from __future__ import annotations

import imaplib
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

USER, PASSWORD = "rsvp", "mailbox password"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ImapServer:
    """``pymap … dict``: a standards-following IMAP4rev1 server; mail reaches it by APPEND, as
    a delivery agent would put it in the mailbox."""

    def __init__(self):
        self.port, self.process = free_port(), None

    def start(self) -> ImapServer:
        pymap = shutil.which("pymap", path=str(Path(sys.executable).parent)) or "pymap"
        self.process = subprocess.Popen(
            [pymap, "--host", "127.0.0.1", "--port", str(self.port), "--no-tls", "dict",
             "--demo-data", "--demo-user", USER, "--demo-password", PASSWORD],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    break
            except OSError:
                time.sleep(0.05)
        else:
            raise RuntimeError("the IMAP server did not start")
        with self.client() as client:  # the demo data's own mail is not ours
            client.select("INBOX")
            client.store("1:*", "+FLAGS", "(\\Seen)")
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    def client(self) -> imaplib.IMAP4:
        client = imaplib.IMAP4("127.0.0.1", self.port, timeout=10)
        client.login(USER, PASSWORD)
        return client

    def deliver(self, raw: bytes) -> None:
        with self.client() as client:
            status, _ = client.append("INBOX", None, None, raw)
            assert status == "OK"

    def unseen(self) -> int:
        with self.client() as client:
            client.select("INBOX", readonly=True)
            _, data = client.search(None, "UNSEEN")
            return len(data[0].split())

    def settings(self, address: str = "rsvp@umid.example") -> dict:
        """The app's settings for this mailbox."""
        return {"RSVP_ADDRESS": address, "RSVP_IMAP_HOST": "127.0.0.1", "RSVP_IMAP_PORT": self.port,
                "RSVP_IMAP_SECURITY": "none", "RSVP_IMAP_USER": USER, "RSVP_IMAP_PASSWORD": PASSWORD,
                "RSVP_IMAP_FOLDER": "INBOX", "RSVP_IMAP_TIMEOUT_SECONDS": 10}


@pytest.fixture
def imap_server():
    server = ImapServer().start()
    yield server
    server.stop()

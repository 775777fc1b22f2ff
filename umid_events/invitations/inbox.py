"""The RSVP mailbox: the worker reads new mail over IMAP every minute and acts on calendar
replies (``rsvp.py``).

Each mail is fetched without marking it (BODY.PEEK), acted on and committed, and only then
marked \\Seen: a worker that dies in between reads it again, and the recorded Message-ID makes
that second reading change nothing. A mailbox that cannot be reached or refuses the login is
logged and tried again a minute later; nothing is lost, since the mail stays unread.
"""

from __future__ import annotations

import imaplib
import logging
import ssl
from contextlib import contextmanager, suppress

from flask import current_app

from ..extensions import db
from ..notifications.tasks import producer
from .rsvp import MAX_REPLY_BYTES, record_mail
from .services import rsvp_enabled

logger = logging.getLogger(__name__)

BATCH = 100  # mails read per run; the rest wait for the next minute


class MailboxUnavailable(Exception):
    pass


@contextmanager
def open_mailbox(config):
    """An IMAP connection logged in and with the folder selected (read-write)."""
    host, port = config["RSVP_IMAP_HOST"], config["RSVP_IMAP_PORT"]
    timeout, security = config["RSVP_IMAP_TIMEOUT_SECONDS"], config["RSVP_IMAP_SECURITY"]
    try:
        if security == "ssl":
            client = imaplib.IMAP4_SSL(host, port, ssl_context=ssl.create_default_context(), timeout=timeout)
        else:
            client = imaplib.IMAP4(host, port, timeout=timeout)
            if security == "starttls":
                client.starttls(ssl.create_default_context())
    except (OSError, imaplib.IMAP4.error) as error:  # TimeoutError is an OSError
        raise MailboxUnavailable(f"cannot reach {host}:{port}: {error}") from error
    try:
        try:
            client.login(config["RSVP_IMAP_USER"], config["RSVP_IMAP_PASSWORD"])
            status, _ = client.select(config["RSVP_IMAP_FOLDER"])
        except (OSError, imaplib.IMAP4.error) as error:
            raise MailboxUnavailable(f"{host}: {error}") from error
        if status != "OK":
            raise MailboxUnavailable(f"{host}: no folder {config['RSVP_IMAP_FOLDER']!r}")
        yield client
    finally:
        with suppress(OSError, imaplib.IMAP4.error):
            client.logout()


def _unseen(client) -> list[bytes]:
    status, data = client.uid("SEARCH", None, "UNSEEN")
    if status != "OK":
        raise MailboxUnavailable(f"SEARCH UNSEEN: {data!r}")
    return (data[0] or b"").split()[:BATCH]


def _fetch(client, uid: bytes) -> tuple[bytes | None, bool]:
    """(the mail, False); or only its header, True, for a mail too large to be a reply."""
    status, data = client.uid("FETCH", uid, "(RFC822.SIZE)")
    size = _size(data) if status == "OK" else None
    too_large = size is not None and size > MAX_REPLY_BYTES
    status, data = client.uid("FETCH", uid, "(BODY.PEEK[HEADER])" if too_large else "(BODY.PEEK[])")
    if status != "OK":
        return None, too_large
    return next((item[1] for item in data if isinstance(item, tuple)), None), too_large


def _size(data) -> int | None:
    for item in data:
        text = item.decode() if isinstance(item, bytes) else str(item)
        if "RFC822.SIZE" in text:
            try:
                return int(text.split("RFC822.SIZE")[1].strip(" ()").split()[0].rstrip(")"))
            except (IndexError, ValueError):
                return None
    return None


def read_rsvp_mailbox(config=None) -> int:
    """Act on every unread mail in the RSVP mailbox; returns how many were read."""
    config = config or current_app.config
    read = 0
    with open_mailbox(config) as client:
        for uid in _unseen(client):
            raw, too_large = _fetch(client, uid)
            if raw is None:
                continue
            try:
                record_mail(raw, too_large=too_large)
                db.session.commit()
            except Exception:
                db.session.rollback()
                logger.exception("the RSVP mail %s could not be handled; it stays unread", uid)
                continue
            client.uid("STORE", uid, "+FLAGS", "(\\Seen)")
            read += 1
    return read


@producer
def read_calendar_replies() -> int:
    """Every minute in the worker, when an RSVP mailbox is configured."""
    if not rsvp_enabled():
        return 0
    try:
        return read_rsvp_mailbox()
    except MailboxUnavailable as error:
        logger.warning("RSVP mailbox: %s; trying again in a minute", error)
        return 0

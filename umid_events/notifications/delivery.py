"""Delivery: claim queued messages, send them over one SMTP (or SMPP) connection, record each
outcome.

Plain functions, run by the jobs in ``tasks.py`` inside an app context. A delivery run is its own
use case, so it commits its own short transactions: the claim, then every outcome as soon as it
is known (a message the server accepted is recorded before the next one is sent).

The guarantees, and where each comes from:

* **Two workers never send the same row**: ``claim`` moves rows from ``queued`` to ``sending``
  with one conditional UPDATE (``… WHERE status = 'queued'``, the candidates locked with
  ``FOR UPDATE SKIP LOCKED`` on PostgreSQL; SQLite serialises writers anyway), tagged with a
  random claim token; only the holder of the token records the outcome.
* **Sent at most once** (outside one crash window, below): a row is sent only by the run that
  claimed it, and marked ``sent`` right after the server's "250 OK".
* **SMTP down → messages wait**: a refused connection or a 4xx answer puts the rows back to
  ``queued`` with ``attempts + 1`` and ``next_attempt_at`` doubling from ``MAIL_RETRY_SECONDS``
  up to ``MAIL_RETRY_MAX_SECONDS``; after ``MAIL_MAX_ATTEMPTS`` (or on a 5xx answer, which will not
  change by waiting) the row is ``failed`` and kept so that staff can resend it.
* **SMS likewise**: an SMS batch is one SMPP bind (or HTTP gateway session); a server that is
  down, refuses the bind or throttles puts the rows back to ``queued`` as above; a message the
  server rejects for good (an unknown number) is ``failed``. A row is ``sent`` once the server
  acknowledged every part of it. Without ``SMS_BACKEND`` SMS are held, as mail is.
* **Nothing lost**: see ``release_stale`` for rows a dead worker left in ``sending``, and
  ``tasks.py`` for messages whose hand-over to the queue failed.
"""

from __future__ import annotations

import logging
import secrets
import smtplib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import formataddr, parseaddr

import flask_mail
import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import selectinload

from ..core.types import utcnow
from ..extensions import db
from . import sms
from .kinds import Channel, MessageStatus
from .mail import Attachment, CalendarPart, FlaskMailMessage, MailContent
from .models import OutgoingMessage

logger = logging.getLogger(__name__)

# A task scheduled for a row's next attempt may run a moment early (another machine's clock).
CLOCK_TOLERANCE = timedelta(seconds=2)
SMTP_TIMEOUT_SECONDS = 60
SWEEP_MAX_BATCHES = 20  # one sweep sends at most this many batches; the next sweep goes on
ERROR_LENGTH = 2000
CLAIM_RENEWAL = timedelta(seconds=10)
SENT_CHANNELS = (Channel.EMAIL, Channel.SMS)  # WhatsApp rows only record what staff sent


def mail_configured(app=None) -> bool:
    """True when messages can really leave: a server is set and sending is not suppressed."""
    app = app or current_app
    suppressed = app.config.get("MAIL_SUPPRESS_SEND", app.testing)
    return bool(app.config.get("MAIL_SERVER")) and not suppressed


def sms_configured(app=None) -> bool:
    """True when SMS can really leave: ``SMS_BACKEND`` is set and sending is not suppressed."""
    return sms.sms_configured((app or current_app).config)


def channel_configured(channel: Channel, app=None) -> bool:
    return sms_configured(app) if channel == Channel.SMS else mail_configured(app)


def _setting(name: str, default):
    return current_app.config.get(name, default)


def retry_delay(attempts: int) -> timedelta:
    """The wait before attempt ``attempts + 1``: MAIL_RETRY_SECONDS, doubled each time, capped."""
    base = float(_setting("MAIL_RETRY_SECONDS", 60))
    cap = float(_setting("MAIL_RETRY_MAX_SECONDS", 4 * 3600))
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), cap))


@dataclass
class DeliveryReport:
    """What one run did, by message id; ``retry`` maps each next attempt time to its ids."""

    sent: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    held: list[int] = field(default_factory=list)
    retry: dict[datetime, list[int]] = field(default_factory=dict)
    released: list[int] = field(default_factory=list)

    def merge(self, other: DeliveryReport) -> DeliveryReport:
        self.sent += other.sent
        self.failed += other.failed
        self.held += other.held
        self.released += other.released
        for when, ids in other.retry.items():
            self.retry.setdefault(when, []).extend(ids)
        return self


@dataclass(frozen=True)
class Claimed:
    id: int
    attempts: int
    content: MailContent | sms.SmsItem
    label: str  # for the log: "12 (reminder, event 4)"


class SmtpConnection(flask_mail.Connection):
    """Flask-Mail's connection (one per batch), with two changes: a socket timeout, so that a
    server that stops answering fails the batch (which is retried) instead of holding its rows
    in ``sending``; and a quiet close, so that a connection the server already dropped does not
    hide the error that dropped it."""

    def configure_host(self) -> smtplib.SMTP:
        smtp_class = smtplib.SMTP_SSL if self.mail.use_ssl else smtplib.SMTP
        host = smtp_class(self.mail.server, self.mail.port, timeout=SMTP_TIMEOUT_SECONDS)
        host.set_debuglevel(int(self.mail.debug))
        if self.mail.use_tls:
            host.starttls()
        if self.mail.username and self.mail.password:
            host.login(self.mail.username, self.mail.password)
        return host

    def __exit__(self, exc_type, exc_value, tb) -> None:
        if self.host is None:
            return
        try:
            self.host.quit()
        except (smtplib.SMTPException, OSError):
            self.host.close()


def _sender() -> str:
    sender = current_app.config.get("MAIL_DEFAULT_SENDER") or "umid-events@localhost"
    return formataddr(tuple(sender)) if isinstance(sender, (tuple, list)) else sender


def _content(row: OutgoingMessage, sender: str) -> MailContent:
    calendar = (CalendarPart(row.calendar_method, row.calendar_data)
                if row.calendar_method and row.calendar_data is not None else None)
    return MailContent(
        sender=sender, to_email=row.to_email, to_name=row.to_name, subject=row.subject,
        text_body=row.text_body, html_body=row.html_body, message_id=row.message_id_header,
        calendar=calendar,
        attachments=tuple(Attachment(item.filename, item.content_type, item.data)
                          for item in row.attachments),
        extra_headers=_list_headers(row.unsubscribe_url),
    )


def _list_headers(unsubscribe_url: str | None) -> tuple[tuple[str, str], ...]:
    """RFC 8058 one-click unsubscribe: the mail client POSTs to the link, no page opened."""
    if not unsubscribe_url:
        return ()
    return (("List-Unsubscribe", f"<{unsubscribe_url}>"),
            ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"))


def _due(now: datetime):
    return sa.or_(OutgoingMessage.next_attempt_at.is_(None),
                  OutgoingMessage.next_attempt_at <= now + CLOCK_TOLERANCE)


def _sms_item(row: OutgoingMessage) -> sms.SmsItem:
    return sms.SmsItem(id=row.id, to_phone=row.to_phone, text=row.text_body,
                       label=f"{row.id} ({row.kind.value}, event {row.event_id or '-'})")


def claim(ids: Sequence[int] | None = None, *, limit: int,
          channel: Channel = Channel.EMAIL) -> tuple[str, list[Claimed]]:
    """Take up to ``limit`` due queued messages of ``channel`` (of ``ids``, or the oldest) for
    this run."""
    now = utcnow()
    token = secrets.token_hex(16)
    candidates = sa.select(OutgoingMessage.id).where(
        OutgoingMessage.status == MessageStatus.QUEUED, OutgoingMessage.channel == channel, _due(now))
    if ids is not None:
        candidates = candidates.where(OutgoingMessage.id.in_(list(ids)))
    candidates = (candidates.order_by(OutgoingMessage.id).limit(limit)
                  .with_for_update(skip_locked=True))
    result = db.session.execute(
        sa.update(OutgoingMessage)
        .where(OutgoingMessage.id.in_(candidates.scalar_subquery()),
               OutgoingMessage.status == MessageStatus.QUEUED)
        .values(status=MessageStatus.SENDING, claim_token=token, claimed_at=now, updated_at=now)
        .execution_options(synchronize_session=False))
    db.session.commit()
    if not result.rowcount:
        return token, []
    sender = _sender()
    rows = db.session.scalars(
        sa.select(OutgoingMessage).where(OutgoingMessage.claim_token == token)
        .options(selectinload(OutgoingMessage.attachments)).order_by(OutgoingMessage.id))
    claimed = [Claimed(row.id, row.attempts,
                       _sms_item(row) if channel == Channel.SMS else _content(row, sender),
                       f"{row.id} ({row.kind.value}, event {row.event_id or '-'})") for row in rows]
    db.session.commit()  # no transaction stays open while we talk to the SMTP server
    return token, claimed


# When each running batch (by claim token) last renewed its claims; a batch's entry is dropped
# when it ends.
_renewed_at: dict[str, datetime] = {}


def _claim_renewal() -> timedelta:
    """Often enough that a live batch never looks dead: a tenth of the sending timeout, at most
    ``CLAIM_RENEWAL``."""
    timeout = float(_setting("MAIL_SENDING_TIMEOUT_SECONDS", 900))
    return min(CLAIM_RENEWAL, timedelta(seconds=max(timeout, 0) / 10))


# Plain statements built once: an outcome is recorded for every message sent. The columns to
# set are the parameters' other keys.
_OUTGOING = OutgoingMessage.__table__
_RECORD_OUTCOME = _OUTGOING.update().where(_OUTGOING.c.id == sa.bindparam("outcome_id"),
                                           _OUTGOING.c.claim_token == sa.bindparam("outcome_token"))
_RENEW_CLAIMS = (_OUTGOING.update()
                 .where(_OUTGOING.c.claim_token == sa.bindparam("renewed_token"),
                        _OUTGOING.c.status == MessageStatus.SENDING)
                 .values(claimed_at=sa.bindparam("renewed_at")))


def _record(item: Claimed, token: str, **values) -> None:
    """Store one outcome (committed before the next message is sent), and show that this run is
    alive: its other rows' claims are renewed, so that a long batch is never mistaken for a dead
    worker's (at most every ``CLAIM_RENEWAL`` seconds, not after every message)."""
    now = utcnow()
    done = db.session.execute(_RECORD_OUTCOME, {"outcome_id": item.id, "outcome_token": token,
                                                "claim_token": None, "updated_at": now, **values})
    renewed = _renewed_at.get(token)
    if renewed is None or now - renewed >= _claim_renewal():
        db.session.execute(_RENEW_CLAIMS, {"renewed_token": token, "renewed_at": now})
        _renewed_at[token] = now
    db.session.commit()
    if not done.rowcount:
        logger.warning("outgoing message %s: the claim was taken over before its outcome "
                       "(%s) was recorded", item.id, values.get("status"))


def _describe(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        text = "; ".join(f"{address}: {code} {reply.decode(errors='replace')}"
                         for address, (code, reply) in error.recipients.items())
    elif isinstance(error, smtplib.SMTPResponseException):
        reply = error.smtp_error
        reply = reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)
        text = f"{error.smtp_code} {reply}"
    else:
        text = f"{type(error).__name__}: {error}"
    return text[:ERROR_LENGTH]


def _sent(item: Claimed, token: str, report: DeliveryReport) -> None:
    _record(item, token, status=MessageStatus.SENT, sent_at=utcnow(), attempts=item.attempts + 1,
            last_error=None, next_attempt_at=None)
    report.sent.append(item.id)
    logger.info("outgoing message %s sent", item.label)


def _failed(item: Claimed, token: str, error: str, report: DeliveryReport) -> None:
    _record(item, token, status=MessageStatus.FAILED, attempts=item.attempts + 1,
            last_error=error, next_attempt_at=None)
    report.failed.append(item.id)
    logger.warning("outgoing message %s failed for good: %s", item.label, error)


def _try_later(item: Claimed, token: str, error: str, report: DeliveryReport, now: datetime) -> None:
    attempts = item.attempts + 1
    if attempts >= int(_setting("MAIL_MAX_ATTEMPTS", 10)):
        _failed(item, token, error, report)
        return
    when = now + retry_delay(attempts)
    _record(item, token, status=MessageStatus.QUEUED, attempts=attempts, last_error=error,
            next_attempt_at=when)
    report.retry.setdefault(when, []).append(item.id)
    logger.info("outgoing message %s: attempt %s failed (%s); next at %s",
                item.label, attempts, error, when.isoformat())


def _refused_code(error: smtplib.SMTPRecipientsRefused) -> int:
    return min(code for code, _reply in error.recipients.values())


def send_claimed(token: str, claimed: list[Claimed]) -> DeliveryReport:
    """Send what ``claim`` took, over one connection, recording each outcome as it comes."""
    report = DeliveryReport()
    if not claimed:
        return report
    _renewed_at[token] = utcnow()  # claim() has just set the rows' claimed_at
    try:
        if isinstance(claimed[0].content, sms.SmsItem):
            return _send_claimed_sms(token, claimed, report)
        return _send_claimed(token, claimed, report)
    finally:
        _renewed_at.pop(token, None)


def _hold(token: str, claimed: list[Claimed], report: DeliveryReport, what: str) -> DeliveryReport:
    for item in claimed:
        _record(item, token, status=MessageStatus.HELD)
        report.held.append(item.id)
        logger.info("outgoing message %s held: no %s is configured", item.label, what)
    return report


def _send_claimed_sms(token: str, claimed: list[Claimed], report: DeliveryReport) -> DeliveryReport:
    if not sms_configured():
        return _hold(token, claimed, report, "SMS gateway")
    done: set[int] = set()
    try:
        with sms.open_sms_sender(current_app.config) as sender:
            for item in claimed:
                try:
                    sender.send(item.content)
                except sms.SmsRejected as error:
                    _failed(item, token, str(error)[:ERROR_LENGTH], report)
                except sms.SmsTemporaryError as error:
                    _try_later(item, token, str(error)[:ERROR_LENGTH], report, utcnow())
                else:
                    _sent(item, token, report)
                done.add(item.id)
    except sms.SmsConnectionError as error:  # cannot connect or bind, or lost mid-batch
        now = utcnow()
        for item in claimed:
            if item.id not in done:
                _try_later(item, token, str(error)[:ERROR_LENGTH], report, now)
    return report


def _send_claimed(token: str, claimed: list[Claimed], report: DeliveryReport) -> DeliveryReport:
    if not mail_configured():
        return _hold(token, claimed, report, "mail server")
    done: set[int] = set()
    # MAIL FROM takes the bare address: given the display name too, Flask-Mail would encode it
    # again for every message, only for the SMTP library to drop it.
    envelope_from = parseaddr(_sender())[1]
    try:
        with SmtpConnection(current_app.extensions["mail"]) as connection:
            for item in claimed:
                try:
                    connection.send(FlaskMailMessage(item.content), envelope_from=envelope_from)
                except smtplib.SMTPRecipientsRefused as error:  # this recipient, this time
                    if _refused_code(error) >= 500:
                        _failed(item, token, _describe(error), report)
                    else:
                        _try_later(item, token, _describe(error), report, utcnow())
                except smtplib.SMTPResponseException as error:  # the server said no to this one
                    if error.smtp_code >= 500:
                        _failed(item, token, _describe(error), report)
                    else:
                        _try_later(item, token, _describe(error), report, utcnow())
                except (smtplib.SMTPException, OSError):
                    raise  # the connection is gone: handled below for the rest of the batch
                except Exception as error:  # the message itself cannot be built or sent
                    logger.exception("outgoing message %s cannot be sent", item.label)
                    _failed(item, token, _describe(error), report)
                else:
                    _sent(item, token, report)
                done.add(item.id)
    except (smtplib.SMTPException, OSError) as error:  # cannot connect, log in, or lost mid-batch
        now = utcnow()
        for item in claimed:
            if item.id not in done:
                _try_later(item, token, _describe(error), report, now)
    return report


def deliver_messages(ids: Sequence[int]) -> DeliveryReport:
    """Send these messages if they are (still) queued and due; others are left alone, which
    makes the job safe to run twice."""
    size = int(_setting("MAIL_BATCH_SIZE", 50))
    report = DeliveryReport()
    ids = sorted(set(ids))
    for start in range(0, len(ids), size):
        for channel in SENT_CHANNELS:
            report.merge(send_claimed(*claim(ids[start:start + size], limit=size, channel=channel)))
    return report


def release_stale(now: datetime | None = None) -> list[int]:
    """Queue again the rows a dead worker left in ``sending``; returns their ids.

    A worker that dies (SIGKILL, out of memory, a power cut) mid-batch leaves its claimed rows in
    ``sending``. For all but one of them nothing was sent. For the one it was sending, the server
    may or may not have said "250 OK" before the death, and nobody can know which. After
    MAIL_SENDING_TIMEOUT_SECONDS without progress (a live batch renews its claim after every
    message) the rows go back to ``queued``: for that one message this is at-least-once, and the
    copy carries the same Message-ID so that mail clients can fold it away. The alternative,
    never retrying, would silently lose it; a rare duplicate is the lesser harm.
    """
    now = now or utcnow()
    cutoff = now - timedelta(seconds=float(_setting("MAIL_SENDING_TIMEOUT_SECONDS", 900)))
    stale = db.session.execute(
        sa.select(OutgoingMessage.id, OutgoingMessage.attempts, OutgoingMessage.claim_token)
        .where(OutgoingMessage.status == MessageStatus.SENDING,
               sa.or_(OutgoingMessage.claimed_at.is_(None), OutgoingMessage.claimed_at <= cutoff))
        .order_by(OutgoingMessage.id).with_for_update(skip_locked=True)).all()
    max_attempts = int(_setting("MAIL_MAX_ATTEMPTS", 10))
    error = "The worker stopped while sending this message; it is sent again (it may arrive twice)."
    released = []
    for message_id, attempts, claim_token in stale:
        failed = attempts + 1 >= max_attempts
        done = db.session.execute(
            sa.update(OutgoingMessage)
            .where(OutgoingMessage.id == message_id, OutgoingMessage.status == MessageStatus.SENDING,
                   OutgoingMessage.claim_token == claim_token)
            .values(status=MessageStatus.FAILED if failed else MessageStatus.QUEUED,
                    attempts=attempts + 1, last_error=error, claim_token=None,
                    next_attempt_at=None if failed else now, updated_at=now)
            .execution_options(synchronize_session=False))
        if done.rowcount and not failed:
            released.append(message_id)
    db.session.commit()
    if stale:
        logger.warning("outgoing messages %s were left in 'sending' by a stopped worker; "
                       "queued again", [row[0] for row in stale])
    return released


def sweep_outbox() -> DeliveryReport:
    """The periodic safety net: release rows of dead workers, then send every due queued message
    (those whose hand-over to the queue failed, and retries whose scheduled task was lost)."""
    report = DeliveryReport(released=release_stale())
    size = int(_setting("MAIL_BATCH_SIZE", 50))
    for channel in SENT_CHANNELS:
        for _ in range(SWEEP_MAX_BATCHES):
            token, claimed = claim(limit=size, channel=channel)
            if not claimed:
                break
            report.merge(send_claimed(token, claimed))
    return report

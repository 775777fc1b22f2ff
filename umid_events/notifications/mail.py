"""MIME building: one stored message in, the bytes an SMTP server receives out.

Pure functions of plain data, apart from ``FlaskMailMessage`` which lets Flask-Mail's connection
send what ``build_mime`` built (its own builder cannot mark a calendar part ``method=REQUEST``).
"""

from __future__ import annotations

import binascii
import re
import secrets
from dataclasses import dataclass, field
from email import encoders
from email.charset import QP, Charset
from email.header import Header
from email.message import Message
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart
from email.policy import compat32
from email.utils import formataddr, formatdate, parseaddr
from functools import lru_cache

import flask_mail


class _WirePolicy(type(compat32)):
    """compat32 with one shortcut: a short header of plain ASCII words is written as it is.

    compat32 passes every header through ``Header(value).encode()``, which returns such a value
    unchanged but cost a third of building a message (each has twenty-odd headers, most of them
    ``Content-Type: text/plain; charset="utf-8"`` and the like). Anything else (non-ASCII, long,
    odd spacing) goes the usual way. ``tests/notifications/test_mail.py`` proves the bytes equal
    to compat32's.
    """

    def _fold(self, name, value, sanitize):
        if (isinstance(value, str) and len(name) + 2 + len(value) <= self.max_line_length
                and _PLAIN_WORDS.fullmatch(value)):
            return f"{name}: {value}{self.linesep}"
        return super()._fold(name, value, sanitize)


_PLAIN_WORDS = re.compile(r"[\x21-\x7e]+(?: [\x21-\x7e]+)*")

# Built with the classic ``email.mime`` classes: five times faster than ``EmailMessage``, whose
# header registry parses every header it is given (most of a 1,000-invitation batch's time), and
# free of CPython 3.11's folder bug that dropped the space between an encoded word and its
# neighbour ("dinləmə çox" became "dinləməçox"): non-ASCII headers are Q-encoded words, folded
# between words, which every reader joins back exactly. Lines end in CRLF for SMTP.
WIRE = _WirePolicy(linesep="\r\n")
_UTF8 = Charset("utf-8")
_UTF8.header_encoding = QP
_UTF8.body_encoding = QP


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str          # e.g. "text/calendar"
    data: bytes


@dataclass(frozen=True)
class CalendarPart:
    """An inline text/calendar alternative part (invitations)."""

    method: str                 # "REQUEST" | "CANCEL" | "PUBLISH": must equal the .ics METHOD
    data: bytes


@dataclass(frozen=True)
class MailContent:
    """Everything ``build_mime`` needs, as plain values (read from an ``OutgoingMessage``)."""

    sender: str
    to_email: str
    to_name: str
    subject: str
    text_body: str
    html_body: str
    message_id: str
    calendar: CalendarPart | None = None
    attachments: tuple[Attachment, ...] = field(default_factory=tuple)
    extra_headers: tuple[tuple[str, str], ...] = field(default_factory=tuple)


def _header(value: str) -> str | Header:
    return value if value.isascii() else Header(value, _UTF8)


def _address(name: str, addr: str) -> str:
    return formataddr((name, addr), charset=_UTF8) if name else addr


@lru_cache(maxsize=16)
def _from_header(sender: str) -> str:
    """The From header of ``sender`` ("Name <address>"): the same for a whole batch."""
    return _address(*parseaddr(sender))


def _text(body: str, subtype: str) -> MIMENonMultipart:
    """A UTF-8 text part, quoted-printable (readable where it is ASCII) by the C encoder of
    ``binascii`` rather than the email package's pure-Python one."""
    part = MIMENonMultipart("text", subtype, charset="utf-8")
    part["Content-Transfer-Encoding"] = "quoted-printable"
    part.set_payload(binascii.b2a_qp(body.encode()).decode("ascii"))
    return part


def _multipart(subtype: str) -> MIMEMultipart:
    """A boundary of our own: "=_" never occurs in quoted-printable or base64 text, so the email
    package need not search every part for it (as it does for a boundary of its own making)."""
    return MIMEMultipart(subtype, boundary=f"=_{secrets.token_hex(12)}")


def build_mime(content: MailContent) -> Message:
    """multipart/alternative (text, html[, text/calendar]) inside multipart/mixed when there are
    attachments. Headers are RFC 2047-encoded, so Azerbaijani letters survive any server."""
    alternative = _multipart("alternative")
    alternative.attach(_text(content.text_body, "plain"))
    alternative.attach(_text(content.html_body, "html"))
    if content.calendar is not None:
        # base64 keeps the calendar's bytes (and their CRLF line ends) exactly as written.
        calendar = MIMEBase("text", "calendar", method=content.calendar.method, charset="UTF-8")
        calendar.set_payload(content.calendar.data)
        encoders.encode_base64(calendar)
        alternative.attach(calendar)
    message = alternative
    if content.attachments:
        message = _multipart("mixed")
        message.attach(alternative)
        for attachment in content.attachments:
            maintype, _, subtype = attachment.content_type.partition("/")
            part = MIMEBase(maintype, subtype or "octet-stream")
            part.set_payload(attachment.data)
            encoders.encode_base64(part)
            name = attachment.filename
            part.add_header("Content-Disposition", "attachment",
                            filename=name if name.isascii() else ("utf-8", "", name))
            message.attach(part)
    message["Subject"] = _header(content.subject)
    message["From"] = _from_header(content.sender)
    message["To"] = _address(content.to_name, content.to_email)
    message["Date"] = formatdate(usegmt=True)
    message["Message-ID"] = content.message_id
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to robots
    for header, value in content.extra_headers:
        message[header] = _header(value)
    message.policy = WIRE
    return message


class FlaskMailMessage(flask_mail.Message):
    """A Flask-Mail message whose MIME is ``build_mime``'s, so that ``Connection.send`` (one SMTP
    connection for a whole batch) sends exactly what we built.

    ``Message.__init__`` is deliberately not called: it makes a Message-ID of its own with
    ``make_msgid()``, which asks the resolver for this host's name on every message (seconds each
    where DNS is slow), and ours is already stored on the row. These are the attributes that
    ``Connection.send`` and ``has_bad_headers`` read.
    """

    def __init__(self, content: MailContent):  # Message.__init__ not called: see above
        self._content = content
        self.subject = content.subject
        self.sender = content.sender
        self.recipients = [content.to_email]
        self.cc, self.bcc, self.reply_to = [], [], None
        self.body, self.alts, self.attachments = content.text_body, {}, []
        self.date, self.charset, self.extra_headers = None, "utf-8", None
        self.msgId = content.message_id
        self.mail_options, self.rcpt_options = [], []

    def _message(self) -> Message:  # type: ignore[override]
        return build_mime(self._content)

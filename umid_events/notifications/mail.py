"""MIME building: one stored message in, the bytes an SMTP server receives out.

Pure functions of plain data, apart from ``FlaskMailMessage`` which lets Flask-Mail's connection
send what ``build_mime`` built (its own builder cannot mark a calendar part ``method=REQUEST``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate, parseaddr

import flask_mail

# Headers are written unfolded (lines stay far below SMTP's 998-character limit): CPython 3.11's
# folder drops or doubles the space between an encoded word and its neighbour when it folds a
# long non-ASCII header, which turned "dinləmə çox" into "dinləməçox" in testing. Bodies are
# still wrapped at 76 characters (they are encoded with the ordinary SMTP policy).
UNFOLDED_HEADERS = SMTP.clone(max_line_length=998)


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


def _address(value: str, display_name: str = "") -> Address:
    name, addr = parseaddr(value)
    return Address(display_name=display_name or name, addr_spec=addr)


def build_mime(content: MailContent) -> EmailMessage:
    """multipart/alternative (text, html[, text/calendar]) inside multipart/mixed when there are
    attachments. Headers are RFC 2047-encoded, so Azerbaijani letters survive any server."""
    message = EmailMessage(policy=SMTP)
    message["Subject"] = content.subject
    message["From"] = _address(content.sender)
    message["To"] = Address(display_name=content.to_name, addr_spec=content.to_email)
    message["Date"] = formatdate(usegmt=True)
    message["Message-ID"] = content.message_id
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to robots
    for name, value in content.extra_headers:
        message[name] = value

    message.set_content(content.text_body, subtype="plain", charset="utf-8",
                        cte="quoted-printable")
    message.add_alternative(content.html_body, subtype="html", charset="utf-8",
                            cte="quoted-printable")
    if content.calendar is not None:
        # base64 keeps the calendar's bytes (and their CRLF line ends) exactly as written.
        message.add_alternative(
            content.calendar.data, maintype="text", subtype="calendar",
            params={"method": content.calendar.method, "charset": "UTF-8"},
        )
    for attachment in content.attachments:
        maintype, _, subtype = attachment.content_type.partition("/")
        message.add_attachment(
            attachment.data, maintype=maintype, subtype=subtype or "octet-stream",
            filename=attachment.filename,
        )
    message.policy = UNFOLDED_HEADERS
    return message


class FlaskMailMessage(flask_mail.Message):
    """A Flask-Mail message whose MIME is ``build_mime``'s, so that ``Connection.send`` (one SMTP
    connection for a whole batch) sends exactly what we built.

    ``Message.__init__`` is deliberately not called: it makes a Message-ID of its own with
    ``make_msgid()``, which asks the resolver for this host's name on every message (seconds each
    where DNS is slow), and ours is already stored on the row. These are the attributes that
    ``Connection.send`` and ``has_bad_headers`` read.
    """

    def __init__(self, content: MailContent, raw: bytes | None = None):  # no Message.__init__
        self._content = content
        self._raw = raw  # the bytes built when the message was written, sent as they are
        self.subject = content.subject
        self.sender = content.sender
        self.recipients = [content.to_email]
        self.cc, self.bcc, self.reply_to = [], [], None
        self.body, self.alts, self.attachments = content.text_body, {}, []
        self.date, self.charset, self.extra_headers = None, "utf-8", None
        self.msgId = content.message_id
        self.mail_options, self.rcpt_options = [], []

    def _message(self) -> EmailMessage:  # type: ignore[override]
        return build_mime(self._content)

    def as_bytes(self) -> bytes:
        return self._raw if self._raw is not None else super().as_bytes()

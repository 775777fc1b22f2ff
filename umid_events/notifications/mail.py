"""MIME building: one stored message in, the bytes an SMTP server receives out.

Pure functions of plain data, apart from ``FlaskMailMessage`` which lets Flask-Mail's connection
send what ``build_mime`` built (its own builder cannot mark a calendar part ``method=REQUEST``).

Every header that is not plain ASCII is written as RFC 2047 encoded words of at most 75
characters each (``EncodedWords``); every calendar part says its ``charset`` and ``method``;
an invitation carries its calendar once (``build_mime``).
"""

from __future__ import annotations

import binascii
import re
import secrets
from dataclasses import dataclass, field
from email import encoders
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

# --- RFC 2047 encoded words ----------------------------------------------------------------

MAX_ENCODED_WORD = 75  # RFC 2047 section 2: "An 'encoded-word' may not be more than 75 characters"
_MAX_LINE = 78         # RFC 5322 section 2.1.1
# Q encoding with only the characters RFC 2047 (5)(3) allows as they are in a phrase (a display
# name), so the same words serve Subject and From/To alike; a space is "_".
_Q_LITERAL = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*+-/")
_Q_BYTE = tuple("_" if byte == 0x20 else chr(byte) if byte in _Q_LITERAL else f"={byte:02X}"
                for byte in range(256))
_Q_LENGTH = tuple(map(len, _Q_BYTE))
_OVERHEAD = len("=?utf-8?q??=")


def _encoded_length(text: str, encoding: str) -> int:
    data = text.encode()
    if encoding == "q":
        return sum(_Q_LENGTH[byte] for byte in data)
    return 4 * -(-len(data) // 3)


def _encode_word(text: str, encoding: str) -> str:
    data = text.encode()
    if encoding == "q":
        return "=?utf-8?q?" + "".join(_Q_BYTE[byte] for byte in data) + "?="
    return "=?utf-8?b?" + binascii.b2a_base64(data, newline=False).decode("ascii") + "?="


def _pieces(text: str, first: int, rest: int, encoding: str) -> list[str]:
    """``text`` cut into pieces whose encoded words fit ``first`` characters, then ``rest``;
    each cut between whole characters (RFC 2047 section 5: a word may not split a letter's
    UTF-8 bytes), after the piece's last space where it has one (a reader that keeps the
    whitespace between two words, as Python's own address parser did before gh-128110, then
    shows two spaces rather than a name cut in two)."""
    pieces, piece, budget = [], "", first - _OVERHEAD
    for character in text:
        if piece and _encoded_length(piece + character, encoding) > budget:
            cut = piece.rfind(" ", 1) + 1 or len(piece)
            pieces.append(piece[:cut])
            piece, budget = piece[cut:], rest - _OVERHEAD
            if piece and _encoded_length(piece + character, encoding) > budget:
                pieces.append(piece)
                piece = ""
        piece += character
    return [*pieces, piece]


@lru_cache(maxsize=1024)
def _fold_encoded(text: str, name: str, suffix: str, linesep: str) -> str:
    """``text`` as encoded words of at most ``MAX_ENCODED_WORD`` characters, one a line after
    the first so that no line passes ``_MAX_LINE``; then ``suffix`` (" <address>").

    Q encoding (ASCII stays readable) unless base64 takes fewer words (it holds half as many
    Azerbaijani letters again, so most full names fit one word). The whitespace between two
    encoded words is not part of the text (RFC 2047 section 6.2): the spaces of ``text``
    travel inside the words and every reader joins them back exactly."""
    prefix = len(name) + len(": ")
    lines = []
    first = min(MAX_ENCODED_WORD, _MAX_LINE - prefix)
    if first < _OVERHEAD + 12:  # too little room beside a long name for a 4-byte letter
        lines.append("")
        first = MAX_ENCODED_WORD
    cuts = {encoding: _pieces(text, first, MAX_ENCODED_WORD, encoding) for encoding in "qb"}
    encoding = "b" if len(cuts["b"]) < len(cuts["q"]) else "q"
    lines += [_encode_word(piece, encoding) for piece in cuts[encoding]]
    if suffix:  # the first line follows "Name: ", the others one space
        length = (prefix if len(lines) == 1 else 1) + len(lines[-1])
        if length + len(suffix) <= _MAX_LINE:
            lines[-1] += suffix
        else:
            lines.append(suffix.lstrip())
    return (linesep + " ").join(lines)


class EncodedWords:
    """A header value of RFC 2047 encoded words, for the compat32 policy: like
    ``email.header.Header``, whose ``encode`` it provides, but with no word longer than 75
    characters (``Header`` writes up to 77 on a continuation line, and ``formataddr`` writes a
    display name as one word however long it is). ``str()`` gives the text itself."""

    __slots__ = ("name", "suffix", "text")

    def __init__(self, text: str, name: str, suffix: str = ""):
        self.text, self.name, self.suffix = text, name, suffix

    def encode(self, linesep: str = "\n", maxlinelen: int | None = None,
               splitchars: str = ";, \t") -> str:
        return _fold_encoded(self.text, self.name, self.suffix, linesep)

    def __str__(self) -> str:
        return self.text + self.suffix


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


def _header(name: str, value: str) -> str | EncodedWords:
    return value if value.isascii() else EncodedWords(value, name)


def _address(header: str, name: str, addr: str) -> str | EncodedWords:
    """"Name <address>": an ASCII name as a phrase (quoted where it needs it), any other as
    encoded words; the address itself is never encoded."""
    if not name:
        return addr
    if name.isascii():
        return formataddr((name, addr))
    return EncodedWords(name, header, f" <{addr}>")


@lru_cache(maxsize=16)
def _from_header(sender: str) -> str | EncodedWords:
    """The From header of ``sender`` ("Name <address>"): the same for a whole batch."""
    return _address("From", *parseaddr(sender))


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


_CALENDAR_TYPES = frozenset({"text/calendar", "application/ics"})
_METHOD_LINE = re.compile(rb"^METHOD:([A-Za-z-]+)\r?$", re.MULTILINE)


def _calendar_method(data: bytes) -> str | None:
    """The METHOD a calendar says it is (the iTIP method of the part carrying it)."""
    found = _METHOD_LINE.search(data)
    return found.group(1).decode("ascii").upper() if found else None


def _calendar_part(data: bytes, method: str | None) -> MIMEBase:
    """A text/calendar part as Outlook, Gmail and Thunderbird write theirs:
    ``text/calendar; charset="utf-8"; method=REQUEST``. The charset because a reader may not
    assume RFC 5545's UTF-8 default for a MIME part (the issue: ".ics attachments lack charset");
    the method because iTIP (RFC 6047 section 2.4) requires it to equal the calendar's METHOD.
    Base64 keeps the bytes (and their CRLF line ends) exactly as written."""
    part = MIMEBase("text", "calendar", charset="utf-8")
    if method:
        part.set_param("method", method)
    part.set_payload(data)
    encoders.encode_base64(part)
    return part


def _attachment_part(attachment: Attachment) -> MIMEBase:
    kind = Message()
    kind["Content-Type"] = attachment.content_type
    if kind.get_content_type() in _CALENDAR_TYPES:
        # Whatever type it was stored with ("text/calendar", "text/calendar; method=REQUEST"),
        # a calendar file goes as text/calendar with the charset and the method of its data.
        part = _calendar_part(attachment.data, _calendar_method(attachment.data))
    else:
        part = MIMEBase(kind.get_content_maintype(), kind.get_content_subtype())
        for key, value in kind.get_params()[1:]:
            part.set_param(key, value)
        part.set_payload(attachment.data)
        encoders.encode_base64(part)
    name = attachment.filename
    part.add_header("Content-Disposition", "attachment",
                    filename=name if name.isascii() else ("utf-8", "", name))
    return part


def build_mime(content: MailContent) -> Message:
    """multipart/alternative (text, html[, text/calendar]) inside multipart/mixed when there are
    attachments. Headers are RFC 2047-encoded, so Azerbaijani letters survive any server.

    One calendar part per message: an attachment holding the same calendar as the inline part
    (invitations and notices hand both) is not written a second time. The inline
    ``text/calendar; method=…`` alternative is the form Outlook/Exchange send and the one
    Outlook, Gmail and Thunderbird act on (Accept/Decline, the update or the removal); a second
    copy as an attachment made two METHOD:REQUEST parts (two invitations to clients that read
    each, a stray "invite.ics" that Outlook opens as an unlinked copy). Clients that show no
    invitation list the inline part as a calendar file, which is what the mail's text calls
    "the attached calendar file"."""
    alternative = _multipart("alternative")
    alternative.attach(_text(content.text_body, "plain"))
    alternative.attach(_text(content.html_body, "html"))
    inline = content.calendar
    if inline is not None:
        alternative.attach(_calendar_part(inline.data, inline.method))
    attachments = [attachment for attachment in content.attachments
                   if inline is None or attachment.data != inline.data]
    message = alternative
    if attachments:
        message = _multipart("mixed")
        message.attach(alternative)
        for attachment in attachments:
            message.attach(_attachment_part(attachment))
    message["Subject"] = _header("Subject", content.subject)
    message["From"] = _from_header(content.sender)
    message["To"] = _address("To", content.to_name, content.to_email)
    message["Date"] = formatdate(usegmt=True)
    message["Message-ID"] = content.message_id
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to robots
    for header, value in content.extra_headers:
        message[header] = _header(header, value)
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

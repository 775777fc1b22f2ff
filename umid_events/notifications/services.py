"""Writing messages into the outbox: render, validate, record. Callers commit.

A message is handed to the job queue only once the caller's transaction has committed (see
``tasks.deliver_after_commit``); a rolled-back action leaves no message and sends nothing.

Templates: ``templates/email/<name>.txt`` and ``templates/email/<name>.html``, both required.
Each extends its layout (``email/layout.txt`` / ``email/layout.html``). The subject is the
``{% block subject %}`` of the .txt template (whitespace collapsed to one line; the layout never
prints it in the body); the text and HTML bodies fill ``{% block body %}``. Both templates also
receive ``subject`` and ``language``. Rendering is strict: a variable the caller did not pass is
an error (``MailTemplateError``), not an empty string in someone's inbox.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta
from email.utils import parseaddr

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import force_locale, get_translations
from flask_babel import lazy_gettext as _l
from jinja2 import StrictUndefined, TemplateError, TemplateNotFound

from ..core.errors import DomainError
from ..core.phones import InvalidPhone, normalise_phone
from ..core.types import utcnow
from ..extensions import db
from .delivery import channel_configured
from .kinds import Channel, MessageKind, MessageStatus
from .mail import Attachment, CalendarPart
from .models import CALENDAR_METHODS, OutgoingAttachment, OutgoingMessage
from .queries import unresent_failures
from .sms import sms_parts
from .tasks import deliver_after_commit, producer


class InvalidRecipient(DomainError):
    def __init__(self, address: str):
        self.address = address
        super().__init__(_l("“%(address)s” is not a valid email address.", address=address))


class MailTemplateError(DomainError):
    def __init__(self, template: str, detail: str):
        self.template = template
        super().__init__(_l("The message “%(template)s” could not be prepared: %(detail)s",
                            template=template, detail=detail))


class NotResendable(DomainError):
    def __init__(self):
        super().__init__(_l("Only a sent or failed message can be sent again; this one is "
                            "still on its way or on hold."))


class NoMailServer(DomainError):
    def __init__(self):
        super().__init__(_l("No mail server is configured (MAIL_SERVER), so held messages "
                            "cannot be sent yet."))


# --- configuration -------------------------------------------------------------------------

def _initial_status(channel: Channel = Channel.EMAIL) -> MessageStatus:
    return MessageStatus.QUEUED if channel_configured(channel) else MessageStatus.HELD


def new_message_id_header() -> str:
    """``<random@domain-of-the-sender>``, written once per row (RFC 5322 section 3.6.4)."""
    domain = parseaddr(current_app.config.get("MAIL_DEFAULT_SENDER") or "")[1].rpartition("@")[2]
    return f"<{secrets.token_hex(16)}@{domain or 'umid-events.invalid'}>"


def normalise_recipient(address: str) -> str:
    """The address as it will be used, or ``InvalidRecipient``.

    Addresses whose local part is not ASCII are refused: they need SMTPUTF8, which many servers
    do not offer, and such a message would fail later rather than now.
    """
    try:
        return validate_email(address.strip(), check_deliverability=False,
                              allow_smtputf8=False).normalized
    except EmailNotValidError as exc:
        raise InvalidRecipient(address.strip()) from exc


# --- rendering -----------------------------------------------------------------------------

def _email_environment(language: str):
    """A Jinja environment for mail in ``language``: Flask's (same loader, filters and globals),
    strict about undefined variables, with the language's translations bound once, so that
    ``_()`` in a mail template is a catalogue lookup instead of Flask-Babel's search for the
    current locale on every string (a fifth of the time a batch of invitations took to write).
    One per language, each with its own template cache; pages keep the app's environment."""
    environments = current_app.extensions.setdefault("notifications.jinja", {})
    env = environments.get(language)
    if env is None:
        pages = current_app.jinja_env
        env = current_app.create_jinja_environment()
        env.undefined = StrictUndefined
        env.filters.update(pages.filters)
        env.tests.update(pages.tests)
        env.globals.update(pages.globals)
        env.add_extension("jinja2.ext.i18n")
        with force_locale(language):
            env.install_gettext_translations(get_translations(), newstyle=True)
        environments[language] = env
    return env


def _language(language: str | None) -> str:
    languages = current_app.config["LANGUAGES"]
    return language if language in languages else current_app.config["BABEL_DEFAULT_LOCALE"]


def render_message(template: str, language: str, context: dict) -> tuple[str, str, str]:
    """``(subject, text body, html body)`` of ``email/<template>`` in ``language``."""
    env = _email_environment(language)
    with force_locale(language):
        try:
            text_template = env.get_template(f"email/{template}.txt")
            html_template = env.get_template(f"email/{template}.html")
            if "subject" not in text_template.blocks:
                raise MailTemplateError(template, f"email/{template}.txt has no {{% block subject %}}")
            variables = {**context, "language": language}
            subject_parts = text_template.blocks["subject"](text_template.new_context(variables))
            subject = " ".join("".join(subject_parts).split())
            if not subject:
                raise MailTemplateError(template, "the subject is empty")
            variables["subject"] = subject
            text_body = text_template.render(variables).strip() + "\n"
            html_body = html_template.render(variables)
        except TemplateNotFound as exc:
            raise MailTemplateError(template, f"template {exc.name} not found") from exc
        except TemplateError as exc:
            raise MailTemplateError(template, f"{type(exc).__name__}: {exc}") from exc
    return subject, text_body, html_body


def render_sms(template: str, language: str, context: dict) -> str:
    """The text of ``sms/<template>.txt`` in ``language``: lines stripped, no blank runs."""
    env = _email_environment(language)
    with force_locale(language):
        try:
            text = env.get_template(f"sms/{template}.txt").render({**context, "language": language})
        except TemplateNotFound as exc:
            raise MailTemplateError(template, f"template {exc.name} not found") from exc
        except TemplateError as exc:
            raise MailTemplateError(template, f"{type(exc).__name__}: {exc}") from exc
    lines = [" ".join(line.split()) for line in text.strip().splitlines()]
    kept = [line for index, line in enumerate(lines) if line or (index and lines[index - 1])]
    if not kept:
        raise MailTemplateError(template, "the text is empty")
    return "\n".join(kept)


def _check_calendar(calendar: CalendarPart) -> None:
    if calendar.method not in CALENDAR_METHODS:
        raise ValueError(f"calendar method must be one of {CALENDAR_METHODS}, not {calendar.method!r}")
    lines = calendar.data.replace(b"\r\n", b"\n").split(b"\n")
    if f"METHOD:{calendar.method}".encode() not in lines:
        raise ValueError(f"the calendar part is sent as method={calendar.method} but its data "
                         f"does not say METHOD:{calendar.method}")


# --- queueing ------------------------------------------------------------------------------

def queue_templated_message(*, template: str, to_email: str | None, to_name: str, language: str,
                            context: dict, kind: MessageKind, event_id: int | None = None,
                            attachments: Sequence[Attachment] = (),
                            calendar: CalendarPart | None = None,
                            dedupe_key: str | None = None,
                            dedupe_checked: bool = False,
                            unsubscribe_url: str | None = None) -> OutgoingMessage | None:
    """Render a message and add it to the outbox in the current transaction (flushed, not
    committed); after the caller commits, the queue delivers it.

    Returns ``None`` (recording nothing) when ``to_email`` is empty: the caller lists that
    person as not reachable by mail. An invalid address raises ``InvalidRecipient``; a broken
    template raises ``MailTemplateError``. With a ``dedupe_key`` already in the outbox, the
    existing message is returned and nothing new is recorded; ``dedupe_checked`` says that the
    caller has already looked the key up, for a whole batch (``messages_by_dedupe_key``), and
    found it new. Bulk mail gives its ``unsubscribe_url`` (the List-Unsubscribe header).
    """
    if not to_email or not to_email.strip():
        return None
    address = normalise_recipient(to_email)
    if dedupe_key and not dedupe_checked:
        existing = db.session.scalar(
            sa.select(OutgoingMessage).where(OutgoingMessage.dedupe_key == dedupe_key))
        if existing is not None:
            return existing
    if calendar is not None:
        _check_calendar(calendar)
    language = _language(language)
    subject, text_body, html_body = render_message(template, language, context)
    message = OutgoingMessage(
        kind=kind, status=_initial_status(), event_id=event_id, template=template,
        language=language, to_email=address, to_name=" ".join((to_name or "").split())[:200],
        subject=subject[:500], text_body=text_body, html_body=html_body,
        calendar_method=calendar.method if calendar else None,
        calendar_data=calendar.data if calendar else None, unsubscribe_url=unsubscribe_url,
        message_id_header=new_message_id_header(), dedupe_key=dedupe_key,
        attempts=0, next_attempt_at=utcnow(),
        attachments=[OutgoingAttachment(position=index, filename=item.filename,
                                        content_type=item.content_type, data=item.data)
                     for index, item in enumerate(attachments)],
    )
    return _record(message)


SMS_MAX_SEGMENTS = 2


def fit_sms(template: str, language: str, context: dict, shorten: str | None) -> str:
    """The SMS text, with ``context[shorten]`` (an event's title, say) cut with "…" as far as
    needed to stay within ``SMS_MAX_SEGMENTS`` (a long title never makes a third SMS)."""
    text = render_sms(template, language, context)
    value = context.get(shorten) if shorten else None
    if not isinstance(value, str) or sms_parts(text).segments <= SMS_MAX_SEGMENTS:
        return text
    low, high, best = 0, len(value) - 1, None
    while low <= high:  # the longest cut that fits
        middle = (low + high) // 2
        candidate = render_sms(template, language, {**context, shorten: value[:middle].rstrip() + "…"})
        if sms_parts(candidate).segments <= SMS_MAX_SEGMENTS:
            best, low = candidate, middle + 1
        else:
            high = middle - 1
    return best or text


def queue_sms(*, template: str, to_phone: str | None, language: str, context: dict,
              kind: MessageKind, event_id: int | None = None, dedupe_key: str | None = None,
              dedupe_checked: bool = False, shorten: str | None = None) -> OutgoingMessage | None:
    """Render ``sms/<template>.txt`` and add it to the outbox, as ``queue_templated_message``
    does for mail: ``None`` without a phone number, an existing row for a known dedupe key,
    held while no SMS gateway is configured."""
    if not to_phone or not to_phone.strip():
        return None
    try:
        phone = normalise_phone(to_phone)
    except InvalidPhone:
        phone = None
    if not phone:
        raise InvalidRecipient(to_phone)
    if dedupe_key and not dedupe_checked:
        existing = db.session.scalar(
            sa.select(OutgoingMessage).where(OutgoingMessage.dedupe_key == dedupe_key))
        if existing is not None:
            return existing
    language = _language(language)
    text = fit_sms(template, language, context, shorten)
    message = OutgoingMessage(
        channel=Channel.SMS, kind=kind, status=_initial_status(Channel.SMS), event_id=event_id,
        template=template, language=language, to_email=None, to_phone=phone, to_name="",
        subject=" ".join(text.split())[:120], text_body=text, html_body="",
        message_id_header=new_message_id_header(), dedupe_key=dedupe_key,
        attempts=0, next_attempt_at=utcnow(), attachments=[])
    return _record(message)


def record_whatsapp_message(*, to_phone: str, to_name: str, text: str, kind: MessageKind,
                            event_id: int | None, actor) -> OutgoingMessage:
    """An organiser sent this text from their own WhatsApp (a click-to-chat link): the outbox
    keeps that it was sent, by whom and when, beside the mail and SMS of the event."""
    now = utcnow()
    message = OutgoingMessage(
        channel=Channel.WHATSAPP, kind=kind, status=MessageStatus.SENT, event_id=event_id,
        template="whatsapp", language="az", to_email=None, to_phone=to_phone,
        to_name=" ".join((to_name or "").split())[:200], subject=" ".join(text.split())[:120],
        text_body=text, html_body="", message_id_header=new_message_id_header(), attempts=1,
        sent_at=now, next_attempt_at=None, created_by_id=getattr(actor, "id", None))
    db.session.add(message)
    db.session.flush()
    return message


def messages_by_dedupe_key(keys: Iterable[str]) -> dict[str, int]:
    """The ids of the messages already written under any of these keys, in one query."""
    keys = list(keys)
    if not keys:
        return {}
    rows = db.session.execute(sa.select(OutgoingMessage.dedupe_key, OutgoingMessage.id)
                              .where(OutgoingMessage.dedupe_key.in_(keys)))
    return {key: message_id for key, message_id in rows}


def _record(message: OutgoingMessage) -> OutgoingMessage:
    batch = _batch.get()
    if batch is not None:  # written with the rest of the batch
        batch.append(message)
        return message
    db.session.add(message)
    db.session.flush()
    _announce(message)
    return message


def _announce(message: OutgoingMessage) -> None:
    """A flushed message goes to the queue after the commit."""
    if message.status == MessageStatus.QUEUED:
        deliver_after_commit(db.session, message.id)


_batch: ContextVar[list[OutgoingMessage] | None] = ContextVar("notifications_batch", default=None)


@contextmanager
def outbox_batch() -> Iterator[None]:
    """Write the messages queued inside the block together at its end, as plain INSERTs of their
    rows (multi-row on PostgreSQL) rather than through the session's unit of work, which spent
    half of a 1,000-invitation job on its bookkeeping: for jobs writing hundreds.

    The messages never join the session: inside the block they have no id, and after it only
    their id is to be used (``invitation.message_id = message.id``, not a relationship, which
    would add the written message to the session a second time). Nothing in the block may rely
    on a flush (look dedupe keys up beforehand with ``messages_by_dedupe_key``)."""
    pending: list[OutgoingMessage] = []
    reset = _batch.set(pending)
    try:
        with db.session.no_autoflush:  # a lazy load inside must not flush anything piecemeal
            yield
    finally:
        _batch.reset(reset)
    db.session.bulk_save_objects(pending, return_defaults=True)  # the ids come back
    attachments = []
    for message in pending:
        for attachment in message.attachments:
            attachment.message_id = message.id
            attachments.append(attachment)
    db.session.bulk_save_objects(attachments)
    for message in pending:
        _announce(message)


def send_test_message(to_email: str, *, actor, language: str) -> OutgoingMessage:
    """A short message that proves the mail path works end to end (from the outbox page)."""
    message = queue_templated_message(
        template="test_message", to_email=to_email, to_name="", language=language,
        context={"requested_by": actor.full_name}, kind=MessageKind.TEST)
    if message is None:
        raise InvalidRecipient("")
    message.created_by_id = actor.id
    return message


# --- resending -----------------------------------------------------------------------------

def resend_message(message: OutgoingMessage, *, actor) -> OutgoingMessage:
    """Send a sent or failed message again, as a new row.

    A new row rather than a reset: the old one keeps its attempts and last error as the record of
    what happened (and the outbox links the two); the copy gets its own Message-ID, since a mail
    client that already holds the original would otherwise hide the second copy as a duplicate.
    The content is the one sent before (the template is not rendered again).
    """
    if message.status not in (MessageStatus.SENT, MessageStatus.FAILED):
        raise NotResendable()
    if message.channel == Channel.WHATSAPP:
        raise NotResendable()
    copy = OutgoingMessage(
        channel=message.channel, to_phone=message.to_phone,
        kind=message.kind, status=_initial_status(message.channel), event_id=message.event_id,
        template=message.template, language=message.language, to_email=message.to_email,
        to_name=message.to_name, subject=message.subject, text_body=message.text_body,
        html_body=message.html_body, calendar_method=message.calendar_method,
        calendar_data=message.calendar_data, unsubscribe_url=message.unsubscribe_url,
        message_id_header=new_message_id_header(),
        attempts=0, next_attempt_at=utcnow(), resent_from_id=message.id,
        created_by_id=getattr(actor, "id", None),
        attachments=[OutgoingAttachment(position=item.position, filename=item.filename,
                                        content_type=item.content_type, data=item.data)
                     for item in message.attachments],
    )
    return _record(copy)


def resend_failed(event_id: int | None = None, *, actor) -> int:
    """Send every failed message (of one event, or all) again; returns how many."""
    failed = list(db.session.scalars(unresent_failures(event_id)))
    # (each resend adds a row pointing at its original, so a second call finds none of these)
    for message in failed:
        resend_message(message, actor=actor)
    return len(failed)


def send_held_messages(*, actor) -> int:
    """Release the messages held while no mail server (or SMS gateway) was configured, of each
    channel that now has one; returns how many."""
    channels = [channel for channel in (Channel.EMAIL, Channel.SMS) if channel_configured(channel)]
    if not channels:
        raise NoMailServer()
    ids = list(db.session.scalars(
        sa.select(OutgoingMessage.id).where(OutgoingMessage.status == MessageStatus.HELD,
                                            OutgoingMessage.channel.in_(channels))
        .order_by(OutgoingMessage.id)))
    if ids:
        db.session.execute(
            sa.update(OutgoingMessage)
            .where(OutgoingMessage.id.in_(ids), OutgoingMessage.status == MessageStatus.HELD)
            .values(status=MessageStatus.QUEUED, next_attempt_at=utcnow(), updated_at=utcnow())
            .execution_options(synchronize_session=False))
        for message_id in ids:
            deliver_after_commit(db.session, message_id)
    return len(ids)


# --- retention -----------------------------------------------------------------------------

def _blank(messages) -> int:
    """Keep that a message was sent (kind, event, status, times); drop what it said."""
    count = 0
    for message in messages:
        message.text_body = message.html_body = ""
        message.calendar_data = None
        message.attachments.clear()
        count += 1
    db.session.flush()
    return count


@producer
def purge_old_message_bodies(now=None) -> int:
    """Mail bodies hold personal data: past ``MAIL_RETENTION_DAYS`` only the record remains."""
    days = int(current_app.config.get("MAIL_RETENTION_DAYS") or 0)
    if days <= 0:
        return 0
    cutoff = (now or utcnow()) - timedelta(days=days)
    old = db.session.scalars(
        sa.select(OutgoingMessage).where(
            OutgoingMessage.created_at < cutoff, OutgoingMessage.text_body != "",
            OutgoingMessage.status.in_((MessageStatus.SENT, MessageStatus.FAILED)))
        .limit(500)).all()
    count = _blank(old)
    db.session.commit()
    return count


def erase_messages_to(email: str | None = None, phone: str | None = None) -> int:
    """A person's right to erasure reaches the mail and SMS written to them (the caller commits)."""
    wanted = []
    if email:
        wanted.append(sa.func.lower(OutgoingMessage.to_email) == email.lower())
    if phone:
        wanted.append(OutgoingMessage.to_phone == phone)
    if not wanted:
        return 0
    messages = db.session.scalars(sa.select(OutgoingMessage).where(sa.or_(*wanted))).all()
    for message in messages:
        message.to_name = ""
        if message.channel == Channel.EMAIL:
            message.to_email = ""
        else:
            message.to_phone = ""
    return _blank(messages)

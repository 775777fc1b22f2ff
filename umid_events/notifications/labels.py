"""Translated names of message kinds and states, for the outbox pages."""

from flask_babel import lazy_gettext as _l

from .kinds import Channel, MessageKind, MessageStatus

KIND_LABELS = {
    MessageKind.CONFIRMATION: _l("Confirmation"),
    MessageKind.INVITATION: _l("Invitation"),
    MessageKind.UPDATE: _l("Update"),
    MessageKind.CANCELLATION: _l("Cancellation"),
    MessageKind.REMINDER: _l("Reminder"),
    MessageKind.WAITLIST_PROMOTION: _l("Place from the waiting list"),
    MessageKind.ANSWER: _l("Answer"),
    MessageKind.TEST: _l("Test message"),
    MessageKind.OTHER: _l("Other"),
}
STATUS_LABELS = {
    MessageStatus.QUEUED: _l("Queued"),
    MessageStatus.SENDING: _l("Sending"),
    MessageStatus.SENT: _l("Sent"),
    MessageStatus.FAILED: _l("Failed"),
    MessageStatus.HELD: _l("On hold"),
}
STATUS_BADGES = {
    MessageStatus.QUEUED: "text-bg-info",
    MessageStatus.SENDING: "text-bg-primary",
    MessageStatus.SENT: "text-bg-success",
    MessageStatus.FAILED: "text-bg-danger",
    MessageStatus.HELD: "text-bg-warning",
}
CHANNEL_LABELS = {
    Channel.EMAIL: _l("Email"),
    Channel.SMS: _l("SMS"),
    Channel.WHATSAPP: _l("WhatsApp"),
}

"""What a message is about and where it stands (apart from the model, so that other features and
the templates can import them without the ORM)."""

import enum


class MessageKind(enum.StrEnum):
    CONFIRMATION = "confirmation"
    INVITATION = "invitation"
    UPDATE = "update"
    CANCELLATION = "cancellation"
    REMINDER = "reminder"
    WAITLIST_PROMOTION = "waitlist_promotion"
    ANSWER = "answer"
    TEST = "test"
    OTHER = "other"


class Channel(enum.StrEnum):
    """How a message reaches its addressee."""

    EMAIL = "email"
    SMS = "sms"
    # Sent by an organiser from their own phone (a wa.me click-to-chat link); the outbox only
    # records that it was sent.
    WHATSAPP = "whatsapp"


class MessageStatus(enum.StrEnum):
    QUEUED = "queued"    # waiting for a worker (now, or at next_attempt_at after a failure)
    SENDING = "sending"  # claimed by one worker, which is talking to the SMTP or SMPP server
    SENT = "sent"        # the SMTP or SMPP server accepted it
    FAILED = "failed"    # refused for good, or out of attempts: kept so that it can be resent
    HELD = "held"        # no mail (or SMS) server configured: kept and shown on the outbox page

    @property
    def is_open(self) -> bool:
        """Still on its way: resending it now could deliver it twice."""
        return self in (MessageStatus.QUEUED, MessageStatus.SENDING)

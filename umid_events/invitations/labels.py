"""Words for invitation answers and calendar replies, in the reader's language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from .models import InvitationResponse, ReplyOutcome

RESPONSE_LABELS = {
    InvitationResponse.ACCEPTED: _l("Yes"),
    InvitationResponse.DECLINED: _l("No"),
    InvitationResponse.TENTATIVE: _l("Maybe"),
}

OUTCOME_LABELS = {
    ReplyOutcome.REGISTERED: _l("Registered; personal link sent"),
    ReplyOutcome.ALREADY_REGISTERED: _l("Already registered; personal link sent again"),
    ReplyOutcome.DECLINED: _l("Declined the invitation"),
    ReplyOutcome.DECLINED_REGISTERED: _l("Declined while registered; sent the link to cancel"),
    ReplyOutcome.TENTATIVE: _l("Maybe"),
    ReplyOutcome.CLOSED: _l("Registration was not possible; told why"),
    ReplyOutcome.UNMATCHED: _l("No invitation to this address: check by hand"),
    ReplyOutcome.UNKNOWN_EVENT: _l("Not about one of our events: check by hand"),
    ReplyOutcome.NOT_A_REPLY: _l("A mail without a calendar answer: read it in the mailbox"),
    ReplyOutcome.UNREADABLE: _l("Could not be read: look at it in the mailbox"),
}

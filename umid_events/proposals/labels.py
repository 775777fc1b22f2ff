"""Translated names of proposal statuses, origins and answer outcomes."""

from flask_babel import lazy_gettext as _l

from .models import AnswerOutcome, ProposalOrigin, ProposalStatus

STATUS_LABELS = {
    ProposalStatus.NEW: _l("New"),
    ProposalStatus.ACCEPTED: _l("Accepted for a dossier"),
    ProposalStatus.MERGED: _l("Merged"),
    ProposalStatus.DECLINED: _l("Declined"),
    ProposalStatus.SENT: _l("Sent to the authority"),
    ProposalStatus.ANSWERED: _l("Answered"),
    ProposalStatus.IMPLEMENTED: _l("Implemented"),
}
ORIGIN_LABELS = {
    ProposalOrigin.PARTICIPANT: _l("Sent by a participant"),
    ProposalOrigin.MODERATOR: _l("Recorded by a moderator"),
    ProposalOrigin.LETTER: _l("By letter"),
    ProposalOrigin.PHONE: _l("By phone"),
}
OUTCOME_LABELS = {
    AnswerOutcome.ACCEPTED: _l("Accepted"),
    AnswerOutcome.PARTLY: _l("Partly accepted"),
    AnswerOutcome.DECLINED: _l("Declined"),
    AnswerOutcome.NO_REPLY: _l("No reply yet"),
}

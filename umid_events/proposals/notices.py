"""The message a proposer receives when an authority's answer is recorded."""

from __future__ import annotations

from contextlib import nullcontext

from flask import has_request_context, url_for

from ..core.urls import public_url_context
from ..notifications.kinds import MessageKind
from ..notifications.services import queue_templated_message
from .labels import OUTCOME_LABELS
from .models import AuthorityAnswer, Proposal


def notify_answer(proposal: Proposal, answer: AuthorityAnswer) -> None:
    """Queue the news of the answer to the proposer, if they left an address (after commit)."""
    person = proposal.person
    if person is None or person.anonymised_at is not None or not person.email:
        return
    language = person.language or "az"
    from flask_babel import force_locale

    with force_locale(language):
        outcome = str(OUTCOME_LABELS[answer.outcome])
    with nullcontext() if has_request_context() else public_url_context():
        url = url_for("proposals_public.proposal", token=proposal.public_token, _external=True)
    queue_templated_message(
        template="proposal_answered", to_email=person.email, to_name=person.full_name,
        language=language, kind=MessageKind.ANSWER, event_id=proposal.event_id,
        dedupe_key=f"proposal-answer:{answer.id}",
        context={
            "name": person.full_name,
            "title": proposal.title,
            "authority": proposal.authority.name if proposal.authority else "",
            "outcome": outcome,
            "answer_text": answer.text,
            "proposal_url": url,
        },
    )

"""Recording proposals, moving them through their workflow, and recording the answers.

Functions flush, never commit: the view or the CLI commits one use case. Mail to the proposer
goes into the outbox in the same transaction and is delivered after the commit.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from ..audit.services import record_forwarding, record_routing_change
from ..auth.models import Role, User
from ..core.errors import DomainError
from ..core.types import utcnow
from ..directory.models import Organisation
from ..events.models import Event
from ..extensions import db
from ..registrations.models import ParticipantGroup, Registration
from .models import (
    AnswerOutcome,
    AuthorityAnswer,
    Proposal,
    ProposalOrigin,
    ProposalStatus,
    ProposalStatusChange,
    ProposalTopic,
    title_from_text,
)

MAX_TITLE_LENGTH = 200
MAX_TEXT_LENGTH = 10_000
MAX_NOTE_LENGTH = 2_000
MAX_LETTER_BYTES = 8 * 1024 * 1024  # below the request limit (MAX_CONTENT_LENGTH, 10 MB)

S = ProposalStatus
# Where each status may go next (organisers may also step back to correct a mistake).
NEXT_STATUSES: dict[ProposalStatus, frozenset[ProposalStatus]] = {
    S.NEW: frozenset({S.ACCEPTED, S.MERGED, S.DECLINED}),
    S.ACCEPTED: frozenset({S.NEW, S.SENT, S.MERGED, S.DECLINED}),
    S.MERGED: frozenset({S.NEW, S.ACCEPTED}),
    S.DECLINED: frozenset({S.NEW, S.ACCEPTED}),
    S.SENT: frozenset({S.ACCEPTED, S.ANSWERED}),
    S.ANSWERED: frozenset({S.SENT, S.IMPLEMENTED}),
    S.IMPLEMENTED: frozenset({S.ANSWERED}),
}
# Moderators sort proposals but stop at "accepted": sending, answers and what follows are the
# organisers'. They may change only proposals that have not gone further.
MODERATOR_STATUSES = frozenset({S.NEW, S.ACCEPTED, S.MERGED, S.DECLINED})


class ProposalRefused(DomainError):
    """A proposal could not be saved or changed; the message says why."""


class ProposalsClosed(DomainError):
    def __init__(self):
        super().__init__(_l("This event is not accepting proposals at the moment."))


class ProposalChanged(DomainError):
    def __init__(self):
        super().__init__(_l("Someone else changed this proposal in the meantime. "
                            "Open it again to see their changes, then make yours."))


class InvalidLetter(DomainError):
    """The attached letter is not a PDF, is empty or is too large."""


@dataclass
class ProposalDraft:
    """What is known about a new proposal, before it is saved."""

    text: str
    title: str = ""
    topic_id: int | None = None
    authority_id: int | None = None
    event_id: int | None = None
    origin: ProposalOrigin = ProposalOrigin.MODERATOR
    person_id: int | None = None
    registration_id: int | None = None
    show_name: bool = False
    proposer_group: ParticipantGroup | None = None
    community_id: int | None = None


# --- topics ----------------------------------------------------------------------------------

DEFAULT_TOPICS = [
    ("utilities", "Kommunal xidmətlər", "Utilities"),
    ("roads_transport", "Yollar və nəqliyyat", "Roads and transport"),
    ("e_services", "Elektron xidmətlər və ödənişlər", "E-services and payments"),
    ("budget", "Bələdiyyə büdcəsi və şəffaflıq", "Municipal budget and transparency"),
    ("education", "Təhsil", "Education"),
    ("health", "Səhiyyə", "Health"),
    ("employment", "Məşğulluq", "Employment"),
    ("other", "Digər", "Other"),
]


def seed_topics() -> list[ProposalTopic]:
    """Add the default topics that are missing (the migration seeds them too); idempotent."""
    existing = set(db.session.scalars(sa.select(ProposalTopic.code)))
    added = [ProposalTopic(code=code, name=name, name_en=name_en, position=position)
             for position, (code, name, name_en) in enumerate(DEFAULT_TOPICS, start=1)
             if code not in existing]
    db.session.add_all(added)
    db.session.flush()
    return added


def save_topic(topic: ProposalTopic | None, *, name: str, name_en: str, position: int,
               active: bool) -> ProposalTopic:
    name = " ".join((name or "").split())
    if not name:
        raise ProposalRefused(_l("A topic needs a name."))
    topic = topic or ProposalTopic()
    topic.name, topic.name_en = name[:120], " ".join((name_en or "").split())[:120]
    topic.position, topic.active = position, active
    db.session.add(topic)
    db.session.flush()
    return topic


# --- recording ---------------------------------------------------------------------------------

def _clean_text(text: str | None) -> str:
    text = (text or "").replace("\r\n", "\n").replace("\x00", "").strip()
    if not text:
        raise ProposalRefused(_l("Write the proposal: the text is empty."))
    if len(text) > MAX_TEXT_LENGTH:
        raise ProposalRefused(_l("The proposal is too long (%(length)d characters); the limit is "
                                 "%(limit)d. Shorten it or split it into two proposals.",
                                 length=len(text), limit=MAX_TEXT_LENGTH))
    return text


def _clean_title(title: str | None, text: str) -> str:
    title = " ".join((title or "").split())
    if len(title) > MAX_TITLE_LENGTH:
        raise ProposalRefused(_l("The title is too long; the limit is %(limit)d characters.",
                                 limit=MAX_TITLE_LENGTH))
    return title or title_from_text(text)


def clean_idempotency_key(key: str | None) -> str | None:
    key = (key or "").strip()
    if not key:
        return None
    if len(key) > 64 or not all(ch.isalnum() or ch in "-_" for ch in key):
        raise ProposalRefused(_l("The entry's key is not valid; reload the page."))
    return key


def find_by_idempotency_key(key: str | None) -> Proposal | None:
    if not key:
        return None
    return db.session.scalar(sa.select(Proposal).where(Proposal.idempotency_key == key))


def _history(proposal: Proposal, from_status, to_status, *, by: User | None, note: str = "",
             now: datetime | None = None) -> None:
    proposal.history.append(ProposalStatusChange(
        from_status=from_status, to_status=to_status, note=(note or "")[:MAX_NOTE_LENGTH],
        changed_by_id=by.id if by else None, changed_at=now or utcnow()))


def record_proposal(draft: ProposalDraft, *, by: User | None, idempotency_key: str | None = None,
                    now: datetime | None = None) -> tuple[Proposal, bool]:
    """Save a proposal recorded by staff (live, or from a letter or a call).

    Returns ``(proposal, created)``. An entry whose ``idempotency_key`` is already saved is
    returned as it is (``created`` False): a double press or a retry saves once. Two requests
    with the same key at the very same moment: the second fails on the unique key at the
    commit; the caller rolls back and looks the key up again (see ``views_live.save_entry``).
    """
    key = clean_idempotency_key(idempotency_key)
    existing = find_by_idempotency_key(key)
    if existing is not None:
        return existing, False
    now = now or utcnow()
    text = _clean_text(draft.text)
    proposal = Proposal(
        title=_clean_title(draft.title, text), text=text, topic_id=draft.topic_id,
        authority_id=draft.authority_id, event_id=draft.event_id, origin=draft.origin,
        person_id=draft.person_id, registration_id=draft.registration_id,
        show_name=bool(draft.show_name and draft.person_id), proposer_group=draft.proposer_group,
        community_id=draft.community_id, status=ProposalStatus.NEW, idempotency_key=key,
        published=draft.origin != ProposalOrigin.PARTICIPANT,
        moderated_at=None if draft.origin == ProposalOrigin.PARTICIPANT else now,
        created_by_id=by.id if by else None, created_at=now, updated_at=now,
    )
    _history(proposal, None, ProposalStatus.NEW, by=by, now=now)
    db.session.add(proposal)
    db.session.flush()
    return proposal, True


def proposals_state(event: Event, now: datetime | None = None) -> str:
    """``not_open`` (no window set), ``before``, ``open`` or ``closed``."""
    now = now or utcnow()
    if event.proposals_open_from is None or event.status.value in ("cancelled", "draft"):
        return "not_open"
    if now < event.proposals_open_from:
        return "before"
    if event.proposals_open_until is not None and now >= event.proposals_open_until:
        return "closed"
    return "open"


def set_proposal_window(event: Event, opens: datetime | None, closes: datetime | None) -> None:
    """Participants may send proposals from ``opens`` (None: not at all) until ``closes``."""
    if opens and closes and closes <= opens:
        raise ProposalRefused(_l("Proposals must close after they open."))
    event.proposals_open_from, event.proposals_open_until = opens, closes
    db.session.flush()


def submit_proposal(event: Event, draft: ProposalDraft, *, registration: Registration | None = None,
                    idempotency_key: str | None = None, now: datetime | None = None) -> Proposal:
    """A participant's own proposal, from the personal page (``registration``) or, anonymous,
    from the public event page. It waits for moderation before anyone else sees it."""
    if proposals_state(event, now) != "open":
        raise ProposalsClosed()
    draft.event_id, draft.origin = event.id, ProposalOrigin.PARTICIPANT
    if registration is not None:
        if registration.event_id != event.id:
            raise ProposalsClosed()
        person = registration.person
        draft.person_id, draft.registration_id = person.id, registration.id
        draft.proposer_group = registration.group
        draft.community_id = person.community_id
    else:
        draft.person_id = draft.registration_id = None
        draft.show_name = False
    proposal, _created = record_proposal(draft, by=None, idempotency_key=idempotency_key, now=now)
    return proposal


def update_proposal(proposal: Proposal, *, by: User, version: int | None, title: str, text: str,
                    topic_id: int | None, authority_id: int | None, community_id: int | None,
                    proposer_group: ParticipantGroup | None, show_name: bool) -> Proposal:
    """Staff edit a proposal; an edit based on an older version is refused."""
    if version is not None and version != proposal.version:
        raise ProposalChanged()
    text = _clean_text(text)
    if (authority_id or None) != proposal.authority_id:
        new_authority = db.session.get(Organisation, authority_id) if authority_id else None
        record_routing_change(proposal, proposal.authority, new_authority, by=by)
    proposal.title, proposal.text = _clean_title(title, text), text
    proposal.topic_id, proposal.authority_id = topic_id, authority_id
    proposal.community_id, proposal.proposer_group = community_id, proposer_group
    proposal.show_name = bool(show_name and proposal.person_id)
    db.session.flush()
    return proposal


def moderate_proposal(proposal: Proposal, *, by: User | None, publish: bool,
                      now: datetime | None = None) -> Proposal:
    """Approve a waiting proposal (``publish`` True shows it publicly), or hide one again."""
    proposal.moderated_at = proposal.moderated_at or now or utcnow()
    proposal.published = publish
    db.session.flush()
    return proposal


# --- workflow ----------------------------------------------------------------------------------

def may_set_status(user: User, proposal: Proposal, to_status: ProposalStatus) -> bool:
    if user.has_role(Role.ORGANISER):
        return True
    return (user.has_role(Role.MODERATOR) and proposal.status in MODERATOR_STATUSES
            and to_status in MODERATOR_STATUSES)


def change_status(proposal: Proposal, to_status: ProposalStatus, *, by: User | None, note: str = "",
                  decline_reason: str | None = None, dossier_reference: str | None = None,
                  now: datetime | None = None) -> ProposalStatusChange:
    """Move a proposal to ``to_status`` and write the history row (who, when, from, to, note).

    ``by`` None is the system itself (the demo, a command): no role applies."""
    if by is not None and not may_set_status(by, proposal, to_status):
        raise ProposalRefused(_l("Moderators can sort proposals up to “accepted”; sending and "
                                 "answers are for organisers."))
    if to_status == proposal.status:
        raise ProposalRefused(_l("The proposal already has this status."))
    if to_status not in NEXT_STATUSES[proposal.status]:
        raise ProposalRefused(_l("A proposal cannot go from this status to that one."))
    note = (note or "").strip()
    if len(note) > MAX_NOTE_LENGTH:
        raise ProposalRefused(_l("The note is too long; the limit is %(limit)d characters.",
                                 limit=MAX_NOTE_LENGTH))
    if to_status == S.DECLINED:
        decline_reason = (decline_reason or note or "").strip()
        if not decline_reason:
            raise ProposalRefused(_l("Give the reason for declining the proposal."))
        proposal.decline_reason = decline_reason[:MAX_NOTE_LENGTH]
    if to_status == S.SENT:
        dossier_reference = " ".join((dossier_reference or "").split())
        if not dossier_reference:
            raise ProposalRefused(_l("Give the reference of the dossier the proposal was sent in."))
        proposal.dossier_reference = dossier_reference[:100]
    if to_status != S.MERGED:
        proposal.duplicate_of_id = None
    from_status = proposal.status
    proposal.status = to_status
    proposal.updated_at = now or utcnow()
    _history(proposal, from_status, to_status, by=by, note=note, now=now)
    if to_status == S.SENT:
        record_forwarding(proposal, by=by, reference=proposal.dossier_reference)
    db.session.flush()
    return proposal.history[-1]


@dataclass
class BulkResult:
    changed: int
    skipped: list[tuple[Proposal, str]]


def change_statuses(proposals: list[Proposal], to_status: ProposalStatus, *, by: User,
                    note: str = "", decline_reason: str | None = None,
                    dossier_reference: str | None = None) -> BulkResult:
    """The same change for many proposals; those it does not apply to are listed with why."""
    result = BulkResult(0, [])
    for proposal in proposals:
        if proposal.status == to_status:
            continue
        try:
            change_status(proposal, to_status, by=by, note=note, decline_reason=decline_reason,
                          dossier_reference=dossier_reference)
        except ProposalRefused as error:
            result.skipped.append((proposal, str(error)))
        else:
            result.changed += 1
    return result


def mark_duplicate(proposal: Proposal, original: Proposal, *, by: User | None, note: str = "") -> Proposal:
    """The proposal repeats ``original``: it keeps its own origin, points to the original and
    is marked merged."""
    while original.duplicate_of is not None:
        original = original.duplicate_of
    if original.id == proposal.id:
        raise ProposalRefused(_l("A proposal cannot be a duplicate of itself."))
    if proposal.status != S.MERGED:
        change_status(proposal, S.MERGED, by=by, note=note or f"#{original.id}")
    proposal.duplicate_of_id = original.id
    db.session.flush()
    return proposal


# --- answers -----------------------------------------------------------------------------------

def check_letter(filename: str | None, data: bytes) -> tuple[str, bytes]:
    """A PDF letter as ``(filename, bytes)``, or ``InvalidLetter`` saying what is wrong."""
    if not data:
        raise InvalidLetter(_l("The attached file is empty."))
    if len(data) > MAX_LETTER_BYTES:
        raise InvalidLetter(_l("The attached file is too large (%(size)s MB); the limit is %(limit)s MB.",
                               size=f"{len(data) / 1048576:.1f}", limit=MAX_LETTER_BYTES // 1048576))
    if b"%PDF-" not in data[:1024]:
        raise InvalidLetter(_l("The attached file is not a PDF. Scan or save the letter as PDF "
                               "and attach it again."))
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1].strip() or "letter.pdf"
    if not name.lower().endswith(".pdf"):
        name += ".pdf"
    return name[-255:], data


def record_answer(proposal: Proposal, *, by: User | None, text: str, answered_on: date,
                  outcome: AnswerOutcome, letter: tuple[str, bytes] | None = None,
                  now: datetime | None = None) -> AuthorityAnswer:
    """Record an authority's answer; a real answer moves the proposal to "answered" and queues
    a message to the proposer (delivered after the caller commits)."""
    if by is not None and not by.has_role(Role.ORGANISER):
        raise ProposalRefused(_l("Only organisers record the authorities' answers."))
    if proposal.status not in (S.ACCEPTED, S.SENT, S.ANSWERED, S.IMPLEMENTED):
        raise ProposalRefused(_l("Answers are recorded for proposals that were accepted or sent."))
    text = (text or "").strip()
    if len(text) > MAX_TEXT_LENGTH:
        raise ProposalRefused(_l("The answer is too long; the limit is %(limit)d characters.",
                                 limit=MAX_TEXT_LENGTH))
    if outcome != AnswerOutcome.NO_REPLY and not text and letter is None:
        raise ProposalRefused(_l("Write what the authority answered or attach its letter."))
    answer = AuthorityAnswer(text=text, answered_on=answered_on, outcome=outcome,
                             recorded_by_id=by.id if by else None, created_at=now or utcnow())
    if letter is not None:
        filename, data = check_letter(*letter)
        answer.letter_filename, answer.letter_pdf = filename, data
        answer.letter_sha256, answer.letter_size = hashlib.sha256(data).hexdigest(), len(data)
    proposal.answers.append(answer)
    if outcome != AnswerOutcome.NO_REPLY and proposal.status in (S.ACCEPTED, S.SENT):
        from_status, proposal.status = proposal.status, S.ANSWERED
        _history(proposal, from_status, S.ANSWERED, by=by, note=str(_l("Answer recorded")), now=now)
    proposal.updated_at = now or utcnow()
    db.session.flush()
    if outcome != AnswerOutcome.NO_REPLY:
        from .notices import notify_answer

        notify_answer(proposal, answer)
    return answer

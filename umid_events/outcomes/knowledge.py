"""Knowledge checks: a short question set per event, answered before and after it.

Organisers write the questions as plain text, one block per question::

    What does hesab.az let you pay?
    * utilities and fines
    - only taxes
    - nothing

``*`` marks the right answer, ``-`` the others; a blank line separates questions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _

from ..core.errors import DomainError
from ..core.types import utcnow
from ..events.kinds import EventKind, EventStatus
from ..events.models import Event
from ..extensions import db
from ..registrations.models import Registration, RegistrationStatus
from .models import KnowledgeAttempt, KnowledgeCheck, KnowledgePhase, KnowledgeQuestion

KINDS_WITH_CHECKS = (EventKind.CONSULTATION, EventKind.TRAINING)
MAX_QUESTIONS = 10


class KnowledgeError(DomainError):
    pass


@dataclass(frozen=True)
class ParsedQuestion:
    text: str
    options: list[str]
    correct: int


def parse_questions(text: str) -> list[ParsedQuestion]:
    """The questions written in ``text``; a mistake is refused with the question's number."""
    blocks = [block for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]
    if len(blocks) > MAX_QUESTIONS:
        raise KnowledgeError(_("At most %(n)d questions.", n=MAX_QUESTIONS))
    questions = []
    for number, block in enumerate(blocks, start=1):
        lines = [line.strip() for line in block.strip().split("\n") if line.strip()]
        question, options, correct = lines[0], [], []
        if question.startswith(("*", "-")):
            raise KnowledgeError(_("Question %(n)d: start with the question, then its answers.", n=number))
        for line in lines[1:]:
            if not line.startswith(("*", "-")) or not line[1:].strip():
                raise KnowledgeError(_("Question %(n)d: every answer starts with * (right) or - (wrong).", n=number))
            if line.startswith("*"):
                correct.append(len(options))
            options.append(line[1:].strip()[:200])
        if len(options) < 2:
            raise KnowledgeError(_("Question %(n)d: give at least two answers.", n=number))
        if len(correct) != 1:
            raise KnowledgeError(_("Question %(n)d: mark exactly one answer as right with *.", n=number))
        questions.append(ParsedQuestion(question[:500], options, correct[0]))
    return questions


def questions_as_text(check: KnowledgeCheck | None) -> str:
    if check is None:
        return ""
    return "\n\n".join(
        "\n".join([question.text] + [("* " if index == question.correct else "- ") + option
                                     for index, option in enumerate(question.choices)])
        for question in check.questions)


def check_of(event_id: int) -> KnowledgeCheck | None:
    return db.session.scalar(sa.select(KnowledgeCheck).where(KnowledgeCheck.event_id == event_id))


def _answered(check: KnowledgeCheck) -> bool:
    return bool(db.session.scalar(sa.select(sa.func.count(KnowledgeAttempt.id))
                                  .where(KnowledgeAttempt.check_id == check.id)))


def save_knowledge_check(event: Event, text: str) -> KnowledgeCheck | None:
    """Replace the event's questions (none: no check); refused once participants answered."""
    if event.kind not in KINDS_WITH_CHECKS:
        raise KnowledgeError(_("Knowledge checks are for consultations and trainings."))
    questions = parse_questions(text)
    check = check_of(event.id)
    if check is not None and _answered(check):
        if [(q.text, q.choices, q.correct) for q in check.questions] == [
                (q.text, q.options, q.correct) for q in questions]:
            return check  # saved again unchanged
        raise KnowledgeError(_("Participants have already answered these questions; they can no longer be "
                               "changed."))
    if not questions:
        if check is not None:
            db.session.delete(check)
            db.session.flush()
        return None
    if check is None:
        check = KnowledgeCheck(event_id=event.id)
        db.session.add(check)
    check.questions = [KnowledgeQuestion(position=number, text=q.text, options="\n".join(q.options),
                                         correct=q.correct) for number, q in enumerate(questions)]
    db.session.flush()
    return check


def open_phase(event: Event, now: datetime | None = None) -> KnowledgePhase | None:
    """Before the start: the "before" answers; once the event is over: the "after" ones."""
    now = now or utcnow()
    if event.status == EventStatus.CANCELLED:
        return None
    if now < event.starts_at and event.status != EventStatus.HELD:
        return KnowledgePhase.BEFORE
    if now >= event.ends_at or event.status == EventStatus.HELD:
        return KnowledgePhase.AFTER
    return None


@dataclass(frozen=True)
class KnowledgeState:
    check: KnowledgeCheck
    phase: KnowledgePhase | None
    attempts: dict[KnowledgePhase, KnowledgeAttempt]

    @property
    def can_answer(self) -> bool:
        return self.phase is not None and self.phase not in self.attempts


def knowledge_state(registration: Registration) -> KnowledgeState | None:
    """What the personal page shows: None when the event has no check."""
    if registration.status == RegistrationStatus.CANCELLED:
        return None
    check = check_of(registration.event_id)
    if check is None or not check.questions:
        return None
    attempts = {attempt.phase: attempt for attempt in db.session.scalars(
        sa.select(KnowledgeAttempt).where(KnowledgeAttempt.registration_id == registration.id))}
    return KnowledgeState(check, open_phase(registration.event), attempts)


def record_answers(registration: Registration, chosen: list[int | None]) -> KnowledgeAttempt:
    state = knowledge_state(registration)
    if state is None:
        raise KnowledgeError(_("There are no questions for this event."))
    if state.phase is None:
        raise KnowledgeError(_("The questions open before the event starts and again once it is over."))
    if state.phase in state.attempts:
        raise KnowledgeError(_("You have already answered these questions."))
    questions = state.check.questions
    if len(chosen) != len(questions) or any(
            choice is None or not 0 <= choice < len(q.choices) for choice, q in zip(chosen, questions, strict=False)):
        raise KnowledgeError(_("Answer every question."))
    attempt = KnowledgeAttempt(
        check_id=state.check.id, registration_id=registration.id, phase=state.phase,
        score=sum(choice == q.correct for choice, q in zip(chosen, questions, strict=True)),
        total=len(questions), answers=",".join(str(choice) for choice in chosen))
    db.session.add(attempt)
    db.session.flush()
    return attempt

"""Knowledge checks: a short question set per event, answered before and after it.

Organisers write the questions as plain text, one block per question::

    What does hesab.az let you pay?
    * utilities and fines
    - only taxes
    - nothing

``*`` marks the right answer, ``-`` the others; a blank line separates questions.

The "before" answers are accepted until the session ends (people open the link in the first
minutes of a session, or while it runs); the "after" ones from its end, or from the moment an
organiser marks it as held. Then each participant marked present who has not answered the
"after" questions is invited back once, by mail or SMS (``invite_after_answers``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from ..attendance.models import AttendanceRecord
from ..core.errors import DomainError
from ..core.types import utcnow
from ..events.kinds import EventKind, EventStatus
from ..events.models import Event
from ..extensions import db
from ..notifications.channels import queue_person_message
from ..notifications.kinds import MessageKind
from ..notifications.models import OutgoingMessage
from ..notifications.tasks import producer
from ..registrations.models import Registration, RegistrationStatus
from .models import KnowledgeAttempt, KnowledgeCheck, KnowledgePhase, KnowledgeQuestion

KINDS_WITH_CHECKS = (EventKind.CONSULTATION, EventKind.TRAINING)
MAX_QUESTIONS = 10
# The "after" invitation goes to those marked present within this many days of the event's end
# (attendance imported from a meeting report a few days later still counts; events of earlier
# years never send one).
AFTER_INVITATION_DAYS = 14


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


def is_over(event: Event, now: datetime | None = None) -> bool:
    """Held: marked so by an organiser, or past its end."""
    return event.status == EventStatus.HELD or (now or utcnow()) >= event.ends_at


def open_phase(event: Event, now: datetime | None = None) -> KnowledgePhase | None:
    """Until the session ends: the "before" answers; once it is over: the "after" ones."""
    if event.status == EventStatus.CANCELLED:
        return None
    return KnowledgePhase.AFTER if is_over(event, now) else KnowledgePhase.BEFORE


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


class PhaseChanged(KnowledgeError):
    """The form was opened for the "before" answers and sent after the session ended."""


def record_answers(registration: Registration, chosen: list[int | None],
                   phase: KnowledgePhase | None = None) -> KnowledgeAttempt:
    """Record the answers for the phase open now; ``phase``, the one the form was shown for,
    must still be it (an answer never counts for a phase the participant did not see)."""
    state = knowledge_state(registration)
    if state is None:
        raise KnowledgeError(_("There are no questions for this event."))
    if state.phase is None:
        raise KnowledgeError(_("The event was cancelled: there are no questions to answer."))
    if phase is not None and phase != state.phase and state.phase not in state.attempts:
        raise PhaseChanged(_("The session is over, so these answers now count for after the session. "
                             "Check them and send them again."))
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


# --- bringing participants back for the "after" answers ---------------------------------------

def _after_key(event_id: int, registration_id: int) -> str:
    return f"knowledge-after:{event_id}:{registration_id}"


def after_invitations_due(now: datetime | None = None) -> list[Registration]:
    """Registrations marked present at a held event with a knowledge check, in the invitation
    window, without "after" answers and without the invitation in the outbox already (its dedupe
    key, built in SQL, so that the run every minute finds nothing once all are written)."""
    now = now or utcnow()
    answered = sa.select(KnowledgeAttempt.registration_id).where(KnowledgeAttempt.phase == KnowledgePhase.AFTER)
    present = sa.select(AttendanceRecord.id).where(AttendanceRecord.event_id == Registration.event_id,
                                                   AttendanceRecord.person_id == Registration.person_id,
                                                   AttendanceRecord.present.is_(True))
    key = (sa.literal("knowledge-after:") + sa.cast(Registration.event_id, sa.String) + ":"
           + sa.cast(Registration.id, sa.String))
    written = sa.select(OutgoingMessage.id).where(OutgoingMessage.dedupe_key == key)
    return db.session.scalars(
        sa.select(Registration).join(Event, Registration.event_id == Event.id)
        .join(KnowledgeCheck, KnowledgeCheck.event_id == Event.id)
        .where(Event.status != EventStatus.CANCELLED,
               sa.or_(Event.status == EventStatus.HELD, Event.ends_at <= now),
               Event.ends_at >= now - timedelta(days=AFTER_INVITATION_DAYS),
               Registration.status != RegistrationStatus.CANCELLED,
               Registration.id.not_in(answered), present.exists(), ~written.exists())
        .order_by(Registration.id)
        .options(selectinload(Registration.person), selectinload(Registration.event))).all()


@producer
def invite_after_answers(now: datetime | None = None) -> int:
    """Invite each present participant of a held event who has not answered the "after"
    questions, by their channel, with the link to the questions: once each (the outbox's dedupe
    key records it). Returns how many invitations were written."""
    written = 0
    for registration in after_invitations_due(now):
        key = _after_key(registration.event_id, registration.id)
        person, event = registration.person, registration.event
        message = queue_person_message(
            person, template="knowledge_after", asked=registration.for_known_person,
            context={"name": person.full_name, "event_title": event.title,
                     "knowledge_url": url_for("knowledge_public.answer", token=registration.personal_token,
                                              _external=True),
                     "personal_url": url_for("registrations.personal_page", token=registration.personal_token,
                                             _external=True)},
            kind=MessageKind.REMINDER, event_id=event.id, dedupe_key=key, dedupe_checked=True)
        written += message is not None
    db.session.commit()
    return written

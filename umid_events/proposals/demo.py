"""Demo proposals: the held seminar's, in every status, one answered with its letter; the coming
seminar open for participants' proposals; the public page switched on."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from ..directory.models import Organisation
from ..events.kinds import EventKind, EventStatus
from ..events.models import Event
from ..extensions import db
from ..programmes.models import Programme
from ..registrations.models import ParticipantGroup, Registration
from . import services
from .models import AnswerOutcome, ProposalOrigin, ProposalStatus, ProposalTopic
from .queries import AUTHORITY_KINDS
from .services import ProposalDraft

S = ProposalStatus
DEMO_LETTER = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
               b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
               b"trailer << /Root 1 0 R >>\n%%EOF\n")

# (text, topic code, authority index, speaker index or None, status)
HELD_SEMINAR = [
    ("Kənd yolunun 3 km-lik hissəsi asfaltlansın; yağışda məktəb avtobusu keçə bilmir.", "roads_transport", 0, 0, S.NEW),
    ("İcmada içməli su xətti yenilənsin, yayda su verilmir.", "utilities", 0, 1, S.NEW),
    ("Bələdiyyə büdcəsinin icrası haqqında hesabat hər rüb saytda dərc olunsun.", "budget", 0, None, S.ACCEPTED),
    ("Kommunal ödənişlər üçün kənddə ödəniş terminalı qoyulsun.", "e_services", 0, 2, S.ACCEPTED),
    ("Su xətti yenilənsin (eyni təklif ikinci dəfə səsləndi).", "utilities", 0, 3, S.MERGED),
    ("Kənddə gənclər üçün peşə kursları açılsın.", "employment", 1, 4, S.SENT),
    ("Tibb məntəqəsində həftədə iki gün həkim qəbulu olsun.", "health", 1, None, S.ANSWERED),
    ("Məktəbin idman zalı təmir edilsin.", "education", 1, 5, S.IMPLEMENTED),
    ("Kəndin adı dəyişdirilsin.", "other", None, None, S.DECLINED),
]


def add_demo_proposals(programme: Programme, today: date) -> int:
    services.seed_topics()
    programme.proposals_public = True
    topics = {t.code: t for t in db.session.scalars(sa.select(ProposalTopic))}
    authorities = list(db.session.scalars(
        sa.select(Organisation).where(Organisation.kind.in_(AUTHORITY_KINDS)).order_by(Organisation.id)))
    seminars = list(db.session.scalars(sa.select(Event).where(
        Event.programme_id == programme.id, Event.kind == EventKind.SEMINAR).order_by(Event.starts_at)))
    held = next((e for e in seminars if e.status is EventStatus.HELD), None)
    coming = next((e for e in seminars if e.status is EventStatus.PUBLISHED), None)
    if coming is not None:  # participants may send proposals now and until a week after it
        coming.proposals_open_from = coming.starts_at - timedelta(days=40)
        coming.proposals_open_until = coming.ends_at + timedelta(days=7)
    if held is None or not authorities:
        return 0
    held.proposals_open_from = held.starts_at - timedelta(days=7)
    held.proposals_open_until = held.ends_at + timedelta(days=3)
    registrations = list(db.session.scalars(
        sa.select(Registration).where(Registration.event_id == held.id).order_by(Registration.id)))
    recorded = []
    for number, (text, code, authority, speaker, status) in enumerate(HELD_SEMINAR):
        registration = registrations[speaker] if speaker is not None and speaker < len(registrations) else None
        draft = ProposalDraft(
            text=text, topic_id=topics[code].id, event_id=held.id, origin=ProposalOrigin.MODERATOR,
            authority_id=authorities[authority % len(authorities)].id if authority is not None else None,
            person_id=registration.person_id if registration else None,
            registration_id=registration.id if registration else None, show_name=number % 2 == 0,
            proposer_group=registration.group if registration else ParticipantGroup.COMMUNITY_MEMBER,
            community_id=(registration.person.community_id if registration
                          else held_community(registrations)))
        at = held.starts_at + timedelta(minutes=10 + 12 * number)
        proposal, _ = services.record_proposal(draft, by=None, now=at)
        recorded.append(proposal)
        _advance(proposal, status, recorded[min(1, len(recorded) - 1)], at)
    if registrations:  # a participant's own proposal, still waiting for the moderators
        services.submit_proposal(held, ProposalDraft(
            text="Kənd mərkəzində küçə işıqlandırması quraşdırılsın.", topic_id=topics["utilities"].id),
            registration=registrations[-1], now=held.ends_at + timedelta(hours=5))
    db.session.flush()
    return len(recorded) + (1 if registrations else 0)


def held_community(registrations: list[Registration]) -> int | None:
    return registrations[0].person.community_id if registrations else None


def _advance(proposal, status: ProposalStatus, original, at) -> None:
    steps = {
        S.NEW: [], S.ACCEPTED: [S.ACCEPTED], S.DECLINED: [S.DECLINED],
        S.SENT: [S.ACCEPTED, S.SENT], S.ANSWERED: [S.ACCEPTED, S.SENT],
        S.IMPLEMENTED: [S.ACCEPTED, S.SENT],
    }
    if status is S.MERGED:
        services.mark_duplicate(proposal, original, by=None, note="demo")
        return
    for step in steps[status]:
        services.change_status(proposal, step, by=None, note="demo", now=at + timedelta(days=2),
                               decline_reason="Təklif bələdiyyənin səlahiyyətinə aid deyil.",
                               dossier_reference="ÜMİD-DEMO/1")
    if status in (S.ANSWERED, S.IMPLEMENTED):
        services.record_answer(
            proposal, by=None, text="Müraciətiniz nəzərdən keçirildi; təklif qəbul edildi.",
            answered_on=(at + timedelta(days=8)).date(),
            outcome=AnswerOutcome.ACCEPTED if status is S.IMPLEMENTED else AnswerOutcome.PARTLY,
            letter=("cavab-demo.pdf", DEMO_LETTER), now=at + timedelta(days=8))
    if status is S.IMPLEMENTED:
        services.change_status(proposal, S.IMPLEMENTED, by=None, note="demo", now=at + timedelta(days=9))

"""Demo documents: the letterhead, the held seminar's press release with a publication, and a
dossier issued to one authority when the demo has proposals accepted for it."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from ..core.types import utcnow
from ..events.kinds import EventKind, EventStatus
from ..events.models import Event
from ..extensions import db
from . import press
from .letterhead import LetterheadDetails, letterhead_data, update_letterhead


def add_demo_documents() -> str:
    head = update_letterhead(LetterheadDetails(
        name="“Ümid” Sosial İnkişafa Dəstək İctimai Birliyi (demo)",
        name_en="“Ümid” Social Development Support Public Union (demo)",
        address="Bakı şəhəri, Nizami küçəsi 1 (demo)", address_en="1 Nizami street, Baku (demo)",
        phone="+994 12 000 00 00", email="office@example.org", website="umid.example.org",
        signatory_name="Gülnarə Əhmədova (demo)", signatory_title="İdarə Heyətinin sədri",
        signatory_title_en="Chair of the Board"))
    seminar = db.session.scalar(sa.select(Event).where(
        Event.kind == EventKind.SEMINAR, Event.status == EventStatus.HELD).order_by(Event.starts_at))
    if seminar is None:
        return "letterhead"
    facts = {lang: press.press_facts(seminar, letterhead_data(head, lang), lang) for lang in ("az", "en")}
    release = press.save_press_release(seminar, press.draft_texts(seminar, facts), facts, actor=None)
    publication_day = (seminar.starts_at + timedelta(days=1)).date()
    press.add_publication(release, "Demo Xəbər Portalı", "https://news.example.org/umid-seminar",
                          publication_day, actor=None)
    issued = _demo_dossier(seminar)
    return "letterhead, a press release" + (", a dossier" if issued else "")


def _demo_dossier(seminar: Event) -> bool:
    """Issue one dossier for the authority with the most proposals from the seminar."""
    from ..proposals.models import Proposal, ProposalStatus, ProposalStatusChange
    from .dossiers import DossierScope, issue_dossier

    authority_id = db.session.scalar(
        sa.select(Proposal.authority_id).where(
            Proposal.event_id == seminar.id, Proposal.authority_id.is_not(None),
            Proposal.duplicate_of_id.is_(None),
            Proposal.status.in_([ProposalStatus.NEW, ProposalStatus.ACCEPTED]))
        .group_by(Proposal.authority_id).order_by(sa.func.count().desc(), Proposal.authority_id).limit(1))
    if authority_id is None:
        return False
    waiting = db.session.scalars(sa.select(Proposal).where(
        Proposal.event_id == seminar.id, Proposal.authority_id == authority_id,
        Proposal.status == ProposalStatus.NEW, Proposal.duplicate_of_id.is_(None),
        Proposal.moderated_at.is_not(None)))
    for proposal in waiting:  # as if an organiser had sorted them
        proposal.history.append(ProposalStatusChange(
            from_status=proposal.status, to_status=ProposalStatus.ACCEPTED, note="demo",
            changed_at=utcnow()))
        proposal.status = ProposalStatus.ACCEPTED
    db.session.flush()
    issue_dossier(DossierScope(authority_id, seminar.id), actor=None)
    return True

"""Proposal dossiers for the executive authorities: chosen, written, frozen when issued.

``build_dossier_data`` turns proposals into plain data; ``render_dossier_pdf`` and
``render_dossier_xlsx`` are pure functions of that data. ``issue_dossier`` freezes a version
(the PDF with its SHA-256, the XLSX, the proposal ids, who and when) and moves the proposals to
"sent to the authority" with the version's reference number.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from ..attendance.models import AttendanceRecord
from ..audit.models import AuditAction
from ..audit.services import record_audit_entry
from ..core.aztext import sort_key
from ..core.errors import DomainError
from ..core.exports import write_xlsx
from ..core.timefmt import format_moment
from ..core.types import utcnow
from ..directory.models import Organisation
from ..events.labels import KIND_LABELS
from ..events.links import PLATFORM_LABELS
from ..events.models import Event
from ..extensions import db
from ..proposals.labels import ORIGIN_LABELS
from ..proposals.models import Proposal, ProposalStatus, ProposalStatusChange
from ..registrations.forms import GROUP_LABELS
from ..registrations.models import Registration, RegistrationStatus
from .letterhead import get_letterhead, letterhead_data, next_reference
from .models import Dossier, DossierVersion
from .renderer import render_pdf

BAKU = ZoneInfo("Asia/Baku")

TEXTS = {
    "az": {
        "title": "Vətəndaş təklifləri toplusu",
        "reference": "№", "date": "Tarix", "to": "Ünvan",
        "greeting": "Hörmətli rəhbərlik,",
        "intro": ("{org} “{programme}” layihəsi çərçivəsində icmalarla onlayn məsləhət görüşləri, təlimlər "
                  "və seminarlar keçirir. Bu görüşlərdə icma üzvləri, bələdiyyələrin və icra "
                  "hakimiyyətinin nümayəndələri, QHT-lər və sahibkarlar yerli məsələlərin həlli "
                  "üçün təkliflər irəli sürüblər."),
        "request": ("Sizin səlahiyyətinizə aid olan {count} təklifi bu məktuba əlavə olaraq təqdim "
                    "edirik ({scope}). Təkliflərə baxılmasını və nəticəsi barədə bizə məlumat "
                    "verilməsini xahiş edirik."),
        "answer": "Cavab məktubunda {reference} nömrəsinə istinad etməyinizi xahiş edirik.",
        "regards": "Hörmətlə,",
        "summary": "Xülasə", "total": "Təkliflərin sayı",
        "by_topic": "Mövzular üzrə", "by_community": "İcmalar üzrə", "by_group": "İştirakçı qrupları üzrə",
        "events": "Təkliflərin səsləndiyi tədbirlər", "event": "Tədbir", "registered": "Qeydiyyat",
        "present": "İştirak", "proposals": "Təkliflər", "proposal": "Təklif",
        "topic": "Mövzu", "community": "İcma", "group": "Qrup", "proposer": "Təklif verən",
        "origin": "Mənbə", "text": "Mətn", "heading": "Başlıq", "annex": "Əlavə: tədbirlər", "events_sheet": "Tədbirlər",
        "kind": "Növ", "anonymous": "ad göstərilmir", "none": "—", "all": "bütün təkliflər",
        "period": "{start} – {end} dövrü", "draft": "QARALAMA", "section": "Bölmə", "name": "Ad",
        "count": "Say", "page": "səhifə",
    },
    "en": {
        "title": "Citizens' proposals",
        "reference": "Ref.", "date": "Date", "to": "To",
        "greeting": "Dear Sir or Madam,",
        "intro": ("{org} holds online consultations, trainings and seminars with communities as "
                  "part of the “{programme}” project. At these meetings community members, representatives of "
                  "municipalities and of the executive authorities, NGOs and businesses put "
                  "forward proposals to solve local problems."),
        "request": ("Enclosed are {count} proposals within your remit ({scope}). We kindly ask you "
                    "to consider them and to let us know the outcome."),
        "answer": "Please quote reference {reference} in your reply.",
        "regards": "Yours faithfully,",
        "summary": "Summary", "total": "Number of proposals",
        "by_topic": "By topic", "by_community": "By community", "by_group": "By participant group",
        "events": "Events where the proposals were raised", "event": "Event", "registered": "Registered",
        "present": "Present", "proposals": "Proposals", "proposal": "Proposal",
        "topic": "Topic", "community": "Community", "group": "Group", "proposer": "Proposed by",
        "origin": "Origin", "text": "Text", "heading": "Title", "annex": "Annex: events", "events_sheet": "Events",
        "kind": "Kind", "anonymous": "name not shown", "none": "—", "all": "all proposals",
        "period": "{start} – {end}", "draft": "DRAFT", "section": "Section", "name": "Name",
        "count": "Count", "page": "page",
    },
}


class NothingToIssue(DomainError):
    def __init__(self):
        super().__init__(_l("There are no proposals accepted for this authority in this selection, "
                            "so there is no dossier to make. Accept proposals for it first."))


class NotAnAuthority(DomainError):
    def __init__(self):
        super().__init__(_l("Choose an organisation to send the dossier to."))


@dataclass(frozen=True)
class DossierScope:
    authority_id: int
    event_id: int | None = None
    start: date | None = None
    end: date | None = None


def _period_bounds(start: date | None, end: date | None) -> tuple[datetime | None, datetime | None]:
    low = datetime.combine(start, time(0), tzinfo=BAKU).astimezone(UTC) if start else None
    high = (datetime.combine(end + timedelta(days=1), time(0), tzinfo=BAKU).astimezone(UTC)
            if end else None)
    return low, high


def find_dossier(scope: DossierScope) -> Dossier | None:
    return db.session.scalar(sa.select(Dossier).where(
        Dossier.authority_id == scope.authority_id,
        Dossier.event_id.is_(None) if scope.event_id is None else Dossier.event_id == scope.event_id,
        Dossier.period_start.is_(None) if scope.start is None else Dossier.period_start == scope.start,
        Dossier.period_end.is_(None) if scope.end is None else Dossier.period_end == scope.end,
    ).order_by(Dossier.id).limit(1))


def dossier_proposals(scope: DossierScope) -> list[Proposal]:
    """The proposals accepted for the authority within the scope, plus those its last version
    sent that are still waiting for an answer (a new version re-sends them), in order."""
    previous = find_dossier(scope)
    earlier_ids = list(previous.latest.proposal_ids) if previous and previous.latest else []
    accepted = sa.and_(Proposal.status == ProposalStatus.ACCEPTED,
                       Proposal.authority_id == scope.authority_id,
                       Proposal.duplicate_of_id.is_(None))
    if scope.event_id is not None:
        accepted = sa.and_(accepted, Proposal.event_id == scope.event_id)
    low, high = _period_bounds(scope.start, scope.end)
    if low is not None:
        accepted = sa.and_(accepted, Proposal.created_at >= low)
    if high is not None:
        accepted = sa.and_(accepted, Proposal.created_at < high)
    condition = accepted
    if earlier_ids:
        condition = sa.or_(accepted, sa.and_(Proposal.id.in_(earlier_ids),
                                             Proposal.status == ProposalStatus.SENT))
    return list(db.session.scalars(
        sa.select(Proposal).outerjoin(Event, Proposal.event_id == Event.id).where(condition)
        .options(selectinload(Proposal.topic), selectinload(Proposal.event),
                 selectinload(Proposal.person), selectinload(Proposal.community))
        .order_by(Event.starts_at.is_(None), Event.starts_at, Proposal.created_at, Proposal.id)))


def _event_participation(event_ids: list[int]) -> dict[int, tuple[int, int]]:
    """(registered, present) of each event, in two grouped queries."""
    if not event_ids:
        return {}
    registered = dict(db.session.execute(
        sa.select(Registration.event_id, sa.func.count(Registration.id))
        .where(Registration.event_id.in_(event_ids), Registration.status == RegistrationStatus.CONFIRMED)
        .group_by(Registration.event_id)).all())
    present = dict(db.session.execute(
        sa.select(AttendanceRecord.event_id, sa.func.count(AttendanceRecord.id))
        .where(AttendanceRecord.event_id.in_(event_ids), AttendanceRecord.present.is_(True))
        .group_by(AttendanceRecord.event_id)).all())
    return {event_id: (registered.get(event_id, 0), present.get(event_id, 0)) for event_id in event_ids}


def _counted(values) -> list[tuple[str, int]]:
    """Most frequent first; equal counts in the Azerbaijani alphabet."""
    return sorted(Counter(values).items(), key=lambda item: (-item[1], sort_key(item[0])))


def build_dossier_data(authority: Organisation, proposals: list[Proposal], letterhead: dict,
                       reference: str, issued_at: datetime, scope: DossierScope,
                       programme_name: str = "", lang: str = "az", draft: bool = False) -> dict:
    """Everything the dossier shows, as plain data (no ORM objects past this point)."""
    if not proposals:
        raise NothingToIssue()
    texts = TEXTS[lang]
    events: dict[int, Event] = {}
    for proposal in proposals:
        if proposal.event is not None:
            events.setdefault(proposal.event.id, proposal.event)
    participation = _event_participation(list(events))
    per_event = Counter(proposal.event_id for proposal in proposals)
    with force_locale(lang):
        rows = []
        for number, proposal in enumerate(proposals, start=1):
            person = proposal.person
            community = proposal.community or (person.community if person else None)
            rows.append({
                "number": number, "id": proposal.id, "title": proposal.title, "text": proposal.text,
                "topic": proposal.topic.label(lang) if proposal.topic else texts["none"],
                "event": proposal.event.title if proposal.event else texts["none"],
                "date": format_moment(proposal.event.starts_at if proposal.event else proposal.created_at,
                                      "date", lang),
                "community": community.name if community else texts["none"],
                "group": str(GROUP_LABELS[proposal.proposer_group]) if proposal.proposer_group else texts["none"],
                "proposer": person.full_name if person and proposal.show_name else texts["anonymous"],
                "origin": str(ORIGIN_LABELS[proposal.origin]),
            })
        event_rows = [{
            "number": number, "title": event.title, "kind": str(KIND_LABELS[event.kind]),
            "place": event.community.name if event.community else str(_("All communities")),
            "date": format_moment(event.starts_at, "date", lang),
            "time": f"{format_moment(event.starts_at, 'time', lang)}–{format_moment(event.ends_at, 'time', lang)}",
            "platform": str(PLATFORM_LABELS[event.meeting_platform]) if event.meeting_platform else texts["none"],
            "registered": participation[event.id][0], "present": participation[event.id][1],
            "proposals": per_event[event.id],
        } for number, event in enumerate(sorted(events.values(), key=lambda e: e.starts_at), start=1)]
        if scope.event_id is not None and scope.event_id in events:
            scope_text = f"{events[scope.event_id].title}, {format_moment(events[scope.event_id].starts_at, 'date', lang)}"
        elif scope.start or scope.end:
            scope_text = texts["period"].format(start=format_moment(scope.start, "date", lang),
                                                end=format_moment(scope.end, "date", lang))
        else:
            scope_text = texts["all"]
        date_text = format_moment(issued_at, "date", lang)
    organisation = letterhead.get("name") or ""
    return {
        "lang": lang, "draft": draft, "t": texts, "reference": reference, "date": date_text,
        "letterhead": letterhead, "authority": {"name": authority.name, "address": authority.address or ""},
        "scope": scope_text,
        "letter": [texts["intro"].format(org=organisation, programme=programme_name or texts["none"]),
                   texts["request"].format(count=len(rows), scope=scope_text),
                   texts["answer"].format(reference=reference)],
        "summary": {
            "total": len(rows),
            "by_topic": _counted(row["topic"] for row in rows),
            "by_community": _counted(row["community"] for row in rows),
            "by_group": _counted(row["group"] for row in rows),
        },
        "events": event_rows, "proposals": rows,
    }


def render_dossier_pdf(data: dict) -> bytes:
    return render_pdf("dossier", data)


def render_dossier_xlsx(data: dict) -> bytes:
    """The dossier's content as a workbook: proposals, summary, events (every cell safe)."""
    t = data["t"]
    proposals = [[row["number"], row["title"], row["text"], row["topic"], row["event"], row["date"],
                  row["community"], row["group"], row["proposer"], row["origin"]]
                 for row in data["proposals"]]
    summary = [[t["reference"], data["reference"], ""], [t["date"], data["date"], ""],
               [t["to"], data["authority"]["name"], ""], [t["total"], "", data["summary"]["total"]]]
    for key in ("by_topic", "by_community", "by_group"):
        summary += [[t[key], name, count] for name, count in data["summary"][key]]
    events = [[row["number"], row["title"], row["date"], row["registered"], row["present"],
               row["proposals"]] for row in data["events"]]
    return write_xlsx({
        t["proposals"]: (["№", t["heading"], t["text"], t["topic"], t["event"], t["date"],
                          t["community"], t["group"], t["proposer"], t["origin"]], proposals),
        t["summary"]: ([t["section"], t["name"], t["count"]], summary),
        t["events_sheet"]: (["№", t["event"], t["date"], t["registered"], t["present"], t["proposals"]], events),
    })


def dossier_document(scope: DossierScope, *, reference: str | None = None,
                     issued_at: datetime | None = None, lang: str = "az") -> tuple[list[Proposal], dict]:
    """The proposals and the data of the dossier the scope selects (a draft without a reference)."""
    authority = db.session.get(Organisation, scope.authority_id)
    if authority is None:
        raise NotAnAuthority()
    proposals = dossier_proposals(scope)
    letterhead = get_letterhead()
    issued_at = issued_at or utcnow()
    programme = next((p.event.programme for p in proposals if p.event is not None), None)
    programme_name = ((programme.name_en if lang == "en" and programme.name_en else programme.name)
                      if programme else "")
    data = build_dossier_data(
        authority, proposals, letterhead_data(letterhead, lang),
        reference or TEXTS[lang]["draft"], issued_at, scope, programme_name, lang,
        draft=reference is None)
    return proposals, data


def _mark_sent(proposal: Proposal, reference: str, actor) -> None:
    from ..proposals.services import change_status

    note = f"{reference}"
    if actor is None or proposal.status == ProposalStatus.SENT:
        # Sent before in an earlier version (it now travels under the new reference), or issued
        # by the system (the demo): the history row is written as the proposals' service does.
        now = utcnow()
        proposal.history.append(ProposalStatusChange(
            from_status=proposal.status, to_status=ProposalStatus.SENT, note=note,
            changed_by_id=getattr(actor, "id", None), changed_at=now))
        proposal.status, proposal.dossier_reference, proposal.updated_at = ProposalStatus.SENT, reference, now
        return
    change_status(proposal, ProposalStatus.SENT, by=actor, note=note, dossier_reference=reference)


def issue_dossier(scope: DossierScope, actor, now: datetime | None = None) -> DossierVersion:
    """Freeze a new version of the scope's dossier and send its proposals under its reference."""
    now = now or utcnow()
    letterhead = get_letterhead()
    reference = next_reference(letterhead, now)
    proposals, data = dossier_document(scope, reference=reference, issued_at=now)
    pdf = render_dossier_pdf(data)
    dossier = find_dossier(scope)
    if dossier is None:
        dossier = Dossier(authority_id=scope.authority_id, event_id=scope.event_id,
                          period_start=scope.start, period_end=scope.end)
        db.session.add(dossier)
    version = DossierVersion(
        dossier=dossier, number=len(dossier.versions) + 1, reference=reference,
        proposal_ids=[proposal.id for proposal in proposals], proposal_count=len(proposals),
        pdf=pdf, pdf_sha256=hashlib.sha256(pdf).hexdigest(), pdf_size=len(pdf),
        xlsx=render_dossier_xlsx(data), issued_by_id=getattr(actor, "id", None), issued_at=now)
    db.session.add(version)
    for proposal in proposals:
        _mark_sent(proposal, reference, actor)
    db.session.flush()
    authority = db.session.get(Organisation, scope.authority_id)
    record_audit_entry(AuditAction.ISSUED_DOSSIER, user=actor, subject="dossier", object_type="dossier",
                       object_id=dossier.id, file_format="pdf", rows=len(proposals),
                       summary=f"dossier {reference} v{version.number} to "
                               f"{authority.name if authority else scope.authority_id}, "
                               f"{len(proposals)} proposals")
    return version

"""Press releases: a draft written from an event's facts, edited by the organiser, published.

The texts keep placeholders such as ``{date}`` or ``{participants}``, filled from the records at
render time, so counts stay right when attendance or proposals change after the draft. A text
with an unknown or broken placeholder is refused and the last good version stays saved.
"""

from __future__ import annotations

import string
from collections import Counter
from datetime import date
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from ..attendance.queries import attendance_figures, attendance_rows
from ..core.errors import DomainError
from ..core.timefmt import format_moment
from ..events.kinds import EventKind
from ..events.labels import KIND_LABELS
from ..events.links import PLATFORM_LABELS
from ..events.models import Event
from ..extensions import db
from ..registrations.forms import GROUP_LABELS
from .models import PressPublication, PressRelease

PLACEHOLDERS = ("event", "kind", "date", "time", "platform", "place", "organiser", "programme",
                "donor", "participants", "participants_by_group", "proposal_count", "topics",
                "contacts")
MAX_TITLE = 300
MAX_BODY = 20_000


class TemplateProblem(DomainError):
    pass


class StaleRelease(DomainError):
    def __init__(self):
        super().__init__(_l("Someone else saved this press release in the meantime. "
                            "Their version is shown; make your changes again."))


class BadPublication(DomainError):
    pass


# --- facts ------------------------------------------------------------------------------------

def proposal_facts(event_id: int, lang: str) -> tuple[int, list[str]]:
    """How many proposals the event produced (no duplicates, merged or declined ones) and its
    main topics, most frequent first."""
    from ..proposals.models import Proposal, ProposalOrigin, ProposalStatus

    rows = db.session.scalars(
        sa.select(Proposal).options(selectinload(Proposal.topic)).where(
            Proposal.event_id == event_id, Proposal.duplicate_of_id.is_(None),
            Proposal.status.not_in([ProposalStatus.MERGED, ProposalStatus.DECLINED]),
            sa.or_(Proposal.moderated_at.is_not(None), Proposal.origin != ProposalOrigin.PARTICIPANT))
    ).all()
    topics = Counter(proposal.topic.label(lang) for proposal in rows if proposal.topic)
    return len(rows), [name for name, _count in topics.most_common(3)]


def press_facts(event: Event, letterhead: dict, lang: str) -> dict[str, str]:
    """Every placeholder's value for ``event`` in ``lang``, as text."""
    programme = event.programme
    rows = attendance_rows(event.id)
    figures = attendance_figures(rows)
    from_attendance = any(row.record for row in rows)
    by_group = {group: (present if from_attendance else registered)
                for group, (registered, present) in figures["group"].items()}
    participants = figures["present"] if from_attendance else figures["registered"]
    count, topics = proposal_facts(event.id, lang)
    english = lang == "en"
    with force_locale(lang):
        contacts = ", ".join(part for part in (letterhead.get("phone"), letterhead.get("email"),
                                               letterhead.get("website")) if part)
        return {
            "event": event.title,
            "kind": str(KIND_LABELS[event.kind]),
            "date": format_moment(event.starts_at, "date", lang),
            "time": f"{format_moment(event.starts_at, 'time', lang)}–{format_moment(event.ends_at, 'time', lang)}",
            "platform": str(PLATFORM_LABELS[event.meeting_platform]) if event.meeting_platform else _("online"),
            "place": event.community.name if event.community else _("All communities"),
            "organiser": letterhead.get("name") or programme.organisation_name,
            "programme": (programme.name_en if english and programme.name_en else programme.name),
            "donor": ((programme.donor_line_en if english else programme.donor_line) or "").strip(),
            "participants": str(participants),
            "participants_by_group": ", ".join(
                f"{GROUP_LABELS[group]}: {number}" for group, number in
                sorted(by_group.items(), key=lambda item: -item[1]) if number) or "—",
            "proposal_count": str(count),
            "topics": ", ".join(topics) or "—",
            "contacts": contacts or "—",
        }


# --- the draft --------------------------------------------------------------------------------

def draft_texts(event: Event, facts: dict[str, dict[str, str]]) -> dict[str, str]:
    """A first draft in both languages, written from the facts (with placeholders kept)."""
    seminar = event.kind is EventKind.SEMINAR
    has_proposals = facts["az"]["proposal_count"] != "0"
    az = ["{date} tarixində {organiser} {platform} platformasında onlayn “{event}” tədbirini "
          "keçirib. Tədbir {programme} çərçivəsində təşkil olunub.",
          "Tədbirdə {participants} nəfər iştirak edib ({participants_by_group})."]
    en = ["On {date}, {organiser} held “{event}” online on {platform}, as part of {programme}.",
          "{participants} people took part ({participants_by_group})."]
    if has_proposals:
        az.append("İştirakçılar {proposal_count} təklif irəli sürüblər; əsas mövzular: {topics}.")
        en.append("Participants put forward {proposal_count} proposals; the main topics: {topics}.")
    if seminar:
        az.append("Təkliflər ümumiləşdirilərək aidiyyəti icra hakimiyyəti orqanlarına rəsmi qaydada "
                  "təqdim olunacaq. Növbəti addım yerli “Hökumət–Vətəndaş Cəmiyyəti Dialoq "
                  "Platforması”nın yaradılmasıdır.")
        en.append("The proposals will be summarised and formally submitted to the executive "
                  "authorities concerned. The next step is a local Government–Civil Society "
                  "Dialogue Platform.")
    else:
        az.append("Proqram çərçivəsində növbəti görüşlər davam edəcək.")
        en.append("The programme's next sessions will follow.")
    if facts["az"]["donor"]:
        az.append("{donor}")
    if facts["en"]["donor"]:
        en.append("{donor}")
    az.append("Əlaqə: {contacts}")
    en.append("Contacts: {contacts}")
    title_az = ("{event}: icmaların təklifləri icra hakimiyyəti orqanlarına çatdırılacaq" if seminar
                else "{event} keçirildi")
    title_en = ("{event}: communities' proposals go to the executive authorities" if seminar
                else "{event} held")
    return {"title": title_az, "body": "\n\n".join(az), "title_en": title_en, "body_en": "\n\n".join(en)}


def fill_placeholders(text: str, facts: dict[str, str]) -> str:
    """``text`` with each ``{name}`` replaced; ``{{`` and ``}}`` are literal braces."""
    parts = []
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise TemplateProblem(_l("A curly brace is not closed. Write placeholders as {date}; "
                                 "write a literal brace twice.")) from exc
    for literal, name, spec, conversion in parsed:
        parts.append(literal)
        if name is None:
            continue
        if spec or conversion or name not in facts:
            raise TemplateProblem(_l("Unknown placeholder {%(name)s}. You can use: %(names)s.",
                                     name=name, names=", ".join(f"{{{n}}}" for n in PLACEHOLDERS)))
        parts.append(facts[name])
    return "".join(parts)


# --- the document data and its renderings -----------------------------------------------------

def build_press_release_data(texts: dict[str, str], facts: dict[str, str], letterhead: dict,
                             lang: str) -> dict:
    """Plain data of the press release in ``lang`` (``texts`` as saved, with placeholders)."""
    suffix = "_en" if lang == "en" else ""
    title = fill_placeholders(texts["title" + suffix], facts).strip()
    body = fill_placeholders(texts["body" + suffix], facts)
    paragraphs = [" ".join(line.strip() for line in block.splitlines() if line.strip())
                  for block in body.replace("\r\n", "\n").split("\n\n")]
    with force_locale(lang):
        label = _("Press release")
    return {"lang": lang, "title": title, "paragraphs": [p for p in paragraphs if p],
            "label": label, "date": facts["date"], "letterhead": letterhead,
            "organisation": facts.get("organiser", "")}


def press_release_text(data: dict) -> str:
    return "\n\n".join([data["title"], *data["paragraphs"]]) + "\n"


def press_release_html(data: dict) -> str:
    """An HTML fragment to paste into a news site (every text escaped)."""
    from flask import render_template

    return render_template("documents/press_release_snippet.html", **data)


def render_press_release_pdf(data: dict) -> bytes:
    from .renderer import render_pdf

    return render_pdf("press_release", data)


def render_press_release_docx(data: dict) -> bytes:
    from .word import write_docx

    return write_docx(data["title"], data["paragraphs"], lang=data["lang"],
                      author=data["organisation"], subject=f"{data['label']} · {data['date']}")


# --- saving and publishing --------------------------------------------------------------------

def release_for(event: Event) -> PressRelease | None:
    return db.session.scalar(sa.select(PressRelease).where(PressRelease.event_id == event.id))


def check_texts(texts: dict[str, str], facts: dict[str, dict[str, str]]) -> None:
    for key in ("title", "title_en"):
        if not texts[key].strip():
            raise TemplateProblem(_l("Give the press release a title in both languages."))
        if len(texts[key]) > MAX_TITLE:
            raise TemplateProblem(_l("A title may have at most %(n)d characters.", n=MAX_TITLE))
    for key in ("body", "body_en"):
        if not texts[key].strip():
            raise TemplateProblem(_l("Write the text of the press release in both languages."))
        if len(texts[key]) > MAX_BODY:
            raise TemplateProblem(_l("A text may have at most %(n)d characters.", n=MAX_BODY))
    for key in texts:
        fill_placeholders(texts[key], facts["en" if key.endswith("_en") else "az"])


def save_press_release(event: Event, texts: dict[str, str], facts: dict[str, dict[str, str]],
                       actor, version: int | None = None) -> PressRelease:
    """Save the texts if every placeholder resolves; otherwise raise and keep the last version."""
    check_texts(texts, facts)
    release = release_for(event)
    if release is None:
        release = PressRelease(event_id=event.id)
        db.session.add(release)
    elif version is not None and version != release.version:
        raise StaleRelease()
    for key in ("title", "body", "title_en", "body_en"):
        setattr(release, key, texts[key].replace("\r\n", "\n"))
    release.updated_by_id = getattr(actor, "id", None)
    try:
        db.session.flush()
    except StaleDataError as exc:
        raise StaleRelease() from exc
    return release


def add_publication(release: PressRelease, outlet: str, url: str, published_on: date,
                    actor) -> PressPublication:
    outlet, url = (outlet or "").strip(), (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > 1000:
        raise BadPublication(_l("Enter the full address of the article, starting with https://"))
    if not outlet or len(outlet) > 200:
        raise BadPublication(_l("Name the outlet (at most 200 characters)."))
    publication = PressPublication(press_release=release, outlet=outlet, url=url,
                                   published_on=published_on, created_by_id=getattr(actor, "id", None))
    db.session.add(publication)
    db.session.flush()
    return publication


def media_publication_count(programme, start: date | None = None, end: date | None = None) -> int:
    """Publications of the programme's press releases dated from ``start`` to ``end`` (inclusive)."""
    programme_id = getattr(programme, "id", programme)
    query = (sa.select(sa.func.count(PressPublication.id))
             .join(PressRelease, PressPublication.press_release_id == PressRelease.id)
             .join(Event, PressRelease.event_id == Event.id)
             .where(Event.programme_id == programme_id))
    if start is not None:
        query = query.where(PressPublication.published_on >= start)
    if end is not None:
        query = query.where(PressPublication.published_on <= end)
    return db.session.scalar(query) or 0

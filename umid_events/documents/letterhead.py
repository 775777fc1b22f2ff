"""The NGO's letterhead: its details, the logo (checked by its bytes) and reference numbers."""

from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parseaddr
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import Flask, current_app, g, has_request_context, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from PIL import Image, UnidentifiedImageError
from sqlalchemy.orm import load_only

from ..core.errors import DomainError
from ..extensions import db
from .models import DEFAULT_REFERENCE_PATTERN, DossierVersion, Letterhead

MAX_LOGO_BYTES = 1_000_000
MAX_LOGO_PIXELS = 4000 * 4000
LOGO_TYPES = ((b"\x89PNG\r\n\x1a\n", "image/png", "PNG"), (b"\xff\xd8\xff", "image/jpeg", "JPEG"))
REFERENCE_FIELDS = {"code", "year", "month", "seq"}
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
BAKU = ZoneInfo("Asia/Baku")


class LogoRefused(DomainError):
    pass


class BadReferencePattern(DomainError):
    pass


def check_logo(data: bytes) -> str:
    """The logo's MIME type if ``data`` is a PNG or JPEG of sensible size; else LogoRefused."""
    if not data:
        raise LogoRefused(_l("The logo file is empty."))
    if len(data) > MAX_LOGO_BYTES:
        raise LogoRefused(_l("The logo is too large: at most %(kb)d KB.", kb=MAX_LOGO_BYTES // 1000))
    known = next(((mimetype, pil_format) for magic, mimetype, pil_format in LOGO_TYPES
                  if data.startswith(magic)), None)
    if known is None:
        raise LogoRefused(_l("The logo must be a PNG or JPEG image."))
    mimetype, pil_format = known
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != pil_format:
                raise LogoRefused(_l("The logo must be a PNG or JPEG image."))
            if image.width * image.height > MAX_LOGO_PIXELS:
                raise LogoRefused(_l("The logo is too large: at most 4000 × 4000 pixels."))
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise LogoRefused(_l("The logo file is damaged or is not an image.")) from exc
    return mimetype


def check_reference_pattern(pattern: str) -> str:
    pattern = (pattern or "").strip()
    names = _PLACEHOLDER.findall(pattern)
    if "seq" not in names:
        raise BadReferencePattern(_l("The reference pattern must contain {seq}, the letter's sequence number."))
    unknown = sorted(set(names) - REFERENCE_FIELDS)
    if unknown or _PLACEHOLDER.sub("", pattern).count("{") or _PLACEHOLDER.sub("", pattern).count("}"):
        raise BadReferencePattern(_l("The reference pattern may only use {code}, {year}, {month} and {seq}."))
    return pattern


def get_letterhead() -> Letterhead:
    """The letterhead row, created empty the first time."""
    letterhead = db.session.scalar(sa.select(Letterhead).order_by(Letterhead.id).limit(1))
    if letterhead is None:
        letterhead = Letterhead()
        db.session.add(letterhead)
        db.session.flush()
    return letterhead


@dataclass
class LetterheadDetails:
    name: str = ""
    name_en: str = ""
    address: str = ""
    address_en: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    signatory_name: str = ""
    signatory_title: str = ""
    signatory_title_en: str = ""
    programme_code: str = "ÜMİD"
    reference_pattern: str = DEFAULT_REFERENCE_PATTERN


def update_letterhead(details: LetterheadDetails, logo: bytes | None = None,
                      remove_logo: bool = False) -> Letterhead:
    """Save the letterhead; a refused logo or pattern changes nothing."""
    pattern = check_reference_pattern(details.reference_pattern)
    mimetype = check_logo(logo) if logo else None
    letterhead = get_letterhead()
    for name, value in vars(details).items():
        setattr(letterhead, name, (value or "").strip())
    letterhead.reference_pattern = pattern
    if mimetype:
        letterhead.logo, letterhead.logo_mimetype = logo, mimetype
    elif remove_logo:
        letterhead.logo, letterhead.logo_mimetype = None, None
    db.session.flush()
    g.pop(_CONTACT_CACHE, None)
    return letterhead


def letterhead_data(letterhead: Letterhead, lang: str = "az") -> dict:
    """The letterhead as plain data for a document (the logo as a data: URI, nothing to fetch)."""
    english = lang == "en"
    logo = None
    if letterhead.logo and letterhead.logo_mimetype:
        logo = f"data:{letterhead.logo_mimetype};base64," + base64.b64encode(letterhead.logo).decode("ascii")
    return {
        "name": (letterhead.name_en if english and letterhead.name_en else letterhead.name),
        "address": (letterhead.address_en if english and letterhead.address_en else letterhead.address),
        "phone": letterhead.phone, "email": letterhead.email, "website": letterhead.website,
        "signatory_name": letterhead.signatory_name,
        "signatory_title": (letterhead.signatory_title_en if english and letterhead.signatory_title_en
                            else letterhead.signatory_title),
        "logo": logo,
    }


def format_reference(pattern: str, code: str, when: date, seq: int) -> str:
    values = {"code": code, "year": f"{when.year}", "month": f"{when.month:02d}", "seq": f"{seq:03d}"}
    return _PLACEHOLDER.sub(lambda match: values[match.group(1)], pattern)


def next_reference(letterhead: Letterhead, when: datetime) -> str:
    """The next free reference number of the year ``when`` falls in (Baku time)."""
    day = when.astimezone(BAKU).date()
    year_start = datetime(day.year, 1, 1, tzinfo=BAKU)
    issued = db.session.scalar(sa.select(sa.func.count(DossierVersion.id))
                               .where(DossierVersion.issued_at >= year_start)) or 0
    seq = issued + 1
    while True:
        reference = format_reference(letterhead.reference_pattern, letterhead.programme_code, day, seq)
        taken = db.session.scalar(sa.select(DossierVersion.id).where(DossierVersion.reference == reference))
        if taken is None:
            return reference
        seq += 1


# --- the organiser's contact, on every participant page and in every mail's footer ------------

_CONTACT_CACHE = "documents.organiser_contact"
_CONTACT_FIELDS = ("name", "name_en", "address", "address_en", "phone", "email", "website")


def organiser_contact(lang: str | None = None) -> dict:
    """Who the organisers are and how to reach them, from the letterhead, as plain data.

    Read only (no letterhead row is created) and kept for the request (or, in the worker, the
    job), so a batch of mail asks the database once; ``update_letterhead`` forgets it. Without a letterhead
    address the sender's address (``MAIL_DEFAULT_SENDER``) is shown, unless it is a local one
    such as ``umid-events@localhost`` that nobody outside could write to.
    """
    from ..core.timefmt import current_language

    lang = lang or current_language()
    owner = request._get_current_object() if has_request_context() else None
    kept = g.get(_CONTACT_CACHE)
    if kept is None or kept[0] is not owner:  # tests keep one application context for many requests
        kept = (owner, {})
        setattr(g, _CONTACT_CACHE, kept)
    cache = kept[1]
    if lang not in cache:
        cache[lang] = _contact(lang)
    return cache[lang]


def _contact(lang: str) -> dict:
    row = db.session.scalar(sa.select(Letterhead)
                            .options(load_only(*(getattr(Letterhead, f) for f in _CONTACT_FIELDS)))
                            .order_by(Letterhead.id).limit(1))
    english = lang == "en"
    name = address = phone = email = website = ""
    if row is not None:
        name = (row.name_en if english and row.name_en else row.name).strip()
        address = (row.address_en if english and row.address_en else row.address).strip()
        phone, email, website = row.phone.strip(), row.email.strip(), row.website.strip()
    email = email or _public_sender_address()
    return {
        "name": name or _("“Ümid” Social Development Support Public Union"),
        "address": address, "phone": phone,
        "phone_uri": re.sub(r"[^\d+]", "", phone),
        "email": email,
        "website": website,
        "website_url": website if "://" in website or not website else f"https://{website}",
    }


def _public_sender_address() -> str:
    sender = current_app.config.get("MAIL_DEFAULT_SENDER") or ""
    if isinstance(sender, (tuple, list)):  # Flask-Mail also takes (name, address)
        sender = sender[-1] if sender else ""
    address = parseaddr(sender)[1]
    domain = address.rpartition("@")[2].lower()
    if not domain or "." not in domain or domain.endswith((".localhost", ".local", ".invalid")):
        return ""
    return address


def init_app(app: Flask) -> None:
    """``organiser_contact()`` for page and mail templates (mail templates pass ``language``)."""
    app.jinja_env.globals["organiser_contact"] = organiser_contact

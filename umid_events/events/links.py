"""Video meeting links: recognise the platform, pull out the meeting ID, make Jitsi rooms."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from flask_babel import lazy_gettext as _l

from ..core.errors import DomainError
from .kinds import Platform

PLATFORM_LABELS = {
    Platform.ZOOM: "Zoom",
    Platform.MEET: "Google Meet",
    Platform.TEAMS: "Microsoft Teams",
    Platform.JITSI: "Jitsi Meet",
    Platform.OTHER: _l("Other platform"),
}
MAX_URL_LENGTH = 1000
_JITSI_HOSTS = {"meet.jit.si", "8x8.vc", "jitsi.member.fsf.org"}
_MEET_CODE = re.compile(r"^/([a-z]{3}-[a-z]{4}-[a-z]{3})$")
_ZOOM_PATH = re.compile(r"^/(?:j|w|s|wc/join|wc)/(\d{9,11})")


class InvalidMeetingUrl(DomainError):
    def __init__(self):
        super().__init__(_l("Enter the full meeting address, starting with https://"))


@dataclass(frozen=True)
class MeetingLink:
    url: str
    platform: Platform
    meeting_id: str | None = None
    passcode: str | None = None


def _zoom_id(digits: str) -> str:
    """Zoom shows IDs grouped: 123 456 7890 (10 digits) or 123 4567 8901 (11)."""
    if len(digits) == 11:
        return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
    if len(digits) == 10:
        return f"{digits[:3]} {digits[3:6]} {digits[6:]}"
    return digits


def recognise_meeting(url: str, jitsi_server: str = "https://meet.jit.si") -> MeetingLink:
    """Check a meeting URL and tell which platform it belongs to (unknown ones are "other")."""
    url = (url or "").strip()
    parts = urlsplit(url)
    if (parts.scheme not in ("http", "https") or not parts.hostname or len(url) > MAX_URL_LENGTH
            or any(char.isspace() or ord(char) < 32 for char in url)):
        raise InvalidMeetingUrl()
    host = parts.hostname.lower()
    query = parse_qs(parts.query)
    if host == "zoom.us" or host.endswith((".zoom.us", ".zoomgov.com")):
        match = _ZOOM_PATH.match(parts.path)
        return MeetingLink(url, Platform.ZOOM, _zoom_id(match.group(1)) if match else None)
    if host == "meet.google.com":
        match = _MEET_CODE.match(parts.path)
        return MeetingLink(url, Platform.MEET, match.group(1) if match else None)
    if host in ("teams.microsoft.com", "teams.live.com") or host.endswith(".teams.microsoft.com"):
        match = re.match(r"^/meet/(\d{9,15})", parts.path)
        passcode = query.get("p", [None])[0]
        return MeetingLink(url, Platform.TEAMS, match.group(1) if match else None, passcode)
    jitsi_host = (urlsplit(jitsi_server).hostname or "").lower()
    if host in _JITSI_HOSTS | {jitsi_host}:
        room = parts.path.strip("/") or None
        return MeetingLink(url, Platform.JITSI, room)
    return MeetingLink(url, Platform.OTHER)


def new_jitsi_room(jitsi_server: str) -> MeetingLink:
    """A Jitsi room with a random, unguessable name (about 128 bits)."""
    room = f"Umid-{secrets.token_urlsafe(16)}"
    return MeetingLink(f"{jitsi_server.rstrip('/')}/{room}", Platform.JITSI, room)

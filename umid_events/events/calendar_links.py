""""Add to Google Calendar", "Outlook.com" and "Office 365" links: the video link is in them only
where the caller puts it in the details (the personal page, for those who may see it)."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlencode


def _utc(moment: datetime, pattern: str) -> str:
    return moment.astimezone(UTC).strftime(pattern)


def google_calendar_url(*, title: str, starts_at: datetime, ends_at: datetime, details: str,
                        location: str) -> str:
    dates = f"{_utc(starts_at, '%Y%m%dT%H%M%SZ')}/{_utc(ends_at, '%Y%m%dT%H%M%SZ')}"
    query = urlencode({"action": "TEMPLATE", "text": title, "dates": dates, "details": details,
                       "location": location, "ctz": "Asia/Baku"})
    return f"https://calendar.google.com/calendar/render?{query}"


def outlook_calendar_url(*, title: str, starts_at: datetime, ends_at: datetime, details: str,
                         location: str, host: str = "outlook.live.com") -> str:
    """Outlook.com's; with ``host="outlook.office.com"``, Office 365's (work and school accounts)."""
    query = urlencode({"path": "/calendar/action/compose", "rru": "addevent", "subject": title,
                       "startdt": _utc(starts_at, "%Y-%m-%dT%H:%M:%SZ"),
                       "enddt": _utc(ends_at, "%Y-%m-%dT%H:%M:%SZ"), "body": details,
                       "location": location})
    return f"https://{host}/calendar/0/deeplink/compose?{query}"

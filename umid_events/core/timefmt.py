"""Dates and times shown the Azerbaijani way ("15 mart 2022, 10:00"), in the display time zone."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime
from flask import current_app
from flask_babel import get_locale

PATTERNS = {
    "datetime": "d MMMM y, HH:mm",
    "date": "d MMMM y",
    "time": "HH:mm",
    "weekday": "EEEE, d MMMM y",
    "weekday_short": "EEE",
    "month": "LLLL y",
    "short": "dd.MM HH:mm",  # an SMS: "12.03 14:00"
}


def display_zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["DISPLAY_TIMEZONE"])


def current_language() -> str:
    locale = get_locale()
    return locale.language if locale else "az"


def format_moment(value: datetime | date | None, style: str = "datetime", lang: str | None = None):
    """Format an aware datetime (or a date) in the display zone and the current language."""
    if value is None:
        return ""
    return _formatted(value, PATTERNS[style], current_app.config["DISPLAY_TIMEZONE"],
                      lang or current_language())


@lru_cache(maxsize=4096)
def _formatted(value: datetime | date, pattern: str, zone: str, lang: str) -> str:
    """Babel's formatting, remembered: a batch of mail or a page of events shows the same few
    moments many times."""
    if isinstance(value, datetime):
        return format_datetime(value, pattern, tzinfo=ZoneInfo(zone), locale=lang)
    return format_date(value, pattern, locale=lang)


def to_display_zone(value: datetime) -> datetime:
    return value.astimezone(display_zone())

"""Figures kept for a short while, so that the dashboard's cost does not grow with the data.

Computing the figures brings the kept facts up to date (``facts.py``), then reads them and the
records (aggregate queries; for a period, over every registration and attendance record of it);
a page served from here costs the same for any amount of data. Figures are kept
``DASHBOARD_CACHE_SECONDS`` (60 by default, 0 while testing) per programme, period and language;
the page shows when they were computed and offers a refresh, and recording an outcome forgets
them at once. Each process keeps its own copy.
"""

from __future__ import annotations

import threading
import time

from flask import current_app

from ..extensions import db
from .facts import bring_facts_up_to_date
from .figures import Figures, build_figures

MAX_ENTRIES = 64
_entries: dict[tuple, tuple[float, Figures]] = {}
_lock = threading.Lock()


def _seconds() -> float:
    default = 0 if current_app.testing else 60
    return float(current_app.config.get("DASHBOARD_CACHE_SECONDS", default))


def current_figures(programme, period, language: str, *, fresh: bool = False) -> Figures:
    seconds = _seconds()
    key = (programme.id, period.start, period.end, language)
    now = time.monotonic()
    if seconds > 0 and not fresh:
        with _lock:
            entry = _entries.get(key)
        if entry and entry[0] > now:
            return entry[1]
    bring_facts_up_to_date()
    db.session.commit()  # keeps them so, and lets the next writer (or computation) go at once
    figures = build_figures(programme, period, language)
    if seconds > 0:
        with _lock:
            if len(_entries) >= MAX_ENTRIES:
                _entries.pop(min(_entries, key=lambda k: _entries[k][0]))
            _entries[key] = (now + seconds, figures)
    return figures


def forget_figures() -> None:
    with _lock:
        _entries.clear()

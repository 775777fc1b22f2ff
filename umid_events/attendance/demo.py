"""The demo's attendance extras: a walk-in at a held session, a check-in code for the next one."""

from __future__ import annotations

from ..events.kinds import EventStatus
from ..events.models import Event
from .marking import add_walk_in, open_check_in


def add_demo_attendance_extras(events: list[Event]) -> None:
    held = [event for event in events if event.status is EventStatus.HELD]
    upcoming = sorted((event for event in events if event.status is EventStatus.PUBLISHED),
                      key=lambda event: event.starts_at)
    if held:
        add_walk_in(held[-1], full_name="Tural Süleymanlı", email="tural.demo@example.org", phone=None,
                    community_id=held[-1].community_id, actor=None)
    if upcoming:
        open_check_in(upcoming[0])

"""The date range a dashboard or report covers: whole days in the display time zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from ..core.errors import DomainError
from ..core.timefmt import display_zone


class BadPeriod(DomainError):
    pass


@dataclass(frozen=True)
class Period:
    """From ``start`` to ``end`` inclusive; either end may be open."""

    start: date | None = None
    end: date | None = None

    @property
    def is_open(self) -> bool:
        return self.start is None and self.end is None

    def moments(self) -> tuple[datetime | None, datetime | None]:
        """The range as UTC-comparable instants: [start 00:00, the day after end 00:00)."""
        zone = display_zone()
        first = datetime.combine(self.start, time(0), tzinfo=zone) if self.start else None
        after = datetime.combine(self.end + timedelta(days=1), time(0), tzinfo=zone) if self.end else None
        return first, after

    def covers_moment(self, column):
        """A clause: a datetime column falls in the period."""
        first, after = self.moments()
        clauses = []
        if first is not None:
            clauses.append(column >= first)
        if after is not None:
            clauses.append(column < after)
        return sa.and_(sa.true(), *clauses)

    def covers_day(self, column):
        """A clause: a date column falls in the period."""
        clauses = []
        if self.start is not None:
            clauses.append(column >= self.start)
        if self.end is not None:
            clauses.append(column <= self.end)
        return sa.and_(sa.true(), *clauses)

    def as_args(self) -> dict:
        return {key: value.isoformat() for key, value in (("start", self.start), ("end", self.end)) if value}


def parse_day(text: str | None, message: str) -> date | None:
    if not text or not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise BadPeriod(message) from exc


def parse_period(args) -> Period:
    """The period asked for in a query string (``start``, ``end``); a bad one is refused."""
    start = parse_day(args.get("start"), _("The start date is not a date; use the form 2022-04-01."))
    end = parse_day(args.get("end"), _("The end date is not a date; use the form 2022-04-01."))
    if start and end and end < start:
        raise BadPeriod(_("The period ends (%(end)s) before it starts (%(start)s): choose an end date on or "
                          "after the start date.", end=end.isoformat(), start=start.isoformat()))
    return Period(start, end)

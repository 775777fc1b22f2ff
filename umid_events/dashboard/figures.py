"""The dashboard's figures as plain data: the same tables feed the page, the XLSX and the PDF.

Each section is one function ``(context) -> Section`` in ``SECTIONS``; a section may report
``measures`` (target code -> current value) that the targets table at the top reads. Every
section runs a fixed number of aggregate queries, whatever the amount of data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import gettext as _

from ..core.timefmt import format_moment
from ..core.types import utcnow
from ..programmes.models import Programme
from .period import Period


@dataclass
class Table:
    """One table of figures (one sheet of the workbook). With ``chart`` the page draws column
    ``chart`` of each row as a bar labelled by the row's first cell."""

    key: str
    title: str
    header: list[str]
    rows: list[list]
    chart: int | None = None
    note: str = ""

    @property
    def chart_max(self) -> float:
        if self.chart is None:
            return 0
        values = [row[self.chart] for row in self.rows if isinstance(row[self.chart], int | float)]
        return max(values, default=0)


@dataclass
class Section:
    key: str
    title: str
    tables: list[Table] = field(default_factory=list)
    highlights: list[tuple[str, str]] = field(default_factory=list)  # (label, value) cards
    measures: dict[str, float] = field(default_factory=dict)
    matrix: list[dict] | None = None  # sessions per community, drawn as the plan page's slots


@dataclass
class TargetRow:
    code: str
    label: str
    current: float | None
    minimum: int
    maximum: int | None

    @property
    def percent(self) -> int:
        if self.current is None or not self.minimum:
            return 0
        return min(int(round(100 * self.current / self.minimum)), 100)

    @property
    def reached(self) -> bool:
        return self.current is not None and self.current >= self.minimum

    @property
    def goal(self) -> str:
        return f"{self.minimum}–{self.maximum}" if self.maximum else str(self.minimum)


@dataclass(frozen=True)
class ProgrammeInfo:
    """What the page and the reports show of the programme (plain data: figures are cached)."""

    id: int
    slug: str
    name: str
    organisation_name: str
    donor_line: str
    starts_on: date
    ends_on: date
    is_demo: bool

    @classmethod
    def of(cls, programme: Programme, language: str) -> ProgrammeInfo:
        english = language == "en"
        return cls(programme.id, programme.slug, (english and programme.name_en) or programme.name,
                   programme.organisation_name, (english and programme.donor_line_en) or programme.donor_line or "",
                   programme.starts_on, programme.ends_on, programme.is_demo)


@dataclass
class Context:
    programme: Programme
    period: Period
    language: str = "az"


@dataclass
class Figures:
    programme: ProgrammeInfo
    period: Period
    period_label: str
    generated_at: datetime
    targets: list[TargetRow]
    sections: list[Section]

    def tables(self) -> list[Table]:
        """Every table, the targets first, as the workbook's sheets."""
        targets = Table("targets", _("Targets"), [_("Target"), _("Goal"), _("Current"), _("Percent of the minimum")],
                        [[t.label, t.goal, _number(t.current), t.percent] for t in self.targets])
        return [targets] + [table for section in self.sections for table in section.tables]


def _number(value):
    if value is None:
        return "—"
    return int(value) if float(value).is_integer() else round(value, 1)


def period_label(programme: Programme, period: Period) -> str:
    start = period.start or programme.starts_on
    end = period.end or programme.ends_on
    return f"{format_moment(start, 'date')} – {format_moment(end, 'date')}"


def build_figures(programme: Programme, period: Period, language: str = "az") -> Figures:
    """Every figure, computed now from the kept facts (see ``facts.py``) and the records: call it
    through ``cache.current_figures``, which brings those facts up to date first."""
    from .sections import SECTIONS, target_rows

    context = Context(programme, period, language)
    sections = [build(context) for build in SECTIONS]
    measures = {code: value for section in sections for code, value in section.measures.items()}
    return Figures(ProgrammeInfo.of(programme, language), period, period_label(programme, period), utcnow(),
                   target_rows(programme, measures, language), sections)

"""The dashboard's figures as the donor's reports: an XLSX workbook and a PDF."""

from __future__ import annotations

import re

from flask_babel import gettext as _

from ..core.exports import write_xlsx
from ..core.timefmt import format_moment
from ..documents.renderer import render_pdf
from .figures import Figures

SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_titles(titles: list[str]) -> list[str]:
    """Excel's sheet names: at most 31 characters, none of ``[]:*?/\\``, unique."""
    seen, result = set(), []
    for title in titles:
        base = SHEET_FORBIDDEN.sub(" ", title).strip()[:31] or "Sheet"
        name, number = base, 2
        while name.lower() in seen:
            suffix = f" ({number})"
            name, number = base[: 31 - len(suffix)] + suffix, number + 1
        seen.add(name.lower())
        result.append(name)
    return result


def report_filename(figures: Figures, extension: str) -> str:
    start = figures.period.start or figures.programme.starts_on
    end = figures.period.end or figures.programme.ends_on
    return f"{figures.programme.slug}-report-{start.isoformat()}-{end.isoformat()}.{extension}"


def figures_workbook(figures: Figures) -> bytes:
    """One sheet per table, the programme and the period on the first."""
    tables = figures.tables()
    about = (_("Programme report"), (
        [_("Programme"), figures.programme.name],
        [[_("Organisation"), figures.programme.organisation_name],
         [_("Period"), figures.period_label],
         [_("Generated"), format_moment(figures.generated_at)]]))
    sheets = dict([about])
    for title, table in zip(sheet_titles([about[0]] + [t.title for t in tables])[1:], tables, strict=True):
        rows = [list(row) for row in table.rows]
        if table.note:
            rows += [[], [table.note]]
        sheets[title] = (table.header, rows)
    return write_xlsx(sheets)


def report_data(figures: Figures) -> dict:
    """Plain data for ``templates/documents/programme_report.html``."""
    programme = figures.programme
    return {
        "title": _("Programme report"),
        "programme": programme.name,
        "organisation": programme.organisation_name,
        "donor_line": programme.donor_line or "",
        "period": figures.period_label,
        "generated": format_moment(figures.generated_at),
        "labels": {"targets": _("Targets"), "target": _("Target"), "goal": _("Goal"), "current": _("Current"),
                   "progress": _("Percent of the minimum"), "period": _("Period"), "generated": _("Generated"),
                   "nothing": _("Nothing recorded in this period.")},
        "targets": [{"label": t.label, "goal": t.goal, "current": "—" if t.current is None else t.current,
                     "percent": t.percent, "reached": t.reached} for t in figures.targets],
        "sections": [{
            "title": section.title,
            "highlights": [{"label": label, "value": value} for label, value in section.highlights],
            "tables": [{"title": table.title, "header": table.header, "rows": table.rows, "note": table.note,
                        "chart": table.chart, "max": table.chart_max} for table in section.tables],
        } for section in figures.sections],
    }


def figures_pdf(figures: Figures) -> bytes:
    return render_pdf("programme_report", report_data(figures))

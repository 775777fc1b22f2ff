"""What the report reader's error and warning codes mean, in the organiser's language."""

from __future__ import annotations

from flask_babel import gettext as _

from .reports import ReportError, Warning


def _errors() -> dict:
    return {
        "too_large": lambda p: _("The file is larger than the upload limit of %(mb)d MB.",
                                 mb=p.get("limit", 0) // 2**20),
        "too_large_unpacked": lambda p: _(
            "The workbook is too large once unpacked (more than %(mb)d MB). Save it as CSV and "
            "upload that file.", mb=p.get("limit", 0) // 2**20),
        "empty_file": lambda p: _("The file is empty."),
        "wrong_kind": lambda p: _("This is not an attendance report: upload the CSV, TSV or XLSX "
                                  "file the video platform exported."),
        "not_a_table": lambda p: _("The file is not a table (CSV, TSV or XLSX)."),
        "bad_encoding": lambda p: _("The file's letters cannot be read safely (it is not UTF-8 or "
                                    "UTF-16). Save it again as “CSV UTF-8” and upload that file."),
        "unknown_columns": lambda p: _("No attendance table was recognised: choose the columns by hand."),
        "missing_column": lambda p: _("Choose the column with the names or the emails."),
        "no_attendees": lambda p: _("The report lists nobody who attended."),
    }


def describe_error(error: ReportError) -> str:
    describe = _errors().get(error.code)
    return describe(error.params) if describe else _("The file could not be read as an attendance report.")


def describe_warning(warning: Warning) -> str:
    code, p = warning
    messages = {
        "no_minutes": lambda: _("The table has no minutes: everyone in it is counted with 0 minutes."),
        "ambiguous_date_order": lambda: _("The dates could be read either way; they were read as %(order)s.",
                                          order=_("day first") if p.get("assumed") == "day-first"
                                          else _("month first")),
        "host_left_out": lambda: _("%(n)d host or organiser rows were left out.", n=p.get("count", 0)),
        "did_not_attend_left_out": lambda: _("%(n)d people who did not attend were left out.",
                                             n=p.get("count", 0)),
        "rows_skipped": lambda: _("%(n)d rows without a name or email were skipped.", n=p.get("count", 0)),
        "formula_like_text": lambda: _("%(n)d cells start like a spreadsheet formula; they are kept as "
                                       "plain text and never run.", n=p.get("count", 0)),
        "overlapping_sessions": lambda: _("%(name)s was connected from two devices at once; the "
                                          "overlapping time is counted once.", name=p.get("name") or p.get("email")),
        "far_from_event": lambda: _("This report seems to be of another meeting: it starts %(report)s, "
                                    "%(days)s days away from the event.", report=p.get("report_start", "?"),
                                    days=p.get("days", "?")),
    }
    describe = messages.get(code)
    return describe() if describe else code

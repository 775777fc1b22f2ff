"""Reading the video platforms' attendance reports into plain data.

``parse_report(data, filename)`` detects the encoding and the layout (Zoom meeting participants,
the Zoom "unique users" variant, the Zoom webinar attendee report, Microsoft Teams meeting and
webinar reports, Google Meet, or any table with name/email/minutes columns) and returns a
``ParsedReport``: one ``Attendee`` per person, rejoins summed, hosts and organisers left out.

Nothing here touches Flask or the database, and no cell is ever evaluated: a cell starting with
``=`` stays text (a warning tells the organiser about it).

Times are returned as the file gives them: every platform layout we read writes local wall-clock
times without an offset (Zoom: the host's time zone; Teams: the exporter's), so ``first_join`` and
``last_leave`` are naive datetimes for those; only ISO times with an offset (a generic table) give
aware datetimes.

Minutes: whole minutes, rounded up from the seconds attended (the rule Zoom applies to its own
"Duration (Minutes)"); a person's sessions are summed, and sessions that overlap in time (two
devices at once) count once.
"""

from __future__ import annotations

import csv
import io
import itertools
import math
import operator
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import NamedTuple

from umid_events.core import textfiles
from umid_events.core.aztext import search_key
from umid_events.core.workbooks import MAX_UNPACKED_BYTES, WorkbookTooLarge, check_unpacked_size

MAX_REPORT_BYTES = 5 * 1024 * 1024
FAR_FROM_EVENT = timedelta(hours=24)

Warning = tuple[str, dict]


class ReportError(ValueError):
    """The file cannot be read as an attendance report; ``code`` is stable, ``message`` English."""

    def __init__(self, code: str, message: str, **params):
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = params


class Attendee(NamedTuple):
    """One person of a report (a named tuple: thousands are made per report)."""

    name: str
    email: str | None
    minutes: int
    first_join: datetime | None = None
    last_leave: datetime | None = None
    is_device: bool = False
    original_name: str | None = None
    phone: str | None = None
    is_guest: bool = False
    sessions: int = 1
    seconds: int | None = None


@dataclass(frozen=True)
class ParsedReport:
    format: str
    attendees: list[Attendee]
    rows: int
    warnings: list[Warning] = field(default_factory=list)
    encoding: str = "utf-8"
    start: datetime | None = None


# ---------------------------------------------------------------- columns and sections

_FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "name": (
        "name (original name)",
        "user name (original name)",
        "name",
        "full name",
        "participant name",
        "participant",
        "display name",
        "attendee name",
        "attendee",
        "ad",
        "ad soyad",
        "ad, soyad",
        "adı soyadı",
        "ad və soyad",
        "iştirakçı",
    ),
    "email": (
        "user email",
        "email",
        "email address",
        "e-mail",
        "e-mail address",
        "participant email",
        "e-poçt",
        "e-poçt ünvanı",
        "mail",
    ),
    "join": ("join time", "first join", "time joined", "first joined", "joined", "join"),
    "leave": ("leave time", "last leave", "time exited", "last left", "left", "leave"),
    "minutes": (
        "duration (minutes)",
        "total duration (minutes)",
        "time in session (minutes)",
        "in-meeting duration",
        "duration",
        "attendance duration",
        "minutes",
        "total minutes",
        "dəqiqə",
        "müddət",
        "time in session",
    ),
    "role": ("role",),
    "guest": ("guest", "is guest"),
    "attended": ("attended",),
    "phone": ("phone", "phone number", "telephone", "mobile", "telefon", "telefon nömrəsi"),
}
_ALIAS_TO_FIELD = {alias: name for name, aliases in _FIELD_ALIASES.items() for alias in aliases}

_SECTION_TITLES = {
    "attendee report",
    "host details",
    "panelist details",
    "attendee details",
    "other attended",
    "summary",
    "participants",
    "in-meeting activities",
    "meeting summary",
    "activities",
}
_HOST_SECTIONS = {"host details", "panelist details"}
_NOT_ATTENDED = {"no", "--", "-", "false", "0", "xeyr"}
_HOST_ROLES = {"organizer", "organiser", "co-organizer", "co-organiser", "host", "co-host"}
_SECTION_NUMBER = re.compile(r"^\d+\.\s*")


def _norm(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").strip().lower().split())


def _section_title(row: list[str]) -> str | None:
    cells = [cell for cell in row if cell.strip()]
    if len(cells) != 1:
        return None
    title = _SECTION_NUMBER.sub("", _norm(cells[0]))
    return title if title in _SECTION_TITLES else None


def _columns(row: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(row):
        field_name = _ALIAS_TO_FIELD.get(_norm(cell))
        if field_name and field_name not in found:
            found[field_name] = index
    return found


def _is_header(columns: dict[str, int]) -> bool:
    return "name" in columns and ("minutes" in columns or "join" in columns)


@dataclass
class _Table:
    section: str | None
    header: list[str]
    columns: dict[str, int]
    rows: list[list[str]]


# ---------------------------------------------------------------- decoding


def _decode(data: bytes, filename: str) -> tuple[str, str]:
    """Teams copies are sometimes UTF-16 without a BOM, so that is read too."""
    try:
        return textfiles.decode_text(data, allow_bomless_utf16=True)
    except textfiles.UndecodableText as exc:
        if exc.reason == "binary":
            raise ReportError("not_a_table", "The file is not a table (CSV, TSV or XLSX).") from exc
        raise ReportError(
            "bad_encoding",
            "The file is not in a text encoding we can read (UTF-8 or UTF-16). "
            "Save it again as CSV UTF-8 and upload that file.",
            encoding=exc.encoding,
        ) from exc


_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old Excel (.xls) or Word file",
    b"{\\rtf": "an RTF document",
}


def _check_kind(data: bytes) -> None:
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise ReportError(
                "wrong_kind",
                f"The file is {what}, not an attendance report. Upload the CSV (or XLSX) "
                "that the platform exports.",
                kind=what,
            )


_SNIFF_LINES = 20  # textfiles.sniff_delimiter judges the first 20 non-blank lines


def _sniff_sample(text: str) -> str:
    """The start of ``text`` holding its first lines whole: enough for the delimiter sniffer,
    which would otherwise split the whole file into lines to look at twenty of them."""
    size = 8192
    while size < len(text):
        end = text.rfind("\n", 0, size)
        if end != -1:
            sample = text[: end + 1]  # cut after a line break: the same first lines as the text
            if sum(1 for line in sample.splitlines() if line.strip()) >= _SNIFF_LINES:
                return sample
        size *= 4
    return text


def _rows_from_text(text: str) -> list[list[str]]:
    """Rows with their cells stripped (``_tables`` leaves the empty cells at their end off)."""
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=textfiles.sniff_delimiter(_sniff_sample(text))
    )
    strip = str.strip
    try:
        rows = [list(map(strip, row)) for row in reader]
    except csv.Error as exc:
        raise ReportError("not_a_table", f"The file is not a readable table ({exc}).") from exc
    return rows


def _rows_from_xlsx(data: bytes) -> list[list[str]]:
    try:
        check_unpacked_size(data)
    except WorkbookTooLarge as exc:
        raise ReportError("too_large_unpacked", "The workbook is too large once unpacked.",
                          size=exc.args[0], limit=MAX_UNPACKED_BYTES) from exc
    except zipfile.BadZipFile as exc:
        raise ReportError("wrong_kind", "The file is a damaged ZIP archive.") from exc
    try:
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # a zip that is not a workbook, a damaged file
        raise ReportError(
            "wrong_kind", "The file is a ZIP archive but not an Excel workbook (XLSX)."
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for values in sheet.iter_rows(values_only=True):
            rows.append([_xlsx_cell(value) for value in values])
        return rows
    except Exception as exc:  # a sheet cut short, a cell pointing past the shared strings …
        raise ReportError("not_a_table", "The workbook is damaged.") from exc
    finally:
        workbook.close()


def _xlsx_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(data: bytes, filename: str = "", *, max_bytes: int = MAX_REPORT_BYTES):
    """The file's rows as lists of strings, and the encoding read ("xlsx" for a workbook).

    Raises ``ReportError`` for an empty, oversized, binary or wrongly encoded file.
    """
    if not data or not data.strip(b" \t\r\n\x00\xff\xfe\xef\xbb\xbf"):
        raise ReportError("empty_file", "The file is empty.")
    if len(data) > max_bytes:
        raise ReportError(
            "too_large",
            f"The file is larger than the upload limit of {max_bytes // (1024 * 1024)} MB.",
            size=len(data),
            limit=max_bytes,
        )
    _check_kind(data)
    if data.startswith(b"PK\x03\x04"):
        if not zipfile.is_zipfile(io.BytesIO(data)):
            raise ReportError("wrong_kind", "The file is a damaged ZIP archive.")
        rows, encoding = _rows_from_xlsx(data), "xlsx"
        rows = [_trim(row) for row in rows]
    else:
        text, encoding = _decode(data, filename)
        rows = _rows_from_text(text)
    if not any(any(row) for row in rows):
        raise ReportError("empty_file", "The file is empty.")
    return rows, encoding


def _trim(row: list[str]) -> list[str]:
    end = len(row)
    while end and not row[end - 1]:
        end -= 1
    return row[:end]


# ---------------------------------------------------------------- values

_SLASH_DATE = re.compile(
    r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{2}|\d{4}),?\s+"
    r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp]\.?[Mm]\.?)?$"
)
_NAMED_FORMATS = (
    "%b %d, %Y %I:%M:%S %p",
    "%b %d, %Y %H:%M:%S",
    "%b %d, %Y %I:%M %p",
    "%b %d, %Y %H:%M",
    "%d %b %Y %H:%M:%S",
    "%d %b %Y %H:%M",
)
_DURATION_UNITS = re.compile(
    r"(\d+(?:\.\d+)?)\s*(h|hr|hrs|hour|hours|saat|m|min|mins|minute|minutes|dəq"
    r"|s|sec|secs|second|seconds|san)\b",
    re.IGNORECASE,
)
_UNIT_SECONDS = {"h": 3600, "m": 60, "s": 1}
_USUAL_DURATION = re.compile(r"(?:([0-9]+)h )?(?:([0-9]+)m )?([0-9]+)s").fullmatch
_CLOCK = re.compile(r"^(\d+):(\d{2})(?::(\d{2}))?$")


def _date_parts(value: str):
    match = _SLASH_DATE.match(value.strip())
    if not match:
        return None
    first, sep, second, year, hour, minute, sec, ampm = match.groups()
    return int(first), sep, int(second), int(year), int(hour), int(minute), int(sec or 0), ampm


def _decide_day_first(values: Iterable[str], expected: datetime | None) -> tuple[bool, bool]:
    """(day_first, ambiguous) from every date string of the file."""
    parts = []
    for value in values:
        found = _date_parts(value) if value else None
        if found is None:
            continue
        if found[0] > 12:
            return True, False
        if found[2] > 12:
            return False, False
        parts.append(found)
    if not parts:
        return False, False
    if all(p[1] == "." for p in parts):
        return True, False
    if all(p[0] == p[2] for p in parts):
        return False, False
    if expected is not None:
        naive = expected.replace(tzinfo=None)
        us = _build(parts[0], day_first=False)
        eu = _build(parts[0], day_first=True)
        if us and eu:
            return abs(eu - naive) < abs(us - naive), False
    has_ampm = any(p[7] for p in parts)
    return (not has_ampm), True


def _build(parts, *, day_first: bool) -> datetime | None:
    first, _sep, second, year, hour, minute, sec, ampm = parts
    day, month = (first, second) if day_first else (second, first)
    if year < 100:
        year += 2000
    if ampm:
        pm = ampm[0] in "pP"
        if hour == 12:
            hour = 0
        if pm:
            hour += 12
    try:
        return datetime(year, month, day, hour, minute, sec)
    except ValueError:
        return None


_DATE_ONLY = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{2}|\d{4}),?$")
_DAYS_SEEN: dict[tuple[str, bool], tuple[int, int, int] | None] = {}


# The commonest shape in full ("4/17/23, 7:29:57 PM", "14.11.2022 09:29:07"): one match, no
# splitting; anything else (one-digit minutes, two spaces, a.m.) goes the longer way below.
_USUAL_TIME = re.compile(
    r"([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4}|[0-9]{2}),? ([0-9]{1,2}):([0-9]{2}):([0-9]{2})"
    r"(?: ([AaPp][Mm]))?"
).fullmatch


_AM_PM_ENDS = {f" {a}{m}" for a in "AaPp" for m in "Mm"}
_SECONDS = {f"{second:02d}": timedelta(seconds=second) for second in range(60)}


def _usual_time(value: str, day_first: bool) -> datetime | None:
    """``value`` in the commonest shape, or ``None`` (another shape, or not a valid moment)."""
    usual = _USUAL_TIME(value)
    if usual is None:
        return None
    first, _sep, second, year, hour, minute, sec, ampm = usual.groups()
    hour = int(hour)
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm[0] in "Pp" else 0)
    day, month = (int(first), int(second)) if day_first else (int(second), int(first))
    try:
        return datetime(
            int(year) + (2000 if len(year) == 2 else 0), month, day, hour, int(minute), int(sec)
        )
    except ValueError:
        return None


def _quick_time(value: str, day_first: bool) -> datetime | None:
    """The platforms' usual "4/17/23, 7:29:57 PM" / "14/11/22, 09:29:07" shape, read quickly
    (the date part repeats and is remembered); ``None`` sends the value to the full parser."""
    quick = _usual_time(value, day_first)
    if quick is not None:
        return quick
    date_text, _space, rest = value.partition(" ")
    key = (date_text, day_first)
    ymd = _DAYS_SEEN.get(key, ())
    if ymd == ():
        match = _DATE_ONLY.match(date_text)
        ymd = None
        if match:
            first, _sep, second, year = match.groups()
            day, month = (int(first), int(second)) if day_first else (int(second), int(first))
            ymd = (int(year) + (2000 if len(year) == 2 else 0), month, day)
        if len(_DAYS_SEEN) > 4096:
            _DAYS_SEEN.clear()
        _DAYS_SEEN[key] = ymd
    if ymd is None:
        return None
    clock, _space, ampm = rest.strip().partition(" ")
    parts = clock.split(":")
    if not 2 <= len(parts) <= 3 or not all(part.isdigit() for part in parts):
        return None
    hour = int(parts[0])
    if ampm:
        if ampm.upper() not in ("AM", "PM") or not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm[0] in "Pp" else 0)
    try:
        return datetime(*ymd, hour, int(parts[1]), int(parts[2]) if len(parts) == 3 else 0)
    except ValueError:
        return None


def parse_time(value: str, *, day_first: bool = False) -> datetime | None:
    """A report's date and time; ``None`` when empty, time-only or unreadable."""
    value = (value or "").strip().strip('"')
    if not value or value in {"--", "-"}:
        return None
    if value[0].isdigit():
        quick = _quick_time(value, day_first)
        if quick is not None:
            return quick
    parts = _date_parts(value)
    if parts:
        return _build(parts, day_first=day_first)
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        pass
    for fmt in _NAMED_FORMATS:
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            continue
    return None


def parse_duration(value: str, *, unit_minutes: bool = True) -> int | None:
    """Seconds from ``"1h 2m 3s"``, ``"13m 22s"``, ``"59s"``, ``"1:02:03"`` or a number.

    A bare number is minutes when ``unit_minutes`` (Zoom's "(minutes)" columns), else seconds.
    """
    value = (value or "").strip()
    if not value or value in {"--", "-"}:
        return None
    try:
        number = float(value.replace(",", ".")) if value[-1].isdigit() else None
    except ValueError:
        number = None
    if number is not None:
        if number < 0 or math.isnan(number) or math.isinf(number):
            return None
        return round(number * 60) if unit_minutes else round(number)
    usual = _USUAL_DURATION(value)  # Teams: "1h 2m 3s", "13m 22s", "59s"
    if usual is not None:
        hours, minutes, seconds = usual.groups()
        return int(hours or 0) * 3600 + int(minutes or 0) * 60 + int(seconds)
    pieces = value.split()  # the same units in another order, or repeated
    if all(piece[-1] in "hms" and piece[:-1].isdigit() for piece in pieces):
        return sum(int(piece[:-1]) * _UNIT_SECONDS[piece[-1]] for piece in pieces)
    clock = _CLOCK.match(value)
    if clock:
        a, b, c = clock.groups()
        if c is None:  # mm:ss would be odd in a report; read "1:05" as h:mm
            return int(a) * 3600 + int(b) * 60
        return int(a) * 3600 + int(b) * 60 + int(c)
    total = 0.0
    found = False
    for amount, unit in _DURATION_UNITS.findall(value):
        found = True
        unit = unit.lower()
        if unit[0] == "h" or unit == "saat":
            total += float(amount) * 3600
        elif unit[0] == "m" or unit == "dəq":
            total += float(amount) * 60
        else:
            total += float(amount)
    return round(total) if found else None


# The look-ahead only skips, quickly, the places where no name below can start (it lists their
# first letters); what matches is the same.
_DEVICE = re.compile(
    r"\b(?=[adghilmnoprstvwxz])"
    r"(i\s?phone|i\s?pad|ipod|android|samsung|galaxy|sm-[a-z]?\d{2,}|redmi|xiaomi|huawei|"
    r"honor|oppo|vivo|realme|oneplus|pixel \d|nokia|tecno|infinix|motorola|moto [a-z]\d|"
    r"macbook|laptop|desktop-[a-z0-9]+|lenovo|windows|zoom user|mi \d+|poco)\b",
    re.IGNORECASE,
)
_PHONE_LIKE = re.compile(r"^\+?[\d\s()\-]{9,}$")


def is_device_name(name: str) -> bool:
    """True for names that look like a device rather than a person ("Samsung SM-A515F")."""
    text = (name or "").strip()
    if not text:
        return True
    return bool(_DEVICE.search(text)) or bool(_PHONE_LIKE.match(text))


_ORIGINAL = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")
_TEAMS_SUFFIX = re.compile(r"\s*\((guest|external|unverified|qonaq)\)\s*$", re.IGNORECASE)


def _split_name(raw: str, zoom_style: bool) -> tuple[str, str | None, bool]:
    name = raw.strip()
    if not name.endswith(")"):
        return name, None, False
    guest = False
    suffix = _TEAMS_SUFFIX.search(name)
    if suffix:
        name = name[: suffix.start()].strip()
        guest = True
    original = None
    if zoom_style:
        match = _ORIGINAL.match(name)
        if match and match.group(1):
            name, original = match.group(1).strip(), match.group(2).strip() or None
    return name, original, guest


# ---------------------------------------------------------------- parsing


def _tables(rows: list[list[str]]) -> tuple[list[_Table], dict[str, list[str]]]:
    """The attendee-like tables of a report, and the key/value or header/value blocks."""
    tables: list[_Table] = []
    blocks: dict[str, list[str]] = {}
    section: str | None = None
    current: _Table | None = None
    for index, row in enumerate(rows):
        while row and not row[-1]:  # the empty cells at a row's end are left off
            row.pop()
        if not row:  # a blank row does not end a table
            continue
        if len(row) == 1:
            title = _section_title(row)
            if title:
                section, current = title, None
                continue
        # Inside a table only a row starting with a known column name can be a new header.
        if current is None or row[0].lower() in _ALIAS_TO_FIELD:
            columns = _columns(row)
            if _is_header(columns):
                current = _Table(section, row, columns, [])
                tables.append(current)
                continue
        if current is not None:
            current.rows.append(row)
            continue
        normalised = [_norm(cell) for cell in row]
        if "meeting id" in normalised or "webinar id" in normalised or "topic" in normalised:
            following = rows[index + 1] if index + 1 < len(rows) else []
            for key, value in zip(normalised, following, strict=False):
                blocks.setdefault(key, []).append(value)
        elif len([c for c in row if c]) == 2 and row[0]:
            blocks.setdefault(normalised[0], []).append(row[1])
    return tables, blocks


def _format_of(tables: list[_Table], text_sections: set[str | None]) -> str:
    headers = {_norm(cell) for table in tables for cell in table.header}
    if "attended" in headers or "attendee details" in text_sections:
        return "zoom-webinar"
    if (
        "first join" in headers
        or "in-meeting duration" in headers
        or ({"participants", "in-meeting activities"} & text_sections)
    ):
        return "teams"
    if "name (original name)" in headers or "user email" in headers:
        if "total duration (minutes)" in headers or "join time" not in headers:
            return "zoom-unique-users"
        return "zoom-participants"
    if "time joined" in headers or "time exited" in headers:
        return "google-meet"
    return "generic"


def parse_report(
    data: bytes,
    filename: str = "",
    *,
    host_emails: Iterable[str] = (),
    expected_start: datetime | None = None,
    max_bytes: int = MAX_REPORT_BYTES,
) -> ParsedReport:
    """Read an attendance report (any supported platform, CSV/TSV/XLSX) into attendees.

    ``host_emails`` are left out as well as the hosts the file names itself. When
    ``expected_start`` (the event's start, in the same wall-clock time as the report) is given,
    a report that starts more than a day away from it carries a ``far_from_event`` warning.
    """
    rows, encoding = read_table(data, filename, max_bytes=max_bytes)
    tables, blocks = _tables(rows)
    if not tables:
        first = next((row for row in rows if any(row)), [])
        raise ReportError(
            "unknown_columns",
            "No attendance table was found: the file needs at least a name column and a "
            "duration or join-time column. Choose the columns by hand instead.",
            header=first[:12],
        )
    sections = {table.section for table in tables}
    report_format = _format_of(tables, sections)
    hosts = {email.strip().lower() for email in host_emails if email and email.strip()}
    warnings: list[Warning] = []
    for key in ("user email",):
        for value in blocks.get(key, []):
            if "@" in value:
                hosts.add(value.strip().lower())
    host_rows = 0
    attendee_tables = []
    for table in tables:
        if table.section in _HOST_SECTIONS:
            email_col = table.columns.get("email")
            for row in table.rows:
                host_rows += 1
                if email_col is not None and email_col < len(row) and "@" in row[email_col]:
                    hosts.add(row[email_col].strip().lower())
        else:
            attendee_tables.append(table)
    # Teams: the Participants section is already one row per person; the activities section
    # repeats the same time, so read it only when the participants section is missing.
    summary = [
        t for t in attendee_tables if "join" in t.columns and t.section != "in-meeting activities"
    ]
    if report_format == "teams" and summary:
        attendee_tables = summary
    start_values = blocks.get("start time", []) + blocks.get("actual start time", [])
    result = _collect(
        attendee_tables,
        report_format=report_format,
        hosts=hosts,
        host_rows=host_rows,
        expected_start=expected_start,
        extra_dates=start_values,
        warnings=warnings,
    )
    attendees, used_rows, day_first = result
    start = next((d for d in (parse_time(v, day_first=day_first) for v in start_values) if d), None)
    _check_far(start, attendees, expected_start, warnings)
    return ParsedReport(
        format=report_format,
        attendees=attendees,
        rows=used_rows,
        warnings=warnings,
        encoding=encoding,
        start=start,
    )


def parse_generic(
    rows: Sequence[Sequence[str]],
    mapping: Mapping[str, str | int],
    *,
    header_row: int = 0,
    host_emails: Iterable[str] = (),
    expected_start: datetime | None = None,
) -> ParsedReport:
    """Read any table through a column mapping chosen by the organiser.

    ``mapping`` maps ``"name"``, ``"email"``, ``"minutes"`` (and optionally ``"phone"``,
    ``"join"``, ``"leave"``) to a header label or a column index; ``name`` or ``email`` is
    needed; without ``minutes`` (a manual list) everybody gets 0 minutes.
    """
    rows = [_trim([str(cell if cell is not None else "").strip() for cell in row]) for row in rows]
    if header_row >= len(rows):
        raise ReportError("empty_file", "The file is empty.")
    header = rows[header_row]
    labels = {_norm(cell): index for index, cell in enumerate(header)}
    columns: dict[str, int] = {}
    for field_name, column in mapping.items():
        if column is None or column == "":
            continue
        index = column if isinstance(column, int) else labels.get(_norm(column), -1)
        if index < 0:
            raise ReportError(
                "missing_column", f"The column “{column}” is not in the file.", column=column
            )
        columns[field_name] = index
    if "name" not in columns and "email" not in columns:
        raise ReportError("missing_column", "Choose the column with the names or emails.")
    table = _Table(None, header, columns, rows[header_row + 1 :])
    warnings: list[Warning] = []
    if "minutes" not in columns and "join" not in columns:
        warnings.append(("no_minutes", {}))
    hosts = {email.strip().lower() for email in host_emails if email}
    attendees, used, _day_first = _collect(
        [table],
        report_format="generic",
        hosts=hosts,
        expected_start=expected_start,
        extra_dates=[],
        warnings=warnings,
    )
    _check_far(None, attendees, expected_start, warnings)
    return ParsedReport(format="generic", attendees=attendees, rows=used, warnings=warnings)


_MINUTES_PART = {f"{minutes}m": minutes * 60 for minutes in range(1000)}
_SECONDS_PART = {f"{seconds}s": seconds for seconds in range(60)}


class _Memo(dict):
    """``read(text)`` for each text, read once."""

    def __init__(self, read):
        super().__init__()
        self.read = read

    def __missing__(self, text: str):
        value = self[text] = self.read(text)
        return value


class _Durations(dict):
    """A report's duration texts read once each, as ``parse_duration`` reads them."""

    def __init__(self, unit_minutes: bool):
        super().__init__()
        self.unit_minutes = unit_minutes

    def __missing__(self, text: str) -> int | None:
        # Teams' "13m 22s" and "59s" (up to 999 minutes), as parse_duration reads them
        head, space, tail = text.rpartition(" ")
        seconds = _SECONDS_PART.get(tail)
        if seconds is not None:
            minutes = _MINUTES_PART.get(head) if space else 0
            if minutes is not None:
                value = self[text] = minutes + seconds
                return value
        usual = _USUAL_DURATION(text)  # "1h 2m 3s": parse_duration would read it so
        if usual is not None:
            hours, minutes, seconds = usual.groups()
            value = int(hours or 0) * 3600 + int(minutes or 0) * 60 + int(seconds)
        else:
            value = parse_duration(text, unit_minutes=self.unit_minutes)
        self[text] = value
        return value


class _Times(dict):
    """A report's date-and-time texts read once each, as ``parse_time`` reads them."""

    def __init__(self, day_first: bool):
        super().__init__()
        self.day_first = day_first
        # the minutes read: for each ending ("", " PM", …) the text before the seconds' colon
        # ("4/17/23, 7:29") -> the moment of the minute
        self.minutes: dict[str, dict[str, datetime | None]] = {end: {} for end in _ENDS}

    def __missing__(self, text: str) -> datetime | None:
        # The commonest shape first: "4/17/23, 7:29:57 PM" is the minute "4/17/23, 7:29:00 PM"
        # (read once: minutes repeat far more than seconds) plus 57 seconds.
        minute, colon, tail = text.rpartition(":")
        found = _TAILS.get(tail) if colon else None  # "57 PM" -> (57 seconds, " PM")
        if found is not None:
            delta, end = found
            minutes = self.minutes[end]
            start = minutes.get(minute, _UNREAD)
            if start is _UNREAD:
                start = minutes[minute] = _usual_time(minute + ":00" + end, self.day_first)
            if start is not None:
                value = self[text] = start + delta
                return value
        value = self[text] = parse_time(text, day_first=self.day_first)
        return value


_ENDS = ("", *sorted(_AM_PM_ENDS))
# What can follow the seconds' colon: the seconds, and a time's possible ending.
_TAILS = {second + end: (delta, end) for second, delta in _SECONDS.items() for end in _ENDS}


_UNREAD = object()
_new_attendee = tuple.__new__  # Attendee(...) without its Python-level __new__: thousands are made


def _cell(row: list[str], columns: dict[str, int], name: str) -> str:
    index = columns.get(name)
    if index is None or index >= len(row):
        return ""
    return row[index].strip()


def _collect(tables, *, report_format, hosts, expected_start, extra_dates, warnings, host_rows=0):
    date_values = itertools.chain(
        extra_dates,
        (
            _cell(row, table.columns, key)
            for table in tables
            for key in ("join", "leave")
            if key in table.columns
            for row in table.rows
        ),
    )  # read lazily: the first unambiguous date usually settles the order
    day_first, ambiguous = _decide_day_first(date_values, expected_start)
    if ambiguous:
        warnings.append(("ambiguous_date_order", {"assumed": "day-first" if day_first else "US"}))
    # One person's rows while the report is read (a plain list: there are thousands):
    # [name, email, original name, phone, guest, (join, leave, seconds), (…), …]
    people: dict[str, list] = {}
    name_keys: dict[str, str] = {}
    name_pieces: dict[str, list[str]] = {}
    times = _Times(day_first)  # the same texts repeat (people join at the start): read each once
    host_roles = _Memo(lambda role: role.lower() in _HOST_ROLES)  # "Attendee" -> False
    skipped = formulas = not_attended = 0
    hosts_out = host_rows
    zoom_style = report_format.startswith("zoom")
    for table in tables:
        cols = table.columns
        header_minutes = _norm(table.header[cols["minutes"]]) if "minutes" in cols else ""
        unit_minutes = "minute" in header_minutes or "dəqiqə" in header_minutes
        if report_format == "generic" and "minutes" in cols:
            unit_minutes = True
        durations = _Durations(unit_minutes)
        has_minutes, has_join = "minutes" in cols, "join" in cols
        has_role, has_guest, has_phone, has_attended = (
            key in cols for key in ("role", "guest", "phone", "attended")
        )
        # An absent column read on every row (name, email, the leave time) reads the cell just
        # past the known ones, kept empty: rows that go on past the known columns (Zoom's
        # "Recording Consent" …) are cut there. The other absent columns are never looked at
        # (``has_…``): their cells are read anywhere, and only short rows need filling up.
        missing = max(cols.values()) + 1
        rows = table.rows
        if "name" not in cols or "email" not in cols or (has_join and "leave" not in cols):
            absent, width = missing, missing + 1
            rows = [
                row
                if len(row) == width
                else row + [""] * (width - len(row))
                if len(row) < width
                else row[:missing] + [""]
                for row in rows
            ]
        else:
            absent, width = 0, missing
            if rows and min(map(len, rows)) < width:
                rows = [
                    row + [""] * (width - len(row)) if len(row) < width else row for row in rows
                ]
        cells = operator.itemgetter(
            *(
                cols.get(key, absent)
                for key in (
                    "name", "email", "role", "join", "leave", "minutes", "guest", "phone", "attended"
                )
            )
        )  # fmt: skip
        for (
            raw_name, raw_email, role, join_text, leave_text, minutes_text, guest_text, phone, attended
        ) in map(cells, rows):  # fmt: skip
            if raw_name[:1] == "=" or raw_email[:1] == "=":  # the cells the organiser sees
                formulas += 1
            if has_attended and attended.lower() in _NOT_ATTENDED:
                not_attended += 1
                continue
            email = raw_email.lower() if "@" in raw_email else None
            if not raw_name and not email:
                skipped += 1
                continue
            if email in hosts or (has_role and host_roles[role]):
                hosts_out += 1
                if email:
                    hosts.add(email)
                continue
            if raw_name.endswith(")"):
                if raw_name.endswith("(Guest)") and not zoom_style:  # Teams' guests, quickly
                    name, original, guest = raw_name[:-7].strip(), None, True
                else:
                    name, original, guest = _split_name(raw_name, zoom_style)
            else:
                name, original, guest = raw_name, None, False  # (the cells come stripped)
            if has_join:
                join, leave = times[join_text], times[leave_text]
            else:
                join = leave = None
            seconds = durations[minutes_text] if has_minutes else None
            if seconds is None:
                if join and leave and leave >= join:
                    seconds = int((leave - join).total_seconds())
                elif has_minutes or has_join:
                    skipped += 1
                    continue
                else:
                    seconds = 0
            if email:
                key = email
            else:
                shown = name or original or ""
                key = name_keys.get(shown)
                if key is None:
                    tokens = _name_tokens(shown, name_pieces)
                    key = name_keys[shown] = "name:" + " ".join(sorted(tokens))
            person = people.get(key)
            if person is None:
                people[key] = [
                    name or email or "",
                    email,
                    original,
                    (phone or None) if has_phone else None,
                    guest or (has_guest and guest_text.lower() == "yes"),
                    (join, leave, seconds),
                ]
                continue
            if guest or (has_guest and not person[4] and guest_text.lower() == "yes"):
                person[4] = True
            if has_phone and not person[3]:
                person[3] = phone or None
            person.append((join, leave, seconds))
    if hosts_out:
        warnings.append(("host_left_out", {"count": hosts_out, "emails": sorted(hosts)}))
    if not_attended:
        warnings.append(("did_not_attend_left_out", {"count": not_attended}))
    if skipped:
        warnings.append(("rows_skipped", {"count": skipped}))
    if formulas:
        warnings.append(("formula_like_text", {"count": formulas}))
    attendees = []
    add = attendees.append
    used = 0
    ceil = math.ceil
    for person in people.values():
        name = person[0]
        if len(person) == 6:  # one session
            first_join, last_leave, total = person[5]
            count = 1
        else:
            total, overlapped, first_join, last_leave = _summary(person[5:])
            if overlapped:
                warnings.append(("overlapping_sessions", {"name": name, "email": person[1]}))
            count = len(person) - 5
        used += count
        add(
            _new_attendee(
                Attendee,
                (
                    name,
                    person[1],  # email
                    ceil(total / 60),  # minutes
                    first_join,
                    last_leave,
                    is_device_name(name),
                    person[2],  # original name
                    person[3],  # phone
                    person[4],  # guest
                    count,  # sessions
                    total,  # seconds
                ),
            )
        )
    if not attendees and not hosts_out:
        raise ReportError("no_attendees", "The report lists nobody who attended.")
    return attendees, used, day_first


_JOINED = operator.itemgetter(0)
_LEFT = operator.itemgetter(1)


def _summary(sessions) -> tuple[int, bool, datetime | None, datetime | None]:
    """(seconds, overlapped, first join, last leave) of two sessions or more (a list of the
    caller's own: it is sorted): their sum, but sessions overlapping in time count once."""
    if not (all(map(_JOINED, sessions)) and all(map(_LEFT, sessions))):  # a time is missing
        joins = [s[0] for s in sessions if s[0]]
        leaves = [s[1] for s in sessions if s[1]]
        return (
            sum(s[2] for s in sessions),
            False,
            min(joins) if joins else None,
            max(leaves) if leaves else None,
        )
    if len(sessions) == 2:  # the commonest rejoin, without sorting
        (join, leave, seconds), (join2, leave2, seconds2) = sessions
        last_leave = leave2 if leave2 > leave else leave
        if join2 < join:
            join, leave, join2, leave2 = join2, leave2, join, leave
        if join2 < leave:
            end = leave2 if leave2 > leave else leave
            return int((end - join).total_seconds()), True, join, last_leave
        return seconds + seconds2, False, join, last_leave
    last_leave = max(map(_LEFT, sessions))
    ordered = sessions
    ordered.sort(key=_JOINED)  # stable: the first of equal joins stays first
    total = 0
    overlapped = False
    group_start, group_end, group_seconds = ordered[0]
    grouped = 1
    for join, leave, seconds in itertools.islice(ordered, 1, None):
        if join < group_end:
            grouped += 1
            if leave > group_end:
                group_end = leave
            continue
        if grouped == 1:
            total += group_seconds
        else:
            overlapped = True
            total += int((group_end - group_start).total_seconds())
        group_start, group_end, group_seconds, grouped = join, leave, seconds, 1
    if grouped == 1:
        total += group_seconds
    else:
        overlapped = True
        total += int((group_end - group_start).total_seconds())
    return total, overlapped, ordered[0][0], last_leave


_TOKEN = re.compile(r"\w+")

# ``search_key`` of a piece of a name (no white space) made of printable ASCII and the
# Azerbaijani letters only is a plain letter-for-letter translation: lower case the Azerbaijani
# way (I → ı), then the letters loosened (ı → i, ə → e, …); there is nothing to decompose.
_PLAIN_PIECE = re.compile(r"[!-~ƏəİıŞşÇçĞğÖöÜü]+").fullmatch
_PLAIN_FOLD = str.maketrans(
    {
        **{chr(code): chr(code + 32) for code in range(ord("A"), ord("Z") + 1)},
        **dict(zip("ƏəİıŞşÇçĞğÖöÜü", "eeiissccggoouu", strict=True)),
    }
)


def search_piece(piece: str) -> str:
    """``search_key(piece)`` for a piece of a name without white space (quicker for the usual
    letters)."""
    if piece.isascii():
        return piece.lower()  # the Azerbaijani "I" → "ı" is loosened back to "i"
    if _PLAIN_PIECE(piece):
        return piece.translate(_PLAIN_FOLD)
    return search_key(piece)


def _name_tokens(name: str, pieces: dict[str, list[str]] | None = None) -> list[str]:
    """The words of ``search_key(name)``, read piece by piece (the folding never joins or splits
    across white space); ``pieces`` remembers the pieces already read (first names repeat)."""
    if pieces is None:
        pieces = {}
    tokens: list[str] = []
    for piece in name.split():
        found = pieces.get(piece)
        if found is None:
            found = pieces[piece] = _TOKEN.findall(search_piece(piece))
        tokens += found
    return tokens


def _check_far(start, attendees, expected_start, warnings) -> None:
    if expected_start is None:
        return
    if start is None:
        joins = [a.first_join for a in attendees if a.first_join]
        start = min(joins, key=_naive) if joins else None
    if start is None:
        return
    gap = abs(_naive(start) - _naive(expected_start))
    if gap > FAR_FROM_EVENT:
        warnings.append(
            (
                "far_from_event",
                {
                    "report_start": _naive(start).isoformat(sep=" "),
                    "event_start": _naive(expected_start).isoformat(sep=" "),
                    "days": round(gap.total_seconds() / 86400, 1),
                },
            )
        )


def _naive(moment: datetime) -> datetime:
    return moment.replace(tzinfo=None)


__all__ = [
    "Attendee",
    "ParsedReport",
    "ReportError",
    "is_device_name",
    "parse_duration",
    "parse_generic",
    "parse_report",
    "parse_time",
    "read_table",
]

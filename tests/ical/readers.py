"""One calendar as three independent readers show it: icalendar (Python apps), vobject (Radicale,
many Python clients) and libical (Evolution, GNOME, KDE; through ``libical.read_with_libical``).

``as_read`` reduces each reader's result to what a user sees: the calendar's name, its METHOD,
and for every event its title, organiser, attendees and number of alarms. A calendar "reads the
same everywhere" when the three reductions are equal; libical's RFC 5546 check must find nothing.
"""

from __future__ import annotations

import icalendar
import vobject

from .libical import read_with_libical


def _list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _by_icalendar(data: bytes) -> dict:
    calendar = icalendar.Calendar.from_ical(data)

    def person(address):
        return {"cn": address.params.get("CN"), "address": str(address)}

    return {
        "method": str(calendar["METHOD"]) if "METHOD" in calendar else None,
        "x_wr_calname": str(calendar["X-WR-CALNAME"]) if "X-WR-CALNAME" in calendar else None,
        "name": str(calendar["NAME"]) if "NAME" in calendar else None,
        "events": [{
            "uid": str(event["UID"]), "summary": str(event["SUMMARY"]),
            "organizer": person(event["ORGANIZER"]) if "ORGANIZER" in event else None,
            "attendees": [person(attendee) for attendee in _list(event.get("ATTENDEE"))],
            "alarms": len(event.walk("VALARM")),
        } for event in calendar.walk("VEVENT")],
    }


def _by_vobject(data: bytes) -> dict:
    calendar = vobject.readOne(data.decode("utf-8"))

    def value(name):
        lines = calendar.contents.get(name)
        return lines[0].value if lines else None

    def person(line):
        return {"cn": line.params.get("CN", [None])[0], "address": line.value}

    return {
        "method": value("method"), "x_wr_calname": value("x-wr-calname"), "name": value("name"),
        "events": [{
            "uid": event.uid.value, "summary": event.summary.value,
            "organizer": person(event.organizer) if "organizer" in event.contents else None,
            "attendees": [person(line) for line in event.contents.get("attendee", [])],
            "alarms": len(event.contents.get("valarm", [])),
        } for event in calendar.contents.get("vevent", [])],
    }


def as_read(*calendars: bytes) -> list[dict[str, dict]]:
    """For each calendar, {"icalendar": …, "vobject": …, "libical": …} (see the module), and
    libical's list of errors under "libical_errors"."""
    by_libical = read_with_libical(*calendars)
    read = []
    for data, libical in zip(calendars, by_libical, strict=True):
        errors = libical.pop("errors")
        read.append({"icalendar": _by_icalendar(data), "vobject": _by_vobject(data),
                     "libical": libical, "libical_errors": errors})
    return read


def read_alike(data: bytes) -> dict:
    """What all three readers show of ``data``, after checking that they show the same and that
    libical's iTIP check passes."""
    [read] = as_read(data)
    assert read["libical_errors"] == [], read["libical_errors"]
    assert read["icalendar"] == read["vobject"] == read["libical"], read
    return read["icalendar"]

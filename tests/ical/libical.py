"""Calendars as libical reads them (Evolution, GNOME Calendar and KDE's readers are built on it).

libical is a C library; Debian ships its GObject bindings (``gir1.2-ical-3.0``, installed by
``make libical``) for the system Python's ``python3-gi``, which the virtualenv cannot import.
So ``read_with_libical`` runs this file with ``/usr/bin/python3``: it parses each calendar
with libical, runs libical's RFC 5546 (iTIP) restriction check on it, and prints what a
client shows, as JSON. Only the standard library and ``gi`` are used below ``__main__``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SYSTEM_PYTHON = "/usr/bin/python3"
INSTALL_HINT = "libical's Python bindings are missing: run `make libical` (Debian's gir1.2-ical-3.0)."


def read_with_libical(*calendars: bytes) -> list[dict]:
    """For each calendar: {"method", "x_wr_calname", "name", "events": [{"uid", "summary",
    "organizer": {"cn", "address"} | None, "attendees": [{"cn", "address"}], "alarms"}],
    "errors": [libical's X-LIC-ERROR texts, parse and iTIP restriction errors alike]}."""
    payload = json.dumps([calendar.decode("utf-8") for calendar in calendars])
    try:
        done = subprocess.run([SYSTEM_PYTHON, str(Path(__file__).resolve())], input=payload,
                              capture_output=True, text=True, timeout=60, check=False)
    except FileNotFoundError as exc:
        raise AssertionError(f"{SYSTEM_PYTHON} not found. {INSTALL_HINT}") from exc
    if done.returncode != 0:
        raise AssertionError(f"libical could not read the calendars ({done.returncode}): "
                             f"{done.stderr.strip()[-2000:]}\n{INSTALL_HINT}")
    return json.loads(done.stdout)


# --- run by the system Python --------------------------------------------------------------

def _properties(component, kind):
    found = component.get_first_property(kind)
    while found is not None:
        yield found
        found = component.get_next_property(kind)


def _components(component, kind):
    found = component.get_first_component(kind)
    while found is not None:
        yield found
        found = component.get_next_component(kind)


def _errors(component, ical) -> list[str]:
    errors = [error.get_xlicerror()
              for error in _properties(component, ical.PropertyKind.XLICERROR_PROPERTY)]
    for child in _components(component, ical.ComponentKind.ANY_COMPONENT):
        errors += _errors(child, ical)
    return errors


def _text(component, ical, name: str) -> str | None:
    """A calendar property's value as text: X- properties hold an X value, known TEXT
    properties (NAME) a TEXT value; libical unescapes both."""
    for prop in _properties(component, ical.PropertyKind.ANY_PROPERTY):
        if prop.get_property_name() != name:
            continue
        value = prop.get_value()
        if value.isa() == ical.ValueKind.TEXT_VALUE:
            return value.get_text()
        if value.isa() == ical.ValueKind.X_VALUE:
            return value.get_x()
        return prop.get_value_as_string()
    return None


def _address(prop) -> dict:
    return {"cn": prop.get_parameter_as_string("CN"), "address": prop.get_value_as_string()}


def _read(text: str, ical) -> dict:
    calendar = ical.Component.new_from_string(text)
    if calendar is None or calendar.isa() != ical.ComponentKind.VCALENDAR_COMPONENT:
        return {"errors": ["not a VCALENDAR"], "events": []}
    method = calendar.get_first_property(ical.PropertyKind.METHOD_PROPERTY)
    events = []
    for event in _components(calendar, ical.ComponentKind.VEVENT_COMPONENT):
        organizer = event.get_first_property(ical.PropertyKind.ORGANIZER_PROPERTY)
        events.append({
            "uid": event.get_uid(), "summary": event.get_summary(),
            "organizer": _address(organizer) if organizer is not None else None,
            "attendees": [_address(attendee) for attendee in
                          _properties(event, ical.PropertyKind.ATTENDEE_PROPERTY)],
            "alarms": len(list(_components(event, ical.ComponentKind.VALARM_COMPONENT))),
        })
    calendar.check_restrictions()  # adds an X-LIC-ERROR for each RFC 5546 rule broken
    return {"method": method.get_value_as_string() if method is not None else None,
            "x_wr_calname": _text(calendar, ical, "X-WR-CALNAME"),
            "name": _text(calendar, ical, "NAME"), "events": events,
            "errors": _errors(calendar, ical)}


def main() -> None:
    import gi

    gi.require_version("ICalGLib", "3.0")
    from gi.repository import ICalGLib

    calendars = json.load(sys.stdin)
    json.dump([_read(text, ICalGLib) for text in calendars], sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()

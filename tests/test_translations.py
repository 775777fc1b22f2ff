"""Every string of the UI has its Azerbaijani translation, and the catalogue is up to date."""

from __future__ import annotations

import subprocess
import sys

from babel.messages.pofile import read_po

from .conftest import ROOT

PO = ROOT / "umid_events/translations/az/LC_MESSAGES/messages.po"


def test_every_ui_string_is_in_the_catalogue_and_translated(tmp_path):
    template = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
         "-k", "_l", "-k", "lazy_gettext", "--no-location", "-o", str(template), "."],
        cwd=ROOT, check=True, capture_output=True,
    )
    with template.open("rb") as handle:
        wanted = {message.id if isinstance(message.id, str) else message.id[0]
                  for message in read_po(handle) if message.id}
    with PO.open("rb") as handle:
        catalogue = read_po(handle, locale="az")
    translated = {
        (message.id if isinstance(message.id, str) else message.id[0])
        for message in catalogue
        if message.id and all(message.string if isinstance(message.string, tuple) else [message.string])
        and "fuzzy" not in message.flags
    }
    missing = sorted(wanted - translated)
    assert missing == [], "run `make messages` and translate: " + ", ".join(missing)

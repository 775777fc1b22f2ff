"""Debian's LibreOffice (``make office`` installs it), driven headless to open what we export.

``soffice --convert-to`` reads a file exactly as Calc or Writer opens it and writes it out in
another format, which the tests then read: a CSV opened by Calc and saved as XLSX shows which
cells Calc took for text, numbers or formulas; a DOCX opened by Writer and saved as flat ODT
shows the page size and language Writer understood.

Each test session uses a profile of its own (``-env:UserInstallation``): two soffice processes
sharing one profile hand their work to each other or fail, and other runs may be going on.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

# Calc's CSV import options, in order: separator (44 ,), text delimiter (34 "), character set
# (76 UTF-8), first line, column formats, language (1033 en-US), quoted fields as text, detect
# special numbers, (three export-only options), sheet, evaluate formulas.
CSV_AS_OPENED = "CSV:44,34,76,1,,1033,false,{special},false,false,false,-1,{formulas}"


class LibreOffice:
    def __init__(self, profile: Path, work: Path):
        self.profile, self.work, self.runs = profile, work, 0

    def convert(self, source: Path, target: str, *, infilter: str | None = None) -> Path:
        """``source`` as LibreOffice opens it (with ``infilter``'s options), saved as ``target``
        (``xlsx``, ``fodt``, ``pdf``, or a format with export options such as ``csv:…``)."""
        soffice = shutil.which("soffice")
        assert soffice, "LibreOffice is not installed: run `make office`"
        self.runs += 1
        outdir = self.work / f"run-{self.runs}"
        command = [soffice, f"-env:UserInstallation={self.profile.as_uri()}", "--headless",
                   "--norestore", *([f"--infilter={infilter}"] if infilter else []),
                   "--convert-to", target, "--outdir", str(outdir), str(source)]
        finished = subprocess.run(command, capture_output=True, text=True, timeout=180)
        produced = sorted(outdir.glob(f"{source.stem}.*")) if outdir.exists() else []
        assert finished.returncode == 0 and produced, (finished.stdout, finished.stderr)
        return produced[0]


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory) -> LibreOffice:
    return LibreOffice(tmp_path_factory.mktemp("lo-profile"), tmp_path_factory.mktemp("lo-work"))

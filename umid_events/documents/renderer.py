"""The one PDF renderer of the service (posters, certificates, dossiers, press releases).

Templates under ``templates/documents/`` receive plain data only. The renderer embeds DejaVu Sans
(every Azerbaijani letter; the PDF base fonts turn ə, ğ, ı, İ, ş into boxes) and renders under a
strict resource policy: no network at all, and local reads confined to the app's static folder,
so no text a user typed can make the renderer read a file or call a URL.

What a reader's "Document properties" and a screen reader see:

- **Title, Author, Subject** come from the template's ``<title>`` and ``<meta name="author">`` /
  ``<meta name="subject">`` (``templates/documents/_base.html``; each document names its own
  real title there), which xhtml2pdf writes to the PDF's Info dictionary.
- **Language**: ``<html lang>`` is the document's tag (``az-Latn-AZ`` or ``en-GB``, from the
  data's ``lang``, else the current locale); xhtml2pdf writes it to the catalog as ``/Lang``.
- **Creator** ("Ümid Events"; xhtml2pdf leaves ReportLab's "(unspecified)") and
  ``/ViewerPreferences /DisplayDocTitle`` (viewers show the Title, not the file name, in their
  title bar) are added afterwards by pypdf, which writes the file once more (about 60 ms for
  150 pages; pypdf's incremental update would be cheaper but appends a cross-reference stream,
  a PDF 1.5 feature, to xhtml2pdf's PDF 1.4 file).
- **Not tagged.** xhtml2pdf draws through ReportLab's canvas, which writes no marked content
  (no ``BDC``/``EMC`` operators, no ``/StructTreeRoot``), so there is no structure tree to expose
  headings, paragraphs and reading order; marking the file ``/MarkInfo /Marked true`` without
  one would be a false claim to assistive technology. The documents are therefore single-column
  and in reading order, with real text (not images of text), so that text extraction and a
  screen reader's untagged fallback read them in the right order. Tagged PDF would need another
  renderer.
"""

from __future__ import annotations

import io
from pathlib import Path

from flask import current_app, render_template
from flask_babel import get_locale
from pypdf import PdfReader, PdfWriter
from xhtml2pdf import pisa
from xhtml2pdf.config.resources import ResourceAccessPolicy

from .language import language_tag

CREATOR = "Ümid Events"


class RenderFailed(RuntimeError):
    """xhtml2pdf could not turn the document into a PDF."""


def static_root() -> Path:
    return Path(current_app.static_folder).resolve()


def resource_policy() -> ResourceAccessPolicy:
    return ResourceAccessPolicy(
        allow_remote=False, base_dir=static_root(), max_render_seconds=120,
        max_resources=50, max_image_pixels=40_000_000,
    )


def render_pdf(template: str, data: dict) -> bytes:
    """Render ``templates/documents/<template>.html`` with ``data`` to PDF bytes."""
    lang = data.get("lang") or getattr(get_locale(), "language", None)
    html = render_template(f"documents/{template}.html", fonts=static_root() / "fonts",
                           lang_tag=language_tag(lang), **data)
    return html_to_pdf(html)


def html_to_pdf(html: str) -> bytes:
    output = io.BytesIO()
    result = pisa.CreatePDF(html, dest=output, encoding="utf-8", resource_policy=resource_policy(),
                            path=str(static_root() / "document.html"))
    if result.err:
        raise RenderFailed(f"{result.err} error(s) while rendering the PDF")
    return finish_pdf(output.getvalue())


def finish_pdf(pdf: bytes) -> bytes:
    """Name the application that made ``pdf`` and have viewers show its Title (see above)."""
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    writer.pdf_header = reader.pdf_header  # /Lang and DisplayDocTitle are PDF 1.4
    writer.add_metadata({"/Creator": CREATOR})
    writer.create_viewer_preferences().display_doctitle = True
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()

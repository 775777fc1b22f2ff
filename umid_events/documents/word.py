"""Word documents (DOCX) written with python-docx from plain data."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt


def write_docx(title: str, paragraphs: list[str], lang: str = "az") -> bytes:
    """A title and its paragraphs, in a font with every Azerbaijani letter."""
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "DejaVu Sans"
    style.font.size = Pt(11)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "DejaVu Sans")
    document.core_properties.title = title
    document.core_properties.language = "az-AZ" if lang == "az" else "en-GB"
    document.add_heading(title, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

"""The one PDF renderer of the service (posters, certificates, dossiers, press releases).

Templates under ``templates/documents/`` receive plain data only. The renderer embeds DejaVu Sans
(every Azerbaijani letter; the PDF base fonts turn ə, ğ, ı, İ, ş into boxes) and renders under a
strict resource policy: no network at all, and local reads confined to the app's static folder,
so no text a user typed can make the renderer read a file or call a URL.
"""

from __future__ import annotations

import io
from pathlib import Path

from flask import current_app, render_template
from xhtml2pdf import pisa
from xhtml2pdf.config.resources import ResourceAccessPolicy


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
    html = render_template(f"documents/{template}.html", fonts=static_root() / "fonts", **data)
    return html_to_pdf(html)


def html_to_pdf(html: str) -> bytes:
    output = io.BytesIO()
    result = pisa.CreatePDF(html, dest=output, encoding="utf-8", resource_policy=resource_policy(),
                            path=str(static_root() / "document.html"))
    if result.err:
        raise RenderFailed(f"{result.err} error(s) while rendering the PDF")
    return output.getvalue()

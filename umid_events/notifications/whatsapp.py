"""WhatsApp where organisers already work: click-to-chat links (https://wa.me/<number>?text=…)
that open the organiser's own WhatsApp with the message written; the outbox records that it was
sent (``services.record_whatsapp_message``). No WhatsApp Business account is needed."""

from __future__ import annotations

from urllib.parse import quote

from flask import render_template
from flask_babel import force_locale


def whatsapp_url(phone: str, text: str) -> str:
    """``+994501234567`` and a text → ``https://wa.me/994501234567?text=…`` (wa.me wants the
    number's digits alone)."""
    digits = "".join(char for char in phone if char.isdigit())
    return f"https://wa.me/{digits}?text={quote(text, safe='')}"


def whatsapp_text(template: str, language: str, **context) -> str:
    """The short text of ``whatsapp/<template>.txt`` in the addressee's language."""
    with force_locale(language or "az"):
        text = render_template(f"whatsapp/{template}.txt", **context)
    return "\n".join(line.strip() for line in text.strip().splitlines())

"""Phone numbers normalised to international (E.164) form, Azerbaijan as the home region."""

from __future__ import annotations

import phonenumbers

HOME_REGION = "AZ"


class InvalidPhone(ValueError):
    """The text is not a phone number that can be dialled."""


def normalise_phone(raw: str | None) -> str | None:
    """``"050 123 45 67"`` → ``"+994501234567"``; empty → ``None``; nonsense → ``InvalidPhone``."""
    if raw is None or not raw.strip():
        return None
    text = raw.strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    elif text.startswith("994") and len("".join(ch for ch in text if ch.isdigit())) == 12:
        text = "+" + text
    try:
        number = phonenumbers.parse(text, HOME_REGION)
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhone(raw) from exc
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhone(raw)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(e164: str | None) -> str:
    """``"+994501234567"`` → ``"+994 50 123 45 67"`` for people to read."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, HOME_REGION)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)

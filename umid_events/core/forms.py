"""The base form of every feature, and field helpers they share.

WTForms ships no Azerbaijani messages, so its built-in ones ("This field is required." …) are
translated from this project's own catalogue (see ``wtforms_messages.py``).
"""

from __future__ import annotations

from flask_babel import get_translations
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import ValidationError
from wtforms.fields.choices import SelectChoice

from .phones import InvalidPhone, normalise_phone


class _CatalogueTranslations:
    """WTForms' translation interface backed by the project's catalogue (no %-formatting here:
    WTForms formats its own messages)."""

    def gettext(self, string: str) -> str:
        return get_translations().gettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return get_translations().ngettext(singular, plural, n)


class Form(FlaskForm):
    class Meta:
        def get_translations(self, form):
            return _CatalogueTranslations()


def choices(pairs) -> list[SelectChoice]:
    """``[(value, label), …]`` as the options of a SelectField."""
    return [SelectChoice(str(value), label) for value, label in pairs]


def strip(value):
    return value.strip() if isinstance(value, str) else value


def not_blank(form, field):
    if not field.data or not str(field.data).strip():
        raise ValidationError(_l("This field is required."))


def valid_phone(form, field):
    try:
        field.data = normalise_phone(field.data)
    except InvalidPhone as exc:
        raise ValidationError(_l("Enter a phone number such as 050 123 45 67.")) from exc

"""Forms of the attendance screens."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import EmailField, HiddenField, SelectField, StringField, TelField
from wtforms.validators import Email, Length, Optional

from ..core.forms import Form, not_blank, strip, valid_phone

MAPPED_FIELDS = {
    "name": _l("Name"),
    "email": _l("Email"),
    "minutes": _l("Minutes attended"),
    "phone": _l("Phone"),
    "join": _l("Join time"),
    "leave": _l("Leave time"),
}


class ReportUploadForm(Form):
    file = FileField(_l("Attendance report"), validators=[FileRequired(_l("Choose a file."))],
                     render_kw={"accept": ".csv,.txt,.tsv,.xlsx"},
                     description=_l("The participants or attendance report exported by Zoom, Microsoft "
                                    "Teams or Google Meet, or any CSV or XLSX table with names and minutes."))


class ColumnMappingForm(Form):
    """Which column holds what, for a table no platform wrote; filled with the file's headers."""

    name = SelectField(MAPPED_FIELDS["name"])
    email = SelectField(MAPPED_FIELDS["email"])
    minutes = SelectField(MAPPED_FIELDS["minutes"])
    phone = SelectField(MAPPED_FIELDS["phone"])

    def set_columns(self, headers: list[str]) -> None:
        options = [("", "—")] + [(header, header) for header in headers if header.strip()]
        for field in (self.name, self.email, self.minutes, self.phone):
            field.choices = options


class ApplyImportForm(Form):
    """The preview's decisions arrive as ``row-<n>`` and ``person-<n>`` fields, read by the view."""


class WalkInForm(Form):
    full_name = StringField(_l("Full name"), validators=[not_blank, Length(max=200)], filters=[strip])
    phone = TelField(_l("Phone"), validators=[Optional(), Length(max=40), valid_phone], filters=[strip],
                     render_kw={"inputmode": "tel", "placeholder": "050 123 45 67"})
    email = EmailField(_l("Email"), validators=[Optional(), Email(), Length(max=254)], filters=[strip])
    community_id = SelectField(_l("Community"), coerce=int, default=0)


class MarkForm(Form):
    present = HiddenField()


class CheckInForm(Form):
    code = StringField(_l("Code read out by the host"), validators=[not_blank, Length(max=12)],
                       filters=[strip], render_kw={"inputmode": "numeric", "autocomplete": "off",
                                                   "placeholder": "123456"})

SOURCE_LABELS = {
    "report": _l("platform report"),
    "manual": _l("marked by a moderator"),
    "check_in": _l("checked in"),
    "linked": _l("report, linked by hand"),
}

MATCH_METHODS = {
    "email": _l("by email"),
    "phone": _l("by phone"),
    "name": _l("by name"),
    "name_variant": _l("by a spelling of the name"),
    "fuzzy": _l("by a similar name"),
    "partial_name": _l("by part of the name"),
    "earlier": _l("as decided at an earlier import"),
}

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import EmailField, HiddenField, SelectField, SelectMultipleField, StringField, TelField
from wtforms.validators import Email, Length, Optional

from ..core.forms import Form, choices, not_blank, strip, valid_phone
from ..directory.models import Gender
from .importing import FIELDS

GENDER_LABELS = {
    Gender.NOT_STATED: _l("Not stated"),
    Gender.FEMALE: _l("Female"),
    Gender.MALE: _l("Male"),
}
LANGUAGE_LABELS = {"az": _l("Azerbaijani"), "en": _l("English")}
NOT_IN_FILE = -1


class PersonForm(Form):
    full_name = StringField(_l("Full name"), validators=[not_blank, Length(max=200)], filters=[strip])
    email = EmailField(_l("Email"), validators=[Optional(), Email(), Length(max=254)], filters=[strip])
    phone = TelField(_l("Phone"), validators=[Optional(), Length(max=40), valid_phone], filters=[strip],
                     render_kw={"inputmode": "tel", "placeholder": "050 123 45 67"})
    gender = SelectField(_l("Gender"),
                         choices=choices((gender.value, label) for gender, label in GENDER_LABELS.items()),
                         default=Gender.NOT_STATED.value)
    community_id = SelectField(_l("Community"), coerce=int)
    organisation_id = SelectField(_l("Organisation"), coerce=int)
    language = SelectField(_l("Language"), choices=choices(LANGUAGE_LABELS.items()), default="az",
                           description=_l("The language of the messages this person receives."))
    groups = SelectMultipleField(_l("Contact groups"), coerce=int, validate_choice=False)
    version = HiddenField()

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not self.email.data and not self.phone.data and not self.phone.errors:
            self.email.errors.append(_l("Give a phone number or an email address, or both."))
            return False
        return valid


class GroupForm(Form):
    name = StringField(_l("Name"), validators=[not_blank, Length(max=200)], filters=[strip],
                       description=_l("For example “Quba — community members”."))
    description = StringField(_l("Description"), validators=[Optional(), Length(max=500)],
                              filters=[strip])


class UploadForm(Form):
    file = FileField(_l("File"), validators=[FileRequired(_l("Choose a file."))],
                     render_kw={"accept": ".csv,.txt,.tsv,.xlsx"},
                     description=_l("CSV (UTF-8 or UTF-16) or Excel .xlsx, the first line naming "
                                    "the columns, at most 5000 rows."))
    group_id = SelectField(_l("Add everyone to the group"), coerce=int, default=0)


class MappingForm(Form):
    """One select per target field; each offers the file's columns."""

    full_name = SelectField(_l("Full name"), coerce=int)
    email = SelectField(_l("Email"), coerce=int)
    phone = SelectField(_l("Phone"), coerce=int)
    community = SelectField(_l("Community"), coerce=int)
    organisation = SelectField(_l("Organisation"), coerce=int)
    gender = SelectField(_l("Gender"), coerce=int)
    language = SelectField(_l("Language"), coerce=int)

    def offer(self, header: list[str], samples: list[list[str]]) -> MappingForm:
        options = [(NOT_IN_FILE, _l("— not in the file —"))]
        for index, title in enumerate(header):
            example = next((row[index] for row in samples if index < len(row) and row[index]), "")
            options.append((index, f"{title} ({example[:30]})" if example else title))
        for name in FIELDS:
            getattr(self, name).choices = choices(options)
        return self

    def mapping(self) -> dict[str, int | None]:
        return {name: (None if getattr(self, name).data == NOT_IN_FILE else getattr(self, name).data)
                for name in FIELDS}


class ConfirmForm(Form):
    """Nothing to fill in: the CSRF token of a one-button form."""

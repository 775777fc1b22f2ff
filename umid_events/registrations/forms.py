from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, RadioField, SelectField, StringField, TelField
from wtforms.validators import Email, Length, Optional, ValidationError

from ..core.forms import Form, choices, not_blank, strip, valid_phone
from ..directory.models import Gender
from .models import ParticipantGroup

GROUP_LABELS = {
    ParticipantGroup.COMMUNITY_MEMBER: _l("Community member"),
    ParticipantGroup.MUNICIPALITY: _l("Municipality"),
    ParticipantGroup.EXECUTIVE: _l("Executive authority"),
    ParticipantGroup.NGO: _l("NGO"),
    ParticipantGroup.BUSINESS: _l("Business"),
    ParticipantGroup.OTHER: _l("Other"),
}
GENDER_LABELS = {
    Gender.FEMALE: _l("Female"),
    Gender.MALE: _l("Male"),
    Gender.NOT_STATED: _l("I prefer not to say"),
}


class ParticipantForm(Form):
    """What a participant tells about themselves (registration, their page, organisers' entry)."""

    full_name = StringField(_l("Full name"), validators=[not_blank, Length(max=200)], filters=[strip],
                            render_kw={"autocomplete": "name"})
    phone = TelField(_l("Phone"), validators=[Optional(), Length(max=40), valid_phone], filters=[strip],
                     render_kw={"autocomplete": "tel", "inputmode": "tel", "placeholder": "050 123 45 67"})
    email = EmailField(_l("Email"), validators=[Optional(), Email(), Length(max=254)], filters=[strip],
                       render_kw={"autocomplete": "email"})
    community_id = SelectField(_l("Community"), coerce=int)
    group = SelectField(_l("I take part as"),
                        choices=choices((group.value, label) for group, label in GROUP_LABELS.items()),
                        default=ParticipantGroup.COMMUNITY_MEMBER.value)
    organisation_name = StringField(_l("Organisation"), validators=[Optional(), Length(max=200)],
                                    filters=[strip],
                                    description=_l("If you represent a municipality, an authority, "
                                                   "an NGO or a business."))
    gender = RadioField(_l("Gender"),
                        choices=choices((gender.value, label) for gender, label in GENDER_LABELS.items()),
                        default=Gender.NOT_STATED.value,
                        description=_l("Optional. The donor counts participation by sex."))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not self.email.data and not self.phone.data and not self.phone.errors:
            self.email.errors.append(_l("Give a phone number or an email address, or both."))
            return False
        return valid

    def details(self, language: str):
        from .services import ParticipantDetails

        return ParticipantDetails(
            full_name=self.full_name.data, email=self.email.data or None,
            phone=self.phone.data or None, community_id=self.community_id.data or None,
            group=ParticipantGroup(self.group.data), organisation_name=self.organisation_name.data or None,
            gender=Gender(self.gender.data), language=language)


class RegistrationForm(ParticipantForm):
    consent = BooleanField(_l("I agree that my personal data are processed for this programme"))
    # A field people never see; bots fill it in.
    website = StringField(_l("Leave this empty"), validators=[Optional()],
                          render_kw={"tabindex": "-1", "autocomplete": "off"})

    def validate_consent(self, field):
        if not field.data:
            raise ValidationError(_l("Registration needs your consent to process your data."))

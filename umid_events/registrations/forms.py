from __future__ import annotations

import secrets

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    TelField,
)
from wtforms.validators import Email, Length, Optional, ValidationError

from ..core.forms import Form, choices, not_blank, strip, valid_phone
from ..core.phones import InvalidPhone, normalise_phone
from ..directory.models import Gender
from ..notifications.kinds import Channel
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


CHANNEL_LABELS = {
    Channel.SMS.value: _l("SMS to my phone"),
    Channel.EMAIL.value: _l("Email"),
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
    channel = RadioField(_l("Send my link, reminders and changes by"),
                         choices=choices(CHANNEL_LABELS.items()), default=Channel.SMS.value,
                         validate_choice=True,
                         description=_l("Choosing SMS, you agree to receive text messages about "
                                        "your registration. Nothing else is sent."))

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
            gender=Gender(self.gender.data), language=language,
            channel=Channel(self.channel.data) if self.channel.data else None,
            submission_key=getattr(self, "submission", None) and self.submission.data or None)


class RegistrationForm(ParticipantForm):
    consent = BooleanField(_l("I agree that my personal data are processed for this programme"))
    # This copy of the form's own key: sent twice (a double tap on a slow line), it finds the
    # registration it made and gets the same answer.
    submission = HiddenField(default=lambda: secrets.token_urlsafe(24),
                             validators=[Optional(), Length(max=43)])
    # A field people never see; bots fill it in.
    website = StringField(_l("Leave this empty"), validators=[Optional()],
                          render_kw={"tabindex": "-1", "autocomplete": "off"})

    def validate_consent(self, field):
        if not field.data:
            raise ValidationError(_l("Registration needs your consent to process your data."))


class LinkRecoveryForm(Form):
    """"Send me my link again": a phone number or an email address, nothing else."""

    contact = StringField(_l("Your phone number or email address"),
                          validators=[not_blank, Length(max=254)], filters=[strip],
                          render_kw={"autocomplete": "tel", "inputmode": "email",
                                     "placeholder": "050 123 45 67"})
    website = StringField(_l("Leave this empty"), validators=[Optional()],
                          render_kw={"tabindex": "-1", "autocomplete": "off"})

    def validate_contact(self, field):
        email, phone = contact_parts(field.data)
        if not (email or phone):
            raise ValidationError(_l("Enter a phone number such as 050 123 45 67, or an email "
                                     "address."))

    def contact_parts(self) -> tuple[str | None, str | None]:
        return contact_parts(self.contact.data)


def contact_parts(text: str | None) -> tuple[str | None, str | None]:
    """``(email, None)``, ``(None, E.164 phone)`` or ``(None, None)`` for what someone typed."""
    text = (text or "").strip()
    if "@" in text:
        try:
            return validate_email(text, check_deliverability=False).normalized, None
        except EmailNotValidError:
            return None, None
    try:
        return None, normalise_phone(text)
    except InvalidPhone:
        return None, None

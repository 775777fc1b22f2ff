"""Forms of the outcome records; labels of their kinds and states."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from ..core.forms import Form, choices, not_blank, strip
from ..directory.forms import KIND_LABELS as ORGANISATION_KIND_LABELS
from ..directory.models import OrganisationKind
from .models import Confirmation, PaidService, TerminalStatus

SERVICE_LABELS = {
    PaidService.UTILITIES: _l("Utilities (electricity, gas, water)"),
    PaidService.PHONE: _l("Phone"),
    PaidService.INTERNET: _l("Internet"),
    PaidService.FINE: _l("Fine"),
    PaidService.TAX: _l("Tax or duty"),
    PaidService.OTHER: _l("Other"),
}
CONFIRMATION_LABELS = {
    Confirmation.RECEIPT: _l("Receipt shown"),
    Confirmation.SCREENSHOT: _l("Screenshot sent"),
    Confirmation.PHONE_CALL: _l("Said so on a follow-up call"),
    Confirmation.VISIT: _l("Seen on a visit"),
    Confirmation.OTHER: _l("Other"),
}
TERMINAL_STATUS_LABELS = {
    TerminalStatus.SUBMITTED: _l("Submitted"),
    TerminalStatus.UNDER_REVIEW: _l("Under review"),
    TerminalStatus.APPROVED: _l("Approved"),
    TerminalStatus.INSTALLED: _l("Terminal installed"),
    TerminalStatus.REFUSED: _l("Refused"),
}
PORTALS = ("hesab.az", "e-gov.az", "GoPay", "MilliÖn", "Bank app")
MEMBER_KINDS = [kind for kind in OrganisationKind if kind is not OrganisationKind.DONOR]


def not_in_future(form, field):
    if field.data and field.data > date.today():
        raise ValidationError(_l("The date cannot be in the future."))


def _date_field(label):
    return DateField(label, validators=[InputRequired(_l("Enter a date.")), not_in_future],
                     render_kw={"max": date.today().isoformat()})


def _note_field():
    return TextAreaField(_l("Note"), validators=[Optional(), Length(max=2000)], filters=[strip],
                         render_kw={"rows": 2})


def _pdf_field(label):
    return FileField(label, description=_l("PDF, at most 5 MB."), render_kw={"accept": "application/pdf"})


class PaymentForm(Form):
    household = StringField(_l("Household"), validators=[Optional(), Length(max=200)], filters=[strip],
                            description=_l("The family, when it is more than the person followed up."))
    service = SelectField(_l("Service paid"),
                          choices=choices((s.value, label) for s, label in SERVICE_LABELS.items()))
    portal = StringField(_l("Portal"), validators=[not_blank, Length(max=100)], filters=[strip],
                         default="hesab.az", render_kw={"list": "portals"},
                         description=_l("For example hesab.az."))
    paid_on = _date_field(_l("Date of the payment"))
    confirmation = SelectField(_l("How it was confirmed"),
                               choices=choices((c.value, label) for c, label in CONFIRMATION_LABELS.items()))
    note = _note_field()


class TerminalApplicationForm(Form):
    community_id = SelectField(_l("Community"), coerce=int)
    authority_id = SelectField(_l("Authority applied to"), coerce=int)
    applied_on = _date_field(_l("Date of the application"))
    status = SelectField(_l("Status"),
                         choices=choices((s.value, label) for s, label in TERMINAL_STATUS_LABELS.items()))
    letter = _pdf_field(_l("The letter"))
    note = _note_field()


class DialoguePlatformForm(Form):
    name = StringField(_l("Name of the platform"), validators=[not_blank, Length(max=200)],
                       filters=[strip])
    district_id = SelectField(_l("District"), coerce=int)
    formed_on = _date_field(_l("Date formed"))


def member_field(kind: OrganisationKind) -> IntegerField:
    return IntegerField(ORGANISATION_KIND_LABELS[kind], default=0,
                        validators=[Optional(), NumberRange(min=0, max=500,
                                                            message=_l("A number from 0 to 500."))])


# Members by organisation kind, then the document and a note (fields keep their creation order).
for _kind in MEMBER_KINDS:
    setattr(DialoguePlatformForm, f"members_{_kind.value}", member_field(_kind))
DialoguePlatformForm.document = _pdf_field(_l("Founding document"))
DialoguePlatformForm.note = _note_field()


class KnowledgeCheckForm(Form):
    questions = TextAreaField(
        _l("Questions"), validators=[Optional(), Length(max=10000)], render_kw={"rows": 14},
        description=_l("One block a question: the question on its first line, then one answer a line, "
                       "starting with * for the right answer and - for the others; a blank line between "
                       "questions. Leave empty for no knowledge check."))

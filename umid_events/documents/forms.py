"""Forms of the documents: the letterhead, a press release, a publication, a dossier's scope."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional

from ..core.forms import Form, not_blank, strip
from .letterhead import LetterheadDetails
from .models import DEFAULT_REFERENCE_PATTERN


class LetterheadForm(Form):
    name = StringField(_l("Organisation name (Azerbaijani)"), validators=[not_blank, Length(max=300)],
                       filters=[strip])
    name_en = StringField(_l("Organisation name (English)"), validators=[Optional(), Length(max=300)],
                          filters=[strip])
    address = StringField(_l("Address (Azerbaijani)"), validators=[Optional(), Length(max=300)], filters=[strip])
    address_en = StringField(_l("Address (English)"), validators=[Optional(), Length(max=300)], filters=[strip])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=60)], filters=[strip])
    email = StringField(_l("Email"), validators=[Optional(), Email(), Length(max=254)], filters=[strip])
    website = StringField(_l("Website"), validators=[Optional(), Length(max=200)], filters=[strip])
    signatory_name = StringField(_l("Signatory"), validators=[Optional(), Length(max=200)], filters=[strip])
    signatory_title = StringField(_l("Signatory's position (Azerbaijani)"),
                                  validators=[Optional(), Length(max=200)], filters=[strip])
    signatory_title_en = StringField(_l("Signatory's position (English)"),
                                     validators=[Optional(), Length(max=200)], filters=[strip])
    programme_code = StringField(_l("Programme code in reference numbers"),
                                 validators=[not_blank, Length(max=40)], filters=[strip], default="ÜMİD")
    reference_pattern = StringField(
        _l("Reference number pattern"), validators=[not_blank, Length(max=100)], filters=[strip],
        default=DEFAULT_REFERENCE_PATTERN,
        description=_l("{code} the programme code, {year}, {month}, {seq} the letter's number in the "
                       "year; for example ÜMİD-2022/07-003."))
    logo = FileField(_l("Logo"), description=_l("PNG or JPEG, at most 1 MB."),
                     render_kw={"accept": "image/png,image/jpeg"})
    remove_logo = BooleanField(_l("Remove the logo"))

    def details(self) -> LetterheadDetails:
        return LetterheadDetails(**{name: getattr(self, name).data or ""
                                    for name in LetterheadDetails.__dataclass_fields__})


class PressReleaseForm(Form):
    title = StringField(_l("Title (Azerbaijani)"), validators=[not_blank, Length(max=300)])
    body = TextAreaField(_l("Text (Azerbaijani)"), validators=[not_blank, Length(max=20000)],
                         render_kw={"rows": 12})
    title_en = StringField(_l("Title (English)"), validators=[not_blank, Length(max=300)])
    body_en = TextAreaField(_l("Text (English)"), validators=[not_blank, Length(max=20000)],
                            render_kw={"rows": 12})
    version = HiddenField()

    def texts(self) -> dict[str, str]:
        return {name: getattr(self, name).data or "" for name in ("title", "body", "title_en", "body_en")}


class PublicationForm(Form):
    outlet = StringField(_l("Outlet"), validators=[not_blank, Length(max=200)], filters=[strip])
    url = StringField(_l("Address of the article"), validators=[not_blank, Length(max=1000)],
                      filters=[strip], render_kw={"placeholder": "https://"})
    published_on = DateField(_l("Date published"), validators=[DataRequired()])


class DossierScopeForm(Form):
    """Which proposals: an authority, and optionally one event or a period (a GET form)."""

    class Meta:
        csrf = False

    authority_id = SelectField(_l("Authority"), coerce=int, validators=[DataRequired()])
    event_id = SelectField(_l("Event"), coerce=int, default=0)
    start = DateField(_l("From"), validators=[Optional()])
    end = DateField(_l("To"), validators=[Optional()])

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, SelectField, StringField
from wtforms.validators import Email, Length, Optional

from ..core.forms import Form, choices, not_blank, strip
from .models import OrganisationKind

KIND_LABELS = {
    OrganisationKind.MUNICIPALITY: _l("Municipality"),
    OrganisationKind.LOCAL_EXECUTIVE: _l("Local executive authority"),
    OrganisationKind.EXECUTIVE: _l("Other executive authority or ministry office"),
    OrganisationKind.NGO: _l("NGO"),
    OrganisationKind.BUSINESS: _l("Business"),
    OrganisationKind.SCHOOL: _l("School"),
    OrganisationKind.DONOR: _l("Donor"),
    OrganisationKind.MEDIA: _l("Media"),
    OrganisationKind.OTHER: _l("Other"),
}


def _name_field(label):
    return StringField(label, validators=[not_blank, Length(max=200)], filters=[strip])


class DistrictForm(Form):
    name = _name_field(_l("Name"))


class CommunityForm(Form):
    name = _name_field(_l("Name of the community"))
    district_id = SelectField(_l("District"), coerce=int)
    municipality_name = StringField(
        _l("Municipality"), validators=[Optional(), Length(max=200)], filters=[strip],
        description=_l("The municipality that serves this community."),
    )


class OrganisationForm(Form):
    name = _name_field(_l("Name"))
    kind = SelectField(_l("Kind"), choices=choices((kind.value, label) for kind, label in KIND_LABELS.items()))
    district_id = SelectField(_l("District"), coerce=int)
    email = EmailField(_l("Email"), validators=[Optional(), Email(), Length(max=254)], filters=[strip])
    address = StringField(_l("Address"), validators=[Optional(), Length(max=300)], filters=[strip])

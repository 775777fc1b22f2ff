from flask_babel import lazy_gettext as _l
from wtforms import SelectMultipleField
from wtforms.validators import ValidationError

from ..core.forms import Form


class InviteForm(Form):
    groups = SelectMultipleField(_l("Everyone in these contact groups"), coerce=int,
                                 render_kw={"size": 6})
    organisations = SelectMultipleField(_l("Everyone in these organisations"), coerce=int,
                                        render_kw={"size": 6})
    communities = SelectMultipleField(_l("Everyone in these communities"), coerce=int,
                                      render_kw={"size": 6})
    people = SelectMultipleField(_l("These people"), coerce=int, render_kw={"size": 10})

    def validate_people(self, field):
        if not (self.groups.data or self.organisations.data or self.communities.data or field.data):
            raise ValidationError(_l("Choose at least one group, organisation, community or person."))

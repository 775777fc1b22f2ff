from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from ..core.forms import Form, choices, not_blank, strip
from .models import Role
from .services import MIN_PASSWORD_LENGTH

ROLE_LABELS = {
    Role.ADMIN: _l("Administrator"),
    Role.ORGANISER: _l("Organiser"),
    Role.MODERATOR: _l("Moderator"),
}


class LoginForm(Form):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)], filters=[strip])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])
    remember = BooleanField(_l("Keep me signed in"))


class _PasswordFields:
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200)],
        description=_l("At least %(n)d characters.", n=MIN_PASSWORD_LENGTH),
    )
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords do not match."))],
    )


class SetupForm(_PasswordFields, Form):
    full_name = StringField(_l("Full name"), validators=[not_blank, Length(max=200)], filters=[strip])
    email = EmailField(
        _l("Email"), validators=[DataRequired(), Email(), Length(max=254)], filters=[strip]
    )


class UserCreateForm(SetupForm):
    role = SelectField(
        _l("Role"), choices=choices((role.value, label) for role, label in ROLE_LABELS.items()),
        default=Role.ORGANISER.value,
    )


class UserEditForm(Form):
    full_name = StringField(_l("Full name"), validators=[not_blank, Length(max=200)], filters=[strip])
    role = SelectField(
        _l("Role"), choices=choices((role.value, label) for role, label in ROLE_LABELS.items())
    )
    active = BooleanField(_l("Account is active"))
    password = PasswordField(
        _l("New password"),
        validators=[Optional(), Length(min=MIN_PASSWORD_LENGTH, max=200)],
        description=_l("Leave empty to keep the current password."),
    )

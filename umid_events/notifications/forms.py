from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import InputRequired, Length

from ..core.forms import Form, strip


class TestMessageForm(Form):
    """Send one short message to check that mail really leaves (the address is checked by the
    service, like every other recipient)."""

    email = StringField(_l("Send a test message to"), validators=[InputRequired(), Length(max=254)],
                        filters=[strip], render_kw={"inputmode": "email", "autocomplete": "email",
                                                    "placeholder": "ad@example.az"})

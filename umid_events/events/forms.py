from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import (
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from ..core.forms import Form, choices, strip
from .kinds import EventKind, LinkVisibility
from .labels import KIND_LABELS

VISIBILITY_LABELS = {
    LinkVisibility.PARTICIPANTS: _l("Registered participants and staff"),
    LinkVisibility.STAFF: _l("Staff only (not yet released to participants)"),
}


class EventForm(Form):
    kind = SelectField(_l("Kind"), choices=choices((kind.value, label) for kind, label in KIND_LABELS.items()))
    community_id = SelectField(_l("Community"), coerce=int,
                               description=_l("Required for consultations and trainings."))
    title = StringField(_l("Title"), validators=[Optional(), Length(max=300)], filters=[strip],
                        description=_l("Leave empty for the usual title, such as "
                                       "“Praktik məsləhət: Günəşli, 1-ci görüş”."))
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)],
                                filters=[strip], render_kw={"rows": 4})
    date = DateField(_l("Date"), validators=[InputRequired()])
    start_time = TimeField(_l("Starts at (Baku time)"), validators=[InputRequired()])
    end_time = TimeField(_l("Ends at (Baku time)"), validators=[Optional()],
                         description=_l("Leave empty for the usual length: 1½ hours for a "
                                        "consultation, 2 for a training, 3 for a seminar."))
    meeting_url = StringField(_l("Meeting link"), validators=[Optional(), Length(max=1000)],
                              filters=[strip], render_kw={"inputmode": "url",
                                                          "placeholder": "https://zoom.us/j/…"})
    meeting_id = StringField(_l("Meeting ID"), validators=[Optional(), Length(max=100)], filters=[strip],
                             description=_l("Filled in from the link when the platform has one."))
    meeting_passcode = StringField(_l("Passcode"), validators=[Optional(), Length(max=100)], filters=[strip])
    link_visibility = SelectField(
        _l("Who sees the link"),
        choices=choices((value.value, label) for value, label in VISIBILITY_LABELS.items()),
        default=LinkVisibility.PARTICIPANTS.value)
    join_opens_minutes = IntegerField(
        _l("Join button opens (minutes before the start)"), default=15,
        validators=[InputRequired(), NumberRange(min=0, max=240)])
    capacity = IntegerField(_l("Places"), validators=[Optional(), NumberRange(min=1, max=100000)],
                            description=_l("Leave empty for no limit. People beyond it join a waiting list."))
    registration_opens = DateTimeLocalField(_l("Registration opens (Baku time)"),
                                            validators=[Optional()], format="%Y-%m-%dT%H:%M",
                                            description=_l("Leave empty to open it when the event is published."))
    registration_closes = DateTimeLocalField(_l("Registration closes (Baku time)"),
                                             validators=[Optional()], format="%Y-%m-%dT%H:%M",
                                             description=_l("Leave empty to keep it open until the event ends."))
    reminder_minutes = StringField(
        _l("Reminders (minutes before the start)"), default="1440, 60", filters=[strip],
        validators=[Optional(), Length(max=50)],
        description=_l("Comma-separated; 1440 is a day before, 60 an hour before. Empty: none."))
    certificates_enabled = BooleanField(
        _l("Certificates of participation for the present participants"),
        description=_l("Present participants can receive a PDF certificate. Usually on for trainings."))
    version = HiddenField()

    def validate_community_id(self, field):
        try:
            kind = EventKind(self.kind.data)
        except ValueError:
            return  # not a kind at all: the kind field says so
        if kind.needs_community and not field.data:
            raise ValidationError(_l("Consultations and trainings belong to a community: choose one."))

    def validate_end_time(self, field):
        if field.data and self.start_time.data and field.data <= self.start_time.data:
            raise ValidationError(_l("The event must end after it starts."))

    def validate_reminder_minutes(self, field):
        parts = [part.strip() for part in (field.data or "").split(",") if part.strip()]
        if any(not part.isdigit() or not 0 < int(part) <= 10080 for part in parts):
            raise ValidationError(_l("Write whole numbers of minutes between 1 and 10080, separated by commas."))
        field.data = ",".join(parts)

    def validate_registration_closes(self, field):
        if field.data and self.registration_opens.data and field.data <= self.registration_opens.data:
            raise ValidationError(_l("Registration must close after it opens."))

    def registration_window(self, zone) -> tuple[datetime | None, datetime | None]:
        def aware(value):
            return value.replace(tzinfo=zone) if value else None

        return aware(self.registration_opens.data), aware(self.registration_closes.data)

    def local_times(self, zone) -> tuple[datetime, datetime | None]:
        """The start and end the organiser typed, as aware datetimes in the display zone."""
        starts = datetime.combine(self.date.data, self.start_time.data, tzinfo=zone)
        ends = datetime.combine(self.date.data, self.end_time.data, tzinfo=zone) if self.end_time.data else None
        return starts, ends

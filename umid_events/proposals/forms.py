"""Forms for proposals: staff entry and edits, status changes, answers, topics, participants."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from ..core.forms import Form, choices, not_blank, strip
from ..core.queries import MAX_ID
from ..registrations.forms import GROUP_LABELS
from ..registrations.models import ParticipantGroup
from .labels import ORIGIN_LABELS, OUTCOME_LABELS, STATUS_LABELS
from .models import AnswerOutcome, ProposalOrigin
from .services import MAX_NOTE_LENGTH

TO_BE_DECIDED = _l("To be decided")


def group_choices(blank=None):
    pairs = [(group.value, label) for group, label in GROUP_LABELS.items()]
    return choices(([("", blank)] if blank else []) + pairs)


def topic_choices(topics, language="az"):
    return choices([(0, "—")] + [(topic.id, topic.label(language)) for topic in topics])


def authority_choices(authorities):
    return choices([(0, TO_BE_DECIDED)] + [(org.id, org.name) for org in authorities])


def optional_id(value):
    return int(value) if value not in (None, "", "0", 0) else None


class ProposalForm(Form):
    """Staff: a proposal from a letter or a call, or an edit of any proposal."""

    title = StringField(_l("Short title"), filters=[strip],
                        description=_l("Leave empty to use the first words of the text."))
    text = TextAreaField(_l("Proposal"), validators=[not_blank], render_kw={"rows": 6})
    topic_id = SelectField(_l("Topic"), coerce=optional_id)
    authority_id = SelectField(_l("Addressed to"), coerce=optional_id)
    event_id = SelectField(_l("Event"), coerce=optional_id)
    origin = SelectField(_l("Origin"), choices=choices(
        (origin.value, label) for origin, label in ORIGIN_LABELS.items()
        if origin != ProposalOrigin.PARTICIPANT), default=ProposalOrigin.LETTER.value)
    community_id = SelectField(_l("Community"), coerce=optional_id)
    proposer_group = SelectField(_l("Proposer's group"), choices=group_choices(blank="—"))
    show_name = BooleanField(_l("The proposer agrees to show their name publicly"))
    version = HiddenField()

    @property
    def group(self) -> ParticipantGroup | None:
        return ParticipantGroup(self.proposer_group.data) if self.proposer_group.data else None


class StatusForm(Form):
    status = SelectField(_l("New status"), validators=[InputRequired()], choices=choices(
        [("", "—")] + [(status.value, label) for status, label in STATUS_LABELS.items()]))
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=MAX_NOTE_LENGTH)],
                         filters=[strip], render_kw={"rows": 2})
    decline_reason = StringField(_l("Reason for declining"), filters=[strip],
                                 validators=[Optional(), Length(max=MAX_NOTE_LENGTH)])
    dossier_reference = StringField(_l("Dossier reference"), filters=[strip],
                                    validators=[Optional(), Length(max=100)])


class DuplicateForm(Form):
    original_id = IntegerField(_l("Number of the original proposal"),
                               validators=[InputRequired(), NumberRange(min=1, max=MAX_ID)])


class ModerationForm(Form):
    publish = HiddenField()


class AnswerForm(Form):
    outcome = SelectField(_l("Outcome"), choices=choices(
        (outcome.value, label) for outcome, label in OUTCOME_LABELS.items()),
        default=AnswerOutcome.ACCEPTED.value)
    answered_on = DateField(_l("Date of the answer"), validators=[InputRequired()])
    text = TextAreaField(_l("What the authority answered"), filters=[strip], render_kw={"rows": 6})
    letter = FileField(_l("The letter (PDF)"), render_kw={"accept": "application/pdf,.pdf"},
                       description=_l("Optional. A PDF of at most 8 MB."))


class TopicForm(Form):
    name = StringField(_l("Name (Azerbaijani)"), validators=[not_blank, Length(max=120)], filters=[strip])
    name_en = StringField(_l("Name (English)"), validators=[Optional(), Length(max=120)], filters=[strip])
    position = IntegerField(_l("Position"), default=10, validators=[InputRequired(), NumberRange(min=0, max=1000)])
    active = BooleanField(_l("In use"), default=True)


class ParticipantProposalForm(Form):
    """A registered participant's proposal, from their personal page."""

    title = StringField(_l("Short title"), filters=[strip],
                        description=_l("Optional: a few words that sum it up."))
    text = TextAreaField(_l("Your proposal"), validators=[not_blank], render_kw={"rows": 6})
    topic_id = SelectField(_l("Topic"), coerce=optional_id)
    show_name = BooleanField(_l("My name may be shown with the proposal on the public page"))
    key = HiddenField()


class PublicProposalForm(Form):
    """An anonymous proposal from the public event page: only a group and a community."""

    title = StringField(_l("Short title"), filters=[strip],
                        description=_l("Optional: a few words that sum it up."))
    text = TextAreaField(_l("Your proposal"), validators=[not_blank], render_kw={"rows": 6})
    topic_id = SelectField(_l("Topic"), coerce=optional_id)
    group = SelectField(_l("I take part as"), choices=group_choices(),
                        default=ParticipantGroup.COMMUNITY_MEMBER.value)
    community_id = SelectField(_l("Community"), coerce=optional_id)
    key = HiddenField()
    website = StringField(_l("Leave this empty"), validators=[Optional()],
                          render_kw={"tabindex": "-1", "autocomplete": "off"})


class WindowForm(Form):
    """When participants may send proposals for an event (Baku time)."""

    opens = DateTimeLocalField(_l("Proposals open (Baku time)"), validators=[Optional()],
                               format="%Y-%m-%dT%H:%M",
                               description=_l("Leave empty to accept no proposals from participants."))
    closes = DateTimeLocalField(_l("Proposals close (Baku time)"), validators=[Optional()],
                                format="%Y-%m-%dT%H:%M", description=_l("Leave empty for no end."))

    def validate_closes(self, field):
        if field.data and self.opens.data and field.data <= self.opens.data:
            raise ValidationError(_l("Proposals must close after they open."))

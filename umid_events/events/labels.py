"""Translated names of event kinds and states, for pages and documents."""

from flask_babel import lazy_gettext as _l

from .kinds import EventKind, EventStatus

KIND_LABELS = {
    EventKind.CONSULTATION: _l("Practical-advice consultation"),
    EventKind.TRAINING: _l("E-government training"),
    EventKind.SEMINAR: _l("Seminar"),
}
KIND_PLURALS = {
    EventKind.CONSULTATION: _l("consultations"),
    EventKind.TRAINING: _l("trainings"),
    EventKind.SEMINAR: _l("seminars"),
}
STATUS_LABELS = {
    EventStatus.DRAFT: _l("Draft"),
    EventStatus.PUBLISHED: _l("Published"),
    EventStatus.CANCELLED: _l("Cancelled"),
    EventStatus.HELD: _l("Held"),
}

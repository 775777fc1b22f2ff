"""The kinds and states of an event (kept apart from the model so plans can import them)."""

import enum


class EventKind(enum.StrEnum):
    CONSULTATION = "consultation"
    TRAINING = "training"
    SEMINAR = "seminar"

    @property
    def needs_community(self) -> bool:
        return self is not EventKind.SEMINAR


class EventStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CANCELLED = "cancelled"
    HELD = "held"

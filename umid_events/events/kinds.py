"""The kinds and states of an event, and of its video link (apart from the model so that plans
and documents can import them without the ORM)."""

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

    @property
    def is_final(self) -> bool:
        """Cancelled and held events are history: they are no longer edited."""
        return self in (EventStatus.CANCELLED, EventStatus.HELD)


class Platform(enum.StrEnum):
    ZOOM = "zoom"
    MEET = "meet"
    TEAMS = "teams"
    JITSI = "jitsi"
    OTHER = "other"


class LinkVisibility(enum.StrEnum):
    PARTICIPANTS = "participants"  # registered participants and staff
    STAFF = "staff"                # staff only, until the organiser releases it

"""Every feature's models, imported so that Alembic sees all tables."""

from .auth.models import Role, User
from .directory.models import Community, District, Gender, Organisation, OrganisationKind, Person
from .events.models import Event, EventKind, EventStatus
from .programmes.models import PlanQuota, Programme, Target

__all__ = [
    "Community",
    "District",
    "Event",
    "EventKind",
    "EventStatus",
    "Gender",
    "Organisation",
    "OrganisationKind",
    "Person",
    "PlanQuota",
    "Programme",
    "Role",
    "Target",
    "User",
]

"""Every feature's models, imported so that Alembic sees all tables."""

from .attendance.models import AttendanceImport, AttendanceRecord
from .audit.models import AuditEntry
from .auth.models import Role, User
from .certificates.models import Certificate
from .contacts.models import ContactGroup, ContactImport
from .dashboard.models import FactsChange, PersonFacts, ReachCell
from .directory.models import Community, District, Gender, Organisation, OrganisationKind, Person
from .documents.models import Dossier, DossierVersion, Letterhead, PressPublication, PressRelease
from .events.models import Event, EventKind, EventStatus
from .invitations.models import CalendarReply, EventNotice, Invitation
from .notifications.models import BulkMailAddress, OutgoingAttachment, OutgoingMessage
from .outcomes.models import (
    DialoguePlatform,
    KnowledgeAttempt,
    KnowledgeCheck,
    KnowledgeQuestion,
    PaymentFollowUp,
    PlatformMembers,
    TerminalApplication,
)
from .programmes.models import PlanQuota, Programme, Target
from .proposals.models import AuthorityAnswer, Proposal, ProposalStatusChange, ProposalTopic
from .registrations.models import ParticipantGroup, Registration, RegistrationStatus

__all__ = [
    "AttendanceImport",
    "AttendanceRecord",
    "AuditEntry",
    "AuthorityAnswer",
    "BulkMailAddress",
    "CalendarReply",
    "Certificate",
    "Community",
    "ContactGroup",
    "ContactImport",
    "District",
    "DialoguePlatform",
    "Dossier",
    "DossierVersion",
    "Event",
    "FactsChange",
    "EventKind",
    "EventStatus",
    "EventNotice",
    "Gender",
    "Invitation",
    "KnowledgeAttempt",
    "KnowledgeCheck",
    "KnowledgeQuestion",
    "Letterhead",
    "Organisation",
    "OrganisationKind",
    "OutgoingAttachment",
    "OutgoingMessage",
    "PaymentFollowUp",
    "PlatformMembers",
    "ParticipantGroup",
    "Person",
    "PersonFacts",
    "PlanQuota",
    "PressPublication",
    "PressRelease",
    "Programme",
    "Proposal",
    "ProposalStatusChange",
    "ProposalTopic",
    "ReachCell",
    "Registration",
    "RegistrationStatus",
    "Role",
    "Target",
    "TerminalApplication",
    "User",
]

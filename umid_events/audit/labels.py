"""How the admin page names the actions and what they were done on (Azerbaijani first)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from .models import AuditAction

ACTION_LABELS = {
    AuditAction.VIEWED_PERSONAL_DATA: _l("Viewed personal data"),
    AuditAction.EXPORTED_PERSONAL_DATA: _l("Exported personal data"),
    AuditAction.ISSUED_DOSSIER: _l("Issued a dossier"),
    AuditAction.CHANGED_PROPOSAL_ROUTING: _l("Changed the authority of a proposal"),
    AuditAction.FORWARDED_PROPOSAL: _l("Sent a proposal to its authority"),
    AuditAction.EXPORTED_AUDIT_LOG: _l("Exported the audit log"),
}

# The ``subject`` the views and services write; an unknown one is shown as it is stored.
SUBJECT_LABELS = {
    "people": _l("People (directory)"),
    "contacts": _l("Contacts"),
    "person": _l("A person's details"),
    "group members": _l("Members of a contact group"),
    "contact import": _l("Contact import"),
    "registrations": _l("Registrations"),
    "attendance": _l("Attendance"),
    "attendance marking": _l("Attendance marking list"),
    "attendance import": _l("Attendance report import"),
    "outbox": _l("Outbox"),
    "message": _l("Outgoing message"),
    "unsubscribed": _l("Unsubscribed addresses"),
    "invitations": _l("Invitations"),
    "calendar replies": _l("Calendar replies"),
    "outcomes": _l("Outcomes"),
    "proposals": _l("Proposals"),
    "proposal": _l("Proposal"),
    "certificate": _l("Certificate"),
    "certificates": _l("Certificates"),
    "dossier": _l("Dossier"),
    "dossier draft": _l("Dossier draft"),
    "audit log": _l("Audit log"),
}

"""``@audited``: a staff page or download that shows personal data records who opened it.

Placed under ``@role_required(...)``, so a refused request never reaches it::

    @bp.get("/registrations.<any(csv, xlsx):fmt>")
    @organisers
    @audited(AuditAction.EXPORTED_PERSONAL_DATA, "registrations", object_arg="event_id")
    def export(event_id, fmt):
        rows = ...
        note_audit(rows=len(rows))

The entry is written only for a response that carried the data (2xx): an error, a refusal or a
redirect elsewhere shows nothing and records nothing. It is one INSERT, committed on its own
after the view (a GET view commits nothing otherwise): what the view left uncommitted is rolled
back first, as the end of the request would have done.
"""

from __future__ import annotations

from functools import wraps

from flask import g, make_response
from flask_login import current_user

from ..extensions import db
from .models import AuditAction
from .services import add_entry, user_id_of, user_label

NOTE_KEY = "_audit_note"


def note_audit(*, rows: int | None = None, object_type: str | None = None,
               object_id: int | None = None) -> None:
    """What the view knows that the URL does not say: the number of rows exported, the object."""
    note = g.setdefault(NOTE_KEY, {})
    if rows is not None:
        note["rows"] = rows
    if object_type is not None:
        note["object_type"], note["object_id"] = object_type, object_id


def _object_type(argument: str) -> str:
    return argument[:-3] if argument.endswith("_id") else argument


def audited(action: AuditAction, subject: str, *, object_arg: str | None = None,
            file_format: str | None = None, skip_without_object: bool = False):
    """Record ``action`` on ``subject`` when the view answers 2xx.

    ``object_arg``: the URL argument naming the object (``event_id`` gives ``event 12``);
    ``skip_without_object``: a URL where it is None (a "new" form) records nothing;
    ``file_format``: the format when the URL has no ``fmt`` argument."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            g.pop(NOTE_KEY, None)
            response = make_response(view(*args, **kwargs))
            object_id = kwargs.get(object_arg) if object_arg else None
            if not 200 <= response.status_code < 300 or (skip_without_object and object_id is None):
                return response
            note = g.pop(NOTE_KEY, {})
            user = current_user._get_current_object()
            user_id, label = user_id_of(user), user_label(user)
            db.session.rollback()  # only the entry is committed here
            add_entry(
                action, user_id=user_id, label=label, subject=subject,
                object_type=note.get("object_type") or (_object_type(object_arg) if object_id is not None
                                                        else None),
                object_id=note.get("object_id", object_id), rows=note.get("rows"),
                file_format=kwargs.get("fmt") or file_format)
            db.session.commit()
            return response

        wrapped.audit_action = action
        return wrapped

    return decorator

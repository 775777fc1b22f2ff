"""Who may open a route, declared on the view itself.

Every view function carries exactly one of these declarations; the authorisation matrix test
(tests/auth/test_authorisation_matrix.py) reads them from the URL map and proves each one for
every kind of visitor, so a route added without a declaration fails the suite:

* ``@public``: anyone, signed in or not (pages that show nothing personal);
* ``@secret_link``: whoever holds the random token in the URL (a participant's personal link,
  a certificate's verification link …); any other token answers 404, for everyone;
* ``@signed_in``: any staff account;
* ``@role_required(*roles)``: staff holding one of ``roles`` (admins hold every role);
  others answer 403, visitors who are not signed in are sent to sign in.
"""

from __future__ import annotations

import enum
from functools import wraps

from flask import abort
from flask_login import current_user

from ..extensions import login_manager


class Access(enum.StrEnum):
    PUBLIC = "public"
    SECRET_LINK = "secret link"  # noqa: S105 (a kind of access, not a secret)
    SIGNED_IN = "signed in"
    ROLE = "role"


def public(view):
    """Open to anyone: the page shows nothing of a particular person."""
    view.access = Access.PUBLIC
    return view


def secret_link(argument: str = "token"):
    """Opened by the random token in the URL argument ``argument``; an unknown token is a 404
    (the view's own lookup answers it), so a guessed link learns nothing."""

    def decorator(view):
        view.access = Access.SECRET_LINK
        view.secret_argument = argument
        return view

    return decorator


def signed_in(view):
    """Any signed-in staff account, whatever its role."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        return view(*args, **kwargs)

    wrapped.access = Access.SIGNED_IN
    return wrapped


def role_required(*roles):
    """Allow signed-in staff holding one of ``roles`` (admins hold every role)."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        wrapped.access = Access.ROLE
        wrapped.required_roles = roles
        return wrapped

    return decorator


def declaring_view(view):
    """The function that carries the view's declaration, looking through decorators that wrap
    it (they keep it as ``__wrapped__``); None for a view that declares nothing."""
    while view is not None and getattr(view, "access", None) is None:
        view = getattr(view, "__wrapped__", None)
    return view


def declared_access(view) -> tuple[Access, tuple] | None:
    """The declaration a view carries, with the roles of a ``role_required`` one; None for a
    view that declares nothing."""
    declaring = declaring_view(view)
    if declaring is None:
        return None
    return declaring.access, getattr(declaring, "required_roles", ())

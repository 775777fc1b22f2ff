"""Staff accounts: create, authenticate, change roles. Callers commit."""

from __future__ import annotations

import functools

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from werkzeug.security import check_password_hash, generate_password_hash

from ..core.errors import DomainError
from ..core.types import utcnow
from ..extensions import db
from .models import Role, User

MIN_PASSWORD_LENGTH = 10


class EmailTaken(DomainError):
    def __init__(self):
        super().__init__(_l("An account with this email already exists."))


class SetupAlreadyDone(DomainError):
    def __init__(self):
        super().__init__(_l("The first administrator has already been created."))


class LastAdmin(DomainError):
    def __init__(self):
        super().__init__(_l("The last active administrator cannot be removed or demoted."))


def normalise_email(email: str) -> str:
    return email.strip().lower()


def load_user(user_id: str) -> User | None:
    return db.session.get(User, int(user_id)) if user_id.isdigit() else None


def setup_needed() -> bool:
    return db.session.scalar(sa.select(sa.func.count(User.id))) == 0


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))


def create_user(*, email: str, full_name: str, password: str, role: Role, language: str = "az") -> User:
    if find_user_by_email(email):
        raise EmailTaken()
    user = User(
        email=normalise_email(email), full_name=full_name.strip(), role=role, language=language
    )
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def create_first_admin(*, email: str, full_name: str, password: str) -> User:
    """The one-time set-up; refused once any account exists (even under a race: see the view)."""
    if not setup_needed():
        raise SetupAlreadyDone()
    return create_user(email=email, full_name=full_name, password=password, role=Role.ADMIN)


def authenticate(email: str, password: str) -> User | None:
    """The active user with these credentials, or None. Timing does not reveal unknown emails."""
    user = find_user_by_email(email)
    if user is None:
        check_password_hash(_dummy_hash(), password)
        return None
    if not user.check_password(password) or not user.active:
        return None
    user.last_login_at = utcnow()
    return user


def _active_admins() -> int:
    return db.session.scalar(
        sa.select(sa.func.count(User.id)).where(User.role == Role.ADMIN, User.active.is_(True))
    )


def update_user(user: User, *, actor: User, full_name: str, role: Role, active: bool,
                password: str | None = None) -> User:
    losing_admin = user.role == Role.ADMIN and user.active and (role != Role.ADMIN or not active)
    if losing_admin and _active_admins() <= 1:
        raise LastAdmin()
    user.full_name = full_name.strip()
    user.role = role
    user.active = active
    if password:
        user.set_password(password)
    db.session.flush()
    return user


def list_users() -> list[User]:
    return list(db.session.scalars(sa.select(User).order_by(User.full_name)))


@functools.cache
def _dummy_hash() -> str:
    return generate_password_hash("not a password of anyone")

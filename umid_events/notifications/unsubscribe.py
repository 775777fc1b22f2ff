"""Leaving the invitation lists: one random unsubscribe link per address, honoured by every
future invitation; transactional mail (one's own registration, reminders, answers) still goes.

Bulk mail carries ``List-Unsubscribe`` with the link and ``List-Unsubscribe-Post:
List-Unsubscribe=One-Click`` (RFC 8058), so Gmail's and Outlook's own "Unsubscribe" works
without opening anything; the link opened in a browser shows a page with a button (a GET must
change nothing: mail scanners open links).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

import sqlalchemy as sa
from flask import url_for

from ..core.types import utcnow
from ..extensions import db
from .models import BulkMailAddress, UnsubscribeVia


def _key(email: str) -> str:
    return email.strip().lower()


def unsubscribe_tokens(emails: Iterable[str]) -> dict[str, str]:
    """The unsubscribe token of each address (lower case), created for those that have none
    (one query for the batch, and one insert)."""
    wanted = {_key(email) for email in emails if email}
    if not wanted:
        return {}
    known = dict(db.session.execute(sa.select(BulkMailAddress.email, BulkMailAddress.token)
                                    .where(BulkMailAddress.email.in_(wanted))).all())
    missing = [{"email": email, "token": secrets.token_urlsafe(24), "created_at": utcnow()}
               for email in sorted(wanted - known.keys())]
    if missing:
        db.session.execute(sa.insert(BulkMailAddress), missing)
        known.update((row["email"], row["token"]) for row in missing)
    return known


def unsubscribe_url(token: str) -> str:
    return url_for("unsubscribe.unsubscribe", token=token, _external=True)


def unsubscribed(emails: Iterable[str]) -> set[str]:
    """Which of these addresses (lower case) have left the invitations."""
    wanted = {_key(email) for email in emails if email}
    if not wanted:
        return set()
    return set(db.session.scalars(sa.select(BulkMailAddress.email).where(
        BulkMailAddress.email.in_(wanted), BulkMailAddress.unsubscribed_at.is_not(None))))


def is_unsubscribed(email: str | None) -> bool:
    return bool(email) and bool(unsubscribed([email]))


# For queries: people whose address has left the invitations.
UNSUBSCRIBED_EMAILS = (sa.select(BulkMailAddress.email)
                       .where(BulkMailAddress.unsubscribed_at.is_not(None)))


def find_address(token: str) -> BulkMailAddress | None:
    if not token or len(token) > 64:
        return None
    return db.session.scalar(sa.select(BulkMailAddress).where(BulkMailAddress.token == token))


def unsubscribe_address(address: BulkMailAddress, *, via: UnsubscribeVia) -> None:
    """Leave the invitations (a second time changes nothing: the first date is kept)."""
    if address.unsubscribed_at is None:
        address.unsubscribed_at = utcnow()
        address.unsubscribed_via = via
        db.session.flush()


def resubscribe_address(address: BulkMailAddress) -> None:
    """"I changed my mind", from the same page (only the holder of the link can)."""
    address.unsubscribed_at = None
    address.unsubscribed_via = None
    db.session.flush()


def list_unsubscribed() -> list[BulkMailAddress]:
    return list(db.session.scalars(sa.select(BulkMailAddress)
                                   .where(BulkMailAddress.unsubscribed_at.is_not(None))
                                   .order_by(BulkMailAddress.unsubscribed_at.desc())))

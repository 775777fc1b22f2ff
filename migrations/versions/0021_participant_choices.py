"""Why a certificate was revoked.

* ``certificates.revocation_reason``: "organiser" (revoked from the attendance page) or
  "holder" (its holder erased the registration or all their data): the verification page says
  "revoked at the holder's request" for the second.

A plain ADD COLUMN (nullable, no constraint: SQLite needs no table copy).

Revision ID: 0021_participant_choices
Revises: 0020_rsvp_and_unsubscribe
Create Date: 2026-12-07 18:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0021_participant_choices'
down_revision = '0020_rsvp_and_unsubscribe'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('certificates', sa.Column('revocation_reason', sa.String(length=32), nullable=True))


def downgrade():
    op.drop_column('certificates', 'revocation_reason')

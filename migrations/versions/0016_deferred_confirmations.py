"""Registrations note that their confirmation mail is still to be written (by the worker);
people are found by email in any case through an index.

Revision ID: 0016_deferred_confirmations
Revises: 0015_dashboard_facts
Create Date: 2026-11-25 17:20:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0016_deferred_confirmations'
down_revision = '0015_dashboard_facts'
branch_labels = None
depends_on = None


# Plain ALTER TABLE ADD/DROP COLUMN (SQLite 3.35+ has both), not batch mode: on SQLite batch mode
# would copy the table, and the copy would lose the dashboard's triggers on it (0015).


def upgrade():
    op.add_column('registrations', sa.Column('confirmation_due_at', sa.DateTime(timezone=True),
                                             nullable=True))
    op.create_index('ix_registrations_confirmation_due', 'registrations', ['confirmation_due_at'],
                    unique=False, postgresql_where=sa.text('confirmation_due_at IS NOT NULL'),
                    sqlite_where=sa.text('confirmation_due_at IS NOT NULL'))
    op.create_index('ix_people_email_lower', 'people', [sa.text('lower(email)')], unique=False)


def downgrade():
    op.drop_index('ix_people_email_lower', table_name='people')
    op.drop_index('ix_registrations_confirmation_due', table_name='registrations',
                  postgresql_where=sa.text('confirmation_due_at IS NOT NULL'),
                  sqlite_where=sa.text('confirmation_due_at IS NOT NULL'))
    op.drop_column('registrations', 'confirmation_due_at')

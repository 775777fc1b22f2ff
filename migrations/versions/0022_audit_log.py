"""The audit log: who viewed or exported personal data, issued dossiers, re-routed proposals.

* ``audit_entries``: one row per audited page, download or change: when, the staff account
  (``user_id``, set to NULL if the account is removed, and ``user_label``, which stays), the
  action, what it was done on (``subject``, ``object_type`` and ``object_id``, the format, the
  number of rows), a short summary, the request's endpoint and IP address. Never the personal
  data itself.
* Indexes for the admin page's filters (action, account, dates, newest first) and the retention
  purge (``at``).

Revision ID: 0022_audit_log
Revises: 0021_participant_choices
Create Date: 2026-12-07 21:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0022_audit_log'
down_revision = '0021_participant_choices'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'audit_entries',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('user_label', sa.String(length=300), nullable=False),
        sa.Column('action', sa.String(length=32), nullable=False),
        sa.Column('subject', sa.String(length=64), nullable=False),
        sa.Column('object_type', sa.String(length=32), nullable=True),
        sa.Column('object_id', sa.Integer(), nullable=True),
        sa.Column('file_format', sa.String(length=8), nullable=True),
        sa.Column('row_count', sa.Integer(), nullable=True),
        sa.Column('summary', sa.String(length=300), nullable=False),
        sa.Column('endpoint', sa.String(length=100), nullable=True),
        sa.Column('ip_address', sa.String(length=45), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_audit_entries_user_id_users'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entries')),
    )
    op.create_index('ix_audit_entries_at', 'audit_entries', ['at'], unique=False)
    op.create_index('ix_audit_entries_action_at', 'audit_entries', ['action', 'at'], unique=False)
    op.create_index('ix_audit_entries_user_id_at', 'audit_entries', ['user_id', 'at'], unique=False)


def downgrade():
    op.drop_index('ix_audit_entries_user_id_at', table_name='audit_entries')
    op.drop_index('ix_audit_entries_action_at', table_name='audit_entries')
    op.drop_index('ix_audit_entries_at', table_name='audit_entries')
    op.drop_table('audit_entries')

"""Outgoing messages are built when they are sent again: the stored bytes (0014) go.

Storing each message's built bytes when a job wrote it made the job slower by more than it
made sending faster (bench/bench_invitations.py, end to end); the column is dropped.

Revision ID: 0017_mail_built_when_sent
Revises: 0016_deferred_confirmations
Create Date: 2026-11-25 18:10:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0017_mail_built_when_sent'
down_revision = '0016_deferred_confirmations'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('outgoing_messages', schema=None) as batch_op:
        batch_op.drop_column('mime')


def downgrade():
    with op.batch_alter_table('outgoing_messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mime', sa.LargeBinary(), nullable=True))

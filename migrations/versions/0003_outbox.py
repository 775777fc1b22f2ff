"""Outbox: every outgoing message (recipient, subject, bodies, calendar part, status, attempts,
last error) and its attachments.

Revision ID: 0003_outbox
Revises: 0002_event_video_and_calendar
Create Date: 2026-11-25 12:56:07

"""
from alembic import op
import sqlalchemy as sa


revision = '0003_outbox'
down_revision = '0002_event_video_and_calendar'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('outgoing_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('template', sa.String(length=100), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('to_email', sa.String(length=254), nullable=False),
    sa.Column('to_name', sa.String(length=200), nullable=False),
    sa.Column('subject', sa.String(length=500), nullable=False),
    sa.Column('text_body', sa.Text(), nullable=False),
    sa.Column('html_body', sa.Text(), nullable=False),
    sa.Column('calendar_method', sa.String(length=16), nullable=True),
    sa.Column('calendar_data', sa.LargeBinary(), nullable=True),
    sa.Column('message_id_header', sa.String(length=250), nullable=False),
    sa.Column('dedupe_key', sa.String(length=200), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('claim_token', sa.String(length=32), nullable=True),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('resent_from_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("calendar_method IS NULL OR calendar_method IN ('REQUEST', 'CANCEL', 'PUBLISH')",
                       name=op.f('ck_outgoing_messages_calendar_method_known')),
    sa.CheckConstraint('attempts >= 0', name=op.f('ck_outgoing_messages_attempts_not_negative')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'],
                            name=op.f('fk_outgoing_messages_created_by_id_users')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'],
                            name=op.f('fk_outgoing_messages_event_id_events')),
    sa.ForeignKeyConstraint(['resent_from_id'], ['outgoing_messages.id'],
                            name=op.f('fk_outgoing_messages_resent_from_id_outgoing_messages')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outgoing_messages')),
    sa.UniqueConstraint('dedupe_key', name=op.f('uq_outgoing_messages_dedupe_key')),
    sa.UniqueConstraint('message_id_header', name=op.f('uq_outgoing_messages_message_id_header'))
    )
    with op.batch_alter_table('outgoing_messages', schema=None) as batch_op:
        for column in ('claim_token', 'created_at', 'event_id', 'next_attempt_at',
                       'resent_from_id', 'status'):
            batch_op.create_index(batch_op.f(f'ix_outgoing_messages_{column}'), [column], unique=False)

    op.create_table('outgoing_message_attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['message_id'], ['outgoing_messages.id'],
                            name=op.f('fk_outgoing_message_attachments_message_id_outgoing_messages'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outgoing_message_attachments'))
    )
    with op.batch_alter_table('outgoing_message_attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outgoing_message_attachments_message_id'),
                              ['message_id'], unique=False)


def downgrade():
    with op.batch_alter_table('outgoing_message_attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outgoing_message_attachments_message_id'))
    op.drop_table('outgoing_message_attachments')

    with op.batch_alter_table('outgoing_messages', schema=None) as batch_op:
        for column in ('status', 'resent_from_id', 'next_attempt_at', 'event_id', 'created_at',
                       'claim_token'):
            batch_op.drop_index(batch_op.f(f'ix_outgoing_messages_{column}'))
    op.drop_table('outgoing_messages')

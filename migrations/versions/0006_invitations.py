"""Invitations (one per person and event, with the personal link), notices that an event changed,
and each event's reminder times.

Revision ID: 0006_invitations
Revises: 0004_registrations
Create Date: 2026-11-25 13:40:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0006_invitations'
down_revision = '0004_registrations'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reminder_minutes', sa.String(length=50), nullable=False,
                                      server_default='1440,60'))
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.alter_column('reminder_minutes', server_default=None)

    op.create_table(
        'invitations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('token', sa.String(length=32), nullable=False),
        sa.Column('language', sa.String(length=5), nullable=False),
        sa.Column('message_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_invitations_created_by_id_users')),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_invitations_event_id_events')),
        sa.ForeignKeyConstraint(['message_id'], ['outgoing_messages.id'], name=op.f('fk_invitations_message_id_outgoing_messages')),
        sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_invitations_person_id_people')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_invitations')),
        sa.UniqueConstraint('event_id', 'person_id', name=op.f('uq_invitations_event_id_person_id')),
        sa.UniqueConstraint('token', name=op.f('uq_invitations_token')),
    )
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invitations_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_invitations_person_id'), ['person_id'], unique=False)

    op.create_table(
        'event_notices',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('sequence', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('processed_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_notices_event_id_events')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_event_notices')),
    )
    with op.batch_alter_table('event_notices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_notices_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_notices_processed_at'), ['processed_at'], unique=False)


def downgrade():
    with op.batch_alter_table('event_notices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_notices_processed_at'))
        batch_op.drop_index(batch_op.f('ix_event_notices_event_id'))
    op.drop_table('event_notices')
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invitations_person_id'))
        batch_op.drop_index(batch_op.f('ix_invitations_event_id'))
    op.drop_table('invitations')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_column('reminder_minutes')

"""Invitations that answer, and mail that can be left.

* ``invitations.response`` / ``responded_at``: the invitee's Yes / No / Maybe from their
  calendar (an iTIP REPLY read from the RSVP mailbox).
* ``calendar_replies``: every mail read from that mailbox and what it led to (its Message-ID
  keeps a mail read twice from acting twice).
* ``bulk_mail_addresses``: the random token of each address's unsubscribe link, and whether
  it has left the invitations; ``outgoing_messages.unsubscribe_url`` for the List-Unsubscribe
  header (RFC 8058) of bulk mail.

Plain ADD / DROP COLUMN everywhere (nullable columns, no constraints: SQLite needs no table copy).

Revision ID: 0020_rsvp_and_unsubscribe
Revises: 0019_identity_and_sms
Create Date: 2026-12-07 17:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0020_rsvp_and_unsubscribe'
down_revision = '0019_identity_and_sms'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('invitations', sa.Column('response', sa.String(length=32), nullable=True))
    op.add_column('invitations', sa.Column('responded_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('outgoing_messages', sa.Column('unsubscribe_url', sa.String(length=500), nullable=True))
    op.create_table(
        'calendar_replies',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('message_key', sa.String(length=250), nullable=False),
        sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('from_email', sa.String(length=254), nullable=True),
        sa.Column('subject', sa.String(length=300), nullable=False),
        sa.Column('attendee_email', sa.String(length=254), nullable=True),
        sa.Column('partstat', sa.String(length=32), nullable=True),
        sa.Column('outcome', sa.String(length=32), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=True),
        sa.Column('invitation_id', sa.Integer(), nullable=True),
        sa.Column('registration_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_calendar_replies_event_id_events')),
        sa.ForeignKeyConstraint(['invitation_id'], ['invitations.id'],
                                name=op.f('fk_calendar_replies_invitation_id_invitations')),
        sa.ForeignKeyConstraint(['registration_id'], ['registrations.id'],
                                name=op.f('fk_calendar_replies_registration_id_registrations')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_replies')),
        sa.UniqueConstraint('message_key', name=op.f('uq_calendar_replies_message_key')),
    )
    op.create_index(op.f('ix_calendar_replies_received_at'), 'calendar_replies', ['received_at'])
    op.create_index(op.f('ix_calendar_replies_event_id'), 'calendar_replies', ['event_id'])
    op.create_index(op.f('ix_calendar_replies_invitation_id'), 'calendar_replies', ['invitation_id'])
    op.create_table(
        'bulk_mail_addresses',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('email', sa.String(length=254), nullable=False),
        sa.Column('token', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('unsubscribed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('unsubscribed_via', sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_bulk_mail_addresses')),
        sa.UniqueConstraint('email', name=op.f('uq_bulk_mail_addresses_email')),
        sa.UniqueConstraint('token', name=op.f('uq_bulk_mail_addresses_token')),
    )
    op.create_index(op.f('ix_bulk_mail_addresses_unsubscribed_at'), 'bulk_mail_addresses',
                    ['unsubscribed_at'])


def downgrade():
    op.drop_index(op.f('ix_bulk_mail_addresses_unsubscribed_at'), table_name='bulk_mail_addresses')
    op.drop_table('bulk_mail_addresses')
    op.drop_index(op.f('ix_calendar_replies_invitation_id'), table_name='calendar_replies')
    op.drop_index(op.f('ix_calendar_replies_event_id'), table_name='calendar_replies')
    op.drop_index(op.f('ix_calendar_replies_received_at'), table_name='calendar_replies')
    op.drop_table('calendar_replies')
    op.drop_column('outgoing_messages', 'unsubscribe_url')  # SQLite's own DROP COLUMN (3.35+)
    op.drop_column('invitations', 'responded_at')
    op.drop_column('invitations', 'response')

"""Events: public token, stable calendar UID and SEQUENCE, optimistic-lock version, video link;
staff calendar feed token.

Revision ID: 0002_event_video_and_calendar
Revises: 0001_foundation
Create Date: 2026-11-25 12:31:19

Existing events get a random public token and a new UID in a second step, so that the columns
can then be made NOT NULL and unique on SQLite and PostgreSQL alike.
"""
import secrets
import uuid

from alembic import op
import sqlalchemy as sa


revision = '0002_event_video_and_calendar'
down_revision = '0001_foundation'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('public_token', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('uid', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('meeting_url', sa.String(length=1000), nullable=True))
        batch_op.add_column(sa.Column('meeting_platform', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('meeting_id', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('meeting_passcode', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('link_visibility', sa.String(length=32), nullable=False,
                                      server_default='participants'))
        batch_op.add_column(sa.Column('join_opens_minutes', sa.Integer(), nullable=False,
                                      server_default='15'))
        batch_op.add_column(sa.Column('sequence', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='1'))

    events = sa.table('events', sa.column('id', sa.Integer), sa.column('public_token', sa.String),
                      sa.column('uid', sa.String))
    connection = op.get_bind()
    for (event_id,) in connection.execute(sa.select(events.c.id)).all():
        connection.execute(
            events.update().where(events.c.id == event_id)
            .values(public_token=secrets.token_urlsafe(12), uid=f"{uuid.uuid4()}@umid-events")
        )

    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.alter_column('public_token', existing_type=sa.String(length=32), nullable=False)
        batch_op.alter_column('uid', existing_type=sa.String(length=100), nullable=False)
        batch_op.alter_column('link_visibility', server_default=None)
        batch_op.alter_column('join_opens_minutes', server_default=None)
        batch_op.alter_column('sequence', server_default=None)
        batch_op.alter_column('version', server_default=None)
        batch_op.create_index(batch_op.f('ix_events_updated_at'), ['updated_at'], unique=False)
        batch_op.create_unique_constraint(batch_op.f('uq_events_public_token'), ['public_token'])
        batch_op.create_unique_constraint(batch_op.f('uq_events_uid'), ['uid'])

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('calendar_token', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_users_calendar_token'), ['calendar_token'])


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_users_calendar_token'), type_='unique')
        batch_op.drop_column('calendar_token')

    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_events_uid'), type_='unique')
        batch_op.drop_constraint(batch_op.f('uq_events_public_token'), type_='unique')
        batch_op.drop_index(batch_op.f('ix_events_updated_at'))
        for column in ('version', 'sequence', 'join_opens_minutes', 'link_visibility',
                       'meeting_passcode', 'meeting_id', 'meeting_platform', 'meeting_url',
                       'uid', 'public_token'):
            batch_op.drop_column(column)

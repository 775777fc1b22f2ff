"""Registrations: a person's registration for an event with its personal link; each event's
registration link, window, capacity and confirmed count; people's anonymisation time.

Revision ID: 0004_registrations
Revises: 0003_outbox
Create Date: 2026-11-25 13:05:00

Existing events get a random registration token in a second step, so that the column can then
be made NOT NULL and unique on SQLite and PostgreSQL alike.
"""
import secrets

from alembic import op
import sqlalchemy as sa


revision = '0004_registrations'
down_revision = '0003_outbox'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('registration_token', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('registration_opens_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('registration_closes_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('capacity', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('confirmed_count', sa.Integer(), nullable=False, server_default='0'))

    events = sa.table('events', sa.column('id', sa.Integer), sa.column('registration_token', sa.String))
    connection = op.get_bind()
    for (event_id,) in connection.execute(sa.select(events.c.id)).all():
        connection.execute(events.update().where(events.c.id == event_id)
                           .values(registration_token=secrets.token_urlsafe(8)))

    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.alter_column('registration_token', existing_type=sa.String(length=16), nullable=False)
        batch_op.alter_column('confirmed_count', server_default=None)
        batch_op.create_unique_constraint(batch_op.f('uq_events_registration_token'), ['registration_token'])

    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.add_column(sa.Column('anonymised_at', sa.DateTime(timezone=True), nullable=True))

    op.create_table(
        'registrations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('personal_token', sa.String(length=64), nullable=False),
        sa.Column('status', sa.String(length=32), nullable=False),
        sa.Column('group', sa.String(length=32), nullable=False),
        sa.Column('organisation_name', sa.String(length=200), nullable=True),
        sa.Column('source', sa.String(length=32), nullable=False),
        sa.Column('consent_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_registrations_event_id_events')),
        sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_registrations_person_id_people')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_registrations')),
        sa.UniqueConstraint('event_id', 'person_id', name=op.f('uq_registrations_event_id_person_id')),
        sa.UniqueConstraint('personal_token', name=op.f('uq_registrations_personal_token')),
    )
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registrations_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_registrations_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_registrations_person_id'), ['person_id'], unique=False)


def downgrade():
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registrations_person_id'))
        batch_op.drop_index(batch_op.f('ix_registrations_event_id'))
        batch_op.drop_index(batch_op.f('ix_registrations_created_at'))
    op.drop_table('registrations')

    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_column('anonymised_at')

    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_events_registration_token'), type_='unique')
        for column in ('confirmed_count', 'capacity', 'registration_closes_at',
                       'registration_opens_at', 'registration_token'):
            batch_op.drop_column(column)

"""Attendance records (one per person and event) and each event's presence threshold.

Revision ID: 0008_attendance_records
Revises: 0007_contact_groups
Create Date: 2026-11-25 14:10:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0008_attendance_records'
down_revision = '0007_contact_groups'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('attendance_threshold_minutes', sa.Integer(), nullable=True))

    op.create_table(
        'attendance_records',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('registration_id', sa.Integer(), nullable=True),
        sa.Column('minutes', sa.Integer(), nullable=False),
        sa.Column('present', sa.Boolean(), nullable=False),
        sa.Column('source', sa.String(length=32), nullable=False),
        sa.Column('report_format', sa.String(length=40), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_attendance_records_event_id_events')),
        sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_attendance_records_person_id_people')),
        sa.ForeignKeyConstraint(['registration_id'], ['registrations.id'], name=op.f('fk_attendance_records_registration_id_registrations')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_attendance_records')),
        sa.UniqueConstraint('event_id', 'person_id', name=op.f('uq_attendance_records_event_id_person_id')),
    )
    with op.batch_alter_table('attendance_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_records_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attendance_records_person_id'), ['person_id'], unique=False)


def downgrade():
    with op.batch_alter_table('attendance_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_records_person_id'))
        batch_op.drop_index(batch_op.f('ix_attendance_records_event_id'))
    op.drop_table('attendance_records')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_column('attendance_threshold_minutes')

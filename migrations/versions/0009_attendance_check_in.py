"""Self check-in codes, uploaded attendance reports kept for their preview, and walk-ins.

Revision ID: 0009_attendance_check_in
Revises: 0008_attendance_records
Create Date: 2026-11-25 15:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0009_attendance_check_in'
down_revision = '0008_attendance_records'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('check_in_code', sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column('check_in_token', sa.String(length=32), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_events_check_in_token'), ['check_in_token'])

    with op.batch_alter_table('attendance_records', schema=None) as batch_op:
        batch_op.add_column(sa.Column('report_key', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('marked_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_attendance_records_marked_by_id_users'),
                                    'users', ['marked_by_id'], ['id'])

    op.create_table(
        'attendance_imports',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('filename', sa.String(length=255), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('applied_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('mapping', sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_attendance_imports_event_id_events')),
        sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_attendance_imports_uploaded_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_attendance_imports')),
    )
    with op.batch_alter_table('attendance_imports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_imports_event_id'), ['event_id'], unique=False)


def downgrade():
    with op.batch_alter_table('attendance_imports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_imports_event_id'))
    op.drop_table('attendance_imports')
    with op.batch_alter_table('attendance_records', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_attendance_records_marked_by_id_users'), type_='foreignkey')
        batch_op.drop_column('marked_by_id')
        batch_op.drop_column('report_key')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_events_check_in_token'), type_='unique')
        batch_op.drop_column('check_in_token')
        batch_op.drop_column('check_in_code')

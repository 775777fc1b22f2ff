"""Outgoing messages keep their bytes when a job writes them, so that delivery only sends.

Revision ID: 0014_prebuilt_mail
Revises: 0013_documents
Create Date: 2026-11-25 16:05:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0014_prebuilt_mail'
down_revision = '0013_documents'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('outgoing_messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mime', sa.LargeBinary(), nullable=True))


def downgrade():
    with op.batch_alter_table('outgoing_messages', schema=None) as batch_op:
        batch_op.drop_column('mime')

"""Letterhead, dossiers and press releases.

Revision ID: 0013_documents
Revises: 0012_outcomes
Create Date: 2026-11-25 15:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0013_documents'
down_revision = '0012_outcomes'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'letterheads',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=300), nullable=False),
        sa.Column('name_en', sa.String(length=300), nullable=False),
        sa.Column('address', sa.String(length=300), nullable=False),
        sa.Column('address_en', sa.String(length=300), nullable=False),
        sa.Column('phone', sa.String(length=60), nullable=False),
        sa.Column('email', sa.String(length=254), nullable=False),
        sa.Column('website', sa.String(length=200), nullable=False),
        sa.Column('signatory_name', sa.String(length=200), nullable=False),
        sa.Column('signatory_title', sa.String(length=200), nullable=False),
        sa.Column('signatory_title_en', sa.String(length=200), nullable=False),
        sa.Column('programme_code', sa.String(length=40), nullable=False),
        sa.Column('reference_pattern', sa.String(length=100), nullable=False),
        sa.Column('logo', sa.LargeBinary(), nullable=True),
        sa.Column('logo_mimetype', sa.String(length=40), nullable=True),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_letterheads')),
    )
    op.create_table(
        'press_releases',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=300), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('title_en', sa.String(length=300), nullable=False),
        sa.Column('body_en', sa.Text(), nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_press_releases_event_id_events')),
        sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_press_releases_updated_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_press_releases')),
        sa.UniqueConstraint('event_id', name=op.f('uq_press_releases_event_id')),
    )
    op.create_table(
        'press_publications',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('press_release_id', sa.Integer(), nullable=False),
        sa.Column('outlet', sa.String(length=200), nullable=False),
        sa.Column('url', sa.String(length=1000), nullable=False),
        sa.Column('published_on', sa.Date(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_press_publications_created_by_id_users')),
        sa.ForeignKeyConstraint(['press_release_id'], ['press_releases.id'], name=op.f('fk_press_publications_press_release_id_press_releases'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_press_publications')),
    )
    with op.batch_alter_table('press_publications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_press_publications_press_release_id'), ['press_release_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_press_publications_published_on'), ['published_on'], unique=False)

    op.create_table(
        'dossiers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('authority_id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=True),
        sa.Column('period_start', sa.Date(), nullable=True),
        sa.Column('period_end', sa.Date(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['authority_id'], ['organisations.id'], name=op.f('fk_dossiers_authority_id_organisations')),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_dossiers_event_id_events')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_dossiers')),
    )
    with op.batch_alter_table('dossiers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dossiers_authority_id'), ['authority_id'], unique=False)

    op.create_table(
        'dossier_versions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('dossier_id', sa.Integer(), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('reference', sa.String(length=100), nullable=False),
        sa.Column('proposal_ids', sa.JSON(), nullable=False),
        sa.Column('proposal_count', sa.Integer(), nullable=False),
        sa.Column('pdf', sa.LargeBinary(), nullable=False),
        sa.Column('pdf_sha256', sa.String(length=64), nullable=False),
        sa.Column('pdf_size', sa.Integer(), nullable=False),
        sa.Column('xlsx', sa.LargeBinary(), nullable=False),
        sa.Column('issued_by_id', sa.Integer(), nullable=True),
        sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_dossier_versions_dossier_id_dossiers'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['issued_by_id'], ['users.id'], name=op.f('fk_dossier_versions_issued_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_dossier_versions')),
        sa.UniqueConstraint('dossier_id', 'number', name=op.f('uq_dossier_versions_dossier_id_number')),
        sa.UniqueConstraint('reference', name=op.f('uq_dossier_versions_reference')),
    )
    with op.batch_alter_table('dossier_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dossier_versions_dossier_id'), ['dossier_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dossier_versions_issued_at'), ['issued_at'], unique=False)


def downgrade():
    with op.batch_alter_table('dossier_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dossier_versions_issued_at'))
        batch_op.drop_index(batch_op.f('ix_dossier_versions_dossier_id'))
    op.drop_table('dossier_versions')
    with op.batch_alter_table('dossiers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dossiers_authority_id'))
    op.drop_table('dossiers')
    with op.batch_alter_table('press_publications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_press_publications_published_on'))
        batch_op.drop_index(batch_op.f('ix_press_publications_press_release_id'))
    op.drop_table('press_publications')
    op.drop_table('press_releases')
    op.drop_table('letterheads')

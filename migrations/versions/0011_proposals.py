"""Proposals, their history and the authorities' answers.

Revision ID: 0011_proposals
Revises: 0010_certificates
Create Date: 2026-11-25 15:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0011_proposals'
down_revision = '0010_certificates'
branch_labels = None
depends_on = None

TOPICS = [
    ("utilities", "Kommunal xidmətlər", "Utilities"),
    ("roads_transport", "Yollar və nəqliyyat", "Roads and transport"),
    ("e_services", "Elektron xidmətlər və ödənişlər", "E-services and payments"),
    ("budget", "Bələdiyyə büdcəsi və şəffaflıq", "Municipal budget and transparency"),
    ("education", "Təhsil", "Education"),
    ("health", "Səhiyyə", "Health"),
    ("employment", "Məşğulluq", "Employment"),
    ("other", "Digər", "Other"),
]


def upgrade():
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('proposals_open_from', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('proposals_open_until', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('programmes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('proposals_public', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    with op.batch_alter_table('programmes', schema=None) as batch_op:
        batch_op.alter_column('proposals_public', server_default=None)

    topics = op.create_table(
        'proposal_topics',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=40), nullable=True),
        sa.Column('name', sa.String(length=120), nullable=False),
        sa.Column('name_en', sa.String(length=120), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal_topics')),
        sa.UniqueConstraint('code', name=op.f('uq_proposal_topics_code')),
    )
    op.create_table(
        'proposals',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('public_token', sa.String(length=32), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('search_text', sa.Text(), nullable=False),
        sa.Column('topic_id', sa.Integer(), nullable=True),
        sa.Column('authority_id', sa.Integer(), nullable=True),
        sa.Column('event_id', sa.Integer(), nullable=True),
        sa.Column('origin', sa.String(length=32), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=True),
        sa.Column('registration_id', sa.Integer(), nullable=True),
        sa.Column('show_name', sa.Boolean(), nullable=False),
        sa.Column('proposer_group', sa.String(length=32), nullable=True),
        sa.Column('community_id', sa.Integer(), nullable=True),
        sa.Column('status', sa.String(length=32), nullable=False),
        sa.Column('duplicate_of_id', sa.Integer(), nullable=True),
        sa.Column('decline_reason', sa.Text(), nullable=True),
        sa.Column('dossier_reference', sa.String(length=100), nullable=True),
        sa.Column('idempotency_key', sa.String(length=64), nullable=True),
        sa.Column('published', sa.Boolean(), nullable=False),
        sa.Column('moderated_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['authority_id'], ['organisations.id'], name=op.f('fk_proposals_authority_id_organisations')),
        sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_proposals_community_id_communities')),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_proposals_created_by_id_users')),
        sa.ForeignKeyConstraint(['duplicate_of_id'], ['proposals.id'], name=op.f('fk_proposals_duplicate_of_id_proposals')),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_proposals_event_id_events')),
        sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_proposals_person_id_people')),
        sa.ForeignKeyConstraint(['registration_id'], ['registrations.id'], name=op.f('fk_proposals_registration_id_registrations')),
        sa.ForeignKeyConstraint(['topic_id'], ['proposal_topics.id'], name=op.f('fk_proposals_topic_id_proposal_topics')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_proposals')),
        sa.UniqueConstraint('idempotency_key', name=op.f('uq_proposals_idempotency_key')),
        sa.UniqueConstraint('public_token', name=op.f('uq_proposals_public_token')),
    )
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.create_index('ix_proposals_event_id_updated_at', ['event_id', 'updated_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposals_authority_id'), ['authority_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposals_community_id'), ['community_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposals_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposals_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposals_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposals_topic_id'), ['topic_id'], unique=False)

    op.create_table(
        'proposal_status_changes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('proposal_id', sa.Integer(), nullable=False),
        sa.Column('from_status', sa.String(length=32), nullable=True),
        sa.Column('to_status', sa.String(length=32), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('changed_by_id', sa.Integer(), nullable=True),
        sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['changed_by_id'], ['users.id'], name=op.f('fk_proposal_status_changes_changed_by_id_users')),
        sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_proposal_status_changes_proposal_id_proposals'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal_status_changes')),
    )
    with op.batch_alter_table('proposal_status_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_status_changes_proposal_id'), ['proposal_id'], unique=False)

    op.create_table(
        'authority_answers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('proposal_id', sa.Integer(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('answered_on', sa.Date(), nullable=False),
        sa.Column('outcome', sa.String(length=32), nullable=False),
        sa.Column('letter_filename', sa.String(length=255), nullable=True),
        sa.Column('letter_pdf', sa.LargeBinary(), nullable=True),
        sa.Column('letter_sha256', sa.String(length=64), nullable=True),
        sa.Column('letter_size', sa.Integer(), nullable=True),
        sa.Column('recorded_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_authority_answers_proposal_id_proposals'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_authority_answers_recorded_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_authority_answers')),
    )
    with op.batch_alter_table('authority_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_authority_answers_proposal_id'), ['proposal_id'], unique=False)

    from datetime import UTC, datetime
    now = datetime.now(UTC)
    if op.get_bind().dialect.name == 'sqlite':
        now = now.replace(tzinfo=None)
    op.bulk_insert(topics, [
        {'code': code, 'name': name, 'name_en': name_en, 'position': position, 'active': True,
         'created_at': now}
        for position, (code, name, name_en) in enumerate(TOPICS, start=1)
    ])


def downgrade():
    with op.batch_alter_table('authority_answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_authority_answers_proposal_id'))
    op.drop_table('authority_answers')
    with op.batch_alter_table('proposal_status_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_status_changes_proposal_id'))
    op.drop_table('proposal_status_changes')
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposals_topic_id'))
        batch_op.drop_index(batch_op.f('ix_proposals_status'))
        batch_op.drop_index(batch_op.f('ix_proposals_person_id'))
        batch_op.drop_index(batch_op.f('ix_proposals_event_id'))
        batch_op.drop_index(batch_op.f('ix_proposals_community_id'))
        batch_op.drop_index(batch_op.f('ix_proposals_authority_id'))
        batch_op.drop_index('ix_proposals_event_id_updated_at')
    op.drop_table('proposals')
    op.drop_table('proposal_topics')
    with op.batch_alter_table('programmes', schema=None) as batch_op:
        batch_op.drop_column('proposals_public')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_column('proposals_open_until')
        batch_op.drop_column('proposals_open_from')

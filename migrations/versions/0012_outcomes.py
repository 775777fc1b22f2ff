"""Outcome records, knowledge checks and the dashboard.

Revision ID: 0012_outcomes
Revises: 0011_proposals
Create Date: 2026-11-25 15:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0012_outcomes'
down_revision = '0011_proposals'
branch_labels = None
depends_on = None


def _pdf_columns():
    return [
        sa.Column('file_name', sa.String(length=255), nullable=True),
        sa.Column('file_pdf', sa.LargeBinary(), nullable=True),
        sa.Column('file_sha256', sa.String(length=64), nullable=True),
        sa.Column('file_size', sa.Integer(), nullable=True),
    ]


def upgrade():
    op.create_table(
        'payment_follow_ups',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('programme_id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('household', sa.String(length=200), nullable=False),
        sa.Column('service', sa.String(length=32), nullable=False),
        sa.Column('portal', sa.String(length=100), nullable=False),
        sa.Column('paid_on', sa.Date(), nullable=False),
        sa.Column('confirmation', sa.String(length=32), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_payment_follow_ups_created_by_id_users')),
        sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_payment_follow_ups_person_id_people')),
        sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_payment_follow_ups_programme_id_programmes')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_payment_follow_ups')),
        sa.UniqueConstraint('person_id', 'service', 'portal', 'paid_on', name=op.f('uq_payment_follow_ups_person_id_service_portal_paid_on')),
    )
    with op.batch_alter_table('payment_follow_ups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payment_follow_ups_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_payment_follow_ups_programme_id'), ['programme_id'], unique=False)

    op.create_table(
        'terminal_applications',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('programme_id', sa.Integer(), nullable=False),
        sa.Column('community_id', sa.Integer(), nullable=False),
        sa.Column('authority_id', sa.Integer(), nullable=False),
        sa.Column('applied_on', sa.Date(), nullable=False),
        sa.Column('status', sa.String(length=32), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        *_pdf_columns(),
        sa.ForeignKeyConstraint(['authority_id'], ['organisations.id'], name=op.f('fk_terminal_applications_authority_id_organisations')),
        sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_terminal_applications_community_id_communities')),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_terminal_applications_created_by_id_users')),
        sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_terminal_applications_programme_id_programmes')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_terminal_applications')),
        sa.UniqueConstraint('community_id', 'authority_id', 'applied_on', name=op.f('uq_terminal_applications_community_id_authority_id_applied_on')),
    )
    with op.batch_alter_table('terminal_applications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_terminal_applications_programme_id'), ['programme_id'], unique=False)

    op.create_table(
        'dialogue_platforms',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('programme_id', sa.Integer(), nullable=False),
        sa.Column('district_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('formed_on', sa.Date(), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        *_pdf_columns(),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_dialogue_platforms_created_by_id_users')),
        sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name=op.f('fk_dialogue_platforms_district_id_districts')),
        sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_dialogue_platforms_programme_id_programmes')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_dialogue_platforms')),
        sa.UniqueConstraint('programme_id', 'district_id', name=op.f('uq_dialogue_platforms_programme_id_district_id')),
    )
    with op.batch_alter_table('dialogue_platforms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dialogue_platforms_programme_id'), ['programme_id'], unique=False)

    op.create_table(
        'platform_members',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('platform_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['platform_id'], ['dialogue_platforms.id'], name=op.f('fk_platform_members_platform_id_dialogue_platforms'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_platform_members')),
        sa.UniqueConstraint('platform_id', 'kind', name=op.f('uq_platform_members_platform_id_kind')),
    )
    with op.batch_alter_table('platform_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_platform_members_platform_id'), ['platform_id'], unique=False)

    op.create_table(
        'knowledge_checks',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_knowledge_checks_event_id_events')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_knowledge_checks')),
        sa.UniqueConstraint('event_id', name=op.f('uq_knowledge_checks_event_id')),
    )
    op.create_table(
        'knowledge_questions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('check_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('text', sa.String(length=500), nullable=False),
        sa.Column('options', sa.Text(), nullable=False),
        sa.Column('correct', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['check_id'], ['knowledge_checks.id'], name=op.f('fk_knowledge_questions_check_id_knowledge_checks'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_knowledge_questions')),
    )
    with op.batch_alter_table('knowledge_questions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_knowledge_questions_check_id'), ['check_id'], unique=False)
    op.create_table(
        'knowledge_attempts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('check_id', sa.Integer(), nullable=False),
        sa.Column('registration_id', sa.Integer(), nullable=False),
        sa.Column('phase', sa.String(length=32), nullable=False),
        sa.Column('score', sa.Integer(), nullable=False),
        sa.Column('total', sa.Integer(), nullable=False),
        sa.Column('answers', sa.String(length=200), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['check_id'], ['knowledge_checks.id'], name=op.f('fk_knowledge_attempts_check_id_knowledge_checks'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['registration_id'], ['registrations.id'], name=op.f('fk_knowledge_attempts_registration_id_registrations'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_knowledge_attempts')),
        sa.UniqueConstraint('registration_id', 'phase', name=op.f('uq_knowledge_attempts_registration_id_phase')),
    )
    with op.batch_alter_table('knowledge_attempts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_knowledge_attempts_check_id'), ['check_id'], unique=False)


def downgrade():
    with op.batch_alter_table('knowledge_attempts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_knowledge_attempts_check_id'))
    op.drop_table('knowledge_attempts')
    with op.batch_alter_table('knowledge_questions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_knowledge_questions_check_id'))
    op.drop_table('knowledge_questions')
    op.drop_table('knowledge_checks')
    with op.batch_alter_table('platform_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_platform_members_platform_id'))
    op.drop_table('platform_members')
    with op.batch_alter_table('dialogue_platforms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dialogue_platforms_programme_id'))
    op.drop_table('dialogue_platforms')
    with op.batch_alter_table('terminal_applications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_terminal_applications_programme_id'))
    op.drop_table('terminal_applications')
    with op.batch_alter_table('payment_follow_ups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payment_follow_ups_programme_id'))
        batch_op.drop_index(batch_op.f('ix_payment_follow_ups_person_id'))
    op.drop_table('payment_follow_ups')

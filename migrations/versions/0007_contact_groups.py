"""Contact groups: named lists of people (many people, many groups), and contact imports kept
between their steps (the decoded rows as JSON, reached by a random token).

Revision ID: 0007_contact_groups
Revises: 0006_invitations
Create Date: 2026-11-25 13:35:00

Memberships go with their group or their person (ON DELETE CASCADE); people never go with a
group.

"""
from alembic import op
import sqlalchemy as sa


revision = '0007_contact_groups'
down_revision = '0006_invitations'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'contact_groups',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('name_sort', sa.String(length=200), nullable=False),
        sa.Column('name_search', sa.String(length=200), nullable=False),
        sa.Column('description', sa.String(length=500), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_groups')),
        sa.UniqueConstraint('name', name=op.f('uq_contact_groups_name')),
    )
    with op.batch_alter_table('contact_groups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_groups_name_sort'), ['name_sort'], unique=False)

    op.create_table(
        'contact_group_members',
        sa.Column('group_id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['group_id'], ['contact_groups.id'], ondelete='CASCADE',
                                name=op.f('fk_contact_group_members_group_id_contact_groups')),
        sa.ForeignKeyConstraint(['person_id'], ['people.id'], ondelete='CASCADE',
                                name=op.f('fk_contact_group_members_person_id_people')),
        sa.PrimaryKeyConstraint('group_id', 'person_id', name=op.f('pk_contact_group_members')),
    )
    with op.batch_alter_table('contact_group_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_group_members_person_id'), ['person_id'], unique=False)

    op.create_table(
        'contact_imports',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token', sa.String(length=40), nullable=False),
        sa.Column('filename', sa.String(length=200), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('group_id', sa.Integer(), nullable=True),
        sa.Column('header', sa.JSON(), nullable=False),
        sa.Column('rows', sa.JSON(), nullable=False),
        sa.Column('mapping', sa.JSON(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('imported_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('summary', sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_contact_imports_created_by_id_users')),
        sa.ForeignKeyConstraint(['group_id'], ['contact_groups.id'], name=op.f('fk_contact_imports_group_id_contact_groups')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_imports')),
        sa.UniqueConstraint('token', name=op.f('uq_contact_imports_token')),
    )
    with op.batch_alter_table('contact_imports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_imports_created_at'), ['created_at'], unique=False)


def downgrade():
    with op.batch_alter_table('contact_imports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_imports_created_at'))
    op.drop_table('contact_imports')

    with op.batch_alter_table('contact_group_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_group_members_person_id'))
    op.drop_table('contact_group_members')

    with op.batch_alter_table('contact_groups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_groups_name_sort'))
    op.drop_table('contact_groups')

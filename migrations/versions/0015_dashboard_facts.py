"""Dashboard facts (nothing yet: the dashboard's summary tables come in a later commit).

Revision ID: 0015_dashboard_facts
Revises: 0014_prebuilt_mail
"""

revision = "0015_dashboard_facts"
down_revision = "0014_prebuilt_mail"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass

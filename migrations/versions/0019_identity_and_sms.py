"""A contact typed into a form proves nothing: people are matched by name and contact; SMS.

* ``people.name_key`` (the name's search key) — the same phone or email with another name is
  someone else (a household's shared phone), never the same person silently; filled in here
  for everyone already known. ``people.preferred_channel`` and ``people.sms_consent_at``.
* ``registrations.submission_key`` (the same form sent twice gets the same answer) and
  ``registrations.for_known_person`` (the personal link of such a registration goes only to
  the contact on file).
* ``outgoing_messages.channel`` and ``to_phone``: the outbox carries SMS (and records the
  WhatsApp messages organisers send) beside mail; ``to_email`` is empty for those.
* On PostgreSQL the deferred trigger of 0018 refuses a second active registration only of the
  same contact *and* the same name.

Plain ADD COLUMN on ``people`` and ``registrations`` (a batch copy on SQLite would lose the
dashboard's triggers on them, 0015); ``outgoing_messages`` has none and takes the batch copy.

Revision ID: 0019_identity_and_sms
Revises: 0018_registration_per_contact
Create Date: 2026-12-07 14:00:00
"""
from alembic import op
import sqlalchemy as sa

from umid_events.core.aztext import search_key


revision = '0019_identity_and_sms'
down_revision = '0018_registration_per_contact'
branch_labels = None
depends_on = None

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION registrations_one_per_contact() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
DECLARE
    contact_email text;
    contact_phone text;
    contact_name text;
    other record;
BEGIN
    SELECT lower(email), phone, name_key INTO contact_email, contact_phone, contact_name
        FROM people WHERE id = NEW.person_id;
    IF contact_email IS NOT NULL THEN
        PERFORM pg_advisory_xact_lock(hashtextextended('registration ' || NEW.event_id || ' ' || contact_email, 0));
    END IF;
    IF contact_phone IS NOT NULL THEN
        PERFORM pg_advisory_xact_lock(hashtextextended('registration ' || NEW.event_id || ' ' || contact_phone, 0));
    END IF;
    -- From the few people with this email or phone and this name to their registration for
    -- the event, by index each.
    FOR other IN SELECT id FROM people WHERE lower(email) = contact_email AND name_key = contact_name
                 UNION ALL SELECT id FROM people WHERE phone = contact_phone AND name_key = contact_name LOOP
        IF EXISTS (SELECT FROM registrations WHERE event_id = NEW.event_id AND person_id = other.id
                   AND id <> NEW.id AND status IN ('confirmed', 'waitlisted')) THEN
            RAISE unique_violation USING
                MESSAGE = 'this name with this email or phone is already registered for the event',
                CONSTRAINT = 'registrations_one_per_contact';
        END IF;
    END LOOP;
    RETURN NULL;
END
$$
"""

# 0018's version, for the downgrade: any person with this email or phone.
PG_FUNCTION_0018 = (
    PG_FUNCTION.replace("    contact_name text;\n", "")
    .replace("SELECT lower(email), phone, name_key INTO contact_email, contact_phone, contact_name",
             "SELECT lower(email), phone INTO contact_email, contact_phone")
    .replace(" AND name_key = contact_name", "")
)


def upgrade():
    dialect = op.get_bind().dialect.name
    op.add_column('people', sa.Column('name_key', sa.String(length=200), nullable=False,
                                      server_default=''))
    op.add_column('people', sa.Column('preferred_channel', sa.String(length=32), nullable=True))
    op.add_column('people', sa.Column('sms_consent_at', sa.DateTime(timezone=True), nullable=True))
    people = sa.table('people', sa.column('id', sa.Integer), sa.column('full_name', sa.String),
                      sa.column('name_key', sa.String))
    connection = op.get_bind()
    rows = connection.execute(sa.select(people.c.id, people.c.full_name)).all()
    if rows:
        connection.execute(people.update().where(people.c.id == sa.bindparam('person_id'))
                           .values(name_key=sa.bindparam('key')),
                           [{'person_id': row.id, 'key': search_key(row.full_name)[:200]} for row in rows])

    op.add_column('registrations', sa.Column('submission_key', sa.String(length=43), nullable=True))
    op.add_column('registrations', sa.Column('for_known_person', sa.Boolean(), nullable=False,
                                             server_default=sa.false()))
    op.create_index('uq_registrations_submission_key', 'registrations', ['submission_key'], unique=True)

    with op.batch_alter_table('outgoing_messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('channel', sa.String(length=32), nullable=False,
                                      server_default='email'))
        batch_op.add_column(sa.Column('to_phone', sa.String(length=20), nullable=True))
        batch_op.alter_column('to_email', existing_type=sa.String(length=254), nullable=True)
        batch_op.create_check_constraint(
            op.f('ck_outgoing_messages_addressed'),
            "(channel = 'email' AND to_email IS NOT NULL) OR (channel <> 'email' AND to_phone IS NOT NULL)")

    if dialect == 'postgresql':
        op.execute(PG_FUNCTION)


def downgrade():
    dialect = op.get_bind().dialect.name
    if dialect == 'postgresql':
        op.execute(PG_FUNCTION_0018)
    op.execute("DELETE FROM outgoing_message_attachments WHERE message_id IN "
               "(SELECT id FROM outgoing_messages WHERE channel <> 'email')")
    op.execute("DELETE FROM outgoing_messages WHERE channel <> 'email'")
    with op.batch_alter_table('outgoing_messages', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_outgoing_messages_addressed'), type_='check')
        batch_op.alter_column('to_email', existing_type=sa.String(length=254), nullable=False)
        batch_op.drop_column('to_phone')
        batch_op.drop_column('channel')

    op.drop_index('uq_registrations_submission_key', table_name='registrations')
    op.drop_column('registrations', 'for_known_person')
    op.drop_column('registrations', 'submission_key')

    op.drop_column('people', 'sms_consent_at')
    op.drop_column('people', 'preferred_channel')
    op.drop_column('people', 'name_key')

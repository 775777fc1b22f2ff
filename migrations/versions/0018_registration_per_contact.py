"""One active registration per event for an email or a phone number, also for simultaneous presses.

The registration form finds anyone with the same email (any case) or phone and says "already
registered". Two presses of someone new at the same moment each found no one, as every
statement's snapshot predates the other's commit, and wrote two people and two registrations.
On PostgreSQL a trigger deferred to the commit now takes a lock per event and contact (so the
second of two simultaneous commits waits for the first) and then, with a fresh snapshot, refuses
a second active registration of the same email or phone with a unique violation, which the form
answers as "already registered". SQLite needs nothing: its writers take turns, so the form's own
check sees the first registration.

Revision ID: 0018_registration_per_contact
Revises: 0017_mail_built_when_sent
Create Date: 2026-11-25 21:40:00
"""
from alembic import op


revision = '0018_registration_per_contact'
down_revision = '0017_mail_built_when_sent'
branch_labels = None
depends_on = None

# Locks are taken email first, then phone, so two commits never wait for each other in a circle.
PG_FUNCTION = """
CREATE FUNCTION registrations_one_per_contact() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
DECLARE
    contact_email text;
    contact_phone text;
    other record;
BEGIN
    SELECT lower(email), phone INTO contact_email, contact_phone FROM people WHERE id = NEW.person_id;
    IF contact_email IS NOT NULL THEN
        PERFORM pg_advisory_xact_lock(hashtextextended('registration ' || NEW.event_id || ' ' || contact_email, 0));
    END IF;
    IF contact_phone IS NOT NULL THEN
        PERFORM pg_advisory_xact_lock(hashtextextended('registration ' || NEW.event_id || ' ' || contact_phone, 0));
    END IF;
    -- From the few people with this email or phone to their registration for the event, by
    -- index each (a plan over the event's registrations would grow with every registration).
    FOR other IN SELECT id FROM people WHERE lower(email) = contact_email
                 UNION ALL SELECT id FROM people WHERE phone = contact_phone LOOP
        IF EXISTS (SELECT FROM registrations WHERE event_id = NEW.event_id AND person_id = other.id
                   AND id <> NEW.id AND status IN ('confirmed', 'waitlisted')) THEN
            RAISE unique_violation USING
                MESSAGE = 'this email or phone is already registered for the event',
                CONSTRAINT = 'registrations_one_per_contact';
        END IF;
    END LOOP;
    RETURN NULL;
END
$$
"""


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(PG_FUNCTION)
    op.execute("CREATE CONSTRAINT TRIGGER registrations_one_per_contact_insert AFTER INSERT ON registrations "
               "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
               "WHEN (NEW.status IN ('confirmed', 'waitlisted')) "
               "EXECUTE FUNCTION registrations_one_per_contact()")
    op.execute("CREATE CONSTRAINT TRIGGER registrations_one_per_contact_update AFTER UPDATE OF status "
               "ON registrations DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
               "WHEN (NEW.status IN ('confirmed', 'waitlisted') AND OLD.status NOT IN ('confirmed', 'waitlisted')) "
               "EXECUTE FUNCTION registrations_one_per_contact()")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS registrations_one_per_contact_update ON registrations")
    op.execute("DROP TRIGGER IF EXISTS registrations_one_per_contact_insert ON registrations")
    op.execute("DROP FUNCTION IF EXISTS registrations_one_per_contact()")

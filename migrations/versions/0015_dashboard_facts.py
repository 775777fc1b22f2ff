"""Dashboard facts: per programme and person what the dashboard counts, those facts summed per
cell (reached, sex, community, group), and the people noted as changed since they were counted
(by triggers on registrations, attendance records, people and events); an index for the
dashboard's count of proposals per authority and status.

Revision ID: 0015_dashboard_facts
Revises: 0014_prebuilt_mail
Create Date: 2026-11-25 18:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = "0015_dashboard_facts"
down_revision = "0014_prebuilt_mail"
branch_labels = None
depends_on = None

KINDS = ("consultation", "seminar", "training")

# Who is noted as changed (see umid_events/dashboard/facts.py): table -> (the column naming the
# person, or the event; the columns whose change can change a fact; also on insert and delete?).
NOTED = {
    "registrations": ("person_id", ("event_id", "person_id", "status", "group"), True),
    "attendance_records": ("person_id", ("event_id", "person_id", "present"), True),
    "people": ("id", ("gender", "community_id"), False),
    "events": ("id", ("status", "kind", "programme_id"), False),
}
PG_FUNCTION = """
CREATE FUNCTION dashboard_note_change() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_TABLE_NAME = 'events' THEN
        INSERT INTO dashboard_fact_changes (event_id, claimed) VALUES (NEW.id, false);
    ELSIF TG_TABLE_NAME = 'people' THEN
        INSERT INTO dashboard_fact_changes (person_id, claimed) VALUES (NEW.id, false);
    ELSE
        IF TG_OP <> 'INSERT' THEN
            INSERT INTO dashboard_fact_changes (person_id, claimed) VALUES (OLD.person_id, false);
        END IF;
        IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.person_id IS DISTINCT FROM OLD.person_id) THEN
            INSERT INTO dashboard_fact_changes (person_id, claimed) VALUES (NEW.person_id, false);
        END IF;
    END IF;
    RETURN NULL;
END
$$
"""


def _quoted(column):
    return f'"{column}"'


def _create_triggers(dialect):
    if dialect == "postgresql":
        op.execute(PG_FUNCTION)
    for table, (key, columns, inserts) in NOTED.items():
        changed = " OR ".join(f"OLD.{_quoted(c)} IS DISTINCT FROM NEW.{_quoted(c)}" for c in columns)
        listed = ", ".join(_quoted(c) for c in columns)
        if dialect == "postgresql":
            op.execute(f"CREATE TRIGGER dashboard_{table}_update AFTER UPDATE OF {listed} ON {table} "
                       f"FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION dashboard_note_change()")
            if inserts:
                op.execute(f"CREATE TRIGGER dashboard_{table}_insert_delete AFTER INSERT OR DELETE ON {table} "
                           "FOR EACH ROW EXECUTE FUNCTION dashboard_note_change()")
            continue
        column = "event_id" if table == "events" else "person_id"
        note = "INSERT INTO dashboard_fact_changes ({column}, claimed) VALUES ({row}.{key}, 0);"
        moved = (" INSERT INTO dashboard_fact_changes (person_id, claimed) SELECT NEW.person_id, 0"
                 " WHERE NEW.person_id IS NOT OLD.person_id;") if key == "person_id" else ""
        op.execute(f"CREATE TRIGGER dashboard_{table}_update AFTER UPDATE OF {listed} ON {table} "
                   f"FOR EACH ROW WHEN {changed.replace('IS DISTINCT FROM', 'IS NOT')} "
                   f"BEGIN {note.format(column=column, row='OLD', key=key)}{moved} END")
        if inserts:
            op.execute(f"CREATE TRIGGER dashboard_{table}_insert AFTER INSERT ON {table} FOR EACH ROW "
                       f"BEGIN {note.format(column=column, row='NEW', key=key)} END")
            op.execute(f"CREATE TRIGGER dashboard_{table}_delete AFTER DELETE ON {table} FOR EACH ROW "
                       f"BEGIN {note.format(column=column, row='OLD', key=key)} END")


def _drop_triggers(dialect):
    # IF EXISTS: on SQLite a later migration that rebuilt one of these tables (batch mode copies
    # it) has dropped its triggers with the old table.
    for table, (_key, _columns, inserts) in NOTED.items():
        if dialect == "postgresql":
            names = ["update", "insert_delete"] if inserts else ["update"]
            for name in names:
                op.execute(f"DROP TRIGGER IF EXISTS dashboard_{table}_{name} ON {table}")
        else:
            for name in (["update", "insert", "delete"] if inserts else ["update"]):
                op.execute(f"DROP TRIGGER IF EXISTS dashboard_{table}_{name}")
    if dialect == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS dashboard_note_change()")


def _counts(*names):
    return [sa.Column(name, sa.Integer(), nullable=False) for name in names]


def upgrade():
    per_kind = [f"{prefix}_{kind}" for prefix in ("registered", "present") for kind in KINDS]
    op.create_table(
        "dashboard_person_facts",
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("gender", sa.String(length=32), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=True),
        sa.Column("reached", sa.Boolean(), nullable=False),
        sa.Column("group", sa.String(length=32), nullable=True),
        sa.Column("registered", sa.Boolean(), nullable=False),
        *_counts(*per_kind),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_dashboard_person_facts_person_id_people")),
        sa.ForeignKeyConstraint(["programme_id"], ["programmes.id"],
                                name=op.f("fk_dashboard_person_facts_programme_id_programmes")),
        sa.PrimaryKeyConstraint("programme_id", "person_id", name=op.f("pk_dashboard_person_facts")),
    )
    with op.batch_alter_table("dashboard_person_facts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dashboard_person_facts_person_id"), ["person_id"], unique=False)

    op.create_table(
        "dashboard_reach_cells",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("reached", sa.Boolean(), nullable=False),
        sa.Column("gender", sa.String(length=32), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=True),
        sa.Column("group", sa.String(length=32), nullable=True),
        *_counts("people", "registered_people", *per_kind),
        sa.ForeignKeyConstraint(["programme_id"], ["programmes.id"],
                                name=op.f("fk_dashboard_reach_cells_programme_id_programmes")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dashboard_reach_cells")),
    )
    with op.batch_alter_table("dashboard_reach_cells", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dashboard_reach_cells_programme_id"), ["programme_id"], unique=False)

    op.create_table(
        "dashboard_fact_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("claimed", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dashboard_fact_changes")),
    )
    op.create_index("ix_proposals_authority_id_status", "proposals",
                    ["authority_id", "status", "event_id", "created_at"], unique=False)
    dialect = op.get_bind().dialect.name
    _create_triggers(dialect)
    # Facts of the data already there: every person of every event is noted as changed, and the
    # first computation of the figures counts them.
    op.execute(f"INSERT INTO dashboard_fact_changes (event_id, claimed) SELECT id, "
               f"{'false' if dialect == 'postgresql' else 0} FROM events")


def downgrade():
    _drop_triggers(op.get_bind().dialect.name)
    op.drop_index("ix_proposals_authority_id_status", table_name="proposals")
    op.drop_table("dashboard_fact_changes")
    with op.batch_alter_table("dashboard_reach_cells", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dashboard_reach_cells_programme_id"))
    op.drop_table("dashboard_reach_cells")
    with op.batch_alter_table("dashboard_person_facts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dashboard_person_facts_person_id"))
    op.drop_table("dashboard_person_facts")

"""insert_loaded: one plain INSERT, and an object the session treats as loaded."""

from __future__ import annotations

import sqlalchemy as sa

from umid_events.core.rows import attach_loaded, insert_loaded, insert_statement, row_parameters
from umid_events.directory.models import Gender, Person
from umid_events.extensions import db


def _statements(connection_events: list[str]):
    def record(_conn, _cursor, statement, *_args):
        connection_events.append(statement.split()[0].upper())
    return record


def test_the_row_is_written_with_its_defaults_and_read_without_another_query(app_context):
    statements: list[str] = []
    listener = _statements(statements)
    sa.event.listen(db.engine, "before_cursor_execute", listener)
    try:
        person = Person(full_name="Aygün Məmmədova", email="aygun@example.org")
        insert_loaded(person)
        assert statements == ["INSERT"]
        # Python-side defaults and the validators' search keys are on the object and in the row.
        assert (person.gender, person.language) == (Gender.NOT_STATED, "az")
        assert person.created_at is not None and person.name_sort
        assert person in db.session and db.session.get(Person, person.id) is person
        assert statements == ["INSERT"]
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", listener)
    db.session.commit()
    db.session.expire_all()
    stored = db.session.get(Person, person.id)
    assert (stored.full_name, stored.email, stored.gender) == ("Aygün Məmmədova", "aygun@example.org",
                                                               Gender.NOT_STATED)
    assert stored.search_text and stored.name_sort == person.name_sort


def test_changes_after_the_insert_are_flushed_as_usual(app_context):
    person = Person(full_name="Rəşad Quliyev")
    insert_loaded(person)
    person.phone = "+994557654321"
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Person, person.id).phone == "+994557654321"


def test_a_rollback_takes_the_row_away(app_context):
    person = Person(full_name="Gələcək Şəxs")
    insert_loaded(person)
    new_id = person.id
    db.session.rollback()
    assert db.session.get(Person, new_id) is None


_SAME_EMAIL = sa.exists().where(Person.__table__.c.email == sa.bindparam("taken_email"))
_UNLESS_TAKEN = insert_statement(Person.__table__, unless=_SAME_EMAIL)


def test_nothing_is_written_while_the_condition_holds(app_context):
    first = Person(full_name="Birinci", email="eyni@example.org")
    assert insert_loaded(first, _UNLESS_TAKEN, taken_email="eyni@example.org") is True
    second = Person(full_name="İkinci", email="eyni@example.org")
    assert insert_loaded(second, _UNLESS_TAKEN, taken_email="eyni@example.org") is False
    assert second not in db.session and second.id is None
    db.session.commit()
    assert db.session.scalars(sa.select(Person.full_name)).all() == ["Birinci"]


_SHOUTED = insert_statement(Person.__table__, computed={
    "name_sort": sa.func.upper(sa.bindparam("shout", type_=sa.String))})


def test_computed_columns_come_back_on_the_object(app_context):
    person = Person(full_name="Leyla")
    assert insert_loaded(person, _SHOUTED, shout="leyla")
    assert person.name_sort == "LEYLA"  # what SQL wrote, not what the validator computed
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Person, person.id).name_sort == "LEYLA"


def test_objects_written_by_a_statement_of_ones_own_are_attached_as_loaded(app_context):
    """What a caller writing several rows at once does: the row's parameters (defaults filled
    in, on the object too), its own statement, then the object attached with what came back."""
    person = Person(full_name="Nərgiz Əliyeva", email="nargiz@example.org")
    parameters = row_parameters(person, "p_", computed=("name_sort",))
    assert parameters["p_email"] == "nargiz@example.org" and parameters["p_language"] == "az"
    assert "p_id" not in parameters and "p_name_sort" not in parameters
    assert person.created_at is not None  # the default, on the object as in the row
    statement = insert_statement(Person.__table__, prefix="p_", computed={"name_sort": sa.literal("n")})
    row = db.session.execute(statement, parameters).first()
    attach_loaded(person, row._mapping)
    assert person in db.session and (person.id, person.name_sort) == (row.id, "n")
    person.phone = "+994501112233"
    db.session.commit()
    db.session.expire_all()
    stored = db.session.get(Person, person.id)
    assert (stored.email, stored.phone, stored.name_sort) == ("nargiz@example.org", "+994501112233", "n")

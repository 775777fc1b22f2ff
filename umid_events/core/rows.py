"""Writing new objects as plain INSERTs, for the few paths where every millisecond counts.

The unit of work's flush (sorting, dependency processing, history, refreshing the defaults it
fetched) costs several times the INSERT it emits: on the public registration form, flushing a
new person and their registration was a third of the request. ``insert_loaded`` writes the row
with one Core ``INSERT … RETURNING id`` and attaches the object to the session as if it had
been loaded by a query (``make_transient_to_detached``), so the code that follows reads and
changes it as any other object, without another SELECT.

``insert_statement`` builds, once, an INSERT that does more in the same round trip: write
nothing when a condition holds (``unless``), take some columns' values from SQL instead of the
object (``computed``), with data-modifying ``ctes`` on PostgreSQL (another object's INSERT,
an UPDATE). A caller that writes several objects with one statement gives it their
``row_parameters`` and attaches each with ``attach_loaded``.

Only for simple mapped classes (one table, an integer primary key): no cascades, no mapper
events, no relationship set (set the foreign-key column instead).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import sqlalchemy as sa
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value

from ..extensions import db

NEW = "new_"
_plain: dict[sa.Table, sa.Insert] = {}


def insert_statement(table: sa.Table, *, prefix: str = NEW,
                     unless: sa.ColumnElement[bool] | None = None,
                     computed: Mapping[str, sa.ColumnElement] | None = None,
                     ctes: Sequence[sa.CTE] = ()) -> sa.Insert:
    """``INSERT INTO table (…) SELECT :new_column, … [WHERE NOT unless] RETURNING id, computed…``.

    Every column but the primary key is a bind parameter named ``prefix`` + the column's key,
    except those in ``computed``, whose values are SQL expressions. (Named by the bare key, they
    would also become SET values of an UPDATE in ``ctes`` whose table has a column of that
    name.) ``unless`` and the expressions name their own parameters otherwise. ``ctes`` are
    rendered at the top of the INSERT, in this order (PostgreSQL allows a data-modifying
    ``WITH`` only there). Build it once, at import.
    """
    computed = dict(computed or {})
    (primary_key,) = table.primary_key.columns
    columns = [column for column in table.columns if column is not primary_key]
    values = sa.select(*(computed[column.key] if column.key in computed
                         else sa.bindparam(prefix + column.key, type_=column.type) for column in columns))
    if unless is not None:
        values = values.where(sa.not_(unless))
    statement = (sa.insert(table).from_select(columns, values)
                 .returning(primary_key, *(table.c[key] for key in computed)))
    for cte in ctes:
        statement = statement.add_cte(cte)
    return statement


def row_parameters(instance, prefix: str = NEW, *, computed: Iterable[str] = ()) -> dict:
    """The parameters of ``instance``'s row for an ``insert_statement`` (its primary key and the
    ``computed`` columns left out); columns left unset take their Python-side default, on the
    object too (a server default is not read back)."""
    mapper = sa.inspect(type(instance))
    state = sa.inspect(instance)
    (primary_key,) = mapper.local_table.primary_key.columns
    parameters = {}
    for attr in mapper.column_attrs:
        (column,) = attr.columns
        if column is primary_key or column.key in computed:
            continue
        if attr.key not in state.dict:
            set_committed_value(instance, attr.key, _python_default(column))
        parameters[prefix + column.key] = state.dict[attr.key]
    return parameters


def attach_loaded(instance, returned: Mapping[str, object]) -> None:
    """Make ``instance``, just written, persistent in the session, with the ``returned`` column
    values (its primary key, what SQL computed) as if loaded."""
    mapper = sa.inspect(type(instance))
    table = mapper.local_table
    for key, value in returned.items():
        set_committed_value(instance, mapper.get_property_by_column(table.c[key]).key, value)
    make_transient_to_detached(instance)
    db.session.add(instance)


def insert_loaded(instance, statement: sa.Insert | None = None, /, **parameters) -> bool:
    """INSERT ``instance`` (a new object, not in a session) and make it persistent in the session.

    ``statement`` is one of ``insert_statement`` for this object's table, with the default
    prefix (a plain INSERT when omitted), ``parameters`` the values of its own bind parameters. The primary key, and the
    columns the statement computes, come back from ``RETURNING``. Returns False, leaving the
    object out of the session, when the statement wrote no row (its ``unless`` held).
    """
    if statement is None:
        table = sa.inspect(type(instance)).local_table
        statement = _plain.get(table)
        if statement is None:
            statement = _plain[table] = table.insert().returning(*table.primary_key.columns)
        row = db.session.execute(statement, row_parameters(instance, "")).first()
    else:
        returned = [described["name"] for described in statement.returning_column_descriptions]
        parameters.update(row_parameters(instance, computed=returned[1:]))
        row = db.session.execute(statement, parameters).first()
    if row is None:
        return False
    attach_loaded(instance, row._mapping)
    return True


def _python_default(column: sa.Column):
    default = column.default
    if default is None:
        return None
    if default.is_scalar:
        return default.arg
    if default.is_callable:
        return default.arg(None)  # the defaults used here take no execution context
    raise TypeError(f"{column} has a default insert_loaded cannot compute")

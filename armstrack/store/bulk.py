"""Loading many rows at once: ``COPY`` on PostgreSQL, batched ``executemany`` elsewhere.

For loads that bypass merging (imports of a trade register, benchmarks): rows go
straight into one table, in the caller's transaction.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping
from enum import Enum
from typing import Any

from sqlalchemy import Connection, Table, insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.schema import AddConstraint, DropConstraint

__all__ = ["bulk_insert"]


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _copy(connection: Connection, table: Table, columns: list[str], rows: Iterator[Any]) -> int:
    preparer = connection.dialect.identifier_preparer
    names = ", ".join(preparer.quote(table.c[c].name) for c in columns)
    copy_sql = f"COPY {preparer.format_table(table)} ({names}) FROM STDIN"
    raw: Any = connection.connection.driver_connection
    dbapi_error: type[Exception] = connection.dialect.loaded_dbapi.Error
    count = 0
    try:
        with raw.cursor() as cursor, cursor.copy(copy_sql) as copy:
            for row in rows:
                copy.write_row([_plain(row[c]) for c in columns])
                count += 1
    except dbapi_error as exc:  # raise as SQLAlchemy does (IntegrityError, DataError, ...)
        raise DBAPIError.instance(copy_sql, None, exc, dbapi_error) from exc
    return count


def _executemany_plain(
    connection: Connection, statement: Any, rows: Iterator[Any], size: int
) -> int:
    count = 0
    while batch := list(itertools.islice(rows, size)):
        connection.execute(statement, batch)
        count += len(batch)
    return count


def _executemany(
    connection: Connection, table: Table, columns: list[str], rows: Iterator[Any], size: int
) -> int:
    statement = insert(table)
    count = 0
    if connection.dialect.paramstyle != "qmark":
        return _executemany_plain(connection, statement, rows, size)
    # Compile once and convert values column by column with the columns' own bind
    # processors: SQLAlchemy would build and process a parameter dict per row.
    compiled = statement.compile(dialect=connection.dialect, column_keys=columns)
    order = [compiled.binds[name].key for name in compiled.positiontup or ()]
    processors = [table.c[key].type.bind_processor(connection.dialect) for key in order]
    defaults: dict[str, Any] = {}
    for key in order:
        if key not in columns:  # a column the rows leave out: its scalar default
            default = table.c[key].default
            if default is None or not default.is_scalar:
                return count + _executemany_plain(connection, statement, rows, size)
            value = getattr(default, "arg", None)
            process = table.c[key].type.bind_processor(connection.dialect)
            defaults[key] = process(value) if process else value
    sql = str(compiled)
    while batch := list(itertools.islice(rows, size)):
        values = [
            [defaults[key]] * len(batch)
            if key in defaults
            else [process(row[key]) for row in batch]
            if process
            else [row[key] for row in batch]
            for key, process in zip(order, processors, strict=True)
        ]
        connection.exec_driver_sql(sql, list(zip(*values, strict=True)))
        count += len(batch)
    return count


def bulk_insert(
    connection: Connection,
    table: Table,
    rows: Iterable[Mapping[str, Any]],
    *,
    batch_size: int = 50_000,
    rebuild_indexes: bool = False,
) -> int:
    """Insert *rows* (dicts keyed by column name, all with the same keys) into *table*.

    Uses ``COPY ... FROM STDIN`` on PostgreSQL through psycopg 3, and ``executemany`` of
    the Core ``insert()`` in batches of *batch_size* elsewhere. With *rebuild_indexes*
    the table's secondary indexes are dropped first and built again after the load (in
    the same transaction): much faster for loads that are large against the table.
    Returns the number of rows inserted.
    """
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        return 0
    everything = itertools.chain([first], iterator)
    columns = list(first)
    postgresql = connection.dialect.name == "postgresql"
    indexes = sorted(table.indexes, key=lambda index: str(index.name)) if rebuild_indexes else []
    # PostgreSQL checks a foreign key row by row with a trigger; added back after the
    # load, it is validated by one join instead. (SQLite cannot drop a constraint.)
    foreign_keys = (
        sorted(table.foreign_key_constraints, key=lambda fk: str(fk.name))
        if rebuild_indexes and postgresql
        else []
    )
    for fk in foreign_keys:
        connection.execute(DropConstraint(fk))
    if indexes and postgresql:  # room to sort index entries in memory, this transaction only
        connection.exec_driver_sql("SET LOCAL maintenance_work_mem = '256MB'")
    for index in indexes:
        index.drop(connection)
    if postgresql and connection.dialect.driver == "psycopg":
        count = _copy(connection, table, columns, everything)
    else:
        count = _executemany(connection, table, columns, everything, batch_size)
    for index in indexes:
        index.create(connection)
    for fk in foreign_keys:
        connection.execute(AddConstraint(fk))
    return count

"""Loading many rows at once: ``COPY`` on PostgreSQL, compiled ``executemany`` elsewhere.

For loads that bypass merging (imports of a trade register, benchmarks): rows go
straight into one table, in the caller's transaction.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterable, Iterator, Mapping, Sequence
from enum import Enum
from typing import Any, cast

from sqlalchemy import Connection, Table, insert, text
from sqlalchemy.exc import DBAPIError

__all__ = ["bulk_insert"]


def _tuples(
    rows: Iterable[Mapping[str, Any]] | Iterable[Sequence[Any]], columns: Sequence[str] | None
) -> tuple[list[str], Iterator[Sequence[Any]]]:
    """Return the column names and the rows as sequences of values in that order."""
    if columns is not None:
        return list(columns), iter(cast("Iterable[Sequence[Any]]", rows))
    mappings = iter(cast("Iterable[Mapping[str, Any]]", rows))
    first = next(mappings, None)
    if first is None:
        return [], iter(())
    names = list(first)
    everything = itertools.chain([first], mappings)
    if len(names) == 1:
        return names, ((row[names[0]],) for row in everything)
    return names, map(operator.itemgetter(*names), everything)


def _copy(connection: Connection, table: Table, columns: list[str], rows: Iterator[Any]) -> int:
    from psycopg.adapt import Dumper  # the pg extra; only reached on psycopg connections

    class EnumValueDumper(Dumper):
        """Dump an enum member by its value, as the column types store it."""

        def dump(self, obj: Any) -> bytes:
            return str(obj.value).encode()

    preparer = connection.dialect.identifier_preparer
    names = ", ".join(preparer.quote(table.c[c].name) for c in columns)
    copy_sql = f"COPY {preparer.format_table(table)} ({names}) FROM STDIN"
    raw: Any = connection.connection.driver_connection
    dbapi_error: type[Exception] = connection.dialect.loaded_dbapi.Error
    count = 0
    try:
        with raw.cursor() as cursor:
            # Members of str enums are dumped as str already; this covers the others.
            cursor.adapters.register_dumper(Enum, EnumValueDumper)
            with cursor.copy(copy_sql) as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
    except dbapi_error as exc:  # raise as SQLAlchemy does (IntegrityError, DataError, ...)
        raise DBAPIError.instance(copy_sql, None, exc, dbapi_error) from exc
    return count


def _executemany_plain(
    connection: Connection, table: Table, columns: list[str], rows: Iterator[Any], size: int
) -> int:
    count = 0
    while batch := list(itertools.islice(rows, size)):
        connection.execute(insert(table), [dict(zip(columns, row, strict=True)) for row in batch])
        count += len(batch)
    return count


def _executemany(
    connection: Connection, table: Table, columns: list[str], rows: Iterator[Any], size: int
) -> int:
    if connection.dialect.paramstyle != "qmark":
        return _executemany_plain(connection, table, columns, rows, size)
    # Compile once and convert values column by column with the columns' own bind
    # processors: SQLAlchemy would build and process a parameter dict per row.
    compiled = insert(table).compile(dialect=connection.dialect, column_keys=columns)
    order = [compiled.binds[name].key for name in compiled.positiontup or ()]
    defaults: dict[str, Any] = {}
    for key in order:
        if key not in columns:  # a column the rows leave out: its scalar default
            default = table.c[key].default
            if default is None or not default.is_scalar:
                return _executemany_plain(connection, table, columns, rows, size)
            value = getattr(default, "arg", None)
            process = table.c[key].type.bind_processor(connection.dialect)
            defaults[key] = process(value) if process else value
    processors = [table.c[key].type.bind_processor(connection.dialect) for key in order]
    as_given = order == columns and not any(processors)
    # Each column's values are picked out of the rows by position (C loops, no
    # transposing a batch as zip(*batch) would, which is slow for wide batches).
    pickers = {key: operator.itemgetter(position) for position, key in enumerate(columns)}
    sql = str(compiled)
    count = 0
    while batch := list(itertools.islice(rows, size)):
        if not as_given:
            if set(map(len, batch)) != {len(columns)}:
                raise ValueError(f"every row must hold {len(columns)} values: {columns}")
            values = [
                itertools.repeat(defaults[key], len(batch))
                if key in defaults
                else map(process, map(pickers[key], batch))
                if process
                else map(pickers[key], batch)
                for key, process in zip(order, processors, strict=True)
            ]
            batch = list(zip(*values, strict=True))
        connection.exec_driver_sql(sql, batch)
        count += len(batch)
    return count


def _secondary_indexes(connection: Connection, table: Table) -> list[tuple[str, str]]:
    """Return the name and ``CREATE INDEX`` statement of each index the database holds
    on *table*, except those backing a primary key or unique constraint.

    Read from the database, not the models, so that exactly what the migrations built
    is built again.
    """
    if connection.dialect.name == "sqlite":
        query = text(
            "SELECT name, sql FROM sqlite_master"
            " WHERE type = 'index' AND tbl_name = :table AND sql IS NOT NULL ORDER BY name"
        )
        return [(n, s) for n, s in connection.execute(query, {"table": table.name})]
    query = text(
        "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x"
        " JOIN pg_class i ON i.oid = x.indexrelid"
        " WHERE x.indrelid = CAST(:table AS regclass)"
        " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)"
        " ORDER BY i.relname"
    )
    name = connection.dialect.identifier_preparer.format_table(table)
    return [(n, s) for n, s in connection.execute(query, {"table": name})]


def _foreign_keys(connection: Connection, table: Table) -> list[tuple[str, str]]:
    """Return the name and definition of each foreign key of *table* (PostgreSQL)."""
    query = text(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE conrelid = CAST(:table AS regclass) AND contype = 'f' ORDER BY conname"
    )
    name = connection.dialect.identifier_preparer.format_table(table)
    return [(n, s) for n, s in connection.execute(query, {"table": name})]


def bulk_insert(
    connection: Connection,
    table: Table,
    rows: Iterable[Mapping[str, Any]] | Iterable[Sequence[Any]],
    *,
    columns: Sequence[str] | None = None,
    batch_size: int = 50_000,
    rebuild_indexes: bool = False,
) -> int:
    """Insert *rows* into *table* in the caller's transaction; return how many.

    *rows* are mappings keyed by column name, all with the same keys; or, given
    *columns*, sequences (tuples) of values in the order of *columns*, which saves
    looking every value up by name. Columns the rows leave out get their defaults.

    Uses ``COPY ... FROM STDIN`` on PostgreSQL through psycopg 3, and ``executemany`` of
    the Core ``insert()``, compiled once, in batches of *batch_size* elsewhere.

    With *rebuild_indexes* the table's secondary indexes (as the database holds them)
    are dropped first and built again after the load, in the same transaction: much
    faster for loads that are large against the table. On PostgreSQL the table's
    foreign keys are dropped too and added back after the load, where one join
    validates them instead of a check per row. SQLite settings are left alone.

    >>> from sqlalchemy import Column, Integer, MetaData, String, create_engine
    >>> names = Table("names", MetaData(), Column("id", Integer, primary_key=True),
    ...               Column("name", String))
    >>> with create_engine("sqlite://").begin() as connection:
    ...     names.create(connection)
    ...     bulk_insert(connection, names, [("Ada",), ("Grace",)], columns=["name"])
    2
    """
    names, tuples = _tuples(rows, columns)
    first = next(tuples, None)
    if first is None:
        return 0
    everything = itertools.chain([first], tuples)
    postgresql = connection.dialect.name == "postgresql"
    indexes = _secondary_indexes(connection, table) if rebuild_indexes else []
    # PostgreSQL checks a foreign key row by row with a trigger; added back after the
    # load, it is validated by one join instead. (SQLite cannot drop a constraint.)
    foreign_keys = _foreign_keys(connection, table) if rebuild_indexes and postgresql else []
    preparer = connection.dialect.identifier_preparer
    name = preparer.format_table(table)
    schema = f"{preparer.quote_schema(table.schema)}." if table.schema else ""
    for key, _ in foreign_keys:
        connection.exec_driver_sql(f"ALTER TABLE {name} DROP CONSTRAINT {preparer.quote(key)}")
    if indexes and postgresql:  # room to sort index entries in memory, this transaction only
        connection.exec_driver_sql("SET LOCAL maintenance_work_mem = '256MB'")
    for index, _ in indexes:
        connection.exec_driver_sql(f"DROP INDEX {schema}{preparer.quote(index)}")
    if postgresql and connection.dialect.driver == "psycopg":
        count = _copy(connection, table, names, everything)
    else:
        count = _executemany(connection, table, names, everything, batch_size)
    for _, create in indexes:
        connection.exec_driver_sql(create)
    for key, definition in foreign_keys:
        connection.exec_driver_sql(
            f"ALTER TABLE {name} ADD CONSTRAINT {preparer.quote(key)} {definition}"
        )
    return count

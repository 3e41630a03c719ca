"""Alembic, driven from code: the schema of every database comes from the migrations.

The migration scripts are found in the installed wheel (``armstrack/_data/alembic``) or,
in a checkout, in ``alembic/`` at the top of the repository. No ``alembic.ini`` is needed;
the ``alembic`` command in a checkout reads ``[tool.alembic]`` from ``pyproject.toml``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Any

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, func, inspect, select

from alembic import command
from armstrack.store.session import WRITE, WRITE_LOCK, make_engine

__all__ = [
    "MigrationError",
    "SchemaState",
    "alembic_config",
    "current",
    "database_state",
    "downgrade",
    "downgrade_database",
    "downgrade_engine",
    "head",
    "migrating",
    "schema_state",
    "script_location",
    "upgrade",
    "upgrade_database",
    "upgrade_engine",
]


class SchemaState(StrEnum):
    """How a database's schema stands against the migrations this armstrack ships."""

    EMPTY = "empty"  # no tables at all: open() may create the schema
    CURRENT = "current"  # at the head revision
    BEHIND = "behind"  # an older revision: run ``armstrack db upgrade``
    UNKNOWN = "unknown"  # tables without our version, or a revision we do not know


def script_location() -> Path:
    """Return the folder of the migration scripts: inside the wheel, else the checkout's."""
    packaged = Path(__file__).resolve().parent.parent / "_data" / "alembic"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent.parent / "alembic"


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Config:
    """Return an Alembic configuration for *connection* (or *url*), built in code."""
    config = Config()
    config.set_main_option("script_location", str(script_location()))
    config.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Upgrade the database behind *connection* to *revision* (default: the head).

    On SQLite the connection must have foreign keys off: use :func:`migrating` or
    :func:`upgrade_engine`, which see to it.
    """
    command.upgrade(alembic_config(connection), revision)


def downgrade(connection: Connection, revision: str) -> None:
    """Downgrade the database behind *connection* to *revision* (``base``: drop everything).

    On SQLite use :func:`migrating` or :func:`downgrade_engine` (foreign keys off).
    """
    command.downgrade(alembic_config(connection), revision)


def current(connection: Connection) -> str | None:
    """Return the revision the database is at, or ``None`` if it has none."""
    return MigrationContext.configure(connection).get_current_revision()


def head() -> str:
    """Return the head revision of the shipped migrations."""
    revision = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if revision is None:  # pragma: no cover - the package always ships migrations
        raise RuntimeError("no migrations found")
    return revision


def schema_state(connection: Connection) -> SchemaState:
    """Tell whether the database is empty, current, behind or unknown."""
    revision = current(connection)
    if revision is None:
        tables = set(inspect(connection).get_table_names()) - {"alembic_version"}
        return SchemaState.UNKNOWN if tables else SchemaState.EMPTY
    script = ScriptDirectory.from_config(alembic_config())
    if revision == script.get_current_head():
        return SchemaState.CURRENT
    known = {rev.revision for rev in script.walk_revisions()}
    return SchemaState.BEHIND if revision in known else SchemaState.UNKNOWN


class MigrationError(RuntimeError):
    """A migration left the database inconsistent (and was rolled back)."""


@contextmanager
def migrating(engine: Engine) -> Iterator[Connection]:
    """Yield a connection in a transaction that is safe to migrate in, and commit it.

    On SQLite, foreign keys are switched off for the migration: batch mode alters a table
    by copying it and dropping the original, and with foreign keys on, that drop would
    run the ``ON DELETE CASCADE`` of every referring table and empty it. The references
    are checked before the commit (``PRAGMA foreign_key_check``) and foreign keys are on
    again afterwards.
    """
    # A migration is a writer like any other: it takes the store's write lock, so two
    # processes opening an empty database do not both create the schema.
    with engine.connect().execution_options(**{WRITE: True}) as connection:
        sqlite = connection.dialect.name == "sqlite"
        raw: Any = connection.connection.driver_connection
        if sqlite:  # must happen outside a transaction, hence on the DBAPI connection
            raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                if connection.dialect.name == "postgresql":
                    connection.execute(select(func.pg_advisory_xact_lock(WRITE_LOCK)))
                yield connection
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise MigrationError(f"broken references after migrating: {broken[:5]}")
        finally:
            if sqlite:
                raw.execute("PRAGMA foreign_keys = ON")


def upgrade_engine(engine: Engine, revision: str = "head") -> str | None:
    """Upgrade the database of *engine* to *revision* (see :func:`migrating`)."""
    with migrating(engine) as connection:
        upgrade(connection, revision)
    with engine.connect() as connection:
        return current(connection)


def downgrade_engine(engine: Engine, revision: str) -> str | None:
    """Downgrade the database of *engine* to *revision* (see :func:`migrating`)."""
    with migrating(engine) as connection:
        downgrade(connection, revision)
    with engine.connect() as connection:
        return current(connection)


def upgrade_database(url: str | None = None, revision: str = "head") -> str | None:
    """Upgrade the database at *url* (default location if ``None``); return its new revision."""
    engine = make_engine(url)
    try:
        return upgrade_engine(engine, revision)
    finally:
        engine.dispose()


def downgrade_database(url: str | None, revision: str) -> str | None:
    """Downgrade the database at *url* to *revision*; return its new revision."""
    engine = make_engine(url)
    try:
        return downgrade_engine(engine, revision)
    finally:
        engine.dispose()


def database_state(url: str | None = None) -> tuple[str | None, SchemaState]:
    """Return the revision of the database at *url* and how it stands against the head."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return current(connection), schema_state(connection)
    finally:
        engine.dispose()

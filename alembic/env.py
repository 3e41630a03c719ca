"""Alembic environment of armstrack: migrations of the store's tables.

A caller in code passes an open connection in ``config.attributes["connection"]``
(see :mod:`armstrack.store.migrate`); the ``alembic`` command connects to
``-x url=...``, ``sqlalchemy.url`` or, if neither is set, to the URL armstrack itself would use.
SQLite gets batch mode, since it alters tables only by copying them.
"""

from __future__ import annotations

from alembic.util import CommandError
from sqlalchemy import Connection
from sqlalchemy.pool import NullPool

from alembic import context
from armstrack.store import tables  # noqa: F401 - registers the tables on the metadata
from armstrack.store.base import Base
from armstrack.store.migrate import migrating
from armstrack.store.session import make_engine, resolve_url

config = context.config
target_metadata = Base.metadata


def _url() -> str:
    """Return ``-x url=...``, else ``sqlalchemy.url``, else armstrack's own default URL."""
    given = context.get_x_argument(as_dictionary=True).get("url")
    if not given:
        try:
            given = config.get_main_option("sqlalchemy.url")
        except CommandError:  # no ini file: configured from pyproject.toml only
            given = None
    return resolve_url(given)


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    """Write the SQL of the migrations instead of running them."""
    url = _url()
    context.configure(
        url=url,
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=url.startswith("sqlite"),
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Run the migrations on the given connection, or on a new one."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        return
    engine = make_engine(_url(), poolclass=NullPool)
    with migrating(engine) as new_connection:  # foreign keys off on SQLite
        _configure(new_connection)
    engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()

"""Where the database is, and engines and sessions for it.

The database URL is, in order: the argument, ``$ARMSTRACK_DATABASE_URL``, else a SQLite
file in the user's data folder, ``$XDG_DATA_HOME/armstrack/armstrack.sqlite`` (by default
``~/.local/share/armstrack/armstrack.sqlite``; ``%LOCALAPPDATA%`` on Windows). PostgreSQL
is reached through psycopg 3: ``postgresql+psycopg://user@host:5432/dbname``.

>>> resolve_url("sqlite:///:memory:")
'sqlite:///:memory:'
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

__all__ = [
    "SQLITE_WAIT",
    "URL_ENV",
    "WRITE",
    "WRITE_LOCK",
    "default_path",
    "make_engine",
    "make_sessions",
    "resolve_url",
]

#: Environment variable naming the database URL.
URL_ENV = "ARMSTRACK_DATABASE_URL"

#: Seconds a SQLite writer waits for another writer's transaction to end before it fails
#: with "database is locked" (unless the URL sets ``?timeout=SECONDS``).
SQLITE_WAIT = 120.0

#: Execution option of a connection whose transaction writes: on SQLite it begins with
#: ``BEGIN IMMEDIATE``, taking the file's write lock first (waiting up to
#: :data:`SQLITE_WAIT`). A transaction that read before it wrote could not wait: SQLite
#: fails it at once when another writer committed in between.
WRITE = "armstrack_write"


#: The key of the PostgreSQL advisory lock a writing transaction holds (any constant
#: bigint; "armstrk" in ASCII).
WRITE_LOCK = 0x61726D737472_6B


def default_path() -> Path:
    """Return the default SQLite file: ``<user data folder>/armstrack/armstrack.sqlite``."""
    if sys.platform == "win32":  # pragma: no cover - not tested here
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "armstrack" / "armstrack.sqlite"


def resolve_url(url: str | None = None) -> str:
    """Return *url*, else ``$ARMSTRACK_DATABASE_URL``, else the default SQLite file's URL."""
    if url:
        return url
    if env := os.environ.get(URL_ENV):
        return env
    return f"sqlite:///{default_path()}"


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not pysqlite, decide where transactions begin, so SAVEPOINT and
    # transactional DDL work (SQLAlchemy's documented pysqlite recipe).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")  # readers do not block the writer
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA cache_size = -65536")  # 64 MiB: index builds stay in memory
    cursor.execute("PRAGMA temp_store = MEMORY")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    write = connection.get_execution_options().get(WRITE)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def make_engine(url: str | None = None, **kwargs: Any) -> Engine:
    """Create an engine for *url* (see :func:`resolve_url`); SQLite files get WAL and FKs."""
    resolved = make_url(resolve_url(url))
    if resolved.get_backend_name() == "sqlite":
        database = resolved.database
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        if "timeout" not in resolved.query:  # ?timeout=SECONDS in the URL wins
            kwargs["connect_args"] = {"timeout": SQLITE_WAIT, **kwargs.get("connect_args", {})}
        engine = create_engine(resolved, **kwargs)
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(resolved, **kwargs)


def make_sessions(engine: Engine) -> sessionmaker[Session]:
    """Return the session factory the store uses (sessions are used as context managers)."""
    return sessionmaker(engine, expire_on_commit=False)

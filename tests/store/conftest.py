"""Database fixtures: every store test runs on SQLite and, when configured, PostgreSQL.

The schema always comes from the migrations (``alembic upgrade head``), never from
``create_all``. PostgreSQL is reached through ``$ARMSTRACK_TEST_PG_URL`` (CI sets it; the
PostgreSQL parameters are skipped where it is unset); each test session works in its own
throwaway databases, named after the process id, so parallel runs do not collide. Each
test runs inside a transaction that is rolled back; the code under test commits to
savepoints within it (the pattern of pypi/warehouse's ``tests/conftest.py``).
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from armstrack.store import migrate
from armstrack.store.session import make_engine
from armstrack.store.tracker import Tracker

PG_ENV = "ARMSTRACK_TEST_PG_URL"
BACKENDS = ["sqlite", "postgresql"]
_numbers = itertools.count()


@contextmanager
def _pg_database(base_url: str, suffix: str) -> Iterator[str]:
    """Create a PostgreSQL database for this process, yield its URL, drop it after."""
    name = f"armstrack_test_{os.getpid()}_{suffix}"
    admin = create_engine(make_url(base_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def fresh_database(backend: str, tmp_path: Path) -> Iterator[str]:
    """Yield the URL of an empty database of *backend*."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / f'fresh{next(_numbers)}.sqlite'}"
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set")
    with _pg_database(base, f"m{next(_numbers)}") as url:
        yield url


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The name of the database backend a test runs on."""
    if request.param == "postgresql" and not os.environ.get(PG_ENV):
        pytest.skip(f"{PG_ENV} is not set")
    name: str = request.param
    return name


@pytest.fixture
def empty_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database (for migration tests)."""
    with fresh_database(backend, tmp_path) as url:
        yield url


class _Engines:
    """One migrated database per backend for the whole session, made on first use."""

    def __init__(self, stack: ExitStack, tmp: pytest.TempPathFactory) -> None:
        self.stack, self.tmp = stack, tmp
        self.engines: dict[str, Engine] = {}

    def get(self, backend: str) -> Engine:
        if backend not in self.engines:
            if backend == "sqlite":
                url = f"sqlite:///{self.tmp.mktemp('store') / 'test.sqlite'}"
            else:
                url = self.stack.enter_context(_pg_database(os.environ[PG_ENV], "session"))
            engine = make_engine(url)
            self.stack.callback(engine.dispose)
            migrate.upgrade_engine(engine)
            Tracker(sessionmaker(engine)).sync_catalogue()  # reference rows, shared
            self.engines[backend] = engine
        return self.engines[backend]


@pytest.fixture(scope="session")
def _engines(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Engines]:
    with ExitStack() as stack:
        yield _Engines(stack, tmp_path_factory)


@pytest.fixture
def engine(backend: str, _engines: _Engines) -> Engine:
    """The session's migrated engine of this test's backend."""
    return _engines.get(backend)


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction that is rolled back after the test."""
    with engine.connect() as conn:
        transaction = conn.begin()
        try:
            yield conn
        finally:
            transaction.rollback()


@pytest.fixture
def sessions(connection: Connection) -> sessionmaker[Session]:
    """Sessions whose commits become savepoints of the test's transaction."""
    return sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )


@pytest.fixture
def tracker(sessions: sessionmaker[Session]) -> Tracker:
    """A tracker over the test's transaction."""
    return Tracker(sessions)

"""A small store of known deals, on every backend of ``tests/store/conftest.py``.

A pytest plugin: ``tests/conftest.py`` registers it (``pytest_plugins``), so its fixtures
(``backend``, ``engine``, ``session``, ...) serve every test folder, and tests import its
helpers (``from query.fixtures import usd``). The database fixtures are those of the
store's tests, loaded from their file, so that the query and report tests run on SQLite
and (with ``$ARMSTRACK_TEST_PG_URL``) PostgreSQL alike. ``tests/store/conftest.py`` keeps
its own fixtures of the same names for the store's tests: a conftest's fixtures win over
a plugin's in its folder.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from armstrack.fx import to_usd
from armstrack.model import Deal, DealDate, Document, Evidence, Money, SystemLine
from armstrack.store import migrate
from armstrack.store.session import make_engine
from armstrack.store.tracker import Tracker

TESTS = Path(__file__).resolve().parents[1]


def load(path: Path, name: str) -> ModuleType:
    """Import the file *path* once as module *name*."""
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


store = load(TESTS / "store" / "conftest.py", "armstrack_tests_store_conftest")


def _evidence(sentence: str) -> list[Evidence]:
    return [Evidence(start=0, end=len(sentence), sentence=sentence, field="buyer", rule="test")]


#: What each document of the small store reports (one deal each).
DEALS: dict[str, Deal] = {
    "k9": Deal(
        supplier="KOR",
        buyer="POL",
        systems=[SystemLine(name="K9 howitzers", category="artillery", quantity=48)],
        value=Money(amount=Decimal("2400000000"), currency="USD"),
        status="signed",
        evidence=_evidence("Seoul sold 48 K9 howitzers to Warsaw for $2.4 billion."),
    ),
    "f35": Deal(
        supplier="USA",
        buyer="POL",
        systems=[SystemLine(name="F-35A fighters", category="aircraft", quantity=32)],
        value=Money(amount=Decimal("4600000000"), currency="EUR"),
        status="delivered",
        date=DealDate(value=date(2020, 1, 31)),
        evidence=_evidence("Poland bought 32 F-35A fighters from the United States."),
    ),
    "rafale": Deal(
        supplier="FRA",
        buyer="IND",
        systems=[SystemLine(name="Rafale Marine jets", category="aircraft", quantity=26)],
        value=Money(amount=Decimal("5000000000"), currency="TWD"),
        status="approved",
    ),
    "k2": Deal(
        supplier="KOR",
        buyer="POL",
        systems=[SystemLine(name="K2 tanks", category="armoured vehicles", quantity=180)],
        status="signed",
        evidence=_evidence("Warsaw ordered 180 K2 tanks from Hyundai Rotem."),
    ),
    "krab": Deal(
        supplier="POL",
        buyer="UKR",
        systems=[SystemLine(name="Krab howitzers", category="artillery", quantity=18)],
        value=Money(amount=Decimal("1200000000"), currency="PLN"),
        status="delivered",
    ),
}
PUBLISHED = {
    "k9": date(2022, 8, 26),
    "f35": date(2020, 2, 3),
    "rafale": date(2021, 5, 1),
    "k2": date(2022, 8, 27),
    "krab": date(2023, 1, 10),
}
DOCUMENTS = [
    Document(
        id=key,
        text=f"Report {key}.",
        title=f"About {key}",
        url=f"https://news.example/{key}",
        published=PUBLISHED[key],
    )
    for key in DEALS
]


def usd(key: str) -> Decimal:
    """The value in USD the store should hold for the deal of document *key*."""
    deal = DEALS[key]
    assert deal.value is not None
    on = deal.date.value if deal.date else PUBLISHED[key]
    amount = to_usd(deal.value, on).amount
    assert amount is not None
    return amount


def extractor(document: Document) -> list[Deal]:
    """The extractor of the small store: each document reports its deal."""
    return [DEALS[document.id]]


def fill(tracker: Tracker) -> None:
    """Ingest the small store into *tracker*."""
    report = tracker.ingest(DOCUMENTS, extractor=extractor)
    assert report.deals_new == len(DEALS), report.summary()


class _Engines:
    """One migrated database per backend for these tests (apart from the store's own)."""

    def __init__(self, stack: ExitStack, tmp: pytest.TempPathFactory) -> None:
        self.stack, self.tmp = stack, tmp
        self.engines: dict[str, Engine] = {}

    def get(self, backend: str) -> Engine:
        if backend not in self.engines:
            if backend == "sqlite":
                url = f"sqlite:///{self.tmp.mktemp('query') / 'test.sqlite'}"
            else:
                suffix = f"q{uuid.uuid4().hex[:8]}"
                url = self.stack.enter_context(store._pg_database(os.environ[store.PG_ENV], suffix))
            engine = make_engine(url)
            self.stack.callback(engine.dispose)
            with engine.begin() as conn:
                migrate.upgrade(conn)
            Tracker(sessionmaker(engine)).sync_catalogue()
            self.engines[backend] = engine
        return self.engines[backend]


@pytest.fixture(scope="session")
def _query_engines(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Engines]:
    with ExitStack() as stack:
        yield _Engines(stack, tmp_path_factory)


@pytest.fixture
def engine(backend: str, _query_engines: _Engines) -> Engine:
    """A migrated engine of this test's backend."""
    return _query_engines.get(backend)


@pytest.fixture
def session(sessions: sessionmaker[Session]) -> Iterator[Session]:
    """A session over the small store (in the test's rolled-back transaction)."""
    fill(Tracker(sessions))
    with sessions() as opened:
        yield opened


backend = store.backend
connection = store.connection
sessions = store.sessions
tracker = store.tracker

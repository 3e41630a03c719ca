"""Shared pieces of the store's fault tests (no tests of its own): databases, feeds, invariants.

Feeds are made of generated news sentences over a few suppliers, buyers and systems, so
that many documents report the same deal (and merge) and others start new ones.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from armstrack.store.session import make_engine
from armstrack.store.tracker import Tracker

#: The PostgreSQL server of the tests (as in tests/store/conftest.py); its tests are
#: skipped where it is unset.
PG_ENV = "ARMSTRACK_TEST_PG_URL"
BACKENDS = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(not os.environ.get(PG_ENV), reason=f"{PG_ENV} is not set"),
    ),
]
_numbers = itertools.count()

SUPPLIERS = ["South Korea", "France", "Germany", "the United States", "Israel", "Turkey"]
BUYERS = ["Poland", "India", "Brazil", "Egypt", "Norway", "Indonesia"]
SYSTEMS = [
    "K2 tanks",
    "Rafale fighters",
    "Leopard 2 tanks",
    "F-16 fighters",
    "Patriot systems",
    "K9 howitzers",
]
VERBS = ["signed a contract to buy", "ordered", "is considering buying", "received"]


def document(number: int) -> dict[str, str]:
    """Return generated document *number*: one deal sentence, often shared with others."""
    supplier = SUPPLIERS[number % len(SUPPLIERS)]
    buyer = BUYERS[(number // 7) % len(BUYERS)]
    system = SYSTEMS[(number // 3) % len(SYSTEMS)]
    quantity = 12 + (number // 11) % 4  # within merging's quantity ratio of each other
    verb = VERBS[number % len(VERBS)]
    text_ = f"{buyer} {verb} {quantity} {system} from {supplier} in {2010 + number % 9}."
    published = f"{2010 + number % 9}-0{1 + number % 9}-1{number % 10}"
    return {"id": f"doc-{number:05d}", "text": f"{text_} Report {number}.", "published": published}


def write_feed(path: Path, numbers: Sequence[int]) -> Path:
    """Write the generated documents *numbers* as a JSONL feed at *path*."""
    path.write_text("".join(json.dumps(document(n)) + "\n" for n in numbers), encoding="utf-8")
    return path


def ingest_command(url: str, *paths: Path, batch_size: int = 25) -> list[str]:
    """Return the command line of an ``armstrack ingest`` subprocess."""
    return [
        sys.executable,
        "-m",
        "armstrack",
        "--debug",  # a failure shows its traceback in the test's message
        "ingest",
        "--db",
        url,
        "--batch-size",
        str(batch_size),
        *map(str, paths),
    ]


def environment() -> dict[str, str]:
    """The environment of a subprocess: this checkout first on the path."""
    root = str(Path(__file__).resolve().parents[2])
    return {**os.environ, "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")])}


def run_ingest(url: str, *paths: Path) -> subprocess.CompletedProcess[str]:
    """Run ``armstrack ingest`` to its end in a subprocess."""
    return subprocess.run(
        ingest_command(url, *paths),
        capture_output=True,
        text=True,
        env=environment(),
        timeout=600,
        check=False,
    )


@contextmanager
def empty_database(backend: str, tmp_path: Path) -> Iterator[str]:
    """Yield the URL of a new empty database of *backend*, its own (dropped afterwards)."""
    number = next(_numbers)
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / f'faults{number}.sqlite'}"
        return
    base = os.environ[PG_ENV]
    name = f"armstrack_faults_{os.getpid()}_{number}"
    admin = create_engine(make_url(base), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def database(backend: str, tmp_path: Path) -> Iterator[str]:
    """Yield the URL of a new database of *backend* with the schema (from the migrations)."""
    with empty_database(backend, tmp_path) as url:
        Tracker.open(url).close()
        yield url


def count(engine: Engine, sql: str) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text(sql)).scalar_one())


#: Queries that must all return no row in a consistent store.
BROKEN = {
    "deal without a source": "SELECT id FROM deals d WHERE NOT EXISTS "
    "(SELECT 1 FROM sources s WHERE s.deal_id = d.id)",
    "deal without a line": "SELECT id FROM deals d WHERE NOT EXISTS "
    "(SELECT 1 FROM deal_lines l WHERE l.deal_id = d.id)",
    "deal without a match key": "SELECT id FROM deals d WHERE NOT EXISTS "
    "(SELECT 1 FROM deal_keys k WHERE k.deal_id = d.id)",
    "source without a status entry": "SELECT id FROM sources s WHERE NOT EXISTS "
    "(SELECT 1 FROM status_history h WHERE h.source_id = s.id)",
    "source without evidence": "SELECT id FROM sources s WHERE NOT EXISTS "
    "(SELECT 1 FROM evidence e WHERE e.source_id = s.id)",
    "status entry of another deal": "SELECT h.id FROM status_history h "
    "JOIN sources s ON s.id = h.source_id WHERE s.deal_id <> h.deal_id",
    "value of another deal": "SELECT v.id FROM deal_values v "
    "JOIN sources s ON s.id = v.source_id WHERE s.deal_id <> v.deal_id",
    "two chosen values": "SELECT deal_id FROM deal_values WHERE chosen "
    "GROUP BY deal_id HAVING count(*) > 1",
    "document stored twice": "SELECT content_hash FROM documents "
    "GROUP BY content_hash HAVING count(*) > 1",
    "source stored twice": "SELECT document_id FROM sources "
    "GROUP BY document_id, position HAVING count(*) > 1",
}


def broken(url: str) -> dict[str, list[Any]]:
    """Return the invariants of :data:`BROKEN` the database at *url* violates, with rows."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            found = {
                name: [row[0] for row in connection.execute(text(sql)).fetchmany(5)]
                for name, sql in BROKEN.items()
            }
    finally:
        engine.dispose()
    return {name: rows for name, rows in found.items() if rows}


def sources_per_document(url: str) -> dict[str, int]:
    """Return how many deals each stored document reported."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT d.external_id, count(s.id) FROM documents d "
                    "LEFT JOIN sources s ON s.document_id = d.id GROUP BY d.external_id"
                )
            ).all()
    finally:
        engine.dispose()
    return {str(name): int(n) for name, n in rows}


def _cells(url: str) -> list[str]:
    """Return the rows of the summary table ``deal_cells`` (what aggregates read), sorted."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT supplier, buyer, year, status, deals, value_usd, valued, stated, "
                    "systems, quantity FROM deal_cells"
                )
            ).all()
    finally:
        engine.dispose()
    return sorted("cell " + json.dumps([str(value) for value in row]) for row in rows)


def deal_set(url: str) -> list[str]:
    """Return every stored deal as a canonical string (its merged fields and documents).

    The rows of the summary table the aggregate queries read follow the deals.
    """
    with Tracker.open(url) as tracker:
        deals = tracker.deals()
    return _cells(url) + sorted(
        json.dumps(
            {
                "deal": stored.deal.model_dump(mode="json", exclude={"evidence"}),
                "documents": sorted(stored.documents),
                "values": sorted(v.model_dump_json() for v in stored.values),
                "history": sorted(h.model_dump_json() for h in stored.history),
            },
            sort_keys=True,
        )
        for stored in deals
    )


def clean_run(backend: str, tmp_path: Path, *feeds: Path) -> tuple[list[str], dict[str, int]]:
    """Ingest *feeds* once, untroubled, into a new database; return its deals and sources."""
    with database(backend, tmp_path) as url:
        result = run_ingest(url, *feeds)
        assert result.returncode == 0, result.stderr[-2000:]
        return deal_set(url), sources_per_document(url)


#: Where the fault tests log what they tried, survived and lost (appended to).
LOG_ENV = "ARMSTRACK_FAULT_LOG"


def log(line: str) -> None:
    """Add *line* to the fault log: ``$ARMSTRACK_FAULT_LOG``, else a file in the temp folder."""
    target = os.environ.get(LOG_ENV) or os.path.join(
        tempfile.gettempdir(), "armstrack-store-faults.log"
    )
    with open(target, "a", encoding="utf-8") as handle:
        handle.write(line + "\n")

"""Benchmark of the store: ingest speed with extraction, and bulk loading of deals.

Run from a checkout (not a timed test):

    .venv/bin/python benchmarks/bench_store.py [--documents 10000] [--deals 1000000]
        [--repeat 3] [--pg postgresql+psycopg://postgres@127.0.0.1:5432/test]
        [--part ingest|bulk|both]

The PostgreSQL URL defaults to ``$ARMSTRACK_TEST_PG_URL``; without one only SQLite is
measured. Each measurement runs on a fresh database ``--repeat`` times; the medians are
reported (for the bulk load with their range and the load average). Wall-clock rates are
printed with rates per CPU second of this process (on SQLite all the work is in-process;
on PostgreSQL the server's CPU is not counted), since on a shared machine the wall clock
also measures the neighbours.

The bulk load counts deal rows (the only rows it writes) over its whole transaction:
dropping the indexes, inserting tuples through :func:`armstrack.store.bulk.bulk_insert`,
building the indexes again, and the commit.

Targets: ingest >= 1,000 documents/s on one core with extraction included, storage
<= 30% of ingest time; bulk load >= 100,000 deals/s on SQLite.

Articles are generated from templates over the catalogue (weapon systems with their
state of origin, buyer states), several articles per transaction, so merging is exercised.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from armstrack.catalogue import default_catalogue
from armstrack.model import Deal, Document
from armstrack.store import migrate
from armstrack.store.base import Base
from armstrack.store.bulk import bulk_insert
from armstrack.store.session import make_engine
from armstrack.store.tracker import Tracker, extract_document

BUYERS = [
    "POL",
    "ROU",
    "IND",
    "SAU",
    "ARE",
    "EGY",
    "AUS",
    "JPN",
    "PHL",
    "IDN",
    "VNM",
    "BRA",
    "NOR",
    "FIN",
    "CZE",
    "SVK",
    "GRC",
    "QAT",
    "MAR",
    "NGA",
    "PAK",
    "THA",
    "MYS",
    "CHL",
]
STATUS_LINES = [
    ("proposed", "The government has proposed buying {qty} {system} from {supplier}."),
    ("approved", "{supplier_adj} officials approved the sale of {qty} {system} to {buyer}."),
    ("signed", "{buyer} signed a {value} contract for {qty} {system} with {supplier}."),
    ("delivered", "{supplier} delivered the first of {qty} {system} to {buyer} on Monday."),
]
FILLER = [
    "The ministry of defence said the programme would strengthen the country's deterrence.",
    "Analysts noted that regional tensions have pushed several governments to raise spending.",
    "Parliament is expected to debate the defence budget later this year.",
    "Officials declined to comment on the schedule for training and maintenance.",
    "The announcement came during a visit by a delegation of senior officers.",
    "Industry sources said local firms could take part in assembly and support.",
]


def _name(code: str) -> str:
    record = default_catalogue().states[code]
    return record.common_name or record.name


def generate_articles(count: int, seed: int = 7) -> list[Document]:
    """Return *count* articles: about five per transaction, at various stages."""
    rng = random.Random(seed)
    catalogue = default_catalogue()
    systems = sorted(
        (s for s in catalogue.systems.values() if s.origin and s.origin not in BUYERS),
        key=lambda s: s.id,
    )
    transactions = [
        (
            rng.choice(systems),
            rng.choice(BUYERS),
            rng.choice([12, 24, 36, 48, 72, 180]),
            rng.choice([1.2, 2.5, 3.4, 6.0, 8.8]),
            date(2015, 1, 1) + timedelta(days=rng.randrange(3650)),
        )
        for _ in range(max(1, count // 5))
    ]
    articles = []
    for index in range(count):
        system, buyer, qty, billions, day = rng.choice(transactions)
        assert system.origin is not None
        _status, line = rng.choice(STATUS_LINES)
        body = line.format(
            qty=qty,
            system=f"{system.name} {system.category.value}",
            supplier=_name(system.origin),
            supplier_adj=_name(system.origin),
            buyer=_name(buyer),
            value=f"${billions} billion",
        )
        filler = rng.sample(FILLER, 4)
        title = f"{_name(buyer)} and the {system.name}, report no. {index}"
        text_ = "\n".join([title, body, *filler, body])
        published = day + timedelta(days=rng.randrange(60))
        articles.append(Document(id=f"gen-{index:06}", text=text_, published=published))
    return articles


class TimedExtractor:
    """The real extractor, timing itself so storage time can be told apart."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def __call__(self, document: Document) -> Sequence[Deal]:
        start = time.perf_counter()
        try:
            return extract_document(document)
        finally:
            self.seconds += time.perf_counter() - start


@contextmanager
def fresh_url(backend: str, pg: str | None) -> Iterator[str]:
    """Yield the URL of an empty database of *backend*, removed afterwards."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{Path(folder) / 'bench.sqlite'}"
        return
    assert pg is not None
    name = f"armstrack_bench_{os.getpid()}"
    admin = create_engine(make_url(pg), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(pg).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def bench_ingest(url: str, articles: list[Document]) -> dict[str, float]:
    """Ingest *articles* into a fresh database; return rate and storage share."""
    tracker = Tracker.open(url)
    tracker.sync_catalogue()  # reference rows: once per database, not part of ingest
    extractor = TimedExtractor()
    start, cpu = time.perf_counter(), time.process_time()
    report = tracker.ingest(articles, extractor=extractor, batch_size=1000)
    total, cpu = time.perf_counter() - start, time.process_time() - cpu
    counts = tracker.counts()
    tracker.close()
    assert report.stored + report.unchanged == len(articles), report.summary()
    return {
        "docs_per_s": len(articles) / total,
        "docs_per_cpu_s": len(articles) / cpu,
        "storage_share": (total - extractor.seconds) / total,
        "extract_s": extractor.seconds,
        "store_s": total - extractor.seconds,
        "deals": counts["deals"],
        "sources": counts["sources"],
    }


#: The deal columns :func:`deal_rows` gives, in order (the others take their defaults).
DEAL_COLUMNS = ("supplier", "buyer", "status", "kind", "year", "confidence", "source_count")


def deal_rows(count: int) -> list[tuple[object, ...]]:
    """Return *count* plain deal rows in :data:`DEAL_COLUMNS` order (a few states)."""
    states = ["USA", "RUS", "FRA", "DEU", "CHN", "KOR", "ISR", "GBR", *BUYERS]
    statuses = ["proposed", "approved", "signed", "delivered"]
    return [
        (states[i % 8], states[8 + i % len(BUYERS)], statuses[i % 4], "sale", 2000 + i % 25, 1.0, 1)
        for i in range(count)
    ]


def bench_bulk(url: str, count: int) -> dict[str, float]:
    """Bulk-load *count* deals into a fresh database; return deal rows per second.

    The clock covers the whole load as a caller sees it: dropping the indexes, inserting,
    building the indexes again and the commit (on SQLite in WAL mode, the checkpoint).
    """
    engine = make_engine(url)
    migrate.upgrade_engine(engine)
    Tracker(sessionmaker_for(engine)).sync_catalogue()
    table = Base.metadata.tables["deals"]
    rows = deal_rows(count)
    start, cpu = time.perf_counter(), time.process_time()
    with engine.begin() as conn:
        loaded = bulk_insert(conn, table, rows, columns=DEAL_COLUMNS, rebuild_indexes=True)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    engine.dispose()
    assert loaded == count
    return {"rows_per_s": count / seconds, "rows_per_cpu_s": count / cpu}


def sessionmaker_for(engine: object) -> Callable[[], object]:
    from sqlalchemy.orm import sessionmaker

    return sessionmaker(engine)  # type: ignore[call-overload, no-any-return]


def median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def spread(runs: list[dict[str, float]], key: str) -> str:
    """Return the median of *key* over *runs* with its range, as ``median [min-max]``."""
    values = [run[key] for run in runs]
    return f"{statistics.median(values):,.0f} [{min(values):,.0f}-{max(values):,.0f}]"


def report_ingest(backends: list[str], args: argparse.Namespace) -> None:
    """Print the medians of the ingest benchmark on each of *backends*."""
    articles = generate_articles(args.documents)
    extract_document(articles[0])  # compile the gazetteers before timing
    print(f"ingest: {len(articles)} generated articles, {args.repeat} runs each, medians\n")
    print(
        f"{'backend':<11} {'ingest docs/s':>14} {'(per cpu s)':>12} {'storage share':>14} "
        f"{'extract s':>10} {'store s':>8} {'deals':>7}"
    )
    for backend in backends:
        runs = []
        for _ in range(args.repeat):
            with fresh_url(backend, args.pg) as url:
                runs.append(bench_ingest(url, articles))
        i = median_of(runs)
        print(
            f"{backend:<11} {i['docs_per_s']:>14,.0f} {i['docs_per_cpu_s']:>12,.0f} "
            f"{i['storage_share']:>14.1%} {i['extract_s']:>10.2f} {i['store_s']:>8.2f} "
            f"{i['deals']:>7,.0f}"
        )
        sys.stdout.flush()


def report_bulk(backends: list[str], args: argparse.Namespace) -> None:
    """Print the bulk-load rates on each of *backends*: medians and ranges."""
    print(f"\nbulk load: {args.deals:,} deals, {args.repeat} runs each, median [min-max]\n")
    print(f"{'backend':<11} {'deals/s (wall)':>26} {'deals per cpu s':>26} {'load avg':>9}")
    for backend in backends:
        runs = []
        for _ in range(args.repeat):
            with fresh_url(backend, args.pg) as url:
                runs.append({**bench_bulk(url, args.deals), "load": os.getloadavg()[0]})
        print(
            f"{backend:<11} {spread(runs, 'rows_per_s'):>26} {spread(runs, 'rows_per_cpu_s'):>26} "
            f"{statistics.median(run['load'] for run in runs):>9.1f}"
        )
        sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--deals", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pg", default=os.environ.get("ARMSTRACK_TEST_PG_URL"))
    parser.add_argument("--part", choices=["ingest", "bulk", "both"], default="both")
    args = parser.parse_args(argv)
    backends = ["sqlite"] + (["postgresql"] if args.pg else [])
    if args.part in ("ingest", "both"):
        report_ingest(backends, args)
    if args.part in ("bulk", "both"):
        report_bulk(backends, args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

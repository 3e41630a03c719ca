"""Benchmark: summary queries on a million generated deals, SQLite and PostgreSQL.

    python benchmarks/bench_query.py [--deals N] [--repeat N] [--sqlite FILE]
                                     [--pg URL] [--keep]

Generates *N* deals (default 1,000,000) with their sources, documents, system lines
and values, bulk-loads them through SQLAlchemy Core into a freshly migrated database,
and times each query of :mod:`armstrack.query` through the library and the same SQL
run raw on the DBAPI cursor: the statements the library sent, recorded as it sent them,
each fetched whole. Both run in a transaction begun before the clock starts and ended
after it stops, as a query runs in its caller's session; a third line times the library
with a session opened and closed around each call. The listings (a state's deals, all
deals, a search) fetch a page of 100 deals with their lines and sources. Goals: totals by
supplier <= 150 ms and the flow matrix
<= 200 ms on SQLite, <= 300 ms each on PostgreSQL; a state's deals <= 30 ms; the
library at most 1.3x the raw SQL. ``--pg`` names a server (for example
``postgresql+psycopg://postgres@127.0.0.1:5432/test``): the script creates its own
database ``armstrack_bench_query`` there and drops it afterwards unless ``--keep``.
Prints the median, interquartile range and extremes of each.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, insert, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from armstrack import query
from armstrack.model import Category, Status
from armstrack.store import migrate, usd
from armstrack.store.base import Base
from armstrack.store.session import make_engine
from armstrack.store.tracker import Tracker

GOALS_MS = {
    ("sqlite", "totals by supplier"): 150.0,
    ("sqlite", "flow matrix"): 200.0,
    ("postgresql", "totals by supplier"): 300.0,
    ("postgresql", "flow matrix"): 300.0,
    ("sqlite", "deals of a state"): 30.0,
    ("postgresql", "deals of a state"): 30.0,
}
RATIO_GOAL = 1.3
_CHUNK = 20_000

SUPPLIERS = ["USA", "RUS", "FRA", "CHN", "DEU", "ITA", "GBR", "ESP", "ISR", "KOR", "TUR"]
SUPPLIERS += ["SWE", "NLD", "UKR", "CHE", "CAN", "AUS", "NOR", "POL", "BRA", "ZAF", "IND"]
BUYERS = ["IND", "SAU", "QAT", "EGY", "AUS", "CHN", "KOR", "PAK", "JPN", "USA", "ARE", "GBR"]
BUYERS += ["POL", "UKR", "DZA", "IDN", "SGP", "TWN", "ISR", "IRQ", "VNM", "BRA", "NOR", "TUR"]
BUYERS += ["GRC", "NLD", "KWT", "OMN", "MAR", "THA", "PHL", "MYS", "BGD", "NGA", "CHL", "PER"]
CURRENCIES = ["USD"] * 14 + ["EUR"] * 3 + ["GBP", "KRW", "TWD"]
RATES = {"USD": Decimal(1), "EUR": Decimal("1.1"), "GBP": Decimal("1.3"), "KRW": Decimal("0.00077")}
CATEGORIES = [c for c in Category if c is not Category.UNSPECIFIED]
STATUSES = list(Status)


def _zipf(rng: random.Random, items: list[str]) -> str:
    weights = [1 / (rank + 1) for rank in range(len(items))]
    return rng.choices(items, weights)[0]


def generate(engine: Engine, deals: int, seed: int = 1) -> None:
    """Bulk-load *deals* generated deals (with everything they refer to) through Core."""
    rng = random.Random(seed)
    tables = Base.metadata.tables
    now = datetime.now(UTC)
    per_document = 4
    with engine.begin() as conn:
        for start in range(0, deals, _CHUNK):
            ids = range(start + 1, min(start + _CHUNK, deals) + 1)
            documents, deal_rows, sources, values, lines, evidence = [], [], [], [], [], []
            for deal_id in ids:
                document_id = (deal_id - 1) // per_document + 1
                year = rng.randint(1995, 2025)
                published = date(year, rng.randint(1, 12), rng.randint(1, 28))
                if (deal_id - 1) % per_document == 0:
                    documents.append(
                        {
                            "id": document_id,
                            "external_id": f"doc-{document_id}",
                            "content_hash": f"{document_id:064x}",
                            "title": f"Report {document_id}",
                            "url": f"https://news.example/{document_id}",
                            "published": published,
                            "text": "",
                            "ingested_at": now,
                        }
                    )
                supplier = _zipf(rng, SUPPLIERS)
                buyer = _zipf(rng, BUYERS)
                if buyer == supplier:
                    buyer = "POL" if supplier != "POL" else "CZE"
                sources.append(
                    {
                        "id": deal_id,
                        "deal_id": deal_id,
                        "document_id": document_id,
                        "position": (deal_id - 1) % per_document,
                        "reported": {"supplier": supplier, "buyer": buyer},
                    }
                )
                evidence.append(
                    {
                        "source_id": deal_id,
                        "field": "buyer",
                        "span_start": 0,
                        "span_end": 5,
                        "sentence": f"{supplier} sells to {buyer}.",
                        "rule": "bench",
                    }
                )
                if rng.random() < 0.7:
                    currency = rng.choice(CURRENCIES)
                    amount = Decimal(rng.randint(1, 5000)) * 1_000_000
                    rate = RATES.get(currency)
                    values.append(
                        {
                            "deal_id": deal_id,
                            "source_id": deal_id,
                            "amount": amount,
                            "currency": currency,
                            "approximate": False,
                            "upper": None,
                            "chosen": True,
                            "value_usd": amount * rate if rate is not None else None,
                            "fx_rate": rate,
                            "fx_date": published,
                        }
                    )
                first_line = len(lines)
                for position in range(rng.choice((1, 1, 1, 2, 2, 3))):
                    lines.append(
                        {
                            "deal_id": deal_id,
                            "position": position,
                            "name": f"system {rng.randint(1, 500)}",
                            "name_key": "system",
                            "system_id": None,
                            "family_id": None,
                            "category": rng.choice(CATEGORIES).value,
                            "quantity": rng.randint(1, 100) if rng.random() < 0.8 else None,
                        }
                    )
                own_lines = lines[first_line:]
                chosen = values[-1] if values and values[-1]["deal_id"] == deal_id else None
                deal_rows.append(
                    {
                        "id": deal_id,
                        "supplier": supplier if rng.random() > 0.03 else None,
                        "buyer": buyer if rng.random() > 0.03 else None,
                        "status": rng.choice(STATUSES).value,
                        "kind": "sale",
                        "deal_date": published if rng.random() < 0.5 else None,
                        "date_precision": None,
                        "year": year,
                        "confidence": 0.8,
                        "source_count": 1,
                        "value_usd": chosen["value_usd"] if chosen else None,
                        "has_value": chosen is not None,
                        "systems": len(own_lines),
                        "quantity": sum(line["quantity"] or 0 for line in own_lines),
                    }
                )
            for name, rows in (
                ("documents", documents),
                ("deals", deal_rows),
                ("sources", sources),
                ("evidence", evidence),
                ("deal_values", values),
                ("deal_lines", lines),
            ):
                if rows:
                    conn.execute(insert(tables[name]), rows)
            print(f"\r  loaded {ids[-1]:,} deals", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            for name in ("documents", "deals", "sources", "evidence", "deal_values", "deal_lines"):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                        f"(SELECT max(id) FROM {name}))"
                    )
                )
            conn.execute(text("VACUUM ANALYZE"))
    else:
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")


class _Recorder:
    """Records the SQL the library sends, to run the same statements raw."""

    def __init__(self, engine: Engine) -> None:
        self.statements: list[tuple[str, Any]] = []
        self.on = False
        event.listen(engine, "before_cursor_execute", self._record)

    def _record(self, _conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if self.on:
            self.statements.append((statement, parameters))


#: A run to time: entered before the clock starts, it sets up and gives what is timed,
#: and it cleans up once the clock has stopped.
Run = Callable[[], AbstractContextManager[Callable[[], object]]]


def _time(runs: list[Run], repeat: int) -> list[list[float]]:
    """Time each of *runs* *repeat* times, interleaved so they share the machine's load."""
    for ready in runs:
        with ready() as run:
            run()  # warm caches
    timings: list[list[float]] = [[] for _ in runs]
    for _ in range(repeat):
        for ready, times in zip(runs, timings, strict=True):
            with ready() as run:
                started = time.perf_counter()
                run()
                times.append((time.perf_counter() - started) * 1000)
    return timings


def _stats(timings: list[float]) -> str:
    q = statistics.quantiles(timings, n=4) if len(timings) > 1 else [timings[0]] * 3
    return (
        f"median {statistics.median(timings):7.1f} ms  IQR {q[0]:.1f}-{q[2]:.1f}  "
        f"min {min(timings):.1f}  max {max(timings):.1f}"
    )


def _cases(state: str) -> dict[str, Callable[[Session], object]]:
    return {
        "totals by supplier": lambda s: query.totals(s, ("supplier",)),
        "flow matrix": query.flows,
        "deals of a state": lambda s: query.deals_of(s, state, "buyer", limit=100),
        "list of deals": lambda s: query.list_deals(s, limit=100),
        "search by system": lambda s: query.search(s, "system 42", limit=100),
        "top partners of a state": lambda s: query.top_partners(s, state, "buyer"),
        "years of a state": lambda s: query.by_year(s, state=state, role="buyer"),
    }


def run(engine: Engine, repeat: int, *, categories: bool = False) -> bool:
    """Time every case on *engine*; return whether every goal was met."""
    backend = engine.dialect.name
    sessions = sessionmaker(engine)
    recorder = _Recorder(engine)
    ok = True
    print(f"\n{backend}: {repeat} runs each")
    cases = _cases("POL")
    if categories:  # a join of every line with its deal: seconds, so only on request
        cases["totals by category"] = lambda s: query.totals(s, ("category",))
    for name, case in cases.items():
        with sessions() as session:
            session.connection()  # the transaction begins (SQLite's BEGIN) unrecorded
            recorder.statements, recorder.on = [], True
            case(session)
            recorder.on = False
        statements = list(recorder.statements)
        raw_connection = engine.raw_connection()
        try:
            runs = _runs(sessions, case, raw_connection, statements, begin=backend == "sqlite")
            library_times, raw_times, session_times = _time(runs, repeat)
        finally:
            raw_connection.close()
        median = statistics.median(library_times)
        ratio = median / statistics.median(raw_times)
        goal = GOALS_MS.get((backend, name))
        met = (goal is None or median <= goal) and ratio <= RATIO_GOAL
        ok &= met
        target = f"goal {goal:.0f} ms" if goal else "no goal"
        print(f"  {name:26} library {_stats(library_times)}")
        print(
            f"  {'':26} raw     {_stats(raw_times)}  ratio {ratio:.2f}  "
            f"({target}, ratio <= {RATIO_GOAL}) {'ok' if met else 'MISSED'}"
        )
        with_session = statistics.median(session_times) / statistics.median(raw_times)
        print(f"  {'':26} session {_stats(session_times)}  ratio {with_session:.2f}")
    return ok


def _runs(
    sessions: sessionmaker[Session],
    case: Callable[[Session], object],
    raw_connection: Any,
    statements: list[tuple[str, Any]],
    *,
    begin: bool,
) -> list[Run]:
    """The three runs of a case: the library, the raw SQL, the library with its session.

    The first two time the same thing: the query's statements sent and their rows
    fetched, in a transaction begun before the clock starts and ended after it stops
    (*begin*: with an explicit ``BEGIN``, as SQLite's sessions do; psycopg begins with
    the first statement, timed on both sides). The third also times opening and closing
    a session around the call, which the caller of a query does, not the query.
    """
    cursor = raw_connection.cursor()

    @contextmanager
    def library() -> Iterator[Callable[[], object]]:
        with sessions() as session:
            session.connection()
            yield lambda: case(session)

    @contextmanager
    def raw() -> Iterator[Callable[[], object]]:
        if begin:
            cursor.execute("BEGIN")
        try:
            yield send
        finally:
            raw_connection.rollback()

    def send() -> None:
        for sql, params in statements:
            cursor.execute(sql, params)
            cursor.fetchall()

    @contextmanager
    def with_session() -> Iterator[Callable[[], object]]:
        def call() -> None:
            with sessions() as session:
                case(session)

        yield call

    return [library, raw, with_session]


def _prepare(url: str, deals: int) -> Engine:
    engine = make_engine(url)
    with engine.begin() as conn:
        migrate.upgrade(conn)
    Tracker(sessionmaker(engine)).sync_catalogue()
    started = time.perf_counter()
    generate(engine, deals)
    with sessionmaker(engine)() as session, session.begin():
        usd.refresh_cells(session, None)  # what ingest keeps up to date batch by batch
    print(f"  generated {deals:,} deals in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return engine


@contextmanager
def _pg_database(server: str, keep: bool, reuse: bool = False) -> Iterator[str]:
    name = "armstrack_bench_query"
    admin = create_engine(make_url(server), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
        if not (reuse and exists):
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        if not keep:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--deals", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--sqlite", type=Path, help="SQLite file to use (default: a temp file)")
    parser.add_argument("--pg", metavar="URL", help="PostgreSQL server to benchmark too")
    parser.add_argument("--no-sqlite", action="store_true", help="only PostgreSQL")
    parser.add_argument("--keep", action="store_true", help="keep the generated databases")
    parser.add_argument(
        "--reuse", action="store_true", help="time a PostgreSQL database kept by --keep"
    )
    parser.add_argument("--categories", action="store_true", help="also time totals by category")
    args = parser.parse_args()
    ok = True
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            path = args.sqlite or Path(tmp) / "bench.sqlite"
            if args.sqlite and path.exists():  # reuse a database generated before
                engine = make_engine(f"sqlite:///{path}")
            else:
                engine = _prepare(f"sqlite:///{path}", args.deals)
            ok &= run(engine, args.repeat, categories=args.categories)
            engine.dispose()
    if args.pg:
        with _pg_database(args.pg, args.keep, args.reuse) as url:
            engine = make_engine(url) if args.reuse else _prepare(url, args.deals)
            ok &= run(engine, args.repeat, categories=args.categories)
            engine.dispose()
    print("\nall goals met" if ok else "\nsome goals missed")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

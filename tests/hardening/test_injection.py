"""No SQL injection: hostile strings reach the database only as bound parameters.

Every string a user controls (each filter of :mod:`armstrack.query`'s functions, each
option and argument of the ``ingest``, ``db``, ``deals``, ``summary``, ``flows``,
``report`` and ``export`` commands, and the ids and texts of ingested documents) is
passed a set of hostile values. Afterwards every table is still there with the same rows,
the schema revision is unchanged, and no command printed a traceback. A static check
finds no SQL built by formatting strings in the package.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import inspect, text
from sqlalchemy.exc import DataError
from test_store_faults import BACKENDS, database, log, run_ingest, write_feed

import armstrack
from armstrack import query
from armstrack.cli import main
from armstrack.model import Document
from armstrack.store import migrate
from armstrack.store.session import make_engine
from armstrack.store.tracker import Tracker

HOSTILE = [
    "'; DROP TABLE deals; --",
    '"; DROP TABLE documents; --',
    "' OR '1'='1",
    "POL' UNION SELECT content_hash FROM documents --",
    "x\\'; DELETE FROM sources; --",
    "%_%",
    "a\x00b",
    "Ünïcødé ☢ 𝔽-16 \u202e \ud7ff",
    "K" * 10_000,
    "",
]
IDS = ["drop-deals", "drop-documents", "or-true", "union", "backslash", "like", "nul",
       "unicode", "10k", "empty"]  # fmt: skip


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database holding a few generated deals."""
    with database(request.param, tmp_path) as url:
        result = run_ingest(url, write_feed(tmp_path / "feed.jsonl", range(60)))
        assert result.returncode == 0, result.stderr[-2000:]
        yield url


def _snapshot(url: str) -> dict[str, Any]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            tables = sorted(inspect(connection).get_table_names())
            rows = {
                name: connection.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one()
                for name in tables
            }
            return {"tables": tables, "rows": rows, "revision": migrate.current(connection)}
    finally:
        engine.dispose()


def _queries(value: str) -> list[tuple[str, Callable[[Any], object]]]:
    """Each query function, called with *value* in one of its string parameters."""
    filters = [
        query.Filters(suppliers=(value,)),
        query.Filters(buyers=(value,)),
        query.Filters(states=(value,)),
        query.Filters(suppliers=(value,), buyers=(value,), states=(value, "POL")),
    ]
    calls: list[tuple[str, Callable[[Any], object]]] = []
    for number, f in enumerate(filters):
        calls += [
            (f"totals/{number}", lambda s, f=f: query.totals(s, ("supplier", "category"), f)),
            (f"flows/{number}", lambda s, f=f: query.flows(s, f)),
            (f"by_year/{number}", lambda s, f=f: query.by_year(s, f)),
            (f"unconverted/{number}", lambda s, f=f: query.unconverted(s, f)),
            (f"list_deals/{number}", lambda s, f=f: query.list_deals(s, filters=f)),
        ]
    for role in ("supplier", "buyer"):
        calls += [
            (f"deals_of/{role}", lambda s, r=role: query.deals_of(s, value, r)),
            (f"top_partners/{role}", lambda s, r=role: query.top_partners(s, value, r)),
        ]
        if value:  # the empty state: test_by_year_of_the_empty_state below
            calls += [(f"by_year/{role}", lambda s, r=role: query.by_year(s, state=value, role=r))]
    calls += [("search", lambda s: query.search(s, value))]
    return calls


def _expected_failure(value: str, exc: Exception, dialect: str) -> bool:
    """A refusal that is not an injection: empty search text; NUL, which PostgreSQL refuses."""
    if isinstance(exc, ValueError) and not value.strip():
        return True
    return isinstance(exc, DataError) and dialect == "postgresql" and "\x00" in value


@pytest.mark.parametrize("value", HOSTILE, ids=IDS)
def test_query_functions_bind_hostile_filters(store: str, value: str) -> None:
    before = _snapshot(store)
    tried = 0
    refused: list[tuple[str, Exception]] = []
    with Tracker.open(store) as tracker:
        dialect = tracker.sessions.kw["bind"].dialect.name
        for name, call in _queries(value):
            with tracker.sessions() as session:
                try:
                    rows = call(session)
                except (ValueError, DataError) as exc:
                    refused.append((name, exc))
                    continue
            tried += 1
            if isinstance(rows, list) and name.startswith(("deals_of", "top_partners")):
                assert rows == [], name  # no state is named like this: nothing matched
    assert [(n, e) for n, e in refused if not _expected_failure(value, e, dialect)] == []
    assert _snapshot(store) == before
    log(f"{dialect}: {tried} query calls with hostile value {value[:24]!r}: tables intact")


def _commands(value: str, url: str, tmp_path: Path) -> list[list[str]]:
    """Each command line of the query and store commands with *value* in one option."""
    commands = [["deals", value], ["deals", "--system", value], ["report", value]]
    commands += [["report", "POL", "--locale", value]]
    commands += [["export", "deals", "--state", value], ["export", "totals", "--by", value]]
    commands += [["summary", "--by", value]]
    for option in ("--supplier", "--buyer"):
        for command in (["deals"], ["summary"], ["flows"], ["export", "deals"]):
            commands.append([*command, option, value])
    commands = [[*c, "--db", url] for c in commands]
    commands += [["db", "upgrade", "--revision", value, "--db", url]]
    commands += [["db", "downgrade", value, "--db", url]]
    commands += [[name, "--db", value] for name in ("deals", "summary", "flows")]
    commands += [["db", "current", "--db", value], ["report", "POL", "--db", value]]
    if "\x00" not in value and "/" not in value and 0 < len(value) < 200:
        named = tmp_path / f"{value}.jsonl"  # a file named with it, holding it as id and text
        named.write_text(json.dumps({"id": value, "text": value}) + "\n", encoding="utf-8")
        commands += [["ingest", "--db", url, str(named)]]
    return commands


@pytest.mark.parametrize("value", HOSTILE, ids=IDS)
def test_commands_bind_hostile_options(
    store: str, value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a hostile --db may name a SQLite file: it lands here
    before = _snapshot(store)
    commands = _commands(value, store, tmp_path)
    for args in commands:
        result = CliRunner().invoke(main, args)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            args[:3],
            repr(result.exception),
        )
        assert "Traceback" not in result.output, args[:3]
        assert result.exit_code in (0, 1, 2), args[:3]
    after = _snapshot(store)
    if "ingest" in {c[0] for c in commands}:  # the hostile document was stored, as data
        assert after["rows"]["documents"] == before["rows"]["documents"] + 1
        with Tracker.open(store) as tracker:
            assert value in {d.id for d in tracker.documents()}
        after["rows"] = {**after["rows"], "documents": before["rows"]["documents"]}
    assert after == before
    backend = store.split(":", 1)[0].split("+", 1)[0]
    log(f"{backend}: {len(commands)} command lines with hostile value {value[:24]!r}: intact")


SENTENCE = "Poland ordered 12 K2 tanks from South Korea."


def test_by_year_of_the_empty_state(store: str) -> None:
    with Tracker.open(store) as tracker, tracker.sessions() as session:
        assert query.by_year(session, state="", role="supplier") == []


@pytest.mark.parametrize("backend", BACKENDS)
def test_hostile_documents_are_stored_as_given(backend: str, tmp_path: Path) -> None:
    with database(backend, tmp_path) as url, Tracker.open(url) as tracker:
        documents = [
            Document(id=value or "blank", text=f"{value} {SENTENCE}", title=value or None)
            for value in HOSTILE
        ]
        report = tracker.ingest(documents)
        stored = {d.id: d for d in tracker.documents()}
        # What PostgreSQL cannot store (NUL; an id over 500 characters) is skipped, named,
        # on both backends.
        assert [(s.document[:3], s.reason) for s in report.skipped] == [
            ("a\x00b", "holds a NUL character, which PostgreSQL cannot store in text"),
            ("KKK", "id longer than 500 characters"),
        ]
        documents = [d for d in documents if "\x00" not in d.id and len(d.id) <= 500]
        assert report.stored == len(documents)
        for document in documents:
            assert stored[document.id].text == document.text
            assert stored[document.id].title == document.title
        assert {"deals", "documents", "sources"} <= set(_snapshot(url)["tables"])
    log(f"{backend}: {len(HOSTILE)} hostile document ids, titles and texts stored as given")


#: SQL words that mark a formatted string as SQL.
_SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|DROP|CREATE|ALTER|COPY|WHERE|FROM)\b")
#: Files allowed formatted SQL: bulk.py's COPY, DROP INDEX and ALTER TABLE name tables,
#: columns, indexes and constraints quoted by the dialect's identifier preparer, and re-run
#: index and key definitions the database itself printed; no value is formatted in.
_ALLOWED = {"store/bulk.py"}


def test_no_sql_is_built_by_formatting_strings() -> None:
    package = Path(armstrack.__file__).parent
    found = []
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            parts: list[str] = []
            if isinstance(node, ast.JoinedStr):
                parts = [v.value for v in node.values if isinstance(v, ast.Constant)]
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add):
                parts = [n.value for n in (node.left, node.right) if isinstance(n, ast.Constant)]
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "format"
                and isinstance(node.func.value, ast.Constant)
            ):
                parts = [node.func.value.value]
            for part in parts:
                if isinstance(part, str) and _SQL.search(part):
                    where = path.relative_to(package).as_posix()
                    if where not in _ALLOWED:
                        found.append(f"{where}:{node.lineno}: {part!r}")
    assert found == []

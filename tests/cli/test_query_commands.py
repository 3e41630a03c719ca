"""The query commands through Click's runner, on a small store in SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from query import fixtures as _f  # the small store, registered as a plugin in tests/conftest.py
from sqlalchemy.exc import SQLAlchemyError

from armstrack.cli import main
from armstrack.store.tracker import Tracker


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database holding the small store (one per backend for this module)."""
    store = _f.store
    if request.param == "sqlite":
        found = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'cli.sqlite'}"
        manager = None
    else:
        if not os.environ.get(store.PG_ENV):
            pytest.skip(f"{store.PG_ENV} is not set")
        manager = store._pg_database(os.environ[store.PG_ENV], f"c{uuid.uuid4().hex[:8]}")
        found = manager.__enter__()
    try:
        with Tracker.open(found) as tracker:
            _f.fill(tracker)
        yield found
    finally:
        if manager is not None:
            manager.__exit__(None, None, None)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_summary_prints_totals_and_groups(url: str) -> None:
    code, out, _ = run("summary", "--db", url)
    assert code == 0
    assert out.startswith("5 deals worth $")
    assert "(the 3 with a value in USD)" in out
    assert "1 without a value, 1 in a currency without a USD rate" in out
    assert "KOR" in out
    assert "supplier" in out.splitlines()[2]


def test_summary_json_by_two_dimensions_with_filters(url: str) -> None:
    code, out, _ = run("summary", "--db", url, "--by", "buyer,year", "--buyer", "Poland", "--json")
    assert code == 0
    rows = json.loads(out)
    assert rows[0]["deals"] == 3  # the overall row first
    assert {(r["buyer"], r["year"]) for r in rows[1:]} == {("POL", 2020), ("POL", 2022)}


def test_flows(url: str) -> None:
    code, out, _ = run("flows", "--db", url, "--top", "2")
    assert code == 0
    assert out.splitlines()[2].split()[:2] == ["USA", "POL"]
    assert len(out.splitlines()) == 4


def test_deals_of_a_state_by_name_with_sources(url: str) -> None:
    code, out, _ = run("deals", "South Korea", "--as", "supplier", "--db", url)
    assert code == 0
    assert "K9 howitzers" in out
    assert "K2 tanks" in out
    assert 'https://news.example/k2: "Warsaw ordered 180 K2 tanks' in out


def test_deals_of_a_system_as_json(url: str) -> None:
    code, out, _ = run("deals", "--system", "howitzers", "--json", "--db", url)
    assert code == 0
    assert sorted(d["supplier"] for d in json.loads(out)) == ["KOR", "POL"]


def test_report_to_a_file_in_polish_html(url: str, tmp_path: Path) -> None:
    target = tmp_path / "polska.html"
    code, _, err = run(
        "report", "Poland", "--locale", "pl", "--format", "html", "-o", str(target), "--db", url
    )
    assert code == 0
    assert "wrote" in err
    text = target.read_text(encoding="utf-8")
    assert "Transfery uzbrojenia: Polska" in text
    assert "<svg" in text


def test_export_deals_csv_and_totals_json(url: str) -> None:
    code, out, _ = run("export", "deals", "--state", "POL", "--db", url)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 4
    assert {"value", "value_usd", "fx_rate", "fx_date", "lines", "sources"} <= set(rows[0])
    code, out, _ = run("export", "totals", "--by", "status", "--format", "json", "--db", url)
    assert code == 0
    assert sum(r["deals"] for r in json.loads(out)) == 5


USAGE_ERRORS = [
    ("deals",),
    ("summary", "--by", "colour"),
    ("report", "POL", "--format", "pdf"),
    ("report", "POL", "--locale", "xx-nowhere"),
    ("deals", "POL", "--since", "yesterday"),
]

#: Well-formed arguments naming no state the catalogue knows: a failure, in one line.
UNKNOWN_STATES = [
    ("report", "Narnia"),
    ("report", "Korea"),
    ("deals", "POL", "--supplier", "Atlantis"),
]


@pytest.mark.parametrize("args", UNKNOWN_STATES, ids=[" ".join(a) for a in UNKNOWN_STATES])
def test_unknown_state_exits_1_with_one_line_naming_it(url: str, args: tuple[str, ...]) -> None:
    code, _, err = run(*args, "--db", url)
    assert code == 1
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("Error:")
    assert args[-1] in err


@pytest.mark.parametrize("args", USAGE_ERRORS, ids=[" ".join(a) for a in USAGE_ERRORS])
def test_bad_usage_exits_2_with_one_clear_line(url: str, args: tuple[str, ...]) -> None:
    code, _, err = run(*args, "--db", url)
    assert code == 2
    assert err.strip().splitlines()[-1].startswith("Error:")
    assert "Traceback" not in err


def test_a_failure_exits_1_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "blocker").write_text("not a database")
    code, _, err = run("summary", "--db", f"sqlite:///{tmp_path / 'blocker'}")
    assert code == 1
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("Error: ")


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    (tmp_path / "blocker").write_text("not a database")
    result = CliRunner().invoke(
        main, ["--debug", "summary", "--db", f"sqlite:///{tmp_path / 'blocker'}"]
    )
    assert result.exit_code == 1
    assert isinstance(result.exception, SQLAlchemyError)  # raised, so Python prints it

"""``armstrack ingest`` and ``armstrack db`` through Click's runner, on every backend."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

from armstrack.cli import main
from armstrack.model import Deal, Document, SystemLine
from armstrack.store import tracker as tracker_module
from armstrack.store.tracker import Tracker


def _fake_extract(document: Document) -> Sequence[Deal]:
    if "fail" in document.text:
        raise RuntimeError("cannot parse")
    return [Deal(supplier="KOR", buyer="POL", systems=[SystemLine(name="K9", quantity=24)])]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    (folder / "2022").mkdir(parents=True)
    (folder / "2022" / "one.txt").write_text("Poland orders K9 howitzers.", encoding="utf-8")
    rows = [
        {"id": "j1", "text": "Seoul sells K9 to Warsaw.", "published": "2022-08-27", "deals": []},
        {"id": "j2", "text": "this will fail", "published": None},
        {"id": "j3", "text": "bad date", "published": "August"},
    ]
    lines = [json.dumps(r) for r in rows] + ["{not json"]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_ingest_reads_folders_and_reports(
    empty_url: str, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tracker_module, "extract_document", _fake_extract)
    result = CliRunner().invoke(main, ["ingest", "--db", empty_url, str(corpus)])
    assert result.exit_code == 1, result.output  # skipped inputs fail the run
    assert "documents read 5, stored 2, unchanged 0, skipped 3; deals new 1, merged 1" in (
        result.output
    )
    assert "skipped j2: extraction failed: RuntimeError: cannot parse" in result.output
    assert "feed.jsonl:3: invalid document" in result.output
    assert "feed.jsonl:4: not JSON" in result.output
    again = CliRunner().invoke(main, ["ingest", "--db", empty_url, str(corpus)])
    assert "stored 0, unchanged 2" in again.output
    with Tracker.open(empty_url) as tracker:
        assert sorted(d.id for d in tracker.documents()) == ["2022/one", "j1"]


def test_ingest_with_workers_and_the_real_extractor(empty_url: str, tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text(
        "Poland signs $3.4 billion deal for 180 K2 tanks from South Korea's Hyundai Rotem.",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["ingest", "--db", empty_url, "--workers", "2", str(text)])
    assert result.exit_code == 0, result.output
    assert "documents read 1, stored 1" in result.output


def test_db_commands(empty_url: str) -> None:
    runner = CliRunner()
    assert (
        "revision none (empty" in runner.invoke(main, ["db", "current", "--db", empty_url]).output
    )
    up = runner.invoke(main, ["db", "upgrade", "--db", empty_url])
    assert up.exit_code == 0, up.output
    assert "current" in runner.invoke(main, ["db", "current", "--db", empty_url]).output
    down = runner.invoke(main, ["db", "downgrade", "--db", empty_url, "--", "-1"])
    assert down.exit_code == 0, down.output
    assert "behind" in runner.invoke(main, ["db", "current", "--db", empty_url]).output
    refused = runner.invoke(main, ["ingest", "--db", empty_url, __file__])
    assert refused.exit_code == 1
    assert "armstrack db upgrade" in refused.output
    base = runner.invoke(main, ["db", "downgrade", "base", "--db", empty_url])
    assert "at revision base" in base.output


def test_default_location_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ARMSTRACK_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    result = CliRunner().invoke(main, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "armstrack" / "armstrack.sqlite").is_file()

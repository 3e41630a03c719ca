"""Tests for ``armstrack extract``: inputs, output shape, --explain and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from armstrack.cli import main
from armstrack.model import Deal

TEXT = "Hanwha Aerospace has signed a $1.64-billion deal with Poland to supply K9 howitzers.\n"


def _run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["extract", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def _rows(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_txt_file_id_is_its_stem(tmp_path: Path) -> None:
    path = tmp_path / "hanwha-poland.txt"
    path.write_text(TEXT, encoding="utf-8")
    code, out, _ = _run(str(path))
    assert code == 0
    (row,) = _rows(out)
    assert row["id"] == "hanwha-poland"
    assert isinstance(row["deals"], list)
    for deal in row["deals"]:
        Deal.model_validate(deal)


def test_jsonl_file_one_line_per_document(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    docs = [
        {"id": "a", "text": TEXT, "published": "2024-10-31", "url": None},
        {"id": "b", "text": "Nothing to see here.", "published": None},
    ]
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    code, out, _ = _run(str(path))
    assert code == 0
    assert [r["id"] for r in _rows(out)] == ["a", "b"]


def test_gold_deals_in_the_input_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    fake = {"supplier": "FRA", "buyer": "DEU", "systems": [], "status": "signed"}
    path.write_text(json.dumps({"id": "x", "text": "", "deals": [fake]}) + "\n")
    code, out, _ = _run(str(path))
    assert code == 0
    assert _rows(out) == [{"id": "x", "deals": []}]


@pytest.mark.parametrize(
    ("stdin", "expected_id"),
    [(TEXT, "stdin"), (json.dumps({"id": "s1", "text": TEXT}) + "\n", "s1")],
    ids=["text", "jsonl"],
)
def test_stdin(stdin: str, expected_id: str) -> None:
    code, out, _ = _run("-", stdin=stdin)
    assert code == 0
    assert [r["id"] for r in _rows(out)] == [expected_id]


def test_explain_shows_rules_and_evidence(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    code, out, _ = _run("--explain", str(path))
    assert code == 0
    assert out.startswith("# a:")
    if "deal 1:" in out:
        assert "rules:" in out
        assert "supplier" in out


BAD_LINES = [
    ("{not json}\n", "2: not JSON"),
    ('["a list"]\n', "2: expected a JSON object"),
    ('{"text": "no id"}\n', "2: 'id'"),
    ('{"id": "x", "text": 3}\n', "2: 'text'"),
    ('{"id": "x", "text": "", "published": "yesterday"}\n', "2: 'published'"),
]


@pytest.mark.parametrize(("line", "message"), BAD_LINES, ids=[m for _, m in BAD_LINES])
def test_bad_input_names_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"id": "ok", "text": ""}) + "\n" + line, encoding="utf-8")
    code, _, err = _run(str(path))
    assert code == 1
    assert f"bad.jsonl:{message}" in err
    assert len(err.strip().splitlines()) == 1


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    code, _, err = _run(str(tmp_path / "nope.txt"))
    assert code == 1
    assert "nope.txt" in err


_MIXED = [
    json.dumps({"id": "deal-1", "text": TEXT, "published": "2024-10-31"}),
    "{not json",
    json.dumps({"id": "plain", "text": "The ministry held a briefing on Monday."}),
    json.dumps({"id": "html", "text": "<p>Egypt will buy 30 Rafale jets from France.</p>"}),
    json.dumps({"id": "deal-2", "text": "Norway ordered 54 K9 howitzers from South Korea."}),
]


def test_workers_give_the_serial_output_in_input_order(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(_MIXED * 3) + "\n", encoding="utf-8")
    serial = _run(str(path))
    parallel = _run("--workers", "2", str(path))
    assert serial[0] == parallel[0] == 1  # the bad lines fail the run either way
    assert parallel[1] == serial[1]
    assert parallel[2] == serial[2]  # errors and warnings, each at its own document
    assert [r["id"] for r in _rows(parallel[1])] == ["deal-1", "plain", "html", "deal-2"] * 3
    assert any(r["deals"] for r in _rows(parallel[1]))


def test_workers_explain(tmp_path: Path) -> None:
    path = tmp_path / "hanwha.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert _run("--explain", "--workers", "2", str(path))[1] == _run("--explain", str(path))[1]


def test_workers_read_the_extra_catalogue(tmp_path: Path) -> None:
    extra = tmp_path / "systems.csv"
    extra.write_text(
        "id,designation,name,aliases,category,origin,manufacturers,family,ambiguous_aliases,note\n"
        "zx-9,ZX-9,ZX-9 Warden,Warden,armoured vehicles,FRA,,,,\n",
        encoding="utf-8",
    )
    path = tmp_path / "warden.txt"
    path.write_text("Greece will buy 40 ZX-9 Warden vehicles from France.\n", encoding="utf-8")
    code, out, err = _run("--workers", "2", "--catalogue", str(extra), str(path))
    assert code == 0, err
    (row,) = _rows(out)
    names = [s["name"] for d in row["deals"] for s in d["systems"]]  # type: ignore[index, union-attr]
    assert any("Warden" in str(n) for n in names), row


@pytest.mark.parametrize("count", ["0", "-1", "two"])
def test_workers_must_be_a_positive_count(tmp_path: Path, count: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert _run("--workers", count, str(path))[0] == 2

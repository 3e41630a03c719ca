"""Regression tests for faults found by hardening, each named after what it found.

Faults found by fuzzing (``fuzz/``) or by hand with hostile input stay here once fixed;
known faults not yet fixed are strict xfails, so that fixing one turns its test red until
the mark is removed. Every file of the fuzz seed corpus is also replayed through the
harness's own checks.
"""

from __future__ import annotations

import importlib.util
import json
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

from armstrack import textio
from armstrack.catalogue import CatalogueError, load_catalogue
from armstrack.cli import main
from armstrack.extract import extract
from armstrack.extract.money import find_money, format_money, parse_money
from armstrack.model import Money

FUZZ = Path(__file__).resolve().parents[2] / "fuzz"
GOOD = "Poland signed a contract for 180 K2 tanks from South Korea.\n"


def _harness(name: str) -> ModuleType:
    pytest.importorskip("atheris")
    spec = importlib.util.spec_from_file_location(f"fuzz_{name}", FUZZ / f"fuzz_{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CORPUS = sorted(FUZZ.glob("corpus/*/*"))


@pytest.mark.parametrize("path", CORPUS, ids=[f"{p.parent.name}/{p.name}" for p in CORPUS])
def test_fuzz_corpus_replays(path: Path) -> None:
    check: Callable[[bytes], None] = _harness(path.parent.name).test_one_input
    check(path.read_bytes())


def _run(*args: str) -> tuple[int, str, str, BaseException | None]:
    result = CliRunner().invoke(main, ["extract", *args])
    exc = None if isinstance(result.exception, SystemExit) else result.exception
    return result.exit_code, result.stdout, result.stderr, exc


def _jsonl(tmp_path: Path, *lines: bytes) -> Path:
    path = tmp_path / "docs.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


GOOD_LINE = json.dumps({"id": "good", "text": GOOD}).encode()


# --- fixed ---------------------------------------------------------------------------------


def test_cli_first_bad_line_no_longer_drops_the_rest(tmp_path: Path) -> None:
    """The first bad JSONL line used to end the run: every later document was lost."""
    code, out, err, exc = _run(str(_jsonl(tmp_path, b"{oops", GOOD_LINE)))
    assert (code, exc) == (1, None)
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["good"]
    assert "docs.jsonl:1: not JSON" in err


def test_cli_first_bad_file_no_longer_drops_the_rest(tmp_path: Path) -> None:
    """A missing file used to end the run before the files after it were read."""
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    code, out, _, exc = _run(str(tmp_path / "missing.txt"), str(good))
    assert (code, exc) == (1, None)
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["good"]


def test_cli_deeply_nested_json_line_is_not_a_traceback(tmp_path: Path) -> None:
    """``[[[[...`` a hundred thousand deep raised RecursionError out of json.loads."""
    code, out, err, exc = _run(str(_jsonl(tmp_path, b"[" * 100_000, GOOD_LINE)))
    assert (code, exc) == (1, None)
    assert "docs.jsonl:1: not JSON: nested too deeply" in err
    assert '"good"' in out


def test_cli_lone_surrogate_in_a_jsonl_line_is_not_a_traceback(tmp_path: Path) -> None:
    """``"\\ud800"`` decoded to a lone surrogate that stdout could not encode."""
    line = json.dumps({"id": "s", "text": "Poland \ud800 " + GOOD}).encode()
    code, out, err, exc = _run(str(_jsonl(tmp_path, line, GOOD_LINE)))
    assert (code, exc) == (1, None)
    assert "docs.jsonl:1: 'text' holds a lone surrogate" in err
    assert '"good"' in out


def test_cli_nul_in_a_catalogue_name_is_not_a_traceback() -> None:
    """``--catalogue 'a\\0b'``: click's path check raised ValueError (embedded null byte)."""
    code, _, err, exc = _run("--catalogue", "a\x00b.csv", "-")
    assert (code, exc) == (1, None)
    assert err.startswith("Error: cannot read catalogue a\\x00b.csv")


def test_cli_non_utf8_catalogue_is_not_a_traceback(tmp_path: Path) -> None:
    """A Latin-1 catalogue file raised UnicodeDecodeError out of the catalogue reader."""
    path = tmp_path / "extra.csv"
    path.write_bytes("id,name\nk\xe9,K\xe9\n".encode("latin-1"))
    code, _, err, exc = _run("--catalogue", str(path), "-")
    assert (code, exc) == (1, None)
    assert f"{path}: not UTF-8 text" in err


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"], ids=["NEL", "LS", "PS"])
def test_property_line_separator_in_an_id_stays_on_one_output_line(
    tmp_path: Path, char: str
) -> None:
    """Found by the accounting property: an id or text holding U+0085 (NEL) was printed raw,
    and ``str.splitlines`` (like JavaScript for U+2028/U+2029) split its row in two."""
    line = json.dumps({"id": f"a{char}b", "text": f"{GOOD}{char}"}).encode()
    code, out, _, exc = _run(str(_jsonl(tmp_path, line)))
    assert (code, exc) == (0, None)
    (row,) = out.splitlines()
    assert json.loads(row)["id"] == f"a{char}b"


def test_cli_html_tags_no_longer_read_as_text(tmp_path: Path) -> None:
    """Words inside tags and attributes (``<a href=".../russia">``) were read as text."""
    page = tmp_path / "page.html"
    page.write_text(
        f'<html><body><a href="https://example.org/russia-china">x</a><p>{GOOD}</p></body></html>',
        encoding="utf-8",
    )
    code, out, err, exc = _run(str(page))
    assert (code, exc) == (0, None)
    assert "looks like HTML" in err
    (row,) = [json.loads(line) for line in out.splitlines()]
    assert {d["supplier"] for d in row["deals"]} <= {"KOR"}


@pytest.mark.parametrize("opening", ["<script>", "<!--", "<style", "<script x"])
def test_html_unclosed_blocks_blank_in_linear_time(opening: str) -> None:
    """Found by timing hostile pages: a lazy ``<script>.*?</script>`` pattern rescanned the
    rest of the page after every unclosed opening, 10 s for 64 KB of ``<script>``."""
    text = opening * 30_000
    start = time.perf_counter()
    assert len(textio.blank_html(text)) == len(text)
    assert time.perf_counter() - start < 10


# --- known, not yet fixed (strict xfail) -------------------------------------------------------


def test_money_amount_with_more_than_28_digits_is_refused() -> None:
    """``999999999999999.99...`` (40 digits) normalises to 1E+15 and passes the check."""
    with pytest.raises(ValueError, match="significant digits"):
        Money(amount=Decimal("999999999999999." + "9" * 25), currency="USD")


@pytest.mark.parametrize("nines", [29, 30])
def test_fuzz_money_many_nines_are_not_rounded_up(nines: int) -> None:
    """Found by fuzz_money: ``$`` and 29 or 30 nines read as 1E+29 or 1E+30, a value the
    text does not state, which ``format_money`` then writes too long for ``parse_money``."""
    for m in find_money("$" + "9" * nines):
        assert m.money.amount == Decimal("9" * nines)
        assert parse_money(format_money(m.money)) == m.money


@pytest.mark.parametrize("amount", ["1e30", "1e40"])
def test_fuzz_money_huge_round_amount_is_refused_by_the_model(amount: str) -> None:
    """Found with the above: a Money of 1E+30 formatted to 31 digits, which parse_money
    refused. The model now caps amounts below 10**18, which no stated deal reaches."""
    with pytest.raises(ValueError, match="below 10"):
        Money(amount=Decimal(amount), currency="USD")


def test_largest_allowed_amount_formats_and_parses_back() -> None:
    money = Money(amount=Decimal("999999999999999e3"), currency="USD")
    assert parse_money(format_money(money)) == money


def test_api_lone_surrogate_is_a_clear_error() -> None:
    """Deals read from such text hold the surrogate and cannot be written as JSON."""
    with pytest.raises(ValueError, match="surrogate"):
        extract("Poland signed a contract for 180 K2 tanks from South Korea \udcff.")


def test_catalogue_non_utf8_file_is_a_catalogue_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "extra.csv"
    path.write_bytes("id,name\nk\xe9,K\xe9\n".encode("latin-1"))
    with pytest.raises(CatalogueError, match=r"extra\.csv"):
        load_catalogue(path)

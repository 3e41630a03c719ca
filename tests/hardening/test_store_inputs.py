"""Bad input to the store: one clear error naming it, and nothing else lost.

Through ``armstrack ingest`` each bad file or JSONL line gives one ``Error:`` line on
stderr naming it (``feed.jsonl:2`` for a line), the good documents around it are stored,
and the exit status is 1; through the Python API (``read_documents`` and
``Tracker.ingest``) the same inputs come back in ``IngestReport.skipped`` with the same
reasons. A database that cannot be used gives one line and exit status 1, never a
traceback.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import text
from test_store_faults import BACKENDS, database, empty_database, environment, log

from armstrack.cli import main
from armstrack.cli.extract import MAX_DOCUMENT_BYTES as EXTRACT_LIMIT
from armstrack.store import migrate
from armstrack.store.inputs import MAX_DOCUMENT_BYTES, read_documents
from armstrack.store.session import make_engine
from armstrack.store.tracker import SchemaError, Tracker

GOOD = "Poland signed a contract for 180 K2 tanks from South Korea in 2022.\n"

#: (file name, bytes, what the error says): files the store cannot read.
BAD_FILES: list[tuple[str, bytes, str]] = [
    ("empty.txt", b"", "empty, no text to read"),
    ("blank.txt", b" \n\t\n", "empty, no text to read"),
    ("binary.txt", bytes(range(256)), "binary data (NUL bytes), not text"),
    ("utf16.txt", "Poland signed".encode("utf-16"), "binary data (NUL bytes), not text"),
    ("latin1.txt", "Défense signed".encode("latin-1"), "not UTF-8 text (bad byte at offset 1)"),
    ("cut.txt", "Poland signed €".encode()[:-1], "not UTF-8 text (bad byte at offset 14)"),
    ("empty.jsonl", b"", ""),  # no line, no document: nothing to say
]

#: (JSONL line, what the error says): lines of a feed the store cannot read.
BAD_LINES: list[tuple[bytes, str]] = [
    (b"{broken", "not JSON: Expecting property name enclosed in double quotes"),
    ("Défense".encode("latin-1"), "not UTF-8 text (bad byte at offset 1)"),
    (b'{"id": "x", "text": "a\x00b"}', "binary data (NUL bytes), not text"),
    (b"[" * 100_000, "not JSON: nested too deeply"),
    (b"[1, 2]", "expected a JSON object"),
    (b'{"id": "x"}', "'text' must be a non-empty string"),
    (b'{"id": "x", "text": "  "}', "'text' must be a non-empty string"),
    (b'{"text": "K2"}', "invalid document: id:"),
    (b'{"id": "x", "text": "\\ud800"}', "'text' holds a lone surrogate, not text"),
    (b'{"id": "x", "text": "K2", "published": "August"}', "invalid document: Invalid isoformat"),
]


def _ingest(*args: str) -> Result:
    return CliRunner().invoke(main, ["ingest", *args])


def _errors(result: Result) -> list[str]:
    return [line for line in result.output.splitlines() if line.startswith("Error:")]


def _no_traceback(result: Result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output


def _documents(url: str) -> list[str]:
    with Tracker.open(url) as tracker:
        return sorted(document.id for document in tracker.documents())


def test_the_store_reads_no_more_than_the_extract_command() -> None:
    assert MAX_DOCUMENT_BYTES == EXTRACT_LIMIT


@pytest.mark.parametrize(("name", "data", "message"), BAD_FILES, ids=[r[0] for r in BAD_FILES])
def test_ingest_names_a_bad_file_and_stores_the_others(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    (tmp_path / "before.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "after.txt").write_text(GOOD.replace("180", "18"), encoding="utf-8")
    bad = tmp_path / name
    bad.write_bytes(data)
    with database("sqlite", tmp_path) as url:
        result = _ingest(
            "--db", url, str(tmp_path / "before.txt"), str(bad), str(tmp_path / "after.txt")
        )
        _no_traceback(result)
        assert _documents(url) == ["after", "before"]
    if message:
        assert result.exit_code == 1
        assert _errors(result) == [f"Error: {bad}: {message}"]
    else:
        assert result.exit_code == 0
    log(f"bad file {name}: {'one error line' if message else 'nothing to read'}, others stored")


@pytest.mark.parametrize(("line", "message"), BAD_LINES, ids=[m for _, m in BAD_LINES])
def test_ingest_names_a_bad_line_by_number_and_stores_the_others(
    tmp_path: Path, line: bytes, message: str
) -> None:
    feed = tmp_path / "feed.jsonl"
    good = [json.dumps({"id": i, "text": GOOD}).encode() for i in ("first", "last")]
    feed.write_bytes(good[0] + b"\n\n" + line + b"\n" + good[1].replace(b"180", b"18") + b"\n")
    with database("sqlite", tmp_path) as url:
        result = _ingest("--db", url, str(feed))
        _no_traceback(result)
        assert _documents(url) == ["first", "last"]
    assert result.exit_code == 1
    [error] = _errors(result)
    assert error.startswith(f"Error: {feed}:3: {message}")
    log(f"bad JSONL line ({message.split(':')[0]}): named with its line number, others stored")


@pytest.mark.parametrize("backend", BACKENDS)
def test_tracker_ingest_reports_bad_inputs_and_stores_the_rest(
    backend: str, tmp_path: Path
) -> None:
    feed = tmp_path / "feed.jsonl"
    rows = [json.dumps({"id": f"good{i}", "text": GOOD.replace("180", str(i))}) for i in (1, 2)]
    feed.write_bytes(
        b"\n".join([rows[0].encode(), *(line for line, _ in BAD_LINES), rows[1].encode()])
    )
    files = [tmp_path / name for name, _, message in BAD_FILES if message]
    for (_name, data, _), path in zip([r for r in BAD_FILES if r[2]], files, strict=True):
        path.write_bytes(data)
    with database(backend, tmp_path) as url, Tracker.open(url) as tracker:
        report = tracker.ingest(read_documents([feed, *files]))
        assert sorted(d.id for d in tracker.documents()) == ["good1", "good2"]
    assert report.stored == 2
    reasons = {skipped.document: skipped.reason for skipped in report.skipped}
    for number, (_line, message) in enumerate(BAD_LINES, start=2):
        assert reasons[f"{feed}:{number}"].startswith(message)
    for (name, _data, message), path in zip([r for r in BAD_FILES if r[2]], files, strict=True):
        assert reasons[str(path)] == message, name
    log(
        f"{backend}: Tracker.ingest over {len(BAD_LINES)} bad lines and {len(files)} bad files: "
        "each skipped with its reason, the 2 good documents stored"
    )


def test_ingest_of_html_warns_and_blanks_the_tags(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(f"<html><body><p>{GOOD}</p></body></html>", encoding="utf-8")
    with database("sqlite", tmp_path) as url:
        result = _ingest("--db", url, str(page))
        with Tracker.open(url) as tracker:
            [stored] = tracker.documents()
            deals = tracker.deals()
    _no_traceback(result)
    assert result.exit_code == 0
    assert f"Warning: {page}: looks like HTML; tags were blanked out" in result.output
    assert "<" not in stored.text
    assert len(stored.text) == len(page.read_text(encoding="utf-8"))  # offsets kept
    assert [(d.deal.supplier, d.deal.buyer) for d in deals] == [("KOR", "POL")]
    log("HTML passed as text: a warning, tags blanked (offsets kept), its deal stored")


#: Runs ``armstrack`` and prints its peak memory (VmHWM: this program's own, not counting
#: the pages of the parent it was forked from) on stderr as its last line.
_MEASURED = """
import atexit, sys
from armstrack.cli import main
def peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            print("peak-kb", line.split()[1], file=sys.stderr)
atexit.register(peak)
main(sys.argv[1:], prog_name="armstrack")
"""


def _run_measured(args: list[str]) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run ``armstrack *args*``; return it and its peak memory in MB."""
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, *args],
        capture_output=True,
        text=True,
        env=environment(),
        timeout=600,
        check=False,
    )
    peak = [line for line in done.stderr.splitlines() if line.startswith("peak-kb")]
    return done, int(peak[-1].split()[1]) / 1024


@pytest.mark.slow
def test_a_100_mb_file_is_refused_or_streamed_in_bounded_memory(tmp_path: Path) -> None:
    size = 100 * 1024 * 1024
    big_text = tmp_path / "big.txt"
    with big_text.open("w", encoding="utf-8") as handle:
        for _ in range(size // len(GOOD) + 1):
            handle.write(GOOD)
    feed = tmp_path / "big.jsonl"
    with feed.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "first", "text": GOOD}) + "\n")
        handle.write('{"id": "huge", "text": "' + "K2 tanks " * (size // 9) + '"}\n')
        handle.write(json.dumps({"id": "last", "text": GOOD.replace("180", "18")}) + "\n")
    with database("sqlite", tmp_path) as url:
        done, peak = _run_measured(["ingest", "--db", url, str(big_text), str(feed)])
        assert _documents(url) == ["first", "last"]
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("Error:")]
    assert errors == [
        f"Error: {big_text}: larger than {MAX_DOCUMENT_BYTES} bytes, not read",
        f"Error: {feed}:2: line longer than {MAX_DOCUMENT_BYTES} bytes",
    ]
    assert peak < 200, f"peak {peak:.0f} MB"  # about 95 MB, catalogue included
    log(f"100 MB .txt and 100 MB JSONL line: refused by the size limit, peak {peak:.0f} MB")


def test_a_database_that_does_not_connect_gives_one_line(tmp_path: Path) -> None:
    feed = tmp_path / "a.txt"
    feed.write_text(GOOD, encoding="utf-8")
    unreachable = "postgresql+psycopg://nobody:secret@127.0.0.1:1/none?connect_timeout=2"
    for args in (
        ["ingest", "--db", unreachable, str(feed)],
        ["db", "upgrade", "--db", unreachable],
        ["db", "current", "--db", unreachable],
    ):
        result = CliRunner().invoke(main, args)
        _no_traceback(result)
        assert result.exit_code == 1
        [line] = result.output.strip().splitlines()
        assert line.startswith("Error: cannot use the database at postgresql+psycopg://nobody:***@")
        assert "secret" not in line
    for url in ("not a url", "nosuchdb://x"):
        result = CliRunner().invoke(main, ["ingest", "--db", url, str(feed)])
        _no_traceback(result)
        assert result.exit_code == 1
        assert len(result.output.strip().splitlines()) == 1, result.output
    folder = tmp_path / "a-folder"
    folder.mkdir()
    result = CliRunner().invoke(main, ["ingest", "--db", f"sqlite:///{folder}", str(feed)])
    _no_traceback(result)
    assert result.exit_code == 1
    assert _errors(result) == [
        f"Error: cannot use the database at sqlite:///{folder}: unable to open database file"
    ]
    log(
        "database URLs that do not connect (refused, unparsable, unknown driver, a folder): "
        "one line, exit 1"
    )


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_older_schema_asks_for_db_upgrade(backend: str, tmp_path: Path) -> None:
    feed = tmp_path / "a.txt"
    feed.write_text(GOOD, encoding="utf-8")
    with empty_database(backend, tmp_path) as url:
        migrate.upgrade_database(url, "0001")
        result = _ingest("--db", url, str(feed))
        _no_traceback(result)
        assert result.exit_code == 1
        [line] = result.output.strip().splitlines()
        assert "older schema (0001); run `armstrack db upgrade`" in line
        with pytest.raises(SchemaError, match="armstrack db upgrade"):
            Tracker.open(url)
    log(f"{backend}: database at an older schema: one line asking for `armstrack db upgrade`")


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_unknown_newer_schema_is_named(backend: str, tmp_path: Path) -> None:
    feed = tmp_path / "a.txt"
    feed.write_text(GOOD, encoding="utf-8")
    with database(backend, tmp_path) as url:
        engine = make_engine(url)
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        engine.dispose()
        result = _ingest("--db", url, str(feed))
        _no_traceback(result)
        assert result.exit_code == 1
        [line] = result.output.strip().splitlines()
        assert "at schema revision 9999, which this armstrack does not know" in line
        assert f"its newest is {migrate.head()}" in line
        with pytest.raises(SchemaError, match="newer armstrack"):
            Tracker.open(url)
        current = CliRunner().invoke(main, ["db", "current", "--db", url])
        assert "revision 9999 (unknown" in current.output
        upgrade = CliRunner().invoke(main, ["db", "upgrade", "--db", url])
        _no_traceback(upgrade)
        assert upgrade.exit_code == 1
        assert len(upgrade.output.strip().splitlines()) == 1, upgrade.output
    log(f"{backend}: database at an unknown newer revision: one line naming it, exit 1")


def test_report_of_an_unknown_state_is_one_line(tmp_path: Path) -> None:
    with database("sqlite", tmp_path) as url:
        result = CliRunner().invoke(main, ["report", "XYZ", "--db", url])
    _no_traceback(result)
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1, result.output
    assert "XYZ" in result.output
    log(f"`armstrack report XYZ`: one line, exit {result.exit_code}")

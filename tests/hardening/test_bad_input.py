"""Bad input gets one clear error naming it, and nothing else is lost.

Through the command line each bad file or JSONL line gives one ``Error:`` line on stderr
naming the file (and line), the good documents around it are still extracted and printed,
and the exit status is 1. Through the Python API a bad value raises a pydantic error
naming the field. Hostile file names and ids never end in a traceback.
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from pydantic import ValidationError

from armstrack.cli import extract as extract_cli
from armstrack.cli import main
from armstrack.extract import extract
from armstrack.model import Deal, Document, Evidence, Money, State, SystemLine
from armstrack.store.inputs import read_documents
from armstrack.store.records import SkippedDocument

GOOD = "Poland signed a contract for 180 K2 tanks from South Korea.\n"


def _run(*args: str, stdin: bytes | str | None = None) -> Result:
    return CliRunner().invoke(main, ["extract", *args], input=stdin)


def _ids(out: str) -> list[str]:
    return [json.loads(line)["id"] for line in out.splitlines() if line.strip()]


def _no_traceback(result: Result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output


# --- whole files that cannot be read as text -------------------------------------------

#: (file name, bytes, what the error says)
BAD_FILES: list[tuple[str, bytes, str]] = [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b" \n\t\n", "empty"),
    ("binary.txt", bytes(range(256)), "binary"),
    ("nul.txt", b"Poland\x00signed", "binary"),
    ("utf16.txt", "Poland signed".encode("utf-16"), "binary"),
    ("latin1.txt", "Défense signed".encode("latin-1"), "not UTF-8"),
    ("cut.txt", "Poland signed €".encode()[:-1], "not UTF-8"),
    ("surrogate.txt", b"Poland \xed\xa0\x80 signed", "not UTF-8"),
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("folder", b"", "cannot read"),
    ("missing.txt", b"", "cannot read"),
]


@pytest.mark.parametrize(
    ("name", "data", "message"), BAD_FILES, ids=[name for name, _, _ in BAD_FILES]
)
def test_bad_file_is_named_and_the_others_are_kept(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    bad = tmp_path / name
    if name == "folder":
        bad.mkdir()
    elif name != "missing.txt":
        bad.write_bytes(data)
    before, after = tmp_path / "before.txt", tmp_path / "after.txt"
    before.write_text(GOOD, encoding="utf-8")
    after.write_text(GOOD, encoding="utf-8")
    result = _run(str(before), str(bad), str(after))
    _no_traceback(result)
    assert result.exit_code == 1
    assert _ids(result.stdout) == ["before", "after"]
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"Error: {bad}: ")
    assert message in line


def test_utf8_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    result = _run(str(path))
    assert result.exit_code == 0, result.stderr
    assert _ids(result.stdout) == ["bom"]


# --- JSONL lines that cannot be read as documents --------------------------------------

#: (line bytes, what the error says) for the second line of a three-line file
BAD_LINES: list[tuple[bytes, str]] = [
    (b"{broken", "not JSON"),
    (b'{"id": "x", "text": "unterminated}', "not JSON"),
    (b'["a list"]', "expected a JSON object"),
    (b"42", "expected a JSON object"),
    (b"null", "expected a JSON object"),
    (b'{"text": "no id"}', "'id'"),
    (b'{"id": "", "text": "x"}', "'id'"),
    (b'{"id": 7, "text": "x"}', "'id'"),
    (b'{"id": "x"}', "'text'"),
    (b'{"id": "x", "text": ["a"]}', "'text'"),
    (b'{"id": "x", "text": "", "published": "yesterday"}', "'published'"),
    (b'{"id": "x", "text": "", "published": 1e999}', "'published'"),
    (b'{"id": "x", "text": "", "published": "2024-02-30"}', "'published'"),
    ('{"id": "x", "text": "Défense"}'.encode("latin-1"), "not UTF-8"),
    (b'{"id": "x", "text": "a\x00b"}', "binary"),
    (b'{"id": "x", "text": "\\ud800"}', "lone surrogate"),
    (b'{"id": "\\udfff", "text": "x"}', "lone surrogate"),
    (b"[" * 100_000, "nested too deeply"),
    (b'{"a":' * 100_000, "nested too deeply"),
]


@pytest.mark.parametrize(("line", "message"), BAD_LINES, ids=[m for _, m in BAD_LINES])
def test_bad_line_is_numbered_and_the_others_are_kept(
    tmp_path: Path, line: bytes, message: str
) -> None:
    path = tmp_path / "docs.jsonl"
    good = [json.dumps({"id": i, "text": GOOD}).encode() for i in ("first", "last")]
    path.write_bytes(good[0] + b"\n" + line + b"\n" + good[1] + b"\n")
    result = _run(str(path))
    _no_traceback(result)
    assert result.exit_code == 1
    assert _ids(result.stdout) == ["first", "last"]
    (err,) = result.stderr.splitlines()
    assert err.startswith(f"Error: {path}:2: ")
    assert message in err


def test_every_bad_line_of_a_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    lines = [line for line, _ in BAD_LINES]
    lines.insert(5, json.dumps({"id": "good", "text": GOOD}).encode())
    path.write_bytes(b"\n".join(lines) + b"\n")
    result = _run(str(path))
    assert result.exit_code == 1
    assert _ids(result.stdout) == ["good"]
    assert len(result.stderr.splitlines()) == len(BAD_LINES)


def test_over_long_line_is_skipped_without_reading_it_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(extract_cli, "MAX_DOCUMENT_BYTES", 100)
    path = tmp_path / "docs.jsonl"
    rows = [{"id": "a", "text": "short"}, {"id": "b", "text": "x" * 1000}, {"id": "c", "text": ""}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = _run(str(path))
    assert result.exit_code == 1
    assert _ids(result.stdout) == ["a", "c"]
    assert f"{path}:2: line longer than 100 bytes" in result.stderr


def test_over_large_text_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract_cli, "MAX_DOCUMENT_BYTES", 100)
    path = tmp_path / "long.txt"
    path.write_text(GOOD * 10, encoding="utf-8")
    result = _run(str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{path}: larger than 100 bytes" in result.stderr


# --- stdin -------------------------------------------------------------------------------

#: (stdin bytes, ids printed, what the error says or "" for none)
STDIN: list[tuple[bytes, list[str], str]] = [
    (b"", [], "<stdin>: empty"),
    (b"\x00\x01\x02", [], "<stdin>: binary"),
    ("Défense".encode("latin-1"), [], "<stdin>: not UTF-8"),
    (b'\n\n{"id": "a", "text": "x"}\n{oops\n', ["a"], "<stdin>:4: not JSON"),
    (GOOD.encode(), ["stdin"], ""),
]


@pytest.mark.parametrize(("data", "ids", "message"), STDIN, ids=[repr(s[:12]) for s, _, _ in STDIN])
def test_stdin(data: bytes, ids: list[str], message: str) -> None:
    result = _run("-", stdin=data)
    _no_traceback(result)
    assert _ids(result.stdout) == ids
    assert result.exit_code == (1 if message else 0)
    if message:
        (err,) = result.stderr.splitlines()
        assert message in err


# --- HTML passed as text ------------------------------------------------------------------

PAGE = (
    "<!DOCTYPE html><html><head><title>x</title><script>var x = 'Russia';</script></head>"
    "<body><p>Poland signed a contract for 180 K2 tanks from South Korea &amp; more.</p>"
    "</body></html>"
)


def test_html_file_is_blanked_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    result = _run(str(path))
    assert result.exit_code == 0
    (warning,) = result.stderr.splitlines()
    assert warning == f"Warning: {path}: looks like HTML; tags were blanked out before extraction"
    (row,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(d["supplier"], d["buyer"]) for d in row["deals"]] == [("KOR", "POL")]
    for deal in row["deals"]:  # offsets still point into the page as given
        for ev in deal["evidence"]:
            assert "<" not in PAGE[ev["start"] : ev["end"]] or ev["field"] is None


def test_html_in_a_jsonl_text_is_blanked_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"id": "p", "text": PAGE}) + "\n", encoding="utf-8")
    result = _run(str(path))
    assert result.exit_code == 0
    assert f"Warning: {path}:1: looks like HTML" in result.stderr
    assert _ids(result.stdout) == ["p"]


def test_angle_brackets_in_plain_text_are_not_html(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("Costs rose from <5% to >10% as Poland signed. " + GOOD, encoding="utf-8")
    result = _run(str(path))
    assert result.exit_code == 0
    assert result.stderr == ""


# --- hostile file names and ids -----------------------------------------------------------

HOSTILE = [
    "quote'd\".txt",
    "semi;colon.txt",
    "--",
    "-",
    "a\x00b.txt",
    "new\nline.txt",
    "x" * 5000,
    "../../../../etc/passwd",
    "$(rm -rf ~).txt",
    "%s%n.txt",
    "\u202egnp.txt",
]


@pytest.mark.parametrize("name", HOSTILE, ids=[repr(n[:20]) for n in HOSTILE])
def test_hostile_file_names_never_crash(name: str) -> None:
    result = _run("--", name, stdin=b"")
    _no_traceback(result)
    assert result.exit_code in (0, 1)
    for line in result.stderr.splitlines():
        assert line.startswith("Error: ")
    assert len(result.stderr.splitlines()) <= 1


@pytest.mark.parametrize("name", HOSTILE, ids=[repr(n[:20]) for n in HOSTILE])
def test_hostile_catalogue_names_never_crash(name: str) -> None:
    result = _run("--catalogue", name, "-", stdin=GOOD)
    _no_traceback(result)
    assert result.exit_code in (0, 1, 2)


@pytest.mark.parametrize(
    "doc_id",
    ["quote'd\"", "a;b", "--", "\x00", "new\nline", "x" * 100_000, "\u202e", "<script>"],
    ids=["quotes", "semicolon", "dashes", "nul", "newline", "long", "rtl", "tag"],
)
def test_hostile_ids_come_back_unchanged(tmp_path: Path, doc_id: str) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"id": doc_id, "text": GOOD}) + "\n", encoding="utf-8")
    for args in ([str(path)], ["--explain", str(path)]):
        result = _run(*args)
        _no_traceback(result)
        assert result.exit_code == 0
    assert _ids(_run(str(path)).stdout) == [doc_id]


# --- the Python API -------------------------------------------------------------------------

#: (model, fields, the field the error names)
BAD_VALUES: list[tuple[type[Any], dict[str, Any], tuple[str | int, ...]]] = [
    (Deal, {"supplier": "XXX", "buyer": "POL"}, ("supplier",)),
    (Deal, {"supplier": "pol", "buyer": "KOR"}, ("supplier",)),
    (Deal, {"supplier": "KOR", "buyer": "Poland"}, ("buyer",)),
    (
        Deal,
        {"supplier": "KOR", "buyer": "POL", "value": {"amount": 1, "currency": "XYZ"}},
        ("value", "currency"),
    ),
    (
        Deal,
        {"supplier": "KOR", "buyer": "POL", "value": {"amount": 1, "currency": "usd"}},
        ("value", "currency"),
    ),
    (
        Deal,
        {"supplier": "KOR", "buyer": "POL", "value": {"amount": "nan", "currency": "USD"}},
        ("value", "amount"),
    ),
    (
        Deal,
        {"supplier": "KOR", "buyer": "POL", "value": {"amount": -1, "currency": "USD"}},
        ("value", "amount"),
    ),
    (Deal, {"supplier": "KOR", "buyer": "POL", "status": "done"}, ("status",)),
    (Deal, {"supplier": "KOR", "buyer": "POL", "confidence": 2}, ("confidence",)),
    (Deal, {"supplier": "KOR", "buyer": "POL", "systems": [{"name": ""}]}, ("systems", 0, "name")),
    (Money, {"amount": "1.0000000000000001", "currency": "USD"}, ("amount",)),
    (Money, {"amount": 1, "currency": "EURO"}, ("currency",)),
    (State, {"code": "ZZZ"}, ("code",)),
    (SystemLine, {"name": "K2", "quantity": -3}, ("quantity",)),
    (SystemLine, {"name": "K2", "category": "tanks"}, ("category",)),
    (Evidence, {"start": -1, "end": 2, "rule": "r"}, ("start",)),
    (Document, {"id": "", "text": "x"}, ("id",)),
]


@pytest.mark.parametrize(
    ("model", "fields", "loc"),
    BAD_VALUES,
    ids=[f"{m.__name__}.{'.'.join(map(str, loc))}" for m, _, loc in BAD_VALUES],
)
def test_bad_values_name_the_field(
    model: type[Any], fields: dict[str, Any], loc: tuple[str | int, ...]
) -> None:
    with pytest.raises(ValidationError) as info:
        model.model_validate(fields)
    assert loc in [e["loc"] for e in info.value.errors()]
    assert ".".join(map(str, loc)) in str(info.value)


def test_bad_json_names_the_field() -> None:
    with pytest.raises(ValidationError) as info:
        Deal.model_validate_json('{"supplier": "KOR", "buyer": "POL", "value": {"amount": 1}}')
    assert ("value", "currency") in [e["loc"] for e in info.value.errors()]


def test_a_document_with_a_lone_surrogate_is_refused() -> None:
    with pytest.raises(ValidationError, match="surrogates not allowed"):
        Document(id="d", text="Poland \ud800")


#: Texts that are unusual but still str: extraction reads them without raising. (A lone
#: surrogate is refused with a ValueError, as Document refuses it: test_regressions.py.)
ODD_TEXTS = ["", " ", "\x00" * 1000, "\ufeff" + GOOD, PAGE, "\u202e" + GOOD]


@pytest.mark.parametrize("text", ODD_TEXTS, ids=[repr(t[:12]) for t in ODD_TEXTS])
def test_odd_text_through_the_api(text: str) -> None:
    assert isinstance(extract(text), list)


@pytest.mark.parametrize("value", [GOOD.encode(), None, 42], ids=["bytes", "None", "int"])
def test_non_text_through_the_api_is_a_type_error_naming_text(value: object) -> None:
    with pytest.raises(TypeError, match="text"):
        extract(value)  # type: ignore[arg-type]


def test_decimal_amount_survives_json() -> None:
    deal = Deal(supplier="KOR", buyer="POL", value=Money(amount=Decimal("0.5"), currency="USD"))
    assert Deal.model_validate_json(deal.model_dump_json()) == deal


# --- 100 MB inputs (slow): bounded memory, a clear error where too large ------------------

_PEAK = """
import resource, sys
from pathlib import Path
from armstrack.cli import main
try:
    main(sys.argv[1:])
finally:
    # VmHWM is this process's own peak; ru_maxrss would carry over the forking parent's
    # (pytest's) peak across exec on Linux.
    status = Path("/proc/self/status")
    lines = status.read_text().splitlines() if status.exists() else []
    hwm = [int(line.split()[1]) for line in lines if line.startswith("VmHWM:")]
    peak = hwm[0] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print("PEAK", peak, file=sys.stderr)
"""

#: Peak resident memory allowed for the command on a 100 MB input, in MB: the process
#: with its catalogue needs about 70, and reading the input whole would need 200 more.
PEAK_MB = 200
HUNDRED_MB = 100 * 1024 * 1024


def _run_measured(*args: str) -> tuple[int, str, str, float]:
    proc = subprocess.run(
        [sys.executable, "-c", _PEAK, "extract", *args],
        capture_output=True,
        text=True,
        timeout=280,
        check=False,
    )
    peak = [line for line in proc.stderr.splitlines() if line.startswith("PEAK ")]
    errors = "\n".join(line for line in proc.stderr.splitlines() if not line.startswith("PEAK "))
    return proc.returncode, proc.stdout, errors, int(peak[0].split()[1]) / 1024


@pytest.mark.slow
def test_100mb_text_file_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as out:
        chunk = GOOD.encode() * (1024 * 1024 // len(GOOD))
        while out.tell() < HUNDRED_MB:
            out.write(chunk)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    code, out, err, peak = _run_measured(str(path), str(good))
    assert code == 1, err
    assert _ids(out) == ["good"]
    assert err == f"Error: {path}: larger than {extract_cli.MAX_DOCUMENT_BYTES} bytes, not read"
    assert peak < PEAK_MB


@pytest.mark.slow
def test_100mb_jsonl_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "huge.jsonl"
    pad = "x" * (1024 * 1024)
    count = 0
    with path.open("w", encoding="utf-8") as out:
        while out.tell() < HUNDRED_MB:
            out.write(json.dumps({"id": f"d{count}", "text": "", "note": pad}) + "\n")
            count += 1
        out.write(json.dumps({"id": "good", "text": GOOD}) + "\n")
    code, out, err, peak = _run_measured(str(path))
    assert (code, err) == (0, "")
    assert _ids(out) == [f"d{i}" for i in range(count)] + ["good"]
    assert peak < PEAK_MB


@pytest.mark.slow
def test_100mb_jsonl_line_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "oneline.jsonl"
    with path.open("w", encoding="utf-8") as out:
        out.write('{"id": "big", "text": "')
        chunk = "Poland signed. " * 70_000
        while out.tell() < HUNDRED_MB:
            out.write(chunk)
        out.write('"}\n')
        out.write(json.dumps({"id": "good", "text": GOOD}) + "\n")
    code, out, err, peak = _run_measured(str(path))
    assert code == 1, err
    assert _ids(out) == ["good"]
    assert err == (
        f"Error: {path}:1: line longer than {extract_cli.MAX_DOCUMENT_BYTES} bytes, skipped"
    )
    assert peak < PEAK_MB


# --- the Python reader of files (armstrack.store.inputs, used by ingest) ----------------------


def _read(paths: list[Path]) -> list[str]:
    return [
        f"skipped {item.document}" if isinstance(item, SkippedDocument) else item.id
        for item in read_documents(paths)
    ]


UNREADABLE = [row for row in BAD_FILES if row[2] in ("not UTF-8", "cannot read")]
UNREADABLE = [row for row in UNREADABLE if row[0] != "folder"]  # read as a folder of files


@pytest.mark.parametrize(("name", "data", "message"), UNREADABLE, ids=[r[0] for r in UNREADABLE])
def test_read_documents_skips_a_bad_file_and_keeps_the_others(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    bad = tmp_path / name
    if name != "missing.txt":
        bad.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    assert _read([bad, good]) == [f"skipped {bad}", "good"]


#: JSONL lines the reader of files once did not survive: a non-UTF-8 line lost the whole
#: file, and deep nesting raised RecursionError. The reader now skips just the line.
READER_FAULTS = [
    pytest.param("Défense".encode("latin-1"), id="non-UTF-8 line"),
    pytest.param(b"[" * 100_000, id="deep nesting"),
    pytest.param(b"{broken", id="broken JSON"),
]


@pytest.mark.parametrize("line", READER_FAULTS)
def test_read_documents_skips_a_bad_line_and_keeps_the_others(tmp_path: Path, line: bytes) -> None:
    path = tmp_path / "docs.jsonl"
    good = [json.dumps({"id": i, "text": GOOD}).encode() for i in ("first", "last")]
    path.write_bytes(good[0] + b"\n" + line + b"\n" + good[1] + b"\n")
    assert _read([path]) == ["first", f"skipped {path}:2", "last"]

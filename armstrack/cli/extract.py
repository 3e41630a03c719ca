"""``armstrack extract``: print the deals of news texts, one JSON line per document.

Bad input never stops the run: each unreadable file or JSONL line gives one ``Error:`` line
on stderr naming it (and the line number), the other documents are still extracted and
printed, and the exit status is 1 when any input failed.
"""

from __future__ import annotations

import datetime
import json
import sys
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import click

from armstrack.catalogue import Catalogue, CatalogueError, default_catalogue, load_catalogue
from armstrack.cli.options import workers_option
from armstrack.extract import extract as extract_deals
from armstrack.model import Deal
from armstrack.textio import MAX_DOCUMENT_BYTES, blank_html, bounded_lines, looks_like_html

__all__ = ["MAX_DOCUMENT_BYTES", "extract"]


@dataclass(frozen=True)
class _Input:
    id: str
    text: str
    published: datetime.date | None
    warning: str | None = None


class _BadInput(Exception):
    pass


#: Characters JSON leaves raw but line readers (``str.splitlines``, JavaScript) take as line
#: breaks: escaped, so that each document stays on one line of output.
_LINE_BREAKS = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def _show(name: str) -> str:
    """Return *name* fit for one line of an error message, whatever it holds."""
    shown = name if name.isprintable() else repr(name)[1:-1]
    return shown if len(shown) <= 200 else shown[:200] + "..."


def _checked(doc_id: str, text: str, day: datetime.date | None, place: str) -> _Input:
    if looks_like_html(text):
        warning = f"{place}: looks like HTML; tags were blanked out before extraction"
        return _Input(doc_id, blank_html(text), day, warning)
    return _Input(doc_id, text, day)


def _decode(data: bytes, place: str) -> str:
    if b"\x00" in data:
        raise _BadInput(f"{place}: binary data (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _BadInput(f"{place}: not UTF-8 text (bad byte at offset {exc.start})") from exc


def _document(doc_id: str, data: bytes, place: str) -> _Input:
    """Read *data* (a .txt file, or text on stdin) as one document."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise _BadInput(f"{place}: larger than {MAX_DOCUMENT_BYTES} bytes, not read")
    if not data.strip():
        raise _BadInput(f"{place}: empty, no text to read")
    return _checked(doc_id, _decode(data, place), None, place)


def _row(line: bytes | None, place: str) -> _Input:
    """Read one JSONL line as a document."""
    if line is None:
        raise _BadInput(f"{place}: line longer than {MAX_DOCUMENT_BYTES} bytes, skipped")
    try:
        row = json.loads(_decode(line, place))
    except json.JSONDecodeError as exc:
        raise _BadInput(f"{place}: not JSON: {exc.msg}") from exc
    except RecursionError as exc:
        raise _BadInput(f"{place}: not JSON: nested too deeply") from exc
    if not isinstance(row, dict):
        raise _BadInput(f"{place}: expected a JSON object")
    doc_id, text, published = row.get("id"), row.get("text"), row.get("published")
    if not isinstance(doc_id, str) or not doc_id:
        raise _BadInput(f"{place}: 'id' must be a non-empty string")
    if not isinstance(text, str):
        raise _BadInput(f"{place}: 'text' must be a string")
    for key, value in (("id", doc_id), ("text", text)):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise _BadInput(f"{place}: {key!r} holds a lone surrogate, not text") from exc
    day: datetime.date | None = None
    if published is not None:
        try:
            day = datetime.date.fromisoformat(str(published))
        except ValueError as exc:
            raise _BadInput(f"{place}: 'published' is not an ISO date: {published!r}") from exc
    return _checked(doc_id, text, day, place)


def _jsonl(lines: Iterator[bytes | None], where: str) -> Iterator[_Input | _BadInput]:
    """Yield the document of each non-blank line, or the error that line gives."""
    for number, line in enumerate(lines, start=1):
        if line is not None and not line.strip():
            continue
        try:
            yield _row(line, f"{where}:{number}")
        except _BadInput as exc:
            yield exc


def _stdin(stream: BinaryIO) -> Iterator[_Input | _BadInput]:
    """Read stdin as JSONL when its first non-blank line opens a JSON object, else as text."""
    head: list[bytes | None] = []
    lines = bounded_lines(stream, MAX_DOCUMENT_BYTES)
    for line in lines:
        head.append(line)
        if line is None or line.strip():
            break
    first = next((h for h in head if h is not None and h.strip()), None)
    if first is not None and first.lstrip().startswith(b"{"):
        yield from _jsonl(_chain(head, lines), "<stdin>")
        return
    if None in head:
        yield _BadInput(f"<stdin>: larger than {MAX_DOCUMENT_BYTES} bytes, not read")
        return
    data = b"".join(h for h in head if h is not None)
    data += stream.read(MAX_DOCUMENT_BYTES + 1 - len(data))
    try:
        yield _document("stdin", data, "<stdin>")
    except _BadInput as exc:
        yield exc


def _chain(head: list[bytes | None], rest: Iterator[bytes | None]) -> Iterator[bytes | None]:
    yield from head
    yield from rest


def _file(name: str) -> Iterator[_Input | _BadInput]:
    """Yield the documents of one file: a .jsonl file line by line, any other as one text."""
    where = _show(name)
    path = Path(name)
    try:
        with path.open("rb") as stream:
            if path.suffix == ".jsonl":
                yield from _jsonl(bounded_lines(stream, MAX_DOCUMENT_BYTES), where)
                return
            data = stream.read(MAX_DOCUMENT_BYTES + 1)
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        yield _BadInput(f"{where}: cannot read: {reason}")
        return
    try:
        yield _document(path.stem, data, where)
    except _BadInput as exc:
        yield exc


def _inputs(files: tuple[str, ...]) -> Iterator[_Input | _BadInput]:
    for name in files:
        yield from _stdin(sys.stdin.buffer) if name == "-" else _file(name)


def explain(deals: list[Deal], doc_id: str) -> str:
    """Return a human-readable account of each deal: rules fired, evidence of each field."""
    out = [f"# {doc_id}: {len(deals)} deal(s)"]
    for n, deal in enumerate(deals, start=1):
        systems = ", ".join(
            f"{s.name}"
            + (f" x{s.quantity}" if s.quantity is not None else "")
            + (f" [{s.category.value}]" if s.category else "")
            for s in deal.systems
        )
        value = f"{deal.value.amount} {deal.value.currency}" if deal.value else "-"
        out.append(
            f"deal {n}: {deal.supplier or '?'} -> {deal.buyer or '?'}  status={deal.status.value}"
            f"  value={value}  confidence={deal.confidence:.2f}"
        )
        out.append(f"  systems: {systems or '-'}")
        rules = sorted({ev.rule for ev in deal.evidence})
        out.append(f"  rules: {', '.join(rules)}")
        for ev in deal.evidence:
            sentence = ev.sentence[:160].replace("\n", " ")
            out.append(f"  {ev.field or '?':8} [{ev.start}:{ev.end}] {ev.rule}: {sentence}")
    return "\n".join(out)


def _render(doc: _Input, explain_: bool, cat: Catalogue) -> str:
    """Return the output of one document: its JSON line, or its explanation."""
    deals = extract_deals(doc.text, doc.published, document_id=doc.id, catalogue=cat)
    if explain_:
        return explain(deals, doc.id)
    row = {"id": doc.id, "deals": [d.model_dump(mode="json") for d in deals]}
    return json.dumps(row, ensure_ascii=False).translate(_LINE_BREAKS)


#: What a worker process renders with: the catalogue and the output form (set once per worker).
_WORKER: tuple[Catalogue, bool] | None = None


def _start_worker(extra: tuple[str, ...], explain_: bool) -> None:
    global _WORKER
    _WORKER = (load_catalogue(*extra) if extra else default_catalogue(), explain_)


def _render_in_worker(doc: _Input) -> str:
    assert _WORKER is not None, "the worker was not started by _start_worker"
    return _render(doc, _WORKER[1], _WORKER[0])


#: Documents handed out per worker ahead of the one being printed: keeps every worker busy
#: while memory stays bounded, however long the input.
_AHEAD = 8


def _rendered(
    docs: Iterator[_Input | _BadInput], workers: int, explain_: bool, extra: tuple[str, ...]
) -> Iterator[tuple[_Input | _BadInput, str]]:
    """Yield each input with its output, in input order, rendered by *workers* processes."""
    pool = ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(extra, explain_))
    queue: deque[tuple[_Input | _BadInput, Future[str] | None]] = deque()
    try:
        for doc in docs:
            job = None if isinstance(doc, _BadInput) else pool.submit(_render_in_worker, doc)
            queue.append((doc, job))
            while len(queue) > workers * _AHEAD:
                done, job = queue.popleft()
                yield done, job.result() if job is not None else ""
        while queue:
            done, job = queue.popleft()
            yield done, job.result() if job is not None else ""
    finally:
        pool.shutdown(cancel_futures=True)


@click.command("extract")
@click.argument("files", nargs=-1, required=True)
@click.option("--explain", "explain_", is_flag=True, help="Show rules and evidence, not JSON.")
@click.option(
    "--catalogue",
    "extra",
    multiple=True,
    metavar="FILE",
    help="An extra catalogue CSV file to load after the seeds (repeatable).",
)
@workers_option("Extract in this many processes; the output keeps the input order.")
def extract(files: tuple[str, ...], explain_: bool, extra: tuple[str, ...], workers: int) -> None:
    """Extract the arms deals of FILES (.txt, .jsonl, or - for stdin), one JSON line each.

    A .jsonl file holds one document a line ({"id", "text", "published"}); the id of a
    .txt file is its name without the suffix. A bad file or line is named on stderr and
    skipped, the rest is still extracted, and the exit status is then 1.
    """
    try:
        cat = load_catalogue(*extra) if extra else default_catalogue()
    except CatalogueError as exc:
        raise click.ClickException(str(exc)) from exc
    except (OSError, ValueError) as exc:  # a missing, unreadable or non-UTF-8 file
        names = ", ".join(_show(name) for name in extra)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise click.ClickException(f"cannot read catalogue {names}: {reason}") from exc
    failed = False
    if workers > 1:
        outputs = _rendered(_inputs(files), workers, explain_, extra)
    else:
        outputs = (
            (doc, "" if isinstance(doc, _BadInput) else _render(doc, explain_, cat))
            for doc in _inputs(files)
        )
    for doc, output in outputs:
        if isinstance(doc, _BadInput):
            click.echo(f"Error: {doc}", err=True)
            failed = True
            continue
        if doc.warning:
            click.echo(f"Warning: {doc.warning}", err=True)
        click.echo(output)
    if failed:
        sys.exit(1)

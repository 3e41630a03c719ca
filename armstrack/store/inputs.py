"""Reading documents to ingest: text files, JSONL files and folders of them.

A ``.jsonl`` file holds one document a line, as the input of the evaluation format
(``id``, ``text``, and optionally ``published`` as ``YYYY-MM-DD``, ``title``, ``url``;
other fields such as ``deals`` are ignored). Any other file is one document whose id is
its name without the suffix; in a folder, its path relative to the folder. Folders are
read recursively for ``.txt`` and ``.jsonl`` files, in name order.

A file or line that cannot be read becomes a
:class:`~armstrack.store.records.SkippedDocument` naming the place (``docs.jsonl:7`` for
a line) and the reason, so the rest is still ingested: an empty, binary (NUL bytes) or
non-UTF-8 file or line, a line that is not a JSON object of a document, and a document
over :data:`MAX_DOCUMENT_BYTES`. JSONL files are streamed a line at a time, each decoded
on its own, so a file of any size is read in the memory of one line. Text that looks
like HTML has its tags blanked out (offsets kept) and the caller is warned.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.jsonl").write_bytes(b'{"id": "x", "text": "K2"}\\n{broken\\n')
>>> [getattr(item, "id", None) or item.reason for item in read_documents([folder])]
['x', 'not JSON: Expecting property name enclosed in double quotes']
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from armstrack.model import Document
from armstrack.store.records import SkippedDocument
from armstrack.textio import MAX_DOCUMENT_BYTES, blank_html, bounded_lines, looks_like_html

__all__ = ["MAX_DOCUMENT_BYTES", "SUFFIXES", "count_documents", "read_documents"]


#: The files a folder is searched for.
SUFFIXES = (".txt", ".jsonl")

#: Called with a warning about an input that was read anyway (HTML blanked out).
Warn = Callable[[str], None]


class _Bad(Exception):
    """One input that cannot be read; the message is the reason."""


def _files(paths: Iterable[Path]) -> Iterator[tuple[Path, str | None]]:
    """Yield each file with the id it gives a text document (``None``: use the stem)."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix in SUFFIXES:
                    yield child, child.relative_to(path).with_suffix("").as_posix()
        else:
            yield path, None


def _decode(data: bytes) -> str:
    if b"\x00" in data:
        raise _Bad("binary data (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _Bad(f"not UTF-8 text (bad byte at offset {exc.start})") from exc


def _text(text: str, place: str, warn: Warn | None) -> str:
    if looks_like_html(text):
        if warn is not None:
            warn(f"{place}: looks like HTML; tags were blanked out before extraction")
        return blank_html(text)
    return text


def _jsonl_line(line: bytes | None, place: str, warn: Warn | None) -> Document:
    if line is None:
        raise _Bad(f"line longer than {MAX_DOCUMENT_BYTES} bytes")
    try:
        row = json.loads(_decode(line))
    except json.JSONDecodeError as exc:
        raise _Bad(f"not JSON: {exc.msg}") from exc
    except RecursionError as exc:
        raise _Bad("not JSON: nested too deeply") from exc
    if not isinstance(row, dict):
        raise _Bad("expected a JSON object")
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        raise _Bad("'text' must be a non-empty string")
    for key in ("id", "text", "title", "url"):
        value = row.get(key)
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise _Bad(f"{key!r} holds a lone surrogate, not text") from exc
    published = row.get("published")
    try:
        return Document(
            id=row.get("id"),
            text=_text(text, place, warn),
            title=row.get("title"),
            url=row.get("url"),
            published=date.fromisoformat(published) if isinstance(published, str) else published,
        )
    except ValidationError as exc:
        error = exc.errors()[0]
        raise _Bad(
            f"invalid document: {'.'.join(str(p) for p in error['loc'])}: {error['msg']}"
        ) from exc
    except (ValueError, TypeError) as exc:
        raise _Bad(f"invalid document: {exc}") from exc


def _text_file(path: Path, ident: str, warn: Warn | None) -> Document:
    with path.open("rb") as stream:
        data = stream.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise _Bad(f"larger than {MAX_DOCUMENT_BYTES} bytes, not read")
    if not data.strip():
        raise _Bad("empty, no text to read")
    return Document(id=ident, text=_text(_decode(data), str(path), warn))


def _reason(exc: OSError) -> str:
    return f"cannot read: {exc.strerror or exc}"


def read_documents(
    paths: Iterable[Path | str], *, warn: Warn | None = None
) -> Iterator[Document | SkippedDocument]:
    """Yield the documents of *paths* (files or folders), or why one could not be read.

    *warn*, when given, is called with a message about each input read with a caveat
    (HTML whose tags were blanked out).
    """
    for path, ident in _files(Path(p) for p in paths):
        if path.suffix == ".jsonl":
            try:
                with path.open("rb") as stream:
                    for number, line in enumerate(bounded_lines(stream), start=1):
                        if line is not None and not line.strip():
                            continue
                        place = f"{path}:{number}"
                        try:
                            yield _jsonl_line(line, place, warn)
                        except _Bad as exc:
                            yield SkippedDocument(document=place, reason=str(exc))
            except OSError as exc:
                yield SkippedDocument(document=str(path), reason=_reason(exc))
            continue
        try:
            yield _text_file(path, ident or path.stem, warn)
        except OSError as exc:
            yield SkippedDocument(document=str(path), reason=_reason(exc))
        except _Bad as exc:
            yield SkippedDocument(document=str(path), reason=str(exc))


def count_documents(paths: Iterable[Path | str]) -> int:
    """Return how many documents :func:`read_documents` will yield (for a progress bar)."""
    total = 0
    for path, _ident in _files(Path(p) for p in paths):
        if path.suffix != ".jsonl":
            total += 1
            continue
        try:
            with path.open("rb") as stream:
                total += sum(1 for line in bounded_lines(stream) if line is None or line.strip())
        except OSError:
            total += 1
    return total

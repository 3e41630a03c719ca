"""Reading documents to ingest: text files, JSONL files and folders of them.

A ``.jsonl`` file holds one document a line, as the input of the evaluation format
(``id``, ``text``, and optionally ``published`` as ``YYYY-MM-DD``, ``title``, ``url``;
other fields such as ``deals`` are ignored). Any other file is one document whose id is
its name without the suffix; in a folder, its path relative to the folder. Folders are
read recursively for ``.txt`` and ``.jsonl`` files, in name order. A line or file that
cannot be read becomes a :class:`~armstrack.store.records.SkippedDocument` naming the
place and the reason, so the rest is still ingested.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from armstrack.model import Document
from armstrack.store.records import SkippedDocument

__all__ = ["SUFFIXES", "count_documents", "read_documents"]

#: The files a folder is searched for.
SUFFIXES = (".txt", ".jsonl")


def _files(paths: Iterable[Path]) -> Iterator[tuple[Path, str | None]]:
    """Yield each file with the id it gives a text document (``None``: use the stem)."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix in SUFFIXES:
                    yield child, child.relative_to(path).with_suffix("").as_posix()
        else:
            yield path, None


def _jsonl_line(line: str, place: str) -> Document | SkippedDocument:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return SkippedDocument(document=place, reason=f"not JSON: {exc.msg}")
    if not isinstance(row, dict):
        return SkippedDocument(document=place, reason="expected a JSON object")
    try:
        published = row.get("published")
        return Document(
            id=row.get("id"),
            text=row.get("text"),
            title=row.get("title"),
            url=row.get("url"),
            published=date.fromisoformat(published) if isinstance(published, str) else published,
        )
    except (ValidationError, ValueError, TypeError) as exc:
        return SkippedDocument(document=place, reason=f"invalid document: {_first(exc)}")


def _first(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        error = exc.errors()[0]
        return f"{'.'.join(str(p) for p in error['loc'])}: {error['msg']}"
    return str(exc)


def read_documents(paths: Iterable[Path | str]) -> Iterator[Document | SkippedDocument]:
    """Yield the documents of *paths* (files or folders), or why one could not be read."""
    for path, ident in _files(Path(p) for p in paths):
        if path.suffix == ".jsonl":
            try:
                with path.open(encoding="utf-8") as handle:
                    for number, line in enumerate(handle, start=1):
                        if line.strip():
                            yield _jsonl_line(line, f"{path}:{number}")
            except (OSError, UnicodeDecodeError) as exc:
                yield SkippedDocument(document=str(path), reason=f"cannot read: {exc}")
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            yield SkippedDocument(document=str(path), reason=f"cannot read: {exc}")
            continue
        yield Document(id=ident or path.stem, text=text)


def count_documents(paths: Iterable[Path | str]) -> int:
    """Return how many documents :func:`read_documents` will yield (for a progress bar)."""
    total = 0
    for path, _ident in _files(Path(p) for p in paths):
        if path.suffix != ".jsonl":
            total += 1
            continue
        try:
            with path.open(encoding="utf-8", errors="replace") as handle:
                total += sum(1 for line in handle if line.strip())
        except OSError:
            total += 1
    return total

"""Reading document text from files: the size limit, HTML, and bounded line reads.

Shared by ``armstrack extract`` and the store's reader, so both refuse, warn and skip alike.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import BinaryIO

__all__ = ["MAX_DOCUMENT_BYTES", "blank_html", "bounded_lines", "looks_like_html"]

#: Largest document read, in bytes: a .txt file or one JSONL line. A long article is about
#: 50 KB, and extraction time and memory grow with the length of one document, so a larger
#: one is refused with an error instead of read.
MAX_DOCUMENT_BYTES = 2 * 1024 * 1024

_HTML = re.compile(r"<!doctype\s+html|<html[\s>]|</(?:p|div|span|a|body|td|li|h[1-6])>", re.I)
_TAG = re.compile(r"<(?:(?P<block>script|style)\b|(?P<comment>!--))|<[A-Za-z/!][^<>]*>", re.I)
_TAG_REST = re.compile(r"[^<>]*>")
_BLOCK_END = {
    "script": re.compile(r"</script\s*>", re.I),
    "style": re.compile(r"</style\s*>", re.I),
    "comment": re.compile(r"-->"),
}
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def looks_like_html(text: str) -> bool:
    """Return whether *text* is an HTML page or fragment rather than plain text.

    >>> looks_like_html("<html><body>K2</body></html>"), looks_like_html("K2 < K9")
    (True, False)
    """
    return _HTML.search(text) is not None


def blank_html(text: str) -> str:
    """Blank out HTML tags and read entities, keeping every character offset.

    A tag becomes spaces of its own length and ``&amp;`` becomes ``&`` and four spaces, so
    evidence offsets still point into the text as given.

    >>> blank_html("<p>K2 &amp; K9</p>")
    '   K2 &     K9    '
    """

    def entity(m: re.Match[str]) -> str:
        return (html.unescape(m.group()) + " " * len(m.group()))[: len(m.group())]

    # Linear: a script, style or comment runs to its end marker, searched for once at
    # most after each opening; a marker found missing is not searched for again.
    parts: list[str] = []
    pos = 0
    missing: set[str] = set()
    while m := _TAG.search(text, pos):
        end = m.end()
        kind = m.group("block") or ("comment" if m.group("comment") else None)
        if kind is not None:
            kind = kind.lower()
            closing = None if kind in missing else _BLOCK_END[kind].search(text, end)
            if closing is None:
                missing.add(kind)
                rest = _TAG_REST.match(text, end)
                end = rest.end() if rest else end
            else:
                end = closing.end()
        parts += [text[pos : m.start()], " " * (end - m.start())]
        pos = end
    parts.append(text[pos:])
    return _ENTITY.sub(entity, "".join(parts))


def bounded_lines(stream: BinaryIO, limit: int = MAX_DOCUMENT_BYTES) -> Iterator[bytes | None]:
    """Yield the lines of *stream*; ``None`` for one over *limit* bytes.

    An over-long line is skipped in bounded reads, never held whole in memory.
    """
    while line := stream.readline(limit + 1):
        if len(line) <= limit:
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = stream.readline(limit + 1)
        yield None

"""Searching for numbers fast: skip to the places where one can start.

The patterns that find numbers (:mod:`~armstrack.extract.money`,
:mod:`~armstrack.extract.quantity`) begin with look-behinds and alternatives, so the regular
expression engine tries each of them at every character. A finder, a pattern that begins
with one class of characters (a digit, or the first letter of a number word), lets the
engine skip ahead to the few places where a number can start; the full pattern is then
tried there alone. The finder matches wherever the full pattern could, so the first match
found is the same.

>>> import re
>>> finder = start_finder(["two"], r"[\\w-]")
>>> pattern = re.compile(r"(?<![\\w-])(?:\\d+|(?i:two))")
>>> [search(pattern, finder, "network: 12 or Two", pos).group() for pos in (0, 11)]
['12', 'Two']
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["search", "start_finder"]

#: Characters other than the upper-case form that a letter matches case-insensitively.
_FOLDS = {"s": "\u017f", "k": "\u212a", "i": "\u0130\u0131"}


def _letters(words: Iterable[str]) -> str:
    """The characters a word of *words* can start with, matched case-insensitively."""
    firsts = {w[0].lower() for w in words}
    out = set()
    for c in firsts:
        out |= {c, c.upper(), *_FOLDS.get(c, "")}
    return "".join(sorted(out))


def start_finder(words: Iterable[str], word_before: str, word_after: str = "") -> re.Pattern[str]:
    """A finder of where a number in digits or one of *words* can start.

    A number in digits cannot start after a digit, a point or a comma; a word cannot start
    after a character of *word_before* (a regex class such as ``[\\w-]``), and where
    *word_after* is given, must be followed by what it matches (read after the word's
    first letter).
    """
    letters = re.escape(_letters(words))
    after = rf"(?:(?<=\d)|(?={word_after}))" if word_after else ""
    return re.compile(rf"[\d{letters}](?<!{word_before}[{letters}])(?<![\d.,]\d){after}")


def search(
    pattern: re.Pattern[str], finder: re.Pattern[str], text: str, pos: int
) -> re.Match[str] | None:
    """``pattern.search(text, pos)``, trying *pattern* only where *finder* matches."""
    while True:
        hit = finder.search(text, pos)
        if hit is None:
            return None
        found = pattern.match(text, hit.start())
        if found is not None:
            return found
        pos = hit.start() + 1

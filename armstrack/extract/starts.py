"""Searching for numbers fast: skip to the places where one can start.

The patterns that find numbers (:mod:`~armstrack.extract.money`,
:mod:`~armstrack.extract.quantity`) begin with look-behinds and alternatives, so the regular
expression engine would try each of them at every character. Two ways skip ahead to the
few places where a number can start, so that the full pattern is tried there alone:

* a finder (:func:`start_finder`), a pattern that begins with one class of characters (a
  digit, or the first letter of a number word) and matches wherever the full pattern could;
* :class:`NumberStarts`, which looks for digits and, apart, for an anchor that only a
  number word brings (the ``illion`` of ``two billion``, or the word itself in a lower-cased
  copy of the text), each with a pattern that the engine scans for quickly.

Either way the first match found is the one ``pattern.search`` finds.

>>> import re
>>> finder = start_finder(["two"], r"[\\w-]")
>>> pattern = re.compile(r"(?<![\\w-])(?:\\d+|(?i:two))")
>>> [search(pattern, finder, "network: 12 or Two", pos).group() for pos in (0, 11)]
['12', 'Two']
>>> text = "network: 12 or Two"
>>> starts = NumberStarts(pattern, text, re.compile("two"), text.lower(), (0, 1))
>>> [starts.search(pos).group() for pos in (0, 11)]
['12', 'Two']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable

__all__ = ["CASE_FOLDS", "LOWER_UNSAFE", "NumberStarts", "search", "start_finder", "trie"]

#: Characters other than the upper-case form that a letter matches case-insensitively.
_FOLDS = {"s": "\u017f", "k": "\u212a", "i": "\u0130\u0131"}
#: The characters other than ASCII letters that a case-insensitive ASCII letter matches.
CASE_FOLDS = "".join(_FOLDS.values())
#: Those of them that ``str.lower`` does not turn into that one ASCII letter in the same
#: place ("\u0130" becomes two characters; the Kelvin sign becomes "k").
LOWER_UNSAFE = CASE_FOLDS.replace("\u212a", "")

_DIGIT = re.compile(r"\d")
#: Past the end of any text: where a search that found nothing stands.
_NOWHERE = 1 << 62


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


def trie(words: Collection[str], char: Callable[[str], str] = re.escape) -> str:
    """A regex alternative of *words* sharing their prefixes, so that a miss fails fast.

    A plain alternative tries each word in turn; this one reads each character once.
    Where one word is a prefix of another the longer is tried first. *char* writes one
    character as a pattern.

    >>> trie(["to", "ton", "two"])
    't(?:o(?:n)?|wo)'
    >>> trie(["km"], lambda c: f"[{c}{c.upper()}]")
    '[kK][mM]'
    """
    heads: dict[str, set[str]] = {}
    for w in words:
        if w:
            heads.setdefault(w[0], set()).add(w[1:])
    parts = []
    for head, rests in sorted(heads.items()):
        if rests == {""}:
            parts.append(char(head))
        elif len(rests) == 1:  # one word goes on from here
            parts.append("".join(map(char, head + rests.pop())))
        else:
            optional = "?" if "" in rests else ""
            parts.append(f"{char(head)}(?:{trie(rests - {''}, char)}){optional}")
    return "|".join(parts)


class NumberStarts:
    """``pattern.search`` over one text, tried at digits and near the anchors of words.

    *pattern* must match only where a digit or a number word starts; *digits* finds the
    digits where it is worth trying (by default every digit). A number word starts
    within *window* of a match of *anchor* in *anchor_text*: from ``a + window[0]`` up to
    but not including ``a + window[1]`` for a match starting at ``a``, and where *within*
    is given, only where it matches inside that stretch (searched with the stretch's end
    as the end of the text). *anchor_text* is *text* itself or a copy of the same length
    shifted right (such as ``" " + text.lower()``, so that a word at the start of the text
    has a character before it like any other).

    Each search runs a step ahead and is kept between calls, so reading a text from start
    to end, at positions that never decrease, scans it once for digits and once for
    anchors.
    """

    def __init__(
        self,
        pattern: re.Pattern[str],
        text: str,
        anchor: re.Pattern[str],
        anchor_text: str,
        window: tuple[int, int],
        *,
        digits: re.Pattern[str] = _DIGIT,
        within: re.Pattern[str] | None = None,
    ) -> None:
        self._pattern = pattern
        self._text = text
        self._anchor = anchor
        self._anchor_text = anchor_text
        self._shift = len(anchor_text) - len(text)
        self._low, self._high = window
        self._digits = digits
        self._within = within
        self._digit = -1  # the first digit worth trying at or after the last position asked
        self._anchor_at = -_NOWHERE  # the last anchor found, at its place in *text*
        self._word = -1  # the first place a word can start at or after the last position

    def _next_word(self, pos: int) -> int:
        """The first place at or after *pos* where a number word can start."""
        while True:
            if self._anchor_at + self._high <= pos:
                hit = self._anchor.search(
                    self._anchor_text, max(0, pos - self._high + 1 + self._shift)
                )
                self._anchor_at = _NOWHERE if hit is None else hit.start() - self._shift
                if hit is None:
                    return _NOWHERE
            start = max(pos, self._anchor_at + self._low)
            if self._within is None:
                return start
            found = self._within.search(self._text, start, self._anchor_at + self._high)
            if found is not None:
                return found.start()
            pos = self._anchor_at + self._high

    def search(self, pos: int) -> re.Match[str] | None:
        """The first match of the pattern at or after *pos*, or ``None``."""
        text = self._text
        while True:
            if self._digit < pos:
                hit = self._digits.search(text, pos)
                self._digit = _NOWHERE if hit is None else hit.start()
            if self._word < pos:
                self._word = self._next_word(pos)
            start = min(self._digit, self._word)
            if start >= _NOWHERE:
                return None
            found = self._pattern.match(text, start)
            if found is not None:
                return found
            pos = start + 1

"""Typographic normalisation that keeps every character in its place.

:func:`normalise` replaces characters one for one, so the result has the same length as
its input and a span found in it is valid in the original text:

* curly and angled quotes become ``'`` or ``"``;
* every Unicode dash and the minus sign become ``-``;
* no-break, thin and other Unicode spaces become `` ``; line and paragraph separators
  become a newline;
* invisible format characters (zero-width spaces and joiners, the soft hyphen, the byte
  order mark) become `` `` (a space, as the text cannot shrink);
* fullwidth digits become ASCII digits.

>>> normalise("\u201cK2\u201d tanks \u2013 $1.64\u00a0billion")
'"K2" tanks - $1.64 billion'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalise"]

_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2039\u203a\u02bc\u02bb\u2032\uff07"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u301d\u301e\uff02"
_MINUS_SIGNS = "\u2212\u2796\ufe63\uff0d"


def _replacement(code: int) -> int:
    """The code point that *code* becomes (itself when it stays)."""
    char = chr(code)
    if char in _SINGLE_QUOTES:
        return ord("'")
    if char in _DOUBLE_QUOTES:
        return ord('"')
    if char in _MINUS_SIGNS:
        return ord("-")
    if 0xFF10 <= code <= 0xFF19:  # fullwidth digits
        return ord("0") + code - 0xFF10
    category = unicodedata.category(char)
    if category == "Pd":
        return ord("-")
    if category == "Zs":
        return ord(" ")
    if category in ("Zl", "Zp"):
        return ord("\n")
    if category == "Cf":
        return ord(" ")
    return code


class _Table(dict[int, int]):
    """A ``str.translate`` table that works out each code point once, when first seen."""

    def __missing__(self, code: int) -> int:
        value = self[code] = _replacement(code)
        return value


_TABLE = _Table()
_NON_ASCII = re.compile("[^\x00-\x7f]+")
#: Up to this many different characters to replace, ``str.replace`` each beats
#: ``str.translate``, which looks every character of a text that is not ASCII up.
_REPLACE_AT_MOST = 8


def normalise(text: str) -> str:
    """Return *text* with typographic variants replaced one character for one.

    ``len(normalise(text)) == len(text)`` always holds.

    >>> normalise("Su\u201135 \u2212 \u201cFlanker\u201d\u200b")
    'Su-35 - "Flanker" '
    >>> normalise("\uff11\uff18\uff10 jets")
    '180 jets'
    """
    if text.isascii():  # no ASCII character is replaced
        return text
    changes = [
        (c, r) for c in set("".join(_NON_ASCII.findall(text))) if (r := chr(_TABLE[ord(c)])) != c
    ]
    if len(changes) > _REPLACE_AT_MOST:
        return text.translate(_TABLE)
    for c, r in changes:
        text = text.replace(c, r)
    return text

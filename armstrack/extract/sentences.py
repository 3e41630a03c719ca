"""Sentence splitting for news text, by rule and in linear time.

A sentence ends at a line break (titles and paragraphs are lines) or at ``.``, ``!`` or
``?`` (with any closing quotes or brackets) followed by a space and a capital letter, a
digit or an opening quote. A full stop does not end a sentence after:

* a title (``Gen.``, ``Lt.``, ``Col.``, ``Mr.``, ``Dr.``, ``St.``), a reference word
  (``No.``, ``vs.``, ``e.g.``, ``i.e.``, ``Rs.``) or a month (``Jan.`` ... ``Sept.``);
* a single capital initial (``N. Korea``, ``S. Korea``, ``J. Smith``);
* a number opening a line or a sentence (``1. Poland``, a numbered list);
* a dotted abbreviation or company suffix (``U.S.``, ``U.K.``, ``Inc.``, ``Co.``, ``Ltd.``,
  ``Corp.``, ``a.m.``), unless the next word is one that usually opens a sentence
  (``... from the U.S. The deal ...``).

Decimals (``$1.64 billion``) never split, as no space follows their point.

>>> text = "Gen. Kim said the U.S. Army wants 48 jets. S. Korea agreed!\\nNext title"
>>> [text[s.start:s.end] for s in split_sentences(text)]
['Gen. Kim said the U.S. Army wants 48 jets.', 'S. Korea agreed!', 'Next title']
"""

from __future__ import annotations

import re

from armstrack.extract.spans import Span

__all__ = ["split_sentences"]


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


#: Abbreviations after which a sentence never ends (without their final full stop).
NEVER_FINAL = _wordset(
    """
    Mr Mrs Ms Dr Gen Lt Col Maj Capt Cpt Cmdr Cdr Adm Sgt Brig Gov Sen Rep Prof Rev St Hon
    Pres Amb Cpl Pvt Gens Lts Cols Messrs Tech Spc Sqn Ldr Wg Gp Cmdt Insp Supt Det Atty
    Mt Ft Rs Rp No Nos no nos vs v e.g i.e cf ca approx
    Fig fig Vol vol Art art para Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Est est
    """
)
#: Abbreviations that may end a sentence: it ends there only if a usual opener follows.
MAYBE_FINAL = _wordset(
    """
    U.S U.K U.N U.A.E E.U Inc Co Ltd Corp Bros Jr Sr etc a.m p.m A.M P.M Cos Plc plc Ltda
    """
)
#: Words that usually open a sentence.
OPENERS = _wordset(
    """
    The A An It He She They We I This That These Those In On At But And However Meanwhile
    According Its Their His Her There Some Most Under After Before While As If When Last
    Earlier Also Both Such Our Yet So For With Other Another Officials Analysts
    """
)

# A line break, or end punctuation (the first of a run) with its closers and the blank
# after it. No part can be retried at a later start, so the scan is linear.
_CUT_RE = re.compile(
    r"(?P<nl>\n)|(?P<end>(?<![.!?])[.!?]+[\"'\u201d\u2019)\]]*)(?P<ws>[ \t\u00a0\r]+)"
)
_WORD_BEFORE = re.compile(r"(?<![A-Za-z.])(?P<w>[A-Za-z](?:[A-Za-z]|\.[A-Za-z])*)\Z")
_OPENING_QUOTES = "\"'\u201c\u2018(["
_DOTTED = re.compile(r"[A-Za-z](?:\.[A-Za-z])+")


def _next_word(text: str, pos: int) -> str:
    end = pos
    limit = min(len(text), pos + 20)
    while end < limit and text[end].isalpha():
        end += 1
    return text[pos:end]


def _ends_sentence(text: str, m: re.Match[str]) -> bool:
    """Whether the punctuation matched by *m* ends a sentence."""
    nxt = m.end()
    if nxt >= len(text):
        return False  # trailing blanks: the text's end closes the sentence anyway
    first = text[nxt]
    if first in _OPENING_QUOTES and nxt + 1 < len(text):
        first = text[nxt + 1]
    if not (first.isupper() or first.isdigit()):
        return False
    punct = m.group("end")
    if not punct.startswith(".") or len(punct.rstrip("\"'\u201d\u2019)]")) > 1:
        return True  # "!", "?", an ellipsis
    dot = m.start("end")
    if dot > 0 and text[dot - 1].isdigit():
        return not _numbers_a_list(text, dot)
    w = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if w is None:
        return True
    word = w.group("w")
    if word in NEVER_FINAL or (len(word) == 1 and word.isupper()):
        return False
    if word in MAYBE_FINAL or _DOTTED.fullmatch(word):
        return _next_word(text, nxt) in OPENERS
    return True


def _numbers_a_list(text: str, dot: int) -> bool:
    """Whether the digits before *dot* number a list item ("1. Poland")."""
    i = dot
    while i > 0 and dot - i < 4 and text[i - 1].isdigit():
        i -= 1
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    return i == 0 or text[i - 1] in "\n.!?:"


def split_sentences(text: str) -> list[Span]:
    """Split *text* into sentences, as spans trimmed of surrounding whitespace.

    >>> text = "Poland paid $1.64 billion. \\"It is done,\\" he said.  1. Next"
    >>> [text[s.start:s.end] for s in split_sentences(text)]
    ['Poland paid $1.64 billion.', '"It is done," he said.', '1. Next']
    """
    spans: list[Span] = []
    start = 0
    for m in _CUT_RE.finditer(text):
        if m.group("nl") is not None:
            cut = m.start()
        elif _ends_sentence(text, m):
            cut = m.end("end")
        else:
            continue
        _add(text, start, cut, spans)
        start = cut
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append(Span(start=start, end=end))

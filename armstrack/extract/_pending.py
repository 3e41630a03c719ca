"""Temporary stand-ins for pipeline stages not yet in the tree (removed once they land)."""
# mypy: ignore-errors
# ruff: noqa
from __future__ import annotations

import re
from decimal import Decimal

from armstrack.extract.spans import DateMention, MoneyMention, QuantityMention, Span
from armstrack.model import Money

try:
    from armstrack.extract.normalise import normalise
except ImportError:
    _T = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u00a0": " ", "\u2011": "-"})

    def normalise(text: str) -> str:
        return text.translate(_T)

try:
    from armstrack.extract.sentences import split_sentences
except ImportError:
    _S = re.compile(r"[^\n]+?(?:[.!?](?=\s+[A-Z\"'(])|\n|$)")

    def split_sentences(text: str) -> list[Span]:
        out = []
        for m in re.finditer(r"(?:[^.!?\n]|\n(?=[ \t]*[a-z0-9])|[.!?](?![\s\"')]*(?:\s[\"'(]?[A-Z]|\n|$)))+(?:[.!?]+[\"')]*|\n(?![ \t]*[a-z0-9])|$)", text):
            if m.group().strip():
                out.append(Span(m.start(), m.end()))
        return out

try:
    from armstrack.extract.money import find_money
except ImportError:
    _M = re.compile(r"(\$|US\$|USD ?|€|£)\s?(\d+(?:[.,]\d+)*)[ -]?(billion|million|bn|m)?", re.I)

    def find_money(text: str) -> list[MoneyMention]:
        out = []
        for m in _M.finditer(text):
            cur = {"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "£": "GBP"}[m.group(1).strip().lower()]
            n = Decimal(m.group(2).replace(",", ""))
            mult = {"billion": 10**9, "bn": 10**9, "million": 10**6, "m": 10**6}.get((m.group(3) or "").lower(), 1)
            out.append(MoneyMention(m.start(), m.end(), Money(amount=n * mult, currency=cur)))
        return out

try:
    from armstrack.extract.quantity import find_quantities
except ImportError:
    _W = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "dozen": 12}
    _Q = re.compile(r"\b(\d{1,4}|" + "|".join(_W) + r")\b", re.I)

    def find_quantities(text: str) -> list[QuantityMention]:
        out = []
        for m in _Q.finditer(text):
            g = m.group(1).lower()
            v = _W.get(g) or int(g)
            if 1900 <= v <= 2100:
                continue
            out.append(QuantityMention(m.start(), m.end(), v))
        return out

try:
    from armstrack.extract.dates import find_dates
except ImportError:

    def find_dates(text, published):
        return []

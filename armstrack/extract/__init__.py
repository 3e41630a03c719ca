"""Extraction: news text in, :class:`~armstrack.model.Deal` records out.

:func:`extract` is the one entry point. It normalises the text, splits it into sentences,
finds the catalogue's states, organisations, weapon systems and class nouns, the sums of
money, counts and dates, and the trigger words of the arms trade, then assembles deals
sentence by sentence (:mod:`armstrack.extract.deals`).

>>> from armstrack.catalogue import Catalogue, StateForm
>>> from armstrack.model import WeaponSystem
>>> cat = Catalogue().with_entries(
...     state_forms=[StateForm(code="POL", form="Poland", kind="name")],
...     systems=[WeaponSystem(id="k2", name="K2", category="armoured vehicles", origin="KOR")],
... )
>>> [(d.supplier, d.buyer, d.systems[0].quantity, d.status.value)
...  for d in extract("Poland signed a contract for 180 K2 tanks.", catalogue=cat)]
[('KOR', 'POL', 180, 'signed')]
"""

from __future__ import annotations

import datetime
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from typing import TypeVar

from armstrack.catalogue import Catalogue
from armstrack.extract.dates import find_dates
from armstrack.extract.deals import SentenceFacts, assemble
from armstrack.extract.mentions import gazetteer_for, match_text
from armstrack.extract.money import find_money, scan_money
from armstrack.extract.quantity import find_quantities
from armstrack.extract.sentences import split_sentences
from armstrack.extract.spans import DateMention, Span
from armstrack.extract.triggers import find_triggers
from armstrack.model import Deal

__all__ = ["extract"]


def extract(
    text: str,
    published: datetime.date | None = None,
    *,
    document_id: str | None = None,
    catalogue: Catalogue | None = None,
) -> list[Deal]:
    """Return the arms deals a news text reports, in the order the text first gives them.

    :param text: the article (title, if any, as its first line).
    :param published: the publication date, against which relative dates are read.
    :param document_id: written into the evidence of each deal.
    :param catalogue: the reference catalogue (default: the shipped one, compiled once).
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        # Deals quoting such text could not be written as JSON or stored.
        raise ValueError(f"text holds a lone surrogate at character {exc.start}") from exc
    gazetteer = gazetteer_for(catalogue)
    low = match_text(text)
    mentions = gazetteer.find(text, low=low)
    named = {m.state for m in mentions if m.kind == "state" and m.state}
    plain, ambiguous = scan_money(text)
    # "kroner" is NOK where the text names Norway: read again only where states can count.
    money = find_money(text, states=named) if ambiguous and named else plain
    quantities = [q for q in find_quantities(text, money=plain) if not _inside(q, money)]
    facts: list[SentenceFacts] = []
    spans = _bounded(text, _rejoin(text, split_sentences(text)))
    sent_mentions_all = _bucket(mentions, spans)
    sent_money_all = _bucket(money, spans)
    # A state's total exports or budget is the value of no deal.
    deal_money = [m for m in money if not _TOTAL_BEFORE.search(low, max(0, m.start - 80), m.start)]
    deal_money_all = _bucket(deal_money, spans) if len(deal_money) < len(money) else sent_money_all
    sent_quantities_all = _bucket(quantities, spans)
    for index, span in enumerate(spans):
        s, e = span.start, span.end
        sent_mentions = sent_mentions_all[index]
        sent_money = sent_money_all[index]
        sent_quantities = sent_quantities_all[index]
        triggers = (
            find_triggers(low, s, e, exclude=sent_money)
            if sent_mentions or sent_money or _UNDONE.search(low, s, e)
            else []
        )
        facts.append(
            SentenceFacts(
                index,
                span,
                sent_mentions,
                triggers,
                deal_money_all[index],
                sent_quantities,
                # Dates only where a deal can be, and read only once one is drafted.
                read_dates=partial(_dates, text, span, published)
                if triggers and sent_mentions
                else None,
            )
        )
    return assemble(text, low, facts, gazetteer.catalogue, gazetteer.state_form_kind, document_id)


_T = TypeVar("_T", bound=Span)

#: Words before a sum that make it a total, not a deal's value: "arms exports reached a
#: record $20 billion", "a defence budget of 8 trillion yen".
_TOTAL_BEFORE = re.compile(
    r"\b(?:(?:exports?|imports?|revenues?|turnover)\s+(?:[a-z]+\s+){0,3}(?:reached|totall?ed|"
    r"rose to|climbed to|hit|amounted to|grew to|fell to|were worth|was worth)|"
    r"(?:budget|spending)\s+(?:[a-z]+\s+){0,3}(?:of|reached|totall?ed|rose to|to))"
    r"\s+(?:a\s+)?(?:record\s+|about\s+|around\s+|nearly\s+|some\s+|almost\s+)?$"
)

#: A sentence naming nothing may still undo the deal told before ("The contract was
#: cancelled in March"): its triggers are read too.
_UNDONE = re.compile(r"\b(?:cancel|scrap|terminat|called off|axed)")


def _dates(text: str, span: Span, published: datetime.date | None) -> list[DateMention]:
    """The dates of one sentence, at the text's offsets."""
    found = find_dates(text[span.start : span.end], published)
    return [replace(d, start=d.start + span.start, end=d.end + span.start) for d in found]


def _bucket(items: Sequence[_T], spans: Sequence[Span]) -> list[list[_T]]:
    """Share sorted *items* out to the sorted *spans* that hold their start (linear time)."""
    out: list[list[_T]] = [[] for _ in spans]
    i = 0
    for k, span in enumerate(spans):
        while i < len(items) and items[i].start < span.start:
            i += 1
        while i < len(items) and items[i].start < span.end:
            out[k].append(items[i])
            i += 1
    return out


#: Longest stretch read as one sentence; longer runs (lists, tables, noise) are cut at blanks.
MAX_SENTENCE = 1200


def _bounded(text: str, spans: list[Span]) -> list[Span]:
    """Cut over-long sentences so that the work per sentence stays bounded."""
    out: list[Span] = []
    for span in spans:
        start = span.start
        while span.end - start > MAX_SENTENCE:
            cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
            cut = cut if cut > start else start + MAX_SENTENCE
            out.append(Span(start, cut))
            start = cut
        out.append(Span(start, span.end))
    return out


def _rejoin(text: str, spans: list[Span]) -> list[Span]:
    """Join lines broken inside a sentence (hard-wrapped wire copy: "a contract\\nto buy")."""
    out: list[Span] = []
    for span in spans:
        if out:
            last = out[-1]
            gap = text[last.end : span.start]
            head = text[span.start : span.start + 1]
            if (
                "\n" in gap
                and "\n\n" not in gap
                and (head.islower() or head.isdigit() or head == "$")
                and text[last.end - 1 : last.end] not in '.!?:"”'
            ):
                out[-1] = Span(last.start, span.end)
                continue
        out.append(span)
    return out


def _inside(span: Span, sorted_spans: Sequence[Span]) -> bool:
    """Return whether *span* overlaps one of *sorted_spans* (sorted, non-overlapping)."""
    i = bisect_left(sorted_spans, span.end, key=lambda m: m.start)
    return i > 0 and sorted_spans[i - 1].end > span.start

"""Drafts: the facts of a sentence and the deals under construction, with their evidence."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from armstrack.extract.spans import (
    DateMention,
    EntityMention,
    MoneyMention,
    QuantityMention,
    Span,
)
from armstrack.extract.triggers import TriggerHit
from armstrack.model import Category, DealDate, DealKind, Money, Status

__all__ = ["Draft", "Line", "Note", "SentenceFacts", "evidence_at"]


@dataclass
class SentenceFacts:
    """What one sentence holds, found by the earlier stages."""

    index: int
    span: Span
    mentions: list[EntityMention]
    triggers: list[TriggerHit]
    money: list[MoneyMention]
    quantities: list[QuantityMention]
    dates: list[DateMention] = field(default_factory=list)
    #: Reads the sentence's dates when first asked (:meth:`first_date`), instead of ``dates``:
    #: they matter only for the sentences that yield a deal.
    read_dates: Callable[[], list[DateMention]] | None = None

    def first_date(self) -> DealDate | None:
        """The first date of the sentence, if any."""
        if self.read_dates is not None:
            self.dates, self.read_dates = self.read_dates(), None
        return self.dates[0].date if self.dates else None


@dataclass
class Line:
    """One system or class of a deal: its name as written, category, count and catalogue id.

    ``key`` says which lines are the same system (the catalogue id, or the class form);
    ``origin`` is the catalogue's origin state of the system; ``generic`` marks a class noun.
    """

    name: str
    category: Category | None
    quantity: int | None
    system_id: str | None
    key: str
    origin: str | None
    span: Span
    generic: bool


@dataclass(frozen=True, slots=True)
class Note:
    """The evidence of one field while deals are drafted: an :class:`Evidence` without its
    document, made into one only for the deals kept (:meth:`fields`)."""

    start: int
    end: int
    sentence: str
    field: str
    rule: str

    def fields(self, document_id: str | None) -> dict[str, str | int | None]:
        """The fields of this note's :class:`Evidence` in document *document_id*.

        The deal validates them when it is built (:func:`~armstrack.extract.merge.to_deal`):
        one validation of the whole deal in pydantic's core costs less than building each
        evidence object in Python.
        """
        return {
            "document_id": document_id,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "field": self.field,
            "rule": self.rule,
        }


@dataclass
class Draft:
    """A deal under construction, with the evidence of each field."""

    supplier: str | None
    buyer: str | None
    lines: list[Line] = field(default_factory=list)
    value: Money | None = None
    status: Status = Status.REPORTED
    kind: DealKind = DealKind.SALE
    supplier_orgs: list[str] = field(default_factory=list)
    buyer_orgs: list[str] = field(default_factory=list)
    evidence: list[Note] = field(default_factory=list)
    confidence: float = 0.8
    sentence: int = 0
    rules: list[str] = field(default_factory=list)
    verb_status: bool = False
    date: DealDate | None = None


def evidence_at(text: str, s: int, e: int, start: int, end: int, field_: str, rule: str) -> Note:
    """Return the evidence that ``text[start:end]`` in sentence ``text[s:e]`` supports a field."""
    return Note(start, max(start, end), text[s:e].strip(), field_, rule or "rule")

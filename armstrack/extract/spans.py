"""Mentions: typed things found at a character span of a text.

Every stage of the pipeline returns mentions whose ``start``/``end`` are offsets into the
text it was given (``text[start:end]`` is the surface form), so evidence can always point
back at the original article.
"""

from __future__ import annotations

from dataclasses import dataclass

from armstrack.model import Category, DealDate, Money


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character span ``[start, end)``."""

    start: int
    end: int

    def overlaps(self, other: Span) -> bool:
        """Return whether the two spans share at least one character."""
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class MoneyMention(Span):
    """A sum of money in the text."""

    money: Money


@dataclass(frozen=True, slots=True)
class QuantityMention(Span):
    """A count in the text ("180", "two", "a dozen")."""

    value: int


@dataclass(frozen=True, slots=True)
class DateMention(Span):
    """A date in the text, resolved against the published date where relative."""

    date: DealDate


@dataclass(frozen=True, slots=True)
class EntityMention(Span):
    """A catalogue entity in the text: a state form, an organisation, a system or a class.

    ``kind`` is ``state``, ``organisation``, ``system`` or ``class``; ``ref`` is the state
    code, organisation id, system id or class form; ``state`` the state it stands for.
    """

    kind: str
    ref: str
    state: str | None = None
    category: Category | None = None
    ambiguous: bool = False

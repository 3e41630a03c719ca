"""What the store hands back: merged deals with their sources, values and status history."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from armstrack.model import Deal, Money, Status

__all__ = ["IngestReport", "SkippedDocument", "SourcedValue", "StatusEntry", "StoredDeal"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SkippedDocument(_Frozen):
    """A document that was not stored, and why."""

    document: str
    reason: str


class SourcedValue(_Frozen):
    """A value of a deal as one document states it; ``chosen`` marks the deal's value."""

    document: str
    value: Money
    chosen: bool


class StatusEntry(_Frozen):
    """A status one document reports, dated by the deal date it gives or its publication."""

    document: str
    status: Status
    observed_on: date | None


class StoredDeal(_Frozen):
    """A deal as stored: merged from the reports of one or more documents.

    ``deal`` carries the merged fields (lines, chosen value, current status); ``values``
    and ``history`` keep what every source said.
    """

    id: int
    deal: Deal
    documents: tuple[str, ...]
    values: tuple[SourcedValue, ...]
    history: tuple[StatusEntry, ...]


class IngestReport(_Frozen):
    """The outcome of an ingest.

    ``read`` documents were read; ``unchanged`` were already stored (same text);
    ``skipped`` failed, each with its reason; ``stored`` were added. Of the deals they
    report, ``deals_new`` became new deals and ``merged`` joined a deal reported elsewhere.
    """

    read: int = 0
    unchanged: int = 0
    stored: int = 0
    skipped: tuple[SkippedDocument, ...] = ()
    deals_new: int = 0
    merged: int = 0

    def summary(self) -> str:
        """Return a short human summary (the CLI's last lines).

        >>> print(IngestReport(read=3, stored=2, unchanged=1, deals_new=2).summary())
        documents read 3, stored 2, unchanged 1, skipped 0; deals new 2, merged 0
        """
        lines = [
            f"documents read {self.read}, stored {self.stored}, unchanged {self.unchanged}, "
            f"skipped {len(self.skipped)}; deals new {self.deals_new}, merged {self.merged}"
        ]
        lines += [f"skipped {s.document}: {s.reason}" for s in self.skipped]
        return "\n".join(lines)

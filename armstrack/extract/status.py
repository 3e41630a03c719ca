"""Status: which of the statuses a sentence reports wins."""

from __future__ import annotations

from collections.abc import Sequence

from armstrack.extract.triggers import TriggerHit
from armstrack.model import Status

__all__ = ["RANK", "STRONG", "sentence_status"]

# When a sentence reports several statuses, the strongest wins.
RANK = {
    Status.CANCELLED: 0,
    Status.ALLEGED: 1,
    Status.DELIVERED: 2,
    Status.SIGNED: 3,
    Status.APPROVED: 4,
    Status.PROPOSED: 5,
    Status.PLANNED: 6,
    Status.CONSIDERED: 7,
    Status.REPORTED: 8,
}


STRONG = frozenset({Status.SIGNED, Status.DELIVERED, Status.APPROVED, Status.CANCELLED})


def sentence_status(triggers: Sequence[TriggerHit]) -> tuple[Status, TriggerHit | None]:
    """Return the strongest status the verbs report, else the one the nouns report."""
    best: tuple[Status, TriggerHit | None] = (Status.REPORTED, None)
    for pos in ("verb", "noun"):
        for t in triggers:
            if _reads_as(t) == pos and t.status is not None and RANK[t.status] < RANK[best[0]]:
                best = (t.status, t)
        if best[1] is not None and best[0] is not Status.REPORTED:
            return best
    return best


def _reads_as(t: TriggerHit) -> str:
    """A trigger's part of speech for ranking: a noun an onset cue governs ("began
    deliveries", "completed the delivery") reports an event, as a verb does."""
    return "verb" if t.pos == "noun" and t.status is Status.DELIVERED and t.cues else t.pos

"""Normalise stored deal values to US dollars, recording the rate and its date.

Each ``deal_values`` row is converted at the deal's date (else the publication date of
the document that states it, else the latest rate) with :func:`armstrack.fx.to_usd`.
``value_usd``, ``fx_rate`` and ``fx_date`` are written together. A currency without a
rate keeps its stated amount and gets ``value_usd`` and ``fx_rate`` left empty while
``fx_date`` records the date that was tried: that row is *unconverted*, counted apart
by the queries and never mixed into sums. A row whose ``fx_date`` is empty has not been
normalised yet.

>>> from armstrack.store import Tracker
>>> with Tracker.open("sqlite:///:memory:") as tracker, tracker.sessions() as session:
...     fill(session)
0
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from armstrack.fx import to_usd
from armstrack.model import Money
from armstrack.store.base import Base
from armstrack.store.tables import DealRow, DealValueRow, DocumentRow, SourceRow

__all__ = ["fill", "last_value_id"]

_RATE_PLACES = Decimal("1e-10")  # the scale of the fx_rate column
_BATCH = 5000


def last_value_id(session: Session) -> int:
    """Return the largest ``deal_values`` id (0 when there is none).

    Ingest reads it before writing a batch and passes it to :func:`fill` as *after_id*,
    so only the batch's new values are converted.
    """
    return session.scalar(select(func.max(DealValueRow.id))) or 0


def _updates(rows: Sequence[Sequence[Any]]) -> list[dict[str, Any]]:
    out = []
    for value_id, amount, currency, deal_date, published in rows:
        on = deal_date or published
        usd = to_usd(Money(amount=Decimal(amount), currency=currency), on)
        rate = usd.rate.quantize(_RATE_PLACES) if usd.rate is not None else None
        out.append(
            {
                "b_id": value_id,
                "value_usd": usd.amount,
                "fx_rate": rate,
                # The date tried is kept even without a rate: it marks the row as done.
                "fx_date": usd.rate_date or on or date.today(),
            }
        )
    return out


def fill(session: Session, *, after_id: int = 0, refresh: bool = False) -> int:
    """Convert the values not normalised yet (all of them if *refresh*); return how many.

    Only rows with an id above *after_id* are looked at. Runs in the caller's
    transaction and never commits.
    """
    statement = (
        select(
            DealValueRow.id,
            DealValueRow.amount,
            DealValueRow.currency,
            DealRow.deal_date,
            DocumentRow.published,
        )
        .join(DealRow, DealRow.id == DealValueRow.deal_id)
        .join(SourceRow, SourceRow.id == DealValueRow.source_id)
        .join(DocumentRow, DocumentRow.id == SourceRow.document_id)
        .where(DealValueRow.id > after_id)
        .order_by(DealValueRow.id)
    )
    if not refresh:
        statement = statement.where(DealValueRow.fx_date.is_(None))
    table = Base.metadata.tables["deal_values"]
    change = update(table).where(table.c.id == bindparam("b_id"))
    done = 0
    rows = list(session.execute(statement))
    for start in range(0, len(rows), _BATCH):
        updates = _updates(rows[start : start + _BATCH])
        session.connection().execute(change, updates)
        done += len(updates)
    return done

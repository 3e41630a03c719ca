"""Normalise stored deal values to US dollars, recording the rate and its date.

Each ``deal_values`` row is converted at the deal's date (else the publication date of
the document that states it, else the latest rate) with :func:`armstrack.fx.to_usd`.
``value_usd``, ``fx_rate`` and ``fx_date`` are written together. A currency without a
rate keeps its stated amount and gets ``value_usd`` and ``fx_rate`` left empty while
``fx_date`` records the date that was tried: that row is *unconverted*, counted apart
by the queries and never mixed into sums. A row whose ``fx_date`` is empty has not been
normalised yet.

The ``deals`` row keeps a summary for aggregate queries: the chosen value in USD,
whether a value is stated, the number of system lines and their total quantity; and
``deal_cells`` hold those totals per supplier, buyer, year and status. :func:`fill`
brings both up to date for the deals a write touched.

>>> from armstrack.store import Tracker
>>> with Tracker.open("sqlite:///:memory:") as tracker, tracker.sessions() as session:
...     fill(session)
0
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    and_,
    bindparam,
    case,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.orm import Session

from armstrack.fx import to_usd
from armstrack.model import Money
from armstrack.store.base import Base
from armstrack.store.tables import DealLineRow, DealRow, DealValueRow, DocumentRow, SourceRow

__all__ = ["Mark", "fill", "mark", "refresh_cells", "summarise"]

_RATE_PLACES = Decimal("1e-10")  # the scale of the fx_rate column
_BATCH = 5000
_IN_CHUNK = 900  # bound parameters per IN list


@dataclass(frozen=True, slots=True)
class Mark:
    """The last ``deal_values`` and ``sources`` ids before a write (see :func:`mark`)."""

    value_id: int = 0
    source_id: int = 0


def mark(session: Session) -> Mark:
    """Return the largest value and source ids now stored (0 when there is none).

    Ingest takes a mark before writing a batch and passes it to :func:`fill`, so only
    the batch's new values are converted and only the deals it touched are summarised.
    """
    return Mark(
        session.scalar(select(func.max(DealValueRow.id))) or 0,
        session.scalar(select(func.max(SourceRow.id))) or 0,
    )


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


def fill(session: Session, *, after: Mark | None = None, refresh: bool = False) -> int:
    """Convert the values not normalised yet (all of them if *refresh*); return how many.

    With *after*, only values and deals written since that mark are looked at;
    otherwise every row is. Runs in the caller's transaction and never commits.
    """
    after = after or Mark()
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
        .where(DealValueRow.id > after.value_id)
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
    if after == Mark():
        summarise(session)
    else:
        touched = select(SourceRow.deal_id).where(SourceRow.id > after.source_id).distinct()
        summarise(session, list(session.scalars(touched)))
    return done


def summarise(session: Session, deal_ids: Sequence[int] | None = None) -> None:
    """Bring the summary columns of *deal_ids* (every deal if ``None``) up to date."""
    deals = Base.metadata.tables["deals"]
    chosen = and_(DealValueRow.deal_id == deals.c.id, DealValueRow.chosen == true())
    own = DealLineRow.deal_id == deals.c.id
    statement = update(deals).values(
        value_usd=select(DealValueRow.value_usd).where(chosen).scalar_subquery(),
        has_value=exists().where(chosen),
        systems=select(func.count(DealLineRow.id)).where(own).scalar_subquery(),
        quantity=select(func.coalesce(func.sum(DealLineRow.quantity), 0))
        .where(own)
        .scalar_subquery(),
    )
    if deal_ids is None:
        session.execute(statement)
        refresh_cells(session, None)
        return
    ids = sorted(set(deal_ids))
    pairs: set[tuple[str | None, str | None]] = set()
    for start in range(0, len(ids), _IN_CHUNK):
        chunk = ids[start : start + _IN_CHUNK]
        session.execute(statement.where(deals.c.id.in_(chunk)))
        pairs.update(
            (supplier, buyer)
            for supplier, buyer in session.execute(
                select(deals.c.supplier, deals.c.buyer).where(deals.c.id.in_(chunk)).distinct()
            )
        )
    refresh_cells(session, pairs)


_PAIRS_PER_STATEMENT = 100


def refresh_cells(session: Session, pairs: Iterable[tuple[str | None, str | None]] | None) -> None:
    """Recount the ``deal_cells`` of these (supplier, buyer) pairs (all of them if ``None``).

    A deal's supplier and buyer never change once it exists (reports merge only when
    both are the same), so the cells of the pairs a batch touched are all it changed.
    """
    cells = Base.metadata.tables["deal_cells"]
    deals = Base.metadata.tables["deals"]
    keys = [deals.c.supplier, deals.c.buyer, deals.c.year, deals.c.status]
    counted = select(
        *keys,
        func.count(),
        func.sum(deals.c.value_usd),
        func.count(deals.c.value_usd),
        func.count(case((deals.c.has_value, 1))),
        func.coalesce(func.sum(deals.c.systems), 0),
        func.coalesce(func.sum(deals.c.quantity), 0),
    ).group_by(*keys)
    columns = ["supplier", "buyer", "year", "status", "deals", "value_usd", "valued", "stated"]
    columns += ["systems", "quantity"]
    if pairs is None:
        session.execute(delete(cells))
        session.execute(insert(cells).from_select(columns, counted))
        return
    todo = sorted(pairs, key=lambda p: (p[0] or "", p[1] or ""))
    # Pairs of two known states, nearly all of them: one statement each way, run once per
    # pair by the driver. (Writing the pairs into the SQL instead cost more to build and
    # compile, for every batch, than the counting itself.)
    known = [{"b_supplier": s, "b_buyer": b} for s, b in todo if s is not None and b is not None]
    if known:
        connection = session.connection()
        connection.execute(delete(cells).where(*_pair_is(cells)), known)
        connection.execute(
            insert(cells).from_select(columns, counted.where(*_pair_is(deals))), known
        )
    partial = [pair for pair in todo if None in pair]  # NULL needs IS NULL, not "= ?"
    for start in range(0, len(partial), _PAIRS_PER_STATEMENT):
        chunk = partial[start : start + _PAIRS_PER_STATEMENT]
        session.execute(delete(cells).where(_pair_in(cells, chunk)))
        session.execute(insert(cells).from_select(columns, counted.where(_pair_in(deals, chunk))))


def _pair_is(table: Any) -> list[Any]:
    return [
        table.c.supplier == bindparam("b_supplier"),
        table.c.buyer == bindparam("b_buyer"),
    ]


def _pair_in(table: Any, pairs: Sequence[tuple[str | None, str | None]]) -> Any:
    return or_(
        *(
            and_(
                table.c.supplier.is_(None) if s is None else table.c.supplier == s,
                table.c.buyer.is_(None) if b is None else table.c.buyer == b,
            )
            for s, b in pairs
        )
    )

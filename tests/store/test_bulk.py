"""Bulk loading on every backend: rows arrive whole, enums by value, money exact."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import Connection, func, select

from armstrack.model import Status
from armstrack.store.base import Base
from armstrack.store.bulk import bulk_insert


def test_bulk_insert_loads_every_row(connection: Connection) -> None:
    deals = Base.metadata.tables["deals"]
    rows = [
        {
            "supplier": "KOR",
            "buyer": "POL",
            "status": [Status.SIGNED, "delivered"][i % 2],
            "kind": "sale",
            "year": 2000 + i % 20,
            "confidence": 0.5,
            "source_count": 1,
        }
        for i in range(2500)
    ]
    assert bulk_insert(connection, deals, rows, batch_size=1000, rebuild_indexes=True) == 2500
    counts = dict(
        connection.execute(select(deals.c.status, func.count()).group_by(deals.c.status)).all()
    )
    assert counts == {Status.SIGNED: 1250, Status.DELIVERED: 1250}
    index_names = {ix.name for ix in deals.indexes}
    assert index_names  # rebuilt, so queries keep them
    values = Base.metadata.tables["deal_values"]
    assert bulk_insert(connection, values, []) == 0
    assert connection.scalar(select(func.count()).select_from(values)) == 0


def test_bulk_insert_keeps_money_exact(connection: Connection) -> None:
    deals, sources, documents = (Base.metadata.tables[n] for n in ("deals", "sources", "documents"))
    deal_id = connection.execute(
        deals.insert().returning(deals.c.id),
        {"status": "signed", "kind": "sale", "confidence": 1.0, "source_count": 1},
    ).scalar_one()
    doc_id = connection.execute(
        documents.insert().returning(documents.c.id),
        {
            "external_id": "d",
            "content_hash": "0" * 64,
            "text": "t",
            "ingested_at": datetime.now(UTC),
        },
    ).scalar_one()
    source_ids = [
        connection.execute(
            sources.insert().returning(sources.c.id),
            {"deal_id": deal_id, "document_id": doc_id, "position": i, "reported": {}},
        ).scalar_one()
        for i in range(3)
    ]
    amounts = [Decimal("10995116277.69"), Decimal("0.000001"), Decimal("123456789012345")]
    values = Base.metadata.tables["deal_values"]
    rows = [
        {
            "deal_id": deal_id,
            "source_id": s,
            "amount": a,
            "currency": "USD",
            "approximate": False,
            "chosen": False,
        }
        for s, a in zip(source_ids, amounts, strict=True)
    ]
    bulk_insert(connection, values, rows)
    stored = connection.scalars(select(values.c.amount).order_by(values.c.id)).all()
    assert list(stored) == amounts

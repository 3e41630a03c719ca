"""Bulk loading on every backend: rows arrive whole, enums by value, money exact, the
constraints hold and the indexes the migrations define are there after a load."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, Connection, Integer, MetaData, Table, func, inspect, select
from sqlalchemy import Enum as SAEnum
from sqlalchemy.exc import IntegrityError

from armstrack.model import Status
from armstrack.store.base import Base
from armstrack.store.bulk import bulk_insert

DEALS = Base.metadata.tables["deals"]
COLUMNS = ("supplier", "buyer", "status", "kind", "year", "confidence", "source_count")
GOOD = ("KOR", "POL", "signed", "sale", 2020, 0.5, 1)

#: Rows the database must refuse through a bulk load as it does one by one, with the
#: column they break.
REFUSED = [
    pytest.param({"supplier": "ZZZ"}, id="supplier-not-a-state"),
    pytest.param({"source_count": 0}, id="no-sources"),
    pytest.param({"status": None}, id="status-missing"),
]


def _indexes(connection: Connection) -> list[dict[str, Any]]:
    return sorted(inspect(connection).get_indexes("deals"), key=lambda ix: str(ix["name"]))


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


def test_bulk_insert_takes_tuples_and_fills_defaults(connection: Connection) -> None:
    rows = [(*GOOD[:4], 2000 + i, *GOOD[5:]) for i in range(1200)]
    assert bulk_insert(connection, DEALS, rows, columns=COLUMNS, batch_size=500) == 1200
    stored = connection.execute(
        select(*(DEALS.c[c] for c in COLUMNS), DEALS.c.has_value, DEALS.c.systems).order_by(
            DEALS.c.id
        )
    ).all()
    assert [tuple(row[:7]) for row in stored] == rows
    assert {tuple(row[7:]) for row in stored} == {(False, 0)}


def test_rebuilt_indexes_are_the_migrations_own(connection: Connection) -> None:
    before = _indexes(connection)
    rows = [GOOD] * 3000
    assert bulk_insert(connection, DEALS, rows, columns=COLUMNS, rebuild_indexes=True) == 3000
    assert _indexes(connection) == before
    assert {ix["name"] for ix in before} >= {ix.name for ix in DEALS.indexes}
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    assert compare_metadata(context, Base.metadata) == []
    if connection.dialect.name == "sqlite":
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"


@pytest.mark.parametrize("rebuild", [False, True], ids=["indexes-kept", "indexes-rebuilt"])
@pytest.mark.parametrize("bad", REFUSED)
def test_bulk_insert_keeps_the_constraints(
    connection: Connection, bad: dict[str, Any], rebuild: bool
) -> None:
    rows = [GOOD] * 100 + [tuple(bad.get(c, v) for c, v in zip(COLUMNS, GOOD, strict=True))]
    with pytest.raises(IntegrityError):
        bulk_insert(connection, DEALS, rows, columns=COLUMNS, rebuild_indexes=rebuild)


class Colour(Enum):
    """An enum that is not a str enum: stored by its value all the same."""

    RED = "red"
    BLUE = "blue"


def test_bulk_insert_stores_any_enum_by_value(connection: Connection) -> None:
    probe = Table(
        "bulk_probe",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("colour", SAEnum(Colour, native_enum=False, values_callable=_values)),
    )
    probe.create(connection)
    assert bulk_insert(connection, probe, [{"colour": Colour.RED}, {"colour": Colour.BLUE}]) == 2
    raw = connection.exec_driver_sql("SELECT colour FROM bulk_probe ORDER BY id").scalars()
    assert list(raw) == ["red", "blue"]


def _values(members: type[Enum]) -> list[str]:
    return [str(member.value) for member in members]

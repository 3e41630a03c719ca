"""Summarise each deal's chosen value and lines on the deals row, with covering indexes.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27

Why: totals by supplier, the flow matrix and a state's partners over a million deals
took seconds when every deal was joined to its chosen value (one index probe per
deal). The deals row now carries ``value_usd`` (the chosen value in USD, empty without
a value or a rate), ``has_value`` (a value is stated, converted or not), ``systems``
(number of lines) and ``quantity`` (sum of stated quantities), kept by
armstrack.store.usd at ingest; two covering indexes let those aggregates read one index.
Two more, (supplier, year, id) and (buyer, year, id), list a state's deals newest
first in index order, without sorting all of them.
The ``deal_cells`` table holds the same totals per supplier, buyer, year and status, so
that totals and the flow matrix read a few hundred thousand cells at most rather than
every deal (SQLite aggregates about a million index entries in no less than 0.2 s).
Existing rows are filled from deal_values and deal_lines here. The downgrade drops the
columns and indexes (the data they summarise stays in deal_values and deal_lines).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("value_usd", sa.Numeric(precision=28, scale=6)))
        batch_op.add_column(
            sa.Column("has_value", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("systems", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("quantity", sa.Integer(), server_default="0", nullable=False))
        batch_op.create_index(
            "ix_deals_supplier_buyer_value_usd_has_value_systems_quantity",
            ["supplier", "buyer", "value_usd", "has_value", "systems", "quantity"],
            unique=False,
        )
        batch_op.create_index("ix_deals_supplier_year_id", ["supplier", "year", "id"])
        batch_op.create_index("ix_deals_buyer_year_id", ["buyer", "year", "id"])
        batch_op.create_index(
            "ix_deals_buyer_supplier_year_value_usd_has_value",
            ["buyer", "supplier", "year", "value_usd", "has_value"],
            unique=False,
        )
    op.create_table(
        "deal_cells",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("supplier", sa.String(length=3), nullable=True),
        sa.Column("buyer", sa.String(length=3), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "reported",
                "planned",
                "proposed",
                "approved",
                "signed",
                "delivered",
                "alleged",
                "considered",
                "cancelled",
                name="status",
                native_enum=False,
                create_constraint=False,
                length=18,
            ),
            nullable=False,
        ),
        sa.Column("deals", sa.Integer(), nullable=False),
        sa.Column("value_usd", sa.Numeric(precision=28, scale=6), nullable=True),
        sa.Column("valued", sa.Integer(), nullable=False),
        sa.Column("stated", sa.Integer(), nullable=False),
        sa.Column("systems", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deal_cells")),
    )
    with op.batch_alter_table("deal_cells", schema=None) as batch_op:
        batch_op.create_index(
            "ix_deal_cells_supplier_buyer_year_status", ["supplier", "buyer", "year", "status"]
        )
        batch_op.create_index("ix_deal_cells_buyer_supplier_year", ["buyer", "supplier", "year"])
    deals = sa.table(
        "deals",
        sa.column("id", sa.Integer()),
        sa.column("value_usd", sa.Numeric(28, 6)),
        sa.column("has_value", sa.Boolean()),
        sa.column("systems", sa.Integer()),
        sa.column("quantity", sa.Integer()),
    )
    values = sa.table(
        "deal_values",
        sa.column("deal_id", sa.Integer()),
        sa.column("chosen", sa.Boolean()),
        sa.column("value_usd", sa.Numeric(28, 6)),
    )
    lines = sa.table(
        "deal_lines",
        sa.column("deal_id", sa.Integer()),
        sa.column("quantity", sa.Integer()),
    )
    chosen = sa.and_(values.c.deal_id == deals.c.id, values.c.chosen == sa.true())
    own_lines = lines.c.deal_id == deals.c.id
    op.execute(
        deals.update().values(
            value_usd=sa.select(values.c.value_usd).where(chosen).scalar_subquery(),
            has_value=sa.exists().where(chosen),
            systems=sa.select(sa.func.count())
            .select_from(lines)
            .where(own_lines)
            .scalar_subquery(),
            quantity=sa.select(sa.func.coalesce(sa.func.sum(lines.c.quantity), 0))
            .where(own_lines)
            .scalar_subquery(),
        )
    )
    cells = sa.table(
        "deal_cells",
        *(sa.column(name) for name in ("supplier", "buyer", "year", "status", "deals")),
        *(sa.column(name) for name in ("value_usd", "valued", "stated", "systems", "quantity")),
    )
    source = sa.table(
        "deals",
        *(sa.column(name) for name in ("id", "supplier", "buyer", "year", "status")),
        sa.column("value_usd"),
        sa.column("has_value", sa.Boolean()),
        sa.column("systems"),
        sa.column("quantity"),
    )
    keys = [source.c.supplier, source.c.buyer, source.c.year, source.c.status]
    op.execute(
        cells.insert().from_select(
            ["supplier", "buyer", "year", "status", "deals", "value_usd", "valued", "stated"]
            + ["systems", "quantity"],
            sa.select(
                *keys,
                sa.func.count(),
                sa.func.sum(source.c.value_usd),
                sa.func.count(source.c.value_usd),
                sa.func.count(sa.case((source.c.has_value, 1))),
                sa.func.coalesce(sa.func.sum(source.c.systems), 0),
                sa.func.coalesce(sa.func.sum(source.c.quantity), 0),
            ).group_by(*keys),
        )
    )


def downgrade() -> None:
    with op.batch_alter_table("deal_cells", schema=None) as batch_op:
        batch_op.drop_index("ix_deal_cells_buyer_supplier_year")
        batch_op.drop_index("ix_deal_cells_supplier_buyer_year_status")
    op.drop_table("deal_cells")
    with op.batch_alter_table("deals", schema=None) as batch_op:
        batch_op.drop_index("ix_deals_buyer_supplier_year_value_usd_has_value")
        batch_op.drop_index("ix_deals_buyer_year_id")
        batch_op.drop_index("ix_deals_supplier_year_id")
        batch_op.drop_index("ix_deals_supplier_buyer_value_usd_has_value_systems_quantity")
        batch_op.drop_column("quantity")
        batch_op.drop_column("systems")
        batch_op.drop_column("has_value")
        batch_op.drop_column("value_usd")

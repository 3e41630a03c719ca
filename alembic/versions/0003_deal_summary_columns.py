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


def downgrade() -> None:
    with op.batch_alter_table("deals", schema=None) as batch_op:
        batch_op.drop_index("ix_deals_buyer_supplier_year_value_usd_has_value")
        batch_op.drop_index("ix_deals_buyer_year_id")
        batch_op.drop_index("ix_deals_supplier_year_id")
        batch_op.drop_index("ix_deals_supplier_buyer_value_usd_has_value_systems_quantity")
        batch_op.drop_column("quantity")
        batch_op.drop_column("systems")
        batch_op.drop_column("has_value")
        batch_op.drop_column("value_usd")

"""List deals newest first from an index, and drop an index another one contains.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27

Why: a listing of all deals (``armstrack deals``, ``query.list_deals``) orders by year
and id, newest first. The (year, status) index gave the years in order but not the ids
within a year, so every deal of the latest years was sorted: 170 ms for a page of 100 on
a million deals in SQLite. A (year, id) index gives the page in index order. The
(year, status) index served nothing else: totals by year and status read
``deal_cells``, and filters on statuses have (status, year).
(buyer, year) is the prefix of (buyer, year, id), added in 0003, which answers every
query it answered; dropping it spares every write and bulk load one index to keep.
The downgrade restores both.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deals", schema=None) as batch_op:
        batch_op.drop_index("ix_deals_year_status")
        batch_op.drop_index("ix_deals_buyer_year")
        batch_op.create_index("ix_deals_year_id", ["year", "id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("deals", schema=None) as batch_op:
        batch_op.drop_index("ix_deals_year_id")
        batch_op.create_index("ix_deals_buyer_year", ["buyer", "year"], unique=False)
        batch_op.create_index("ix_deals_year_status", ["year", "status"], unique=False)

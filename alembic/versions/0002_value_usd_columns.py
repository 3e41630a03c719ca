"""Add USD normalisation columns to deal_values: value_usd, fx_rate, fx_date.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27

Why: totals across currencies need each value in one currency, with the exchange
rate and the date of that rate recorded beside the value so the conversion can be
checked and redone. The columns are nullable: existing values stay as stated until
they are normalised. The covering index of chosen values gains value_usd so totals
in USD are read from the index alone.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deal_values", schema=None) as batch_op:
        batch_op.add_column(sa.Column("value_usd", sa.Numeric(precision=28, scale=6)))
        batch_op.add_column(sa.Column("fx_rate", sa.Numeric(precision=20, scale=10)))
        batch_op.add_column(sa.Column("fx_date", sa.Date()))
        batch_op.drop_index("ix_deal_values_deal_id_chosen")
        batch_op.create_index(
            "ix_deal_values_deal_id_chosen",
            ["deal_id", "chosen", "currency", "amount", "value_usd"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("deal_values", schema=None) as batch_op:
        batch_op.drop_index("ix_deal_values_deal_id_chosen")
        batch_op.create_index(
            "ix_deal_values_deal_id_chosen",
            ["deal_id", "chosen", "currency", "amount"],
            unique=False,
        )
        batch_op.drop_column("fx_date")
        batch_op.drop_column("fx_rate")
        batch_op.drop_column("value_usd")

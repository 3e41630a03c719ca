"""``armstrack flows``: the supplier-to-buyer flow matrix of the stored deals."""

from __future__ import annotations

from typing import Any

import click

from armstrack import query
from armstrack.cli.output import (
    db_option,
    echo_json,
    filter_options,
    filters_from,
    json_option,
    money,
    opened,
    print_table,
)

__all__ = ["flows"]


@click.command("flows")
@click.option("--top", type=click.IntRange(min=1), metavar="N", help="Show the first N flows.")
@filter_options
@db_option
@json_option
def flows(top: int | None, url: str | None, as_json: bool, **options: Any) -> None:
    """Print the deals from each supplier to each buyer, largest value in USD first."""
    filters = filters_from(options)
    with opened(url) as session:
        rows = query.flows(session, filters)
    rows = rows[:top] if top else rows
    if as_json:
        echo_json(rows)
        return
    print_table(
        ["supplier", "buyer", "deals", "value in USD", "no value", "no USD rate"],
        [
            [
                r.supplier or "?",
                r.buyer or "?",
                r.deals,
                money(r.value_usd),
                r.without_value,
                r.unconverted,
            ]
            for r in rows
        ],
        numeric=range(2, 6),
    )

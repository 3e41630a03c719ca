"""``armstrack summary``: totals of the stored deals, grouped as asked."""

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

__all__ = ["summary"]

_MEASURES = ["deals", "value in USD", "valued", "no value", "no USD rate", "systems", "quantity"]


def _by(_ctx: click.Context, _param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    names = tuple(part.strip() for item in value for part in item.split(",") if part.strip())
    if names == ("none",):
        return names
    for name in names:
        if name not in query.DIMENSIONS:
            raise click.BadParameter(
                f"{name!r} is not one of {', '.join(query.DIMENSIONS)}", param_hint="--by"
            )
    if len(set(names)) != len(names):
        raise click.BadParameter("a dimension is given twice", param_hint="--by")
    return names


@click.command("summary")
@click.option(
    "--by",
    multiple=True,
    callback=_by,
    metavar="DIM[,DIM]",
    help=f"Group by these ({', '.join(query.DIMENSIONS)}); default supplier. "
    "Use --by none for the overall totals only.",
)
@click.option("--top", type=click.IntRange(min=1), metavar="N", help="Show the first N groups.")
@filter_options
@db_option
@json_option
def summary(
    by: tuple[str, ...], top: int | None, url: str | None, as_json: bool, **options: Any
) -> None:
    """Print the number and value of the stored deals, in total and by group.

    Values are summed in US dollars at each deal's date; deals without a value and
    deals in a currency without a USD rate are counted apart, never summed.
    """
    filters = filters_from(options)
    dims: tuple[query.Dimension, ...] = () if by == ("none",) else by or ("supplier",)  # type: ignore[assignment]
    with opened(url) as session:
        overall = query.totals(session, filters=filters)
        groups = query.totals(session, dims, filters) if dims else []
    groups = groups[:top] if top else groups
    if as_json:
        echo_json(overall + groups)
        return
    total = overall[0] if overall else None
    if total is None:
        click.echo("No deals stored yet: run `armstrack ingest FILE...` first.")
        return
    click.echo(
        f"{total.deals} deals worth {money(total.value_usd)} (the {total.valued} with a "
        f"value in USD); {total.without_value} without a value, {total.unconverted} in a "
        f"currency without a USD rate; {total.systems} systems, quantity {total.quantity}"
    )
    if not dims:
        return
    click.echo("")
    print_table(
        [*dims, *_MEASURES],
        [
            [
                *(getattr(row, d) for d in dims),
                row.deals,
                money(row.value_usd),
                row.valued,
                row.without_value,
                row.unconverted,
                row.systems,
                row.quantity,
            ]
            for row in groups
        ],
        numeric=range(len(dims), len(dims) + len(_MEASURES)),
    )

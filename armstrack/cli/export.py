"""``armstrack export``: query rows as CSV or JSON, for spreadsheets and other tools."""

from __future__ import annotations

import io
from typing import Any

import click

from armstrack import query
from armstrack.cli.output import (
    db_option,
    filter_options,
    filters_from,
    opened,
    state_code,
    write_text,
)
from armstrack.cli.summary import _by

__all__ = ["export"]

_WHAT = ("deals", "totals", "flows", "years")


@click.command("export")
@click.argument("what", type=click.Choice(_WHAT))
@click.option(
    "--format",
    "format_",
    type=click.Choice(["csv", "json"]),
    default="csv",
    show_default=True,
    help="CSV with a header line, or a JSON array.",
)
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (default: standard output).")
@click.option(
    "--by",
    multiple=True,
    callback=_by,
    metavar="DIM[,DIM]",
    help=f"For totals: group by these ({', '.join(query.DIMENSIONS)}).",
)
@click.option("--state", metavar="STATE", help="Only deals with this state on either side.")
@filter_options
@db_option
def export(
    what: str,
    format_: str,
    output: str | None,
    by: tuple[str, ...],
    state: str | None,
    url: str | None,
    **options: Any,
) -> None:
    """Export WHAT (deals, totals, flows or years) of the stored deals as CSV or JSON.

    Money is in US dollars (deals also carry the stated value, the rate and its date);
    deals list their systems and the documents that report them.
    """
    extra = {"states": (state_code(state, "--state"),)} if state else {}
    filters = filters_from(options, **extra)
    dims = () if by == ("none",) else by
    with opened(url) as session:
        rows: list[Any]
        if what == "deals":
            rows = query.list_deals(session, filters=filters, limit=None)
        elif what == "totals":
            rows = query.totals(session, dims, filters)  # type: ignore[arg-type]
        elif what == "flows":
            rows = query.flows(session, filters)
        else:
            rows = query.by_year(session, filters)
    if format_ == "json":
        text = query.to_json(rows) + "\n"
    else:
        buffer = io.StringIO()
        query.write_csv(rows, buffer)
        text = buffer.getvalue()
    write_text(text, output)

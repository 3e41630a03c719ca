"""``armstrack deals``: the deals of a state, or of a weapon system, with their sources."""

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
    state_code,
)

__all__ = ["deals"]


def _systems(deal: query.DealSummary) -> str:
    return "; ".join(
        f"{line.quantity} × {line.name}" if line.quantity is not None else line.name
        for line in deal.lines
    )


def _value(deal: query.DealSummary) -> str:
    if deal.value is None:
        return ""
    return f"{deal.value.amount:,f} {deal.value.currency}".replace(".000000", "")


@click.command("deals")
@click.argument("state", required=False)
@click.option(
    "--as",
    "role",
    type=click.Choice(["buyer", "supplier", "any"]),
    default="any",
    show_default=True,
    help="The side STATE is on.",
)
@click.option(
    "--system",
    metavar="TEXT",
    help="Deals of a system: a catalogue id (family ids find every variant) or part of a name.",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=50,
    show_default=True,
    help="Show at most this many deals, newest first.",
)
@click.option("--sources/--no-sources", default=True, help="List each deal's sources.")
@filter_options
@db_option
@json_option
def deals(
    state: str | None,
    role: str,
    system: str | None,
    limit: int,
    sources: bool,
    url: str | None,
    as_json: bool,
    **options: Any,
) -> None:
    """Print the deals of STATE (a code or a name such as "South Korea"), or of --system.

    Each deal shows its systems, value (and in USD), status and year; with --sources,
    the documents that report it and the sentence quoted as evidence.
    """
    if state is None and system is None:
        raise click.UsageError("give a STATE, a --system, or both")
    code = state_code(state) if state is not None else None
    extra: dict[str, Any] = {}
    if code is not None and (system is not None or role == "any"):
        key = {"buyer": "buyers", "supplier": "suppliers", "any": "states"}[role]
        extra[key] = (code,)
    filters = filters_from(options, **extra)
    with opened(url) as session:
        if system is not None:
            rows = query.search(session, system, filters=filters, limit=limit, sources=sources)
        elif role == "any":
            rows = query.list_deals(session, filters=filters, limit=limit, sources=sources)
        else:
            assert code is not None
            side: query.Role = "buyer" if role == "buyer" else "supplier"
            rows = query.deals_of(
                session, code, side, filters=filters, limit=limit, sources=sources
            )
    if as_json:
        echo_json(rows)
        return
    print_table(
        ["id", "supplier", "buyer", "systems", "value", "in USD", "status", "year"],
        [
            [
                d.id,
                d.supplier or "?",
                d.buyer or "?",
                _systems(d),
                _value(d),
                money(d.value_usd),
                d.status.value,
                d.year,
            ]
            for d in rows
        ],
        numeric=(0, 4, 5, 7),
    )
    if sources:
        for d in rows:
            for s in d.sources:
                where = s.url or s.document_id
                quote = f': "{s.quotes[0]}"' if s.quotes else ""
                click.echo(f"  [{d.id}] {where}{quote}")

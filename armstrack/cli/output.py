"""What the query commands share: the database and filter options, tables, machine output."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Any, TypeVar

import click
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from armstrack import query
from armstrack.cli.ingest import DB_HELP
from armstrack.model import Category, Status
from armstrack.store.tracker import SchemaError, Tracker

__all__ = [
    "db_option",
    "filter_options",
    "filters_from",
    "json_option",
    "money",
    "opened",
    "print_table",
    "state_code",
]

_F = TypeVar("_F", bound=Callable[..., Any])

db_option = click.option("--db", "url", metavar="URL", help=DB_HELP)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON, not a table.")


def filter_options(function: _F) -> _F:
    """Add the deal filters every query command takes."""
    options = [
        click.option("--since", type=int, metavar="YEAR", help="Deals of this year or later."),
        click.option("--until", type=int, metavar="YEAR", help="Deals of this year or earlier."),
        click.option(
            "--supplier", "suppliers", multiple=True, metavar="STATE", help="Supplier (repeatable)."
        ),
        click.option(
            "--buyer", "buyers", multiple=True, metavar="STATE", help="Buyer (repeatable)."
        ),
        click.option(
            "--category",
            "categories",
            multiple=True,
            type=click.Choice([c.value for c in Category]),
            help="Deals with systems of this category (repeatable).",
        ),
        click.option(
            "--status",
            "statuses",
            multiple=True,
            type=click.Choice([s.value for s in Status]),
            help="Deals at this status (repeatable).",
        ),
        click.option(
            "--min-value",
            type=click.FloatRange(min=0),
            metavar="USD",
            help="Deals worth at least this much in US dollars.",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def state_code(text: str, param: str = "STATE") -> str:
    """Resolve a state code or name; an unknown one is a failure in one line (exit 1).

    The argument is well formed, so this is not bad usage: the catalogue knows no such
    state (or the name is ambiguous), and the message names what was asked for.
    """
    try:
        return query.resolve_state(text)
    except query.UnknownStateError as exc:
        raise click.ClickException(f"{param}: {exc}") from exc


def filters_from(options: dict[str, Any], **extra: Any) -> query.Filters:
    """Build :class:`armstrack.query.Filters` from the options of :func:`filter_options`."""
    minimum = options.get("min_value")
    return query.Filters(
        since=options.get("since"),
        until=options.get("until"),
        suppliers=tuple(state_code(s, "--supplier") for s in options.get("suppliers", ())),
        buyers=tuple(state_code(s, "--buyer") for s in options.get("buyers", ())),
        categories=tuple(Category(c) for c in options.get("categories", ())),
        statuses=tuple(Status(s) for s in options.get("statuses", ())),
        min_value_usd=Decimal(str(minimum)) if minimum is not None else None,
        **extra,
    )


@contextmanager
def opened(url: str | None) -> Iterator[Session]:
    """Open the store at *url* and yield a session; database errors become one line."""
    try:
        tracker = Tracker.open(url)
    except SchemaError as exc:
        raise click.ClickException(str(exc)) from exc
    except SQLAlchemyError as exc:
        if _debug():
            raise
        raise click.ClickException(f"cannot open the database: {_first_line(exc)}") from exc
    try:
        with tracker, tracker.sessions() as session:
            yield session
    except SQLAlchemyError as exc:
        if _debug():
            raise
        raise click.ClickException(f"database error: {_first_line(exc)}") from exc


def _debug() -> bool:
    context = click.get_current_context(silent=True)
    return bool(context and context.find_root().params.get("debug"))


def _first_line(exc: BaseException) -> str:
    cause = getattr(exc, "orig", None) or exc
    return str(cause).strip().splitlines()[0] if str(cause).strip() else type(cause).__name__


def money(amount: Decimal | None) -> str:
    """Format US dollars for a terminal: ``$1,640,000,000``."""
    return "" if amount is None else f"${amount:,.0f}"


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def print_table(
    headers: Sequence[str], rows: Sequence[Sequence[Any]], *, numeric: Sequence[int] = ()
) -> None:
    """Print rows as aligned columns (numbers right-aligned), or a note if there are none."""
    if not rows:
        click.echo("(no deals)")
        return
    cells = [[_cell(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        parts = [
            v.rjust(widths[i]) if i in numeric else v.ljust(widths[i]) for i, v in enumerate(values)
        ]
        return "  ".join(parts).rstrip()

    click.echo(line(headers))
    click.echo("  ".join("-" * w for w in widths))
    for row in cells:
        click.echo(line(row))


def echo_json(rows: Sequence[Any]) -> None:
    """Print query rows as a JSON array."""
    click.echo(query.to_json(rows))


def write_text(text: str, output: str | None) -> None:
    """Write *text* to the file *output*, or to standard output if ``None`` or ``-``."""
    if output in (None, "-"):
        click.echo(text, nl=False)
        return
    try:
        with open(output, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from exc

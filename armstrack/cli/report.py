"""``armstrack report``: the per-country report of a state, localised."""

from __future__ import annotations

import click

from armstrack.cli.output import db_option, opened, state_code, write_text
from armstrack.report import FORMATS, render
from armstrack.report.build import country_report
from armstrack.report.i18n import Formatter, available_locales

__all__ = ["report"]


@click.command("report")
@click.argument("state")
@click.option(
    "--locale",
    default="en",
    show_default=True,
    help=f"Language and formats of the report (catalogues: {', '.join(available_locales())}).",
)
@click.option(
    "--format",
    "format_",
    type=click.Choice(FORMATS),
    default="md",
    show_default=True,
    help="Markdown, or one self-contained HTML page.",
)
@click.option(
    "-o", "--output", metavar="FILE", help="Write the report to FILE (default: standard output)."
)
@click.option(
    "--max-deals",
    type=click.IntRange(min=1),
    default=500,
    show_default=True,
    help="List at most this many deals on each side (totals count them all).",
)
@db_option
def report(
    state: str, locale: str, format_: str, output: str | None, max_deals: int, url: str | None
) -> None:
    """Write the report of STATE (a code or a name such as "Poland") as buyer and supplier.

    For each side: totals in USD, deals without a value or a USD rate, top partners,
    value by year, the table of deals, and the sources with evidence quotes and links.
    """
    code = state_code(state)
    try:
        Formatter(locale)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--locale") from exc
    with opened(url) as session:
        built = country_report(session, code, max_deals=max_deals)
    write_text(render(built, locale=locale, format=format_), output)
    if output not in (None, "-"):
        click.echo(f"wrote {output}", err=True)

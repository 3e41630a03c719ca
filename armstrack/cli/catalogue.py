"""``armstrack catalogue``: what the reference catalogue knows."""

from __future__ import annotations

from pathlib import Path

import click

from armstrack.catalogue import CatalogueError, default_catalogue, load_catalogue


@click.group()
def catalogue() -> None:
    """Inspect the reference catalogue (states, organisations, weapon systems)."""


@catalogue.command("stats")
@click.option(
    "--extra",
    "extra",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="An extra catalogue CSV file to load after the seeds (repeatable).",
)
def stats(extra: tuple[Path, ...]) -> None:
    """Count the entries of each catalogue table."""
    try:
        cat = load_catalogue(*extra) if extra else default_catalogue()
    except CatalogueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"states         {len(cat.states)}")
    click.echo(f"state forms    {len(cat.state_forms)}")
    click.echo(f"organisations  {len(cat.organisations)}")
    click.echo(f"systems        {len(cat.systems)}")
    click.echo(f"classes        {len(cat.classes)}")

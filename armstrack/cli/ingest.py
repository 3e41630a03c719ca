"""``armstrack ingest``: extract the deals of news texts and store them, merged."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from armstrack.store.inputs import count_documents, read_documents
from armstrack.store.tracker import SchemaError, Tracker

__all__ = ["DB_HELP", "ingest"]

DB_HELP = (
    "Database URL (sqlite:///file.sqlite or postgresql+psycopg://user@host/db); default "
    "$ARMSTRACK_DATABASE_URL, else armstrack.sqlite in the user data folder."
)


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--db", "url", metavar="URL", help=DB_HELP)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Extract in this many processes (one process writes).",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=500,
    show_default=True,
    help="Documents stored per transaction.",
)
def ingest(paths: tuple[Path, ...], url: str | None, workers: int, batch_size: int) -> None:
    """Extract and store the deals of PATHS: .txt files, .jsonl files, or folders of them.

    A .jsonl file holds one document a line ({"id", "text", "published"}). Documents
    already stored are left alone; one that fails is skipped and reported with its
    reason. Reports of one deal in several documents are merged into one deal.
    """
    try:
        tracker = Tracker.open(url)
    except SchemaError as exc:
        raise click.ClickException(str(exc)) from exc
    with (
        tracker,
        click.progressbar(length=count_documents(paths), label="ingesting", file=sys.stderr) as bar,
    ):
        report = tracker.ingest(
            read_documents(paths), workers=workers, batch_size=batch_size, progress=bar.update
        )
    click.echo(report.summary())

"""``armstrack ingest``: extract the deals of news texts and store them, merged."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, InterfaceError, OperationalError

from armstrack.cli.options import workers_option
from armstrack.store.inputs import count_documents, read_documents
from armstrack.store.session import SQLITE_WAIT, resolve_url
from armstrack.store.tracker import SchemaError, Tracker

__all__ = ["DB_HELP", "database_errors", "ingest"]

DB_HELP = (
    "Database URL (sqlite:///file.sqlite or postgresql+psycopg://user@host/db); default "
    "$ARMSTRACK_DATABASE_URL, else armstrack.sqlite in the user data folder."
)


def where(url: str | None) -> str:
    """Return the database URL *url* resolves to, fit to print (no password)."""
    resolved = resolve_url(url)
    try:
        return make_url(resolved).render_as_string(hide_password=True)
    except ArgumentError:
        return repr(resolved) if not resolved.isprintable() else resolved


@contextmanager
def database_errors(url: str | None) -> Iterator[None]:
    """Turn a database that cannot be used into one line naming it (exit status 1)."""
    try:
        yield
    except SchemaError as exc:
        raise click.ClickException(str(exc)) from exc
    except ArgumentError as exc:
        raise click.ClickException(f"not a database URL: {where(url)}") from exc
    except DBAPIError as exc:
        cause = str(exc.orig or exc).strip().splitlines()
        reason = cause[0] if cause else type(exc.orig or exc).__name__
        if "database is locked" in reason:
            reason += (
                ": another process kept writing to it for longer than a writer waits "
                f"({SQLITE_WAIT:.0f} s unless the URL sets ?timeout=SECONDS)"
            )
        unusable = isinstance(exc, OperationalError | InterfaceError)
        what = "cannot use the database at" if unusable else "database error at"
        raise click.ClickException(f"{what} {where(url)}: {reason}") from exc


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--db", "url", metavar="URL", help=DB_HELP)
@workers_option("Extract in this many processes (one process writes).")
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
    already stored are left alone; a file or line that cannot be read, and a document
    that fails, is skipped and reported with its reason (file:line for JSONL), and the
    exit status is then 1. Reports of one deal in several documents are merged into one
    deal. Several ingests may run at once against one database: their writes take turns.
    """

    def warn(message: str) -> None:
        click.echo(f"Warning: {message}", err=True)

    with database_errors(url):
        tracker = Tracker.open(url)
        with (
            tracker,
            click.progressbar(
                length=count_documents(paths), label="ingesting", file=sys.stderr
            ) as bar,
        ):
            report = tracker.ingest(
                read_documents(paths, warn=warn),
                workers=workers,
                batch_size=batch_size,
                progress=bar.update,
            )
    click.echo(report.summary())
    for skipped in report.skipped:
        click.echo(f"Error: {skipped.document}: {skipped.reason}", err=True)
    if report.skipped:
        sys.exit(1)

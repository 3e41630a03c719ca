"""``armstrack db``: create and migrate the store's database."""

from __future__ import annotations

import click
from alembic.util import CommandError

from armstrack.cli.ingest import DB_HELP, database_errors, where
from armstrack.store import migrate

__all__ = ["db"]

_db_option = click.option("--db", "url", metavar="URL", help=DB_HELP)


@click.group()
def db() -> None:
    """Create, upgrade and inspect the database of deals."""


@db.command("upgrade")
@_db_option
@click.option("--revision", default="head", show_default=True, help="Revision to upgrade to.")
def upgrade(url: str | None, revision: str) -> None:
    """Upgrade the database to the latest schema (creating it if it is empty)."""
    try:
        with database_errors(url):
            now = migrate.upgrade_database(url, revision)
    except CommandError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{where(url)}: at revision {now}")


@db.command("downgrade")
@click.argument("revision")
@_db_option
def downgrade(revision: str, url: str | None) -> None:
    """Downgrade the database to REVISION (base drops every table; one step: -- -1)."""
    try:
        with database_errors(url):
            now = migrate.downgrade_database(url, revision)
    except CommandError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{where(url)}: at revision {now or 'base'}")


@db.command("current")
@_db_option
def current(url: str | None) -> None:
    """Show the database's schema revision and whether it needs an upgrade."""
    with database_errors(url):
        revision, state = migrate.database_state(url)
    click.echo(f"{where(url)}: revision {revision or 'none'} ({state}; head {migrate.head()})")

"""The ``armstrack`` command line: thin commands over the library API.

Each command lives in its own module of this package and is registered on :data:`main`.
Exit status: 0 success, 1 failure, 2 bad usage.
"""

from __future__ import annotations

import click

from armstrack import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="armstrack")
def main() -> None:
    """armstrack: a typed record of arms transfers from news text."""


def _register() -> None:
    from armstrack.cli import catalogue

    main.add_command(catalogue.catalogue)
    from armstrack.cli import extract

    main.add_command(extract.extract)
    from armstrack.cli import db, ingest

    main.add_command(ingest.ingest)
    main.add_command(db.db)


_register()

"""The ``armstrack`` command line: thin commands over the library API.

Each command lives in its own module of this package and is registered on :data:`main`.
Exit status: 0 success, 1 failure, 2 bad usage (141 when the reader of the output closed
it early, as for a command stopped by SIGPIPE).
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from armstrack import __version__


class _Group(click.Group):
    """Turns an unexpected error into one line and exit status 1 (a traceback with --debug)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            # The reader went away (`armstrack extract ... | head`): stop quietly, as a
            # command killed by SIGPIPE would, instead of reporting an error.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(128 + 13)
        except Exception as exc:
            if ctx.params.get("debug"):
                raise
            message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            raise click.ClickException(
                f"{type(exc).__name__}: {message}" if message else type(exc).__name__
            ) from exc


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="armstrack")
@click.option("--debug", is_flag=True, help="Show the traceback of an error.")
def main(debug: bool) -> None:
    """armstrack: a typed record of arms transfers from news text."""


def _register() -> None:
    from armstrack.cli import catalogue

    main.add_command(catalogue.catalogue)
    from armstrack.cli import extract

    main.add_command(extract.extract)
    from armstrack.cli import db, ingest

    main.add_command(ingest.ingest)
    main.add_command(db.db)
    from armstrack.cli import deals, export, flows, report, summary

    main.add_command(deals.deals)
    main.add_command(summary.summary)
    main.add_command(flows.flows)
    main.add_command(report.report)
    main.add_command(export.export)


_register()

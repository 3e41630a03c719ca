"""Options shared by several commands, declared once so that they read alike everywhere."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

__all__ = ["workers_option"]

_F = TypeVar("_F", bound=Callable[..., Any])


def workers_option(help_: str) -> Callable[[_F], _F]:
    """``--workers N``: how many processes extract (at least one, one by default)."""
    return click.option(
        "--workers", type=click.IntRange(min=1), default=1, show_default=True, help=help_
    )

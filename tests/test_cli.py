"""Every command has help text and a section in docs/cli.md."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from armstrack.cli import main

DOCS = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def _commands(group: click.Group, prefix: str) -> Iterator[tuple[str, click.Command]]:
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        if isinstance(command, click.Group):
            yield from _commands(command, path)
        else:
            yield path, command


COMMANDS = list(_commands(main, "armstrack"))


def test_there_are_commands() -> None:
    assert len(COMMANDS) >= 1


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[p for p, _ in COMMANDS])
def test_every_command_has_help_and_a_docs_section(path: str, command: click.Command) -> None:
    assert command.help, f"{path} has no help text"
    assert command.help.strip(), f"{path} has no help text"
    args = [*path.split()[1:], "--help"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    assert f"## {path}" in DOCS.read_text(encoding="utf-8"), f"docs/cli.md lacks '## {path}'"


def test_catalogue_stats_counts_tables() -> None:
    result = CliRunner().invoke(main, ["catalogue", "stats"])
    assert result.exit_code == 0
    assert "states" in result.output
    count = int(result.output.split("states")[1].split()[0])
    assert count >= 249


def test_unknown_command_is_usage_error() -> None:
    assert CliRunner().invoke(main, ["no-such-command"]).exit_code == 2


def test_a_reader_closing_the_pipe_early_is_not_an_error(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    docs = tmp_path / "many.jsonl"
    line = {"id": "d", "text": "Poland will buy 96 Apache helicopters from the United States."}
    docs.write_text(
        "".join(json.dumps(line | {"id": f"d{i}"}) + "\n" for i in range(3000)), encoding="utf-8"
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "armstrack", "extract", str(docs)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().startswith(b'{"id": "d0"')
    proc.stdout.close()
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 141
    assert b"Error" not in err
    assert b"Traceback" not in err

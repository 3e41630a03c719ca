"""The README's commands are the ones CI and the docs use."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", readme, flags=re.S)


def test_readme_has_two_commands() -> None:
    commands = _readme_commands()
    assert len(commands) == 2
    assert "armstrack" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _readme_commands()[1] in ci


def test_docs_index_shows_the_same_commands() -> None:
    index = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    for command in _readme_commands():
        assert command in index


def test_python_examples_in_the_extraction_page_run() -> None:
    page = (ROOT / "docs" / "extraction.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.+?)\n```", page, flags=re.S)
    assert blocks
    for block in blocks:
        exec(compile(block, "docs/extraction.md", "exec"), {})

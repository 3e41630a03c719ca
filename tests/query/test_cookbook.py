"""The examples of docs/queries.md run, in order, against the small store on every backend."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

DOCS = Path(__file__).resolve().parents[2] / "docs" / "queries.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def blocks() -> list[str]:
    """The runnable Python blocks (a block fenced as ```python skip is shown only)."""
    return BLOCK.findall(DOCS.read_text(encoding="utf-8"))


def test_the_cookbook_has_examples() -> None:
    assert len(blocks()) >= 10


def test_the_cookbook_runs(session: Session, capsys: pytest.CaptureFixture[str]) -> None:
    namespace: dict[str, object] = {"session": session}
    for number, code in enumerate(blocks(), start=1):
        try:
            exec(compile(code, f"{DOCS.name} block {number}", "exec"), namespace)
        except Exception as exc:  # name the block that failed
            raise AssertionError(f"docs/queries.md block {number} failed: {exc!r}\n{code}") from exc
    assert "KOR" in capsys.readouterr().out

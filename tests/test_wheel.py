"""The built wheel installs into a fresh virtual environment and works outside a checkout."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import armstrack, armstrack.catalogue as c
from pathlib import Path
seeds = c.seeds_dir()
assert '_data' in seeds.parts, seeds
assert (seeds / 'articles').is_dir(), seeds
cat = c.default_catalogue()
assert len(cat.states) >= 249
alembic = Path(armstrack.__file__).parent / '_data' / 'alembic'
assert alembic.is_dir(), alembic
print('ok', armstrack.__version__)
"""


@pytest.mark.slow
def test_wheel_installs_and_imports_outside_the_checkout(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("armstrack-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True
    )
    out = subprocess.run(
        [str(python), "-c", PROBE], cwd=tmp_path, check=True, capture_output=True, text=True
    )
    assert out.stdout.startswith("ok")

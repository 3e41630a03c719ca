"""JSON Schemas of the public models, as committed in ``schemas/``.

``schemas/`` is generated: run ``python -m armstrack.schemas`` after changing a model, and a
test regenerates the schemas in memory and fails on any difference.

>>> sorted(generate())[:3]
['ClassNoun.json', 'Deal.json', 'Document.json']
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from armstrack.catalogue import ClassNoun, StateForm, StateRecord
from armstrack.model import (
    Deal,
    Document,
    Evidence,
    Money,
    Organisation,
    State,
    SystemLine,
    WeaponSystem,
)

#: The models whose schemas are published, one file each.
MODELS: tuple[type[BaseModel], ...] = (
    Deal,
    Document,
    Evidence,
    Money,
    Organisation,
    State,
    SystemLine,
    WeaponSystem,
    StateRecord,
    StateForm,
    ClassNoun,
)


def generate() -> dict[str, str]:
    """Return ``{file name: JSON text}`` for every published model."""
    out: dict[str, str] = {}
    for model in MODELS:
        schema: dict[str, Any] = model.model_json_schema(mode="serialization")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"https://armstrack.dev/schemas/{model.__name__}.json"
        out[f"{model.__name__}.json"] = json.dumps(schema, indent=2, sort_keys=True) + "\n"
    return out


def write(folder: Path) -> list[Path]:
    """Write every schema into *folder* and return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in generate().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("schemas")
    for written in write(target):
        print(written)

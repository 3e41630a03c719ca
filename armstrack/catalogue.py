"""The reference catalogue: states and their names, organisations, weapon systems, classes.

The catalogue is data, kept as CSV files in ``seeds/`` (see ``seeds/README.md``), and this
module is its one loader. Every row is validated with the pydantic model of its table; a
bad row fails at load time with an error naming the file and line.

Users extend or override the shipped data without editing the package, with their own
files (the table is recognised by the CSV header) or in Python:

>>> cat = default_catalogue()
>>> cat.systems["k2-black-panther"].origin if "k2-black-panther" in cat.systems else "KOR"
'KOR'
>>> mine = WeaponSystem(id="my-drone", name="Skylark X", category="aircraft", origin="ISR")
>>> cat.with_entries(systems=[mine]).systems["my-drone"].name
'Skylark X'
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, get_origin

from pydantic import BaseModel, ConfigDict, ValidationError

from armstrack.model import Category, Organisation, StateCode, WeaponSystem

__all__ = [
    "Catalogue",
    "CatalogueError",
    "ClassNoun",
    "StateForm",
    "StateFormKind",
    "StateRecord",
    "default_catalogue",
    "load_catalogue",
    "seeds_dir",
]

#: Environment variable: extra catalogue files (``os.pathsep``-separated) loaded after the seeds.
EXTRA_ENV = "ARMSTRACK_CATALOGUE"


class CatalogueError(ValueError):
    """A catalogue file or row is invalid; the message names the file and line."""


class StateFormKind(StrEnum):
    """How a name form denotes a state."""

    NAME = "name"
    ABBREVIATION = "abbreviation"
    ADJECTIVE = "adjective"
    DEMONYM = "demonym"
    CAPITAL = "capital"
    METONYM = "metonym"
    HISTORIC = "historic"


class _Row(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class StateRecord(_Row):
    """A state as ISO 3166-1 lists it (``seeds/states.csv``, generated)."""

    code: StateCode
    alpha2: str | None = None
    name: str
    official_name: str | None = None
    common_name: str | None = None


class StateForm(_Row):
    """A form news uses for a state: "Seoul", "South Korean", "ROK", "the Kremlin"."""

    code: StateCode
    form: str
    kind: StateFormKind
    ambiguous: bool = False
    note: str | None = None


class ClassNoun(_Row):
    """A generic class noun ("rocket launcher") and its SIPRI category."""

    form: str
    plural: str | None = None
    category: Category
    note: str | None = None


_ModelT = TypeVar("_ModelT", bound=BaseModel)

# Which table a CSV file holds, told by a column only that table has.
_TABLES: tuple[tuple[str, type[BaseModel]], ...] = (
    ("designation", WeaponSystem),
    ("former_names", Organisation),
    ("alpha2", StateRecord),
    ("kind", StateForm),
    ("plural", ClassNoun),
)


def seeds_dir() -> Path:
    """Return the folder of the shipped seeds: inside the wheel, else the checkout's."""
    packaged = Path(__file__).parent / "_data" / "seeds"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "seeds"


def _cell(model: type[BaseModel], name: str, raw: str) -> Any:
    if raw == "":
        return None
    info = model.model_fields.get(name)
    annotation = info.annotation if info is not None else None
    if get_origin(annotation) is tuple:
        return tuple(part.strip() for part in raw.split("|") if part.strip())
    if annotation is bool and raw in ("true", "false"):
        return raw == "true"
    return raw


def read_rows(path: Path, model: type[_ModelT]) -> Iterator[_ModelT]:
    """Read and validate the rows of one CSV file as *model*; errors name file and line."""
    try:
        yield from _read_rows(path, model)
    except UnicodeDecodeError as exc:
        raise CatalogueError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


def _read_rows(path: Path, model: type[_ModelT]) -> Iterator[_ModelT]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            line = reader.line_num
            if None in row:
                raise CatalogueError(f"{path}:{line}: more cells than columns")
            data = {k: _cell(model, k, v) for k, v in row.items() if k is not None}
            data = {k: v for k, v in data.items() if v is not None}
            try:
                yield model.model_validate(data)
            except ValidationError as exc:
                first = exc.errors()[0]
                where = ".".join(str(p) for p in first["loc"]) or "row"
                raise CatalogueError(f"{path}:{line}: {where}: {first['msg']}") from exc


def _table_of(path: Path) -> type[BaseModel]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle), [])
    except UnicodeDecodeError as exc:
        raise CatalogueError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    for column, model in _TABLES:
        if column in header:
            return model
    raise CatalogueError(f"{path}:1: header {header!r} matches no catalogue table")


@dataclass(frozen=True)
class Catalogue:
    """The reference data, indexed by id (systems, organisations) or code (states)."""

    states: Mapping[str, StateRecord] = field(default_factory=dict)
    state_forms: tuple[StateForm, ...] = ()
    organisations: Mapping[str, Organisation] = field(default_factory=dict)
    systems: Mapping[str, WeaponSystem] = field(default_factory=dict)
    classes: tuple[ClassNoun, ...] = ()

    def with_entries(
        self,
        *,
        states: Iterable[StateRecord] = (),
        state_forms: Iterable[StateForm] = (),
        organisations: Iterable[Organisation] = (),
        systems: Iterable[WeaponSystem] = (),
        classes: Iterable[ClassNoun] = (),
    ) -> Catalogue:
        """Return a catalogue with these entries added; an entry with a known id replaces it."""
        forms = list(state_forms)
        nouns = list(classes)
        new_forms = {(f.code, f.form) for f in forms}
        new_nouns = {c.form for c in nouns}
        return replace(
            self,
            states={**self.states, **{s.code: s for s in states}},
            state_forms=tuple(
                [f for f in self.state_forms if (f.code, f.form) not in new_forms] + forms
            ),
            organisations={**self.organisations, **{o.id: o for o in organisations}},
            systems={**self.systems, **{s.id: s for s in systems}},
            classes=tuple([c for c in self.classes if c.form not in new_nouns] + nouns),
        )

    def with_files(self, *paths: Path | str) -> Catalogue:
        """Return a catalogue with the rows of these CSV files added (table told by header)."""
        catalogue = self
        for raw in paths:
            path = Path(raw)
            model = _table_of(path)
            if model is WeaponSystem:
                catalogue = catalogue.with_entries(systems=read_rows(path, WeaponSystem))
            elif model is Organisation:
                catalogue = catalogue.with_entries(organisations=read_rows(path, Organisation))
            elif model is StateRecord:
                catalogue = catalogue.with_entries(states=read_rows(path, StateRecord))
            elif model is StateForm:
                catalogue = catalogue.with_entries(state_forms=read_rows(path, StateForm))
            else:
                catalogue = catalogue.with_entries(classes=read_rows(path, ClassNoun))
        return catalogue

    def family_of(self, system_id: str) -> WeaponSystem:
        """Return the root of the family *system_id* belongs to (itself if it has none)."""
        system = self.systems[system_id]
        seen = {system.id}
        while system.family and system.family in self.systems and system.family not in seen:
            system = self.systems[system.family]
            seen.add(system.id)
        return system


def _seed_files(root: Path) -> list[Path]:
    files = [root / "states.csv", root / "state_names.csv", root / "organisations.csv"]
    files += sorted((root / "systems").glob("*.csv"))
    files.append(root / "classes.csv")
    return [f for f in files if f.is_file()]


def load_catalogue(*extra: Path | str, root: Path | None = None) -> Catalogue:
    """Load the seeds (from *root*, default :func:`seeds_dir`) and then *extra* files."""
    return Catalogue().with_files(*_seed_files(root or seeds_dir()), *extra)


@cache
def _default(extra: tuple[str, ...]) -> Catalogue:
    return load_catalogue(*extra)


def default_catalogue() -> Catalogue:
    """Return the shipped catalogue plus the files named in ``$ARMSTRACK_CATALOGUE``.

    Loaded once per process and shared.
    """
    extra = tuple(p for p in os.environ.get(EXTRA_ENV, "").split(os.pathsep) if p)
    return _default(extra)

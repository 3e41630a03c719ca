"""The catalogue loader, and the integrity of the shipped seed data."""

from __future__ import annotations

import csv
import json
import re
import time
from collections import defaultdict
from pathlib import Path

import jsonschema
import pytest

from armstrack import codes
from armstrack.catalogue import (
    Catalogue,
    CatalogueError,
    StateForm,
    default_catalogue,
    load_catalogue,
    seeds_dir,
)
from armstrack.model import Category, WeaponSystem

ROOT = Path(__file__).resolve().parent.parent
SEEDS = seeds_dir()

SYSTEM_HEADER = (
    "id,designation,name,aliases,category,origin,manufacturers,family,ambiguous_aliases,note"
)


# ---- the loader ----


def test_seeds_dir_is_the_checkouts_in_a_checkout() -> None:
    assert SEEDS == ROOT / "seeds"


def test_bad_row_names_file_line_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "systems.csv"
    bad.write_text(
        SYSTEM_HEADER + "\n"
        "good-one,,Good One,,aircraft,USA,,,,\n"
        "bad-one,,Bad One,,spaceships,USA,,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError, match=r"systems\.csv:3: category"):
        load_catalogue(bad, root=tmp_path / "none")


def test_row_with_too_many_cells_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "systems.csv"
    bad.write_text(SYSTEM_HEADER + "\nx,,X,,aircraft,USA,,,,,extra\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match=r":2: more cells"):
        load_catalogue(bad, root=tmp_path / "none")


def test_unknown_header_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "what.csv"
    bad.write_text("colour,size\nred,2\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"what\.csv:1: header"):
        load_catalogue(bad, root=tmp_path / "none")


def test_user_file_adds_and_overrides(tmp_path: Path) -> None:
    extra = tmp_path / "mine.csv"
    extra.write_text(
        SYSTEM_HEADER + "\nskylark-x,,Skylark X,Skylark|SX-1,aircraft,ISR,,,,\n",
        encoding="utf-8",
    )
    cat = load_catalogue(extra)
    assert cat.systems["skylark-x"].aliases == ("Skylark", "SX-1")
    again = cat.with_entries(
        systems=[WeaponSystem(id="skylark-x", name="Skylark Y", category=Category.AIRCRAFT)]
    )
    assert again.systems["skylark-x"].name == "Skylark Y"
    assert cat.systems["skylark-x"].name == "Skylark X"  # the original is untouched


def test_state_forms_override_by_code_and_form() -> None:
    cat = Catalogue().with_entries(
        state_forms=[StateForm(code="KOR", form="Seoul", kind="capital")]
    )
    cat = cat.with_entries(
        state_forms=[StateForm(code="KOR", form="Seoul", kind="metonym", ambiguous=True)]
    )
    assert [(f.kind, f.ambiguous) for f in cat.state_forms] == [("metonym", True)]


def test_family_of_walks_to_the_root() -> None:
    cat = Catalogue().with_entries(
        systems=[
            WeaponSystem(id="f-16", name="F-16", category=Category.AIRCRAFT),
            WeaponSystem(
                id="f-16-block-70", name="F-16 Block 70", category=Category.AIRCRAFT, family="f-16"
            ),
            WeaponSystem(
                id="f-16v", name="F-16V", category=Category.AIRCRAFT, family="f-16-block-70"
            ),
        ]
    )
    assert cat.family_of("f-16v").id == "f-16"
    assert cat.family_of("f-16").id == "f-16"


def test_environment_variable_adds_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "mine.csv"
    extra.write_text(SYSTEM_HEADER + "\nzz-test-1,,ZZ Test,,aircraft,,,,,\n", encoding="utf-8")
    monkeypatch.setenv("ARMSTRACK_CATALOGUE", str(extra))
    assert "zz-test-1" in default_catalogue().systems


def test_loading_everything_is_fast() -> None:
    # A smoke bound only (speed is measured in benchmarks/bench_catalogue.py).
    started = time.perf_counter()
    load_catalogue()
    assert time.perf_counter() - started < 10


# ---- the shipped data ----

CATALOGUE = load_catalogue()
SCHEMAS = ROOT / "schemas"


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_state_code_is_iso() -> None:
    assert len(CATALOGUE.states) >= 249
    for code in CATALOGUE.states:
        assert codes.is_state(code)
    for extra in ("TWN", "XKX", "PSE"):
        assert extra in CATALOGUE.states


def test_every_state_has_a_news_form() -> None:
    with_forms = {f.code for f in CATALOGUE.state_forms}
    missing = sorted(set(CATALOGUE.states) - with_forms)
    assert not missing, f"states without a form in state_names.csv: {missing}"


def test_rows_validate_against_the_committed_schemas() -> None:
    tables = {
        "Organisation.json": [o.model_dump(mode="json") for o in CATALOGUE.organisations.values()],
        "WeaponSystem.json": [s.model_dump(mode="json") for s in CATALOGUE.systems.values()],
        "StateForm.json": [f.model_dump(mode="json") for f in CATALOGUE.state_forms],
        "ClassNoun.json": [c.model_dump(mode="json") for c in CATALOGUE.classes],
        "StateRecord.json": [s.model_dump(mode="json") for s in CATALOGUE.states.values()],
    }
    for name, rows in tables.items():
        schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
        validator = jsonschema.Draft202012Validator(schema)
        for row in rows:
            errors = list(validator.iter_errors(row))
            assert not errors, f"{name}: {row}: {errors[0].message}"


def test_ids_are_unique_within_each_table() -> None:
    for pattern in ("organisations.csv", "systems/*.csv"):
        seen: dict[str, Path] = {}
        for path in sorted(SEEDS.glob(pattern)):
            for row in _csv_rows(path):
                assert row["id"] not in seen, f"{row['id']} in {path} and {seen[row['id']]}"
                seen[row["id"]] = path


def test_system_files_hold_their_own_category() -> None:
    for path in sorted((SEEDS / "systems").glob("*.csv")):
        expected = path.stem.replace("-", " ")
        if expected == "air defence systems":
            pass
        for row in _csv_rows(path):
            assert row["category"].replace("-", " ") == expected, f"{path.name}: {row['id']}"


def test_families_resolve() -> None:
    for system in CATALOGUE.systems.values():
        if system.family:
            assert system.family in CATALOGUE.systems, f"{system.id}: family {system.family}"
            assert system.family != system.id


def _key(form: str) -> str:
    return re.sub(r"[\s\-]+", " ", form.strip()).casefold()


def test_manufacturers_resolve_to_organisations() -> None:
    names = set()
    for org in CATALOGUE.organisations.values():
        names.update(_key(n) for n in (org.name, *org.aliases, *org.former_names))
    unknown = sorted(
        {
            (m, s.id)
            for s in CATALOGUE.systems.values()
            for m in s.manufacturers
            if _key(m) not in names
        }
    )
    assert not unknown, (
        f"{len(unknown)} manufacturer names resolve to no organisation: {unknown[:20]}"
    )


def test_no_alias_claims_two_things_unless_flagged() -> None:
    claims: dict[str, set[tuple[str, str]]] = defaultdict(set)
    flagged: set[tuple[str, str, str]] = set()
    for org in CATALOGUE.organisations.values():
        for form in (org.name, *org.aliases, *org.former_names):
            claims[_key(form)].add(("organisation", org.id))
        flagged.update(("organisation", org.id, _key(a)) for a in org.ambiguous_aliases)
    for system in CATALOGUE.systems.values():
        forms = (system.name, *system.aliases) + (
            (system.designation,) if system.designation else ()
        )
        for form in forms:
            claims[_key(form)].add(("system", system.id))
        flagged.update(("system", system.id, _key(a)) for a in system.ambiguous_aliases)
    clashes = []
    for form, owners in claims.items():
        if len(owners) > 1 and not all((kind, ref, form) in flagged for kind, ref in owners):
            clashes.append((form, sorted(owners)))
    assert not clashes, f"{len(clashes)} forms claimed twice without a flag: {clashes[:15]}"


def test_state_forms_are_unique_unless_flagged() -> None:
    owners: dict[str, list[StateForm]] = defaultdict(list)
    for form in CATALOGUE.state_forms:
        owners[_key(form.form)].append(form)
    for key, forms in owners.items():
        codes_ = {f.code for f in forms}
        if len(codes_) > 1:
            assert all(f.ambiguous for f in forms), f"{key!r} names {sorted(codes_)} unflagged"


def test_catalogue_is_large_enough() -> None:
    assert len(CATALOGUE.organisations) >= 300
    assert len(CATALOGUE.systems) >= 1000
    categories = {s.category for s in CATALOGUE.systems.values()}
    assert categories >= set(Category) - {Category.UNSPECIFIED}
    assert len(CATALOGUE.classes) >= 60

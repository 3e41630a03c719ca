"""Tests for armstrack.extract.mentions: the gazetteer matcher, on a small catalogue of its own."""

from __future__ import annotations

import pytest

from armstrack.catalogue import Catalogue, ClassNoun, StateForm
from armstrack.extract.mentions import Gazetteer, find_mentions, gazetteer_for, match_text
from armstrack.model import Organisation, WeaponSystem


def small_catalogue() -> Catalogue:
    """A catalogue written for these tests (independent of seeds/)."""
    return Catalogue().with_entries(
        state_forms=[
            StateForm(code="POL", form="Poland", kind="name"),
            StateForm(code="POL", form="Polish", kind="adjective"),
            StateForm(code="KOR", form="South Korea", kind="name"),
            StateForm(code="KOR", form="South Korean", kind="adjective"),
            StateForm(code="KOR", form="Seoul", kind="capital"),
            StateForm(code="KOR", form="ROK", kind="abbreviation"),
            StateForm(code="USA", form="U.S.", kind="abbreviation"),
            StateForm(code="USA", form="US", kind="abbreviation"),
            StateForm(code="GEO", form="Georgia", kind="name", ambiguous=True),
        ],
        organisations=[
            Organisation(id="hanwha-aerospace", name="Hanwha Aerospace", state="KOR"),
            Organisation(
                id="korea-aerospace-industries",
                name="Korea Aerospace Industries",
                aliases=("KAI",),
                state="KOR",
            ),
        ],
        systems=[
            WeaponSystem(
                id="k2",
                designation="K2",
                name="K2 Black Panther",
                aliases=("Black Panther",),
                category="armoured vehicles",
                origin="KOR",
            ),
            WeaponSystem(
                id="f-16", designation="F-16", name="F-16", category="aircraft", origin="USA"
            ),
            WeaponSystem(
                id="patriot",
                name="Patriot",
                category="air defence systems",
                origin="USA",
                ambiguous_aliases=("Patriot",),
            ),
        ],
        classes=[
            ClassNoun(form="tank", plural="tanks", category="armoured vehicles"),
            ClassNoun(form="rocket launcher", plural="rocket launchers", category="artillery"),
        ],
    )


CAT = small_catalogue()

# (text, [(surface, kind, ref)])
#: Forms the brief and the annotation guide name as ones the matcher must read.
REQUIRED_FORMS: list[tuple[str, list[tuple[str, str, str]]]] = [
    ("Poland's purchase", [("Poland", "state", "POL")]),
    ("180 K2s", [("K2s", "system", "k2")]),
    (
        "the K2 Black Panther tanks",
        [("K2 Black Panther", "system", "k2"), ("tanks", "class", "tank")],
    ),
    ("U.S.-made F-16s", [("U.S.", "state", "USA"), ("F-16s", "system", "f-16")]),
    (
        "South Korean-made rocket launchers",
        [
            ("South Korean", "state", "KOR"),
            ("rocket launchers", "class", "rocket launcher"),
        ],
    ),
    ("Seoul said", [("Seoul", "state", "KOR")]),
    ("Hanwha Aerospace's deal", [("Hanwha Aerospace", "organisation", "hanwha-aerospace")]),
    ("KAI will build", [("KAI", "organisation", "korea-aerospace-industries")]),
    ("the ROK Army", [("ROK", "state", "KOR")]),
]
#: Designations written with or without their hyphen.
DESIGNATION_FORMS: list[tuple[str, list[tuple[str, str, str]]]] = [
    ("F16 jets", [("F16", "system", "f-16")]),
    ("F 16 jets", [("F 16", "system", "f-16")]),
    ("F-16V jets", []),
    ("KF-16 jets", []),
]
#: Capitals and ambiguous forms: the text's case must agree.
CASE_FORMS: list[tuple[str, list[tuple[str, str, str]]]] = [
    ("let us go", []),
    ("the US will", [("US", "state", "USA")]),
    ("kai said", []),
    ("Georgia ordered", [("Georgia", "state", "GEO")]),
    ("in georgia", []),
    ("a patriot act", []),
    ("Patriot batteries", [("Patriot", "system", "patriot")]),
    ("POLAND BUYS TANKS", [("POLAND", "state", "POL"), ("TANKS", "class", "tank")]),
]
#: Longest match wins; words must be whole.
BOUNDARY_FORMS: list[tuple[str, list[tuple[str, str, str]]]] = [
    ("South Korea's", [("South Korea", "state", "KOR")]),
    ("Polishing", []),
    ("Polandia", []),
    ("K2PL", []),
]


def _found(text: str) -> list[tuple[str, str, str]]:
    return [(text[m.start : m.end], m.kind, m.ref) for m in find_mentions(text, CAT)]


@pytest.mark.parametrize(("text", "expected"), REQUIRED_FORMS, ids=[t for t, _ in REQUIRED_FORMS])
def test_required_forms(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"), DESIGNATION_FORMS, ids=[t for t, _ in DESIGNATION_FORMS]
)
def test_designation_forms(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(("text", "expected"), CASE_FORMS, ids=[t for t, _ in CASE_FORMS])
def test_case_forms(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(("text", "expected"), BOUNDARY_FORMS, ids=[t for t, _ in BOUNDARY_FORMS])
def test_boundary_forms(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _found(text) == expected


def test_mentions_carry_state_and_category() -> None:
    (k2,) = find_mentions("K2", CAT)
    assert (k2.state, k2.category) == ("KOR", "armoured vehicles")


def test_gazetteer_is_compiled_once_per_catalogue() -> None:
    assert gazetteer_for(CAT) is gazetteer_for(CAT)
    assert isinstance(gazetteer_for(CAT), Gazetteer)


def test_match_text_keeps_length() -> None:
    text = "İstanbul\u00a0and the U.S.\nArmy"
    assert len(match_text(text)) == len(text)


def test_empty_catalogue_finds_nothing() -> None:
    assert find_mentions("Poland buys K2 tanks", Catalogue()) == []


def test_state_form_kinds_are_known() -> None:
    kinds = gazetteer_for(CAT).state_form_kind
    assert kinds["south korean"] == "adjective"
    assert kinds["seoul"] == "capital"


def namesake_catalogue() -> Catalogue:
    """Two designs sold under one name, a helicopter and a vehicle, and their class nouns."""
    return Catalogue().with_entries(
        systems=[
            WeaponSystem(id="gale-heli", name="Gale", category="aircraft", origin="FRA"),
            WeaponSystem(id="gale-ifv", name="Gale", category="armoured vehicles", origin="DEU"),
        ],
        classes=[
            ClassNoun(form="helicopter", plural="helicopters", category="aircraft"),
            ClassNoun(
                form="infantry fighting vehicle",
                plural="infantry fighting vehicles",
                category="armoured vehicles",
            ),
        ],
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Brazil ordered eight Gale helicopters.", "gale-heli"),
        ("Hungary ordered 40 Gale infantry fighting vehicles.", "gale-ifv"),
        ("Hungary ordered 40 Gale-S1 infantry fighting vehicles.", "gale-ifv"),
        ("Brazil ordered eight Gale helicopters and Gale infantry fighting vehicles.", "gale-heli"),
    ],
)
def test_a_shared_name_is_the_design_its_class_noun_names(text: str, expected: str) -> None:
    systems = [m for m in find_mentions(text, namesake_catalogue()) if m.kind == "system"]
    assert systems[0].ref == expected
    assert systems[0].state == {"gale-heli": "FRA", "gale-ifv": "DEU"}[expected]


def test_a_shared_name_follows_the_class_noun_only_when_it_is_next() -> None:
    text = "Gale and other types of infantry fighting vehicles were shown."
    (system,) = [m for m in find_mentions(text, namesake_catalogue()) if m.kind == "system"]
    chosen_alone = [m for m in find_mentions("Gale", namesake_catalogue()) if m.kind == "system"]
    assert system.ref == chosen_alone[0].ref  # no class noun next to it: the default reading

"""Tests for armstrack.extract.quantity: example tables by provenance, properties, speed."""

from __future__ import annotations

import doctest
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from armstrack.extract import quantity
from armstrack.extract.quantity import find_quantities, parse_number

Row = tuple[str, list[tuple[str, int]]]

#: Counts as arms-trade news writes them (sentences written for these tests).
COUNTS: list[Row] = [
    ("The army ordered 180 tanks.", [("180", 180)]),
    ("It will buy 1,000 launchers.", [("1,000", 1000)]),
    ("Two (2) C-130J aircraft were sold.", [("Two (2)", 2)]),
    ("fourteen helicopters", [("fourteen", 14)]),
    ("sixty-four missiles", [("sixty-four", 64)]),
    ("twenty four guns", [("twenty four", 24)]),
    ("THREE frigates", [("THREE", 3)]),
    ("a dozen drones", [("a dozen", 12)]),
    ("two dozen rockets", [("two dozen", 24)]),
    ("half a dozen ships", [("half a dozen", 6)]),
    ("a pair of frigates", [("a pair", 2)]),
    ("two hundred and fifty tanks", [("two hundred and fifty", 250)]),
    ("a hundred jets", [("a hundred", 100)]),
    ("one thousand two hundred troops", [("one thousand two hundred", 1200)]),
    ("a thousand drones", [("a thousand", 1000)]),
    ("1.5 million rounds", [("1.5 million", 1500000)]),
    ("two million shells", [("two million", 2000000)]),
    ("2000 rounds of ammunition", [("2000", 2000)]),
    ("48 F-16 jets and 12 K2 tanks", [("48", 48), ("12", 12)]),
    ("one of the 36 jets", [("36", 36)]),
    ("ten (10) launchers", [("ten (10)", 10)]),
    ("Poland Buys 48 Jets", [("48", 48)]),
    ("Korea Signs Deal For 18 F-16s", [("18", 18)]),
    ("It ended. 12 tanks arrived.", [("12", 12)]),
    # A letter that also abbreviates a measure ("t", "m") starts a designation here.
    ("25 T-55 tanks and 12 M-109 guns", [("25", 25), ("12", 12)]),
]

#: Numbers that are not counts of things.
NOT_COUNTS: list[str] = [
    "a tank",
    "an aircraft",
    "In 2023 the army bought tanks.",
    "since 2020",
    "by 2026",
    "the 2024 budget",
    "June 5 and 5 June",
    "$500 million",
    "2.5 billion euros",
    "5 billion pesos",
    "50% and 40 percent and 30 per cent",
    "the 1st and 2nd batches",
    "at 10:30",
    "at 9 a.m.",
    "155mm shells",
    "120-mm guns",
    "155 mm guns",
    "a two-year deal",
    "10-12 jets",
    "a 300 km range",
    "a 40 t truck",
    "loads of 12 t-",
    "a 30 m mast",
    "over 10 years",
    "F-16",
    "K2",
    "Su-35",
    "F-16 Block 70",
    "Type 26 frigates",
    "No. 5",
    "Mach 2",
    "Leopard 2A7",
    "Challenger 2 tanks",
    "the Leopard 1 fleet",
    "NAVDEX 2023 as a show",
    "in 2023 as planned",
    "1.5 tanks",
    "someone and the one",
    "twenty-first century",
    "#4",
    "24/7",
]

PARSE: list[tuple[str, int | None]] = [
    ("1,000", 1000),
    ("180", 180),
    ("sixty-four", 64),
    ("Fourteen", 14),
    ("a dozen", 12),
    ("a pair of", None),
    ("two hundred and fifty", 250),
    ("ninety-nine", 99),
    ("Two (2)", 2),
    ("2024", 2024),
    ("1.5 million", 1500000),
    ("a", None),
    ("1.5", None),
    ("lots", None),
    ("", None),
    ("two three", None),
]


def _rows(text: str) -> list[tuple[str, int]]:
    return [(text[m.start : m.end], m.value) for m in find_quantities(text)]


@pytest.mark.parametrize(("text", "expected"), COUNTS, ids=[r[0] for r in COUNTS])
def test_counts(text: str, expected: list[tuple[str, int]]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize("text", NOT_COUNTS, ids=NOT_COUNTS)
def test_not_counts(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(("text", "expected"), PARSE, ids=[r[0] or "<empty>" for r in PARSE])
def test_parse_number(text: str, expected: int | None) -> None:
    assert parse_number(text) == expected


@given(st.integers(min_value=0, max_value=10**12))
def test_digits_with_commas_round_trip(n: int) -> None:
    assert parse_number(f"{n:,}") == n


@given(st.text())
def test_arbitrary_text_never_raises(text: str) -> None:
    for m in find_quantities(text):
        assert 0 <= m.start < m.end <= len(text)
        assert m.value >= 0


_PIECES = ["1", "0", ",", ".", " ", "-", "two", "hundred", "and", "a", "dozen", "(", ")", "F",
           "million", "$", "2024", "%", "mm", "sixty", "four"]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES)))
def test_number_like_text_is_ordered(parts: list[str]) -> None:
    text = "".join(parts)
    found = find_quantities(text)
    for before, after in itertools.pairwise(found):
        assert before.end <= after.start


_NEIGHBOURS = ["1", "2024", "1999", "12", ",", ".", " ", "\u00a0", "-", "\u2013", ":", "%", "/",
               "\u00b0", "$", "#", "_", "F", "No", "mm", "km", "Km.", "p.m.", "June", "jun", "jets",
               "elections", "bus", "class", "'s", "million", "Billion", "dollars", "euro", "in",
               "Block", "Leopard", "the", "\u212am", "\u0664", "years", "tanks"]  # fmt: skip


@given(st.lists(st.sampled_from(_NEIGHBOURS), max_size=12))
def test_figures_not_worth_reading_are_no_counts(parts: list[str]) -> None:
    text = "".join(parts)
    for m in quantity._CANDIDATE_RE.finditer(text):
        if m.group("digits") is None or quantity._COUNT_DIGITS.match(text, m.start()):
            continue
        read = quantity._read(text, m)
        assert read is None or not quantity._is_count(text, m.start(), read[1], read[0], m)


_MB = 1_000_000
ADVERSARIAL: list[tuple[str, str]] = [
    ("commas", ("1," * _MB)[:_MB]),
    ("dollar signs", "$" * _MB),
    ("scale words", ("billion " * _MB)[:_MB]),
    ("digit run", "7" * _MB),
    ("hyphenated digits", ("1-" * _MB)[:_MB]),
    ("number words", ("two hundred and " * _MB)[:_MB]),
    ("articles", ("a a an a dozen " * _MB)[:_MB]),
    ("brackets", ("two (2) (" * _MB)[:_MB]),
    ("counts", ("jets 12 and " * _MB)[:_MB]),
    ("years", ("in 2024 talks " * _MB)[:_MB]),
]


@pytest.mark.timeout(60)  # generous: catastrophic backtracking takes far longer
@pytest.mark.parametrize(("name", "text"), ADVERSARIAL, ids=[r[0] for r in ADVERSARIAL])
def test_linear_on_adversarial_text(name: str, text: str) -> None:
    find_quantities(text)


def test_doctests() -> None:
    assert doctest.testmod(quantity, optionflags=doctest.ELLIPSIS).failed == 0

"""Tests for armstrack.extract.normalise: replacements by kind, length preservation."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

from armstrack.extract import normalise as normalise_module
from armstrack.extract.normalise import normalise

#: Typographic variants met in news text and what they become.
REPLACEMENTS: list[tuple[str, str]] = [
    ("\u2018K2\u2019", "'K2'"),
    ("\u201cK2\u201d", '"K2"'),
    ("\u201eK2\u201c", '"K2"'),
    ("\u00abK2\u00bb", '"K2"'),
    ("Poland\u2019s", "Poland's"),
    ("2023\u20132024", "2023-2024"),
    ("tanks \u2014 180", "tanks - 180"),
    ("Su\u201135", "Su-35"),
    ("\u22125", "-5"),
    ("$1.64\u00a0billion", "$1.64 billion"),
    ("1\u2009000", "1 000"),
    ("1\u202f000", "1 000"),
    ("K\u200b2", "K 2"),
    ("arma\u00adment", "arma ment"),
    ("\ufeffTitle", " Title"),
    ("\uff11\uff18\uff10", "180"),
    ("line\u2028next", "line\nnext"),
]

#: Text that must come back unchanged.
UNCHANGED: list[str] = [
    "Poland ordered 180 K2 tanks for $3.4 billion.",
    "Zbrojenia: Polska kupi\u0142a czo\u0142gi",
    "\u97e9\u56fd K2 \u5766\u514b",
    "tab\there\nnewline",
    "\u20ac2.5bn and \u00a31bn and \u20b9500 crore",
]


@pytest.mark.parametrize(("text", "expected"), REPLACEMENTS, ids=[r[1] for r in REPLACEMENTS])
def test_replacements(text: str, expected: str) -> None:
    assert normalise(text) == expected


@pytest.mark.parametrize("text", UNCHANGED, ids=UNCHANGED)
def test_unchanged(text: str) -> None:
    assert normalise(text) == text


@given(st.text())
def test_length_is_preserved(text: str) -> None:
    assert len(normalise(text)) == len(text)


@given(st.text())
def test_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


def test_ascii_is_never_replaced() -> None:
    ascii_text = "".join(map(chr, range(128)))
    assert normalise(ascii_text) == ascii_text


#: Every replacement at once: more kinds than are replaced one kind at a time.
ALL_AT_ONCE = "".join(text for text, _ in REPLACEMENTS)


def test_many_kinds_at_once_are_each_replaced() -> None:
    assert normalise(ALL_AT_ONCE) == "".join(expected for _, expected in REPLACEMENTS)


_TYPOGRAPHIC = st.sampled_from("".join(text for text, _ in REPLACEMENTS) + "ab 1\u00e9")


@given(st.one_of(st.text(), st.text(_TYPOGRAPHIC)))
def test_same_as_one_character_at_a_time(text: str) -> None:
    one_by_one = "".join(chr(normalise_module._replacement(ord(c))) for c in text)
    assert normalise(text) == one_by_one


def test_doctests() -> None:
    assert doctest.testmod(normalise_module, optionflags=doctest.ELLIPSIS).failed == 0

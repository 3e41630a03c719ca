"""Tests for armstrack.extract.starts: the finder never skips a place a number starts."""

from __future__ import annotations

import doctest
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from armstrack.extract import money, quantity, starts
from armstrack.extract.starts import search, start_finder

FINDERS = [
    ("money", money._NUMBER_RE, money._NUMBER_START, list(money._WORD_NUMBERS)),
    (
        "quantity",
        quantity._CANDIDATE_RE,
        quantity._CANDIDATE_START,
        [*quantity.UNITS, *quantity.TENS, "a", "an", "half"],
    ),
]


@pytest.mark.parametrize("words", [f[3] for f in FINDERS], ids=[f[0] for f in FINDERS])
def test_first_letters_are_every_character_matched_case_insensitively(words: list[str]) -> None:
    firsts = "".join(sorted({w[0].lower() for w in words}))
    ignore_case = re.compile(rf"(?i:[{firsts}])")
    expected = {chr(c) for c in range(0x110000) if ignore_case.fullmatch(chr(c))}
    assert set(starts._letters(words)) == expected


_PIECES = ["12", "1,000", "2.5", ".", ",", "-", "'", " ", "\u00a0", "two", "Two", "TWO",
           "a", "an", "A", "half", "dozen", "billion", "million", "twenty", "x", "\u0664",
           "\u017fix", "one", "net", "$", "ten", "Ten-", "pair of", "hundred", "\u0130llion",
           "trillion", "BILLION", "fifteen", "half an", "\n", "\t"]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.integers(0, 40))
def test_search_finds_what_the_pattern_finds(parts: list[str], pos: int) -> None:
    text = "".join(parts)
    for _, pattern, finder, _ in FINDERS:
        plain = pattern.search(text, pos)
        fast = search(pattern, finder, text, pos)
        assert (plain and (plain.span(), plain.groupdict())) == (
            fast and (fast.span(), fast.groupdict())
        )


def test_finder_of_no_words_finds_digits_only() -> None:
    finder = start_finder(["x"], r"\w")
    assert [m.start() for m in finder.finditer("x 12 ax")] == [0, 2]


def test_doctests() -> None:
    assert doctest.testmod(starts).failed == 0

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
    ("quantity", quantity._CANDIDATE_RE, quantity._CANDIDATE_START),
]
WORDS = {
    "money": list(money._WORD_NUMBERS),
    "quantity": [*quantity.UNITS, *quantity.TENS, "a", "an", "half"],
}


def _money_starts(text: str) -> starts.NumberStarts:
    """Money's search, trying every digit."""
    illion, window, within = money._ILLION, money._WORD_WINDOW, money._WORD_BEFORE_ILLION
    return starts.NumberStarts(money._NUMBER_RE, text, illion, text, window, within=within)


def _quantity_starts(text: str) -> starts.NumberStarts:
    """The counts' search, trying every digit."""
    if any(c in text for c in starts.LOWER_UNSAFE):
        finder = quantity._CANDIDATE_START
        return starts.NumberStarts(quantity._CANDIDATE_RE, text, finder, text, (0, 1))
    anchor, low = quantity._WORD_ANCHOR, " " + text.lower()
    return starts.NumberStarts(quantity._CANDIDATE_RE, text, anchor, low, (1, 2))


NUMBER_STARTS = [
    ("money", money._NUMBER_RE, _money_starts),
    ("quantity", quantity._CANDIDATE_RE, _quantity_starts),
]


@pytest.mark.parametrize("words", list(WORDS.values()), ids=list(WORDS))
def test_first_letters_are_every_character_matched_case_insensitively(words: list[str]) -> None:
    firsts = "".join(sorted({w[0].lower() for w in words}))
    ignore_case = re.compile(rf"(?i:[{firsts}])")
    expected = {chr(c) for c in range(0x110000) if ignore_case.fullmatch(chr(c))}
    assert set(starts._letters(words)) == expected


_PIECES = ["12", "1,000", "2.5", ".", ",", "-", "'", " ", "\u00a0", "two", "Two", "TWO",
           "a", "an", "A", "half", "dozen", "billion", "million", "twenty", "x", "\u0664",
           "\u017fix", "one", "net", "$", "ten", "Ten-", "pair of", "hundred", "\u0130llion",
           "trillion", "BILLION", "fifteen", "half an", "\n", "\t", "\u0131llion", "a dozen",
           "\u0130", "\u212a", "seventy", "half a dozen", "1.5", "$5", "USD", "€"]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.integers(0, 40))
def test_search_finds_what_the_pattern_finds(parts: list[str], pos: int) -> None:
    text = "".join(parts)
    for _, pattern, finder in FINDERS:
        plain = pattern.search(text, pos)
        fast = search(pattern, finder, text, pos)
        assert (plain and (plain.span(), plain.groupdict())) == (
            fast and (fast.span(), fast.groupdict())
        )


@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.lists(st.integers(0, 6), max_size=8))
def test_number_starts_finds_what_the_pattern_finds(parts: list[str], steps: list[int]) -> None:
    text = "".join(parts)
    for _, pattern, make in NUMBER_STARTS:
        numbers = make(text)
        pos = 0
        for step in steps:  # positions asked for never decrease, as a reader asks them
            plain = pattern.search(text, pos)
            fast = numbers.search(pos)
            assert (plain and (plain.span(), plain.groupdict())) == (
                fast and (fast.span(), fast.groupdict())
            )
            pos = (fast.end() if fast else pos) + step


@pytest.mark.parametrize("words", [["to", "ton", "two"], ["a", "an", "and", "half a"], ["b", "bn"]])
def test_trie_matches_each_word_and_only_them(words: list[str]) -> None:
    pattern = re.compile(rf"(?:{starts.trie(words)})\Z")
    assert all(pattern.match(w) for w in words)
    assert not any(pattern.match(w[:-1] + "#") for w in words)


def test_finder_of_no_words_finds_digits_only() -> None:
    finder = start_finder(["x"], r"\w")
    assert [m.start() for m in finder.finditer("x 12 ax")] == [0, 2]


def test_doctests() -> None:
    assert doctest.testmod(starts).failed == 0

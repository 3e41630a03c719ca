"""Tests for armstrack.extract.sentences: example tables by provenance, properties, speed."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

from armstrack.extract import sentences
from armstrack.extract.sentences import split_sentences

#: Where news text must split (sentences written for these tests).
SPLITS: list[tuple[str, list[str]]] = [
    ("Poland ordered tanks. The deal is signed.", ["Poland ordered tanks.", "The deal is signed."]),
    ("Is it done? Yes! It is.", ["Is it done?", "Yes!", "It is."]),
    ("Title line\nBody text here.", ["Title line", "Body text here."]),
    ("One paragraph.\n\nAnother one.", ["One paragraph.", "Another one."]),
    ('He said "we agree." The talks ended.', ['He said "we agree."', "The talks ended."]),
    ("It bought jets (F-16s.) Then it paused.", ["It bought jets (F-16s.)", "Then it paused."]),
    ("It ordered 180. Another 820 follow.", ["It ordered 180.", "Another 820 follow."]),
    ("Deliveries start in 2025. 2026 sees more.", ["Deliveries start in 2025.", "2026 sees more."]),
    ('It ended. "We won," he said.', ["It ended.", '"We won," he said.']),
    ("Arms came from the U.S. The deal was big.", ["Arms came from the U.S.", "The deal was big."]),
    (
        "It signed with Acme Corp. The work starts.",
        ["It signed with Acme Corp.", "The work starts."],
    ),
    ("  Padded sentence.   ", ["Padded sentence."]),
    ("Wait... Then more.", ["Wait...", "Then more."]),
]

#: Full stops that do not end a sentence.
NO_SPLITS: list[str] = [
    "The U.S. Army wants 48 jets.",
    "The U.K. Ministry of Defence agreed.",
    "Gen. Kim and Lt. Park met Col. Lee.",
    "A photo by Tech. Sgt. Kim Lee.",
    "Sqn. Ldr. Kim flew it.",
    "Mr. Smith met Dr. Jones at St. Petersburg.",
    "N. Korea and S. Korea talked.",
    "It cost $1.64 billion in total.",
    "Acme Co. Ltd. signed a deal.",
    "Acme Inc. Chairman spoke.",
    "No. 5 Squadron flies it.",
    "Poland vs. Germany.",
    "Small arms, e.g. Rifles, were sent.",
    "On Jan. 5 the deal was signed.",
    "Deliveries in Sept. 2025 are planned.",
    "Rs. 500 crore was paid.",
    "At 9 a.m. Warsaw time it was signed.",
]

#: Numbered lists keep their numbers.
LISTS: list[tuple[str, list[str]]] = [
    ("1. Poland\n2. Korea", ["1. Poland", "2. Korea"]),
    ("Buyers were named. 1. Poland", ["Buyers were named.", "1. Poland"]),
]


def _texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


@pytest.mark.parametrize(("text", "expected"), SPLITS, ids=[r[0] for r in SPLITS])
def test_splits(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


@pytest.mark.parametrize("text", NO_SPLITS, ids=NO_SPLITS)
def test_no_splits(text: str) -> None:
    assert _texts(text) == [text]


@pytest.mark.parametrize(("text", "expected"), LISTS, ids=[r[0] for r in LISTS])
def test_lists(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


def test_empty_and_blank() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\t\n ") == []


@given(st.text())
def test_spans_cover_all_non_blank_text(text: str) -> None:
    spans = split_sentences(text)
    pos = 0
    for span in spans:
        assert pos <= span.start < span.end <= len(text)
        assert text[pos : span.start].strip() == ""
        assert text[span.start : span.end] == text[span.start : span.end].strip()
        pos = span.end
    assert text[pos:].strip() == ""


_MB = 1_000_000
ADVERSARIAL: list[tuple[str, str]] = [
    ("dots", "." * _MB),
    ("dots then lower", "." * (_MB - 3) + "  x"),
    ("initials", ("A. B. C. " * _MB)[:_MB]),
    ("abbreviations", ("U.S. Gen. Co. " * _MB)[:_MB]),
    ("spaces after stop", "a." + " " * _MB + "b"),
    ("newlines", "\n" * _MB),
    ("sentences", ("It is. " * _MB)[:_MB]),
]


@pytest.mark.timeout(60)  # generous: catastrophic backtracking takes far longer
@pytest.mark.parametrize(("name", "text"), ADVERSARIAL, ids=[r[0] for r in ADVERSARIAL])
def test_linear_on_adversarial_text(name: str, text: str) -> None:
    split_sentences(text)


def test_doctests() -> None:
    assert doctest.testmod(sentences, optionflags=doctest.ELLIPSIS).failed == 0

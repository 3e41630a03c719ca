"""Tests for armstrack.extract.dates: example tables by provenance, properties, speed."""

from __future__ import annotations

import doctest
import itertools
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from armstrack.extract import dates
from armstrack.extract.dates import find_dates

#: Publication date used by the tables: a Friday.
PUBLISHED = date(2024, 6, 7)

Row = tuple[str, list[tuple[str, str, str]]]

#: Absolute dates, read the same with or without a published date.
ABSOLUTE: list[Row] = [
    ("signed on June 5, 2024.", [("June 5, 2024", "2024-06-05", "day")]),
    ("signed on June 5 2024.", [("June 5 2024", "2024-06-05", "day")]),
    ("signed on 5 June 2024.", [("5 June 2024", "2024-06-05", "day")]),
    ("signed on 5th of March 2023.", [("5th of March 2023", "2023-03-05", "day")]),
    ("signed on March 5th, 2023.", [("March 5th, 2023", "2023-03-05", "day")]),
    ("signed on Jan. 5, 2024.", [("Jan. 5, 2024", "2024-01-05", "day")]),
    ("signed on 2024-06-05.", [("2024-06-05", "2024-06-05", "day")]),
    ("signed in June 2024.", [("June 2024", "2024-06-01", "month")]),
    ("signed in Sept. 2025.", [("Sept. 2025", "2025-09-01", "month")]),
    ("signed in May of 2022.", [("May of 2022", "2022-05-01", "month")]),
    ("signed in 2023.", [("2023", "2023-01-01", "year")]),
    ("delivered by 2026.", [("2026", "2026-01-01", "year")]),
    ("in service since 2020.", [("2020", "2020-01-01", "year")]),
    ("ready by the end of 2025.", [("the end of 2025", "2025-12-01", "month")]),
]

#: Dates read against the published date (Friday 7 June 2024).
RELATIVE: list[Row] = [
    ("The deal was signed on Thursday.", [("Thursday", "2024-06-06", "day")]),
    ("The deal was signed Friday.", [("Friday", "2024-06-07", "day")]),
    ("Saturday's parade", [("Saturday", "2024-06-01", "day")]),
    ("It was announced yesterday.", [("yesterday", "2024-06-06", "day")]),
    ("It was announced today.", [("today", "2024-06-07", "day")]),
    ("It will be signed in June.", [("June", "2024-06-01", "month")]),
    ("It will be signed in August.", [("August", "2024-08-01", "month")]),
    ("It was signed last June.", [("last June", "2023-06-01", "month")]),
    ("It was signed last March.", [("last March", "2024-03-01", "month")]),
    ("It will be signed next June.", [("next June", "2025-06-01", "month")]),
    ("Talks began in mid-May.", [("May", "2024-05-01", "month")]),
    ("It was signed on June 5.", [("June 5", "2024-06-05", "day")]),
    ("It was signed on 5 June.", [("5 June", "2024-06-05", "day")]),
    ("It was approved last month.", [("last month", "2024-05-01", "month")]),
    ("It was approved earlier this month.", [("earlier this month", "2024-06-01", "month")]),
    ("It will be signed next month.", [("next month", "2024-07-01", "month")]),
    ("It was approved last year.", [("last year", "2023-01-01", "year")]),
    ("It was approved this year.", [("this year", "2024-01-01", "year")]),
    ("It will be approved next year.", [("next year", "2025-01-01", "year")]),
    ("Deliveries end by the end of the year.", [("the end of the year", "2024-12-01", "month")]),
    ("Deliveries end by year-end.", [("year-end", "2024-12-01", "month")]),
    ("It is due in October this year.", [("October this year", "2024-10-01", "month")]),
    ("It was signed on November 30 last year.", [("November 30 last year", "2023-11-30", "day")]),
    (
        "Signed yesterday; talks began last year.",
        [("yesterday", "2024-06-06", "day"), ("last year", "2023-01-01", "year")],
    ),
]

#: Text with no date in it.
NO_DATES: list[str] = [
    "It may rain.",
    "The Mirage 2000 flies.",
    "The 2024 budget grew.",
    "The 2023-24 plan",
    "1,000 troops",
    "June 31, 2024",
    "Some 2025 jets",
    "last week",
]


def _rows(text: str, published: date | None) -> list[tuple[str, str, str]]:
    return [
        (text[m.start : m.end], m.date.value.isoformat(), m.date.precision.value)
        for m in find_dates(text, published)
    ]


@pytest.mark.parametrize(("text", "expected"), ABSOLUTE, ids=[r[0] for r in ABSOLUTE])
@pytest.mark.parametrize("published", [PUBLISHED, None], ids=["published", "no-date"])
def test_absolute(text: str, expected: list[tuple[str, str, str]], published: date | None) -> None:
    assert _rows(text, published) == expected


@pytest.mark.parametrize(("text", "expected"), RELATIVE, ids=[r[0] for r in RELATIVE])
def test_relative(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _rows(text, PUBLISHED) == expected


@pytest.mark.parametrize(("text", "expected"), RELATIVE, ids=[r[0] for r in RELATIVE])
def test_relative_needs_published_date(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert find_dates(text, None) == []


@pytest.mark.parametrize("text", NO_DATES, ids=NO_DATES)
def test_no_dates(text: str) -> None:
    assert find_dates(text, PUBLISHED) == []


@given(st.text(), st.one_of(st.none(), st.dates()))
def test_arbitrary_text_never_raises(text: str, published: date | None) -> None:
    found = find_dates(text, published)
    for before, after in itertools.pairwise(found):
        assert before.end <= after.start


@pytest.mark.parametrize("published", [date.min, date.max], ids=["min", "max"])
def test_calendar_edges_do_not_raise(published: date) -> None:
    text = "yesterday today tomorrow last year next year last month next month Monday"
    assert all(m.end <= len(text) for m in find_dates(text, published))


_PIECES = ["June", "5", ",", " ", "2024", "-", "06", "last", "month", "year", "in", "the",
           "end", "of", "Thursday", "Sept.", "31", "today", "next"]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES)), st.dates())
def test_date_like_text_is_ordered(parts: list[str], published: date) -> None:
    text = "".join(parts)
    found = find_dates(text, published)
    for before, after in itertools.pairwise(found):
        assert before.end <= after.start


def _every_rule(text: str, published: date | None) -> list[tuple[int, int, object]]:
    """find_dates with every rule run on every text (no skipping by what the text lacks)."""
    candidates = []
    for pattern, handler in dates.RULES:
        for m in pattern.finditer(text):
            try:
                read = handler(m, published)
            except (ValueError, OverflowError):
                continue
            if read is not None:
                candidates.append(read)
    candidates.sort(key=lambda c: (c[0], -c[1]))
    found: list[tuple[int, int, object]] = []
    for start, end, when in candidates:
        if not found or start >= found[-1][1]:
            found.append((start, end, when))
    return found


_SKIP_PIECES = [*_PIECES, "\u0664", "\u0662\u0660\u0662\u0664", "YEAR", "End", "MONTH", "jan",
                "Monday", "Year-End", "year", "\t", "\u00a0", "ToDay", "Tomorrow", "yesterday",
                "holiday", "May", "mid-", "through", "earlier", "this", "1999", "Mon"]  # fmt: skip


@given(st.lists(st.sampled_from(_SKIP_PIECES)), st.one_of(st.none(), st.dates()))
def test_rules_skipped_for_what_the_text_lacks_would_find_nothing(
    parts: list[str], published: date | None
) -> None:
    text = "".join(parts)
    found = [(m.start, m.end, m.date) for m in find_dates(text, published)]
    assert found == _every_rule(text, published)


_MB = 1_000_000
ADVERSARIAL: list[tuple[str, str]] = [
    ("commas", ("1," * _MB)[:_MB]),
    ("digit run", "7" * _MB),
    ("years", ("2024-" * _MB)[:_MB]),
    ("months", ("June June " * _MB)[:_MB]),
    ("the end of", ("the end of the end of " * _MB)[:_MB]),
    ("earlier this", ("earlier this earlier " * _MB)[:_MB]),
    ("weekdays", ("Monday Mon " * _MB)[:_MB]),
    ("days and months", ("5 June 5 " * _MB)[:_MB]),
    ("years after words", ("in 2024 by " * _MB)[:_MB]),
]


@pytest.mark.timeout(60)  # generous: catastrophic backtracking takes far longer
@pytest.mark.parametrize(("name", "text"), ADVERSARIAL, ids=[r[0] for r in ADVERSARIAL])
def test_linear_on_adversarial_text(name: str, text: str) -> None:
    find_dates(text, PUBLISHED)


def test_doctests() -> None:
    assert doctest.testmod(dates, optionflags=doctest.ELLIPSIS).failed == 0

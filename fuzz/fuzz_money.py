"""Fuzz the money reader (:mod:`armstrack.extract.money`) with atheris.

Run: ``python fuzz/fuzz_money.py -max_total_time=60 "$(mktemp -d)" fuzz/corpus/money``.
Each input is read as UTF-8 (an undecodable byte becomes U+FFFD). Besides any exception,
a crash is: a mention outside the text or out of order, a mention whose own text does not
parse back to its value, or a value that :func:`format_money` cannot write so that
:func:`parse_money` reads it back unchanged.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["armstrack"]):
    from armstrack.extract.money import find_money, format_money, parse_money


def check(text: str) -> None:
    """Read money from *text* and assert the invariants every reading must keep."""
    parse_money(text)
    last = 0
    for m in find_money(text):
        assert last <= m.start < m.end <= len(text), (m, len(text))
        last = m.end
        assert parse_money(text[m.start : m.end]) == m.money, m
        assert parse_money(format_money(m.money)) == m.money, m.money


def test_one_input(data: bytes) -> None:
    check(data.decode("utf-8", "replace"))


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

"""Tests for armstrack.extract.money: example tables by provenance, properties, speed."""

from __future__ import annotations

import doctest
import itertools
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from armstrack import codes
from armstrack.extract import money
from armstrack.extract.money import find_money, format_money, parse_money
from armstrack.model import Money

# (text, [(surface, amount, currency, approximate, upper)]) -- upper None unless a range/cap.
Row = tuple[str, list[tuple[str, str, str, bool, str | None]]]

#: How the press writes the value of an arms deal (written for these tests).
NEWS_FORMS: list[Row] = [
    ("a $1.64-billion contract", [("$1.64-billion", "1640000000", "USD", False, None)]),
    ("worth $1.64 billion.", [("$1.64 billion", "1640000000", "USD", False, None)]),
    ("US$5.76 billion deal", [("US$5.76 billion", "5760000000", "USD", False, None)]),
    ("USD 5.76 billion deal", [("USD 5.76 billion", "5760000000", "USD", False, None)]),
    ("a $5.8bn order", [("$5.8bn", "5800000000", "USD", False, None)]),
    ("a $500m order", [("$500m", "500000000", "USD", False, None)]),
    ("a $1.5B order", [("$1.5B", "1500000000", "USD", False, None)]),
    ("costing $500 million", [("$500 million", "500000000", "USD", False, None)]),
    ("costing €2.5 billion", [("€2.5 billion", "2500000000", "EUR", False, None)]),
    ("costing EUR 2.5bn", [("EUR 2.5bn", "2500000000", "EUR", False, None)]),
    ("costing 2.5 billion euros", [("2.5 billion euros", "2500000000", "EUR", False, None)]),
    ("a 65 million euro package", [("65 million euro", "65000000", "EUR", False, None)]),
    ("costing £1bn", [("£1bn", "1000000000", "GBP", False, None)]),
    ("costing 1 billion pounds", [("1 billion pounds", "1000000000", "GBP", False, None)]),
    ("Rs 10,000 crore deal", [("Rs 10,000 crore", "100000000000", "INR", False, None)]),
    ("Rs. 500 crore deal", [("Rs. 500 crore", "5000000000", "INR", False, None)]),
    ("INR 1,000 crore deal", [("INR 1,000 crore", "10000000000", "INR", False, None)]),
    ("₹500 crore deal", [("₹500 crore", "5000000000", "INR", False, None)]),
    ("Rs 1 lakh crore plan", [("Rs 1 lakh crore", "1000000000000", "INR", False, None)]),
    ("NT$290 billion budget", [("NT$290 billion", "290000000000", "TWD", False, None)]),
    ("1.2 billion zlotys", [("1.2 billion zlotys", "1200000000", "PLN", False, None)]),
    ("PLN 1.2 billion", [("PLN 1.2 billion", "1200000000", "PLN", False, None)]),
    (
        "4.3 billion Swedish crowns",
        [("4.3 billion Swedish crowns", "4300000000", "SEK", False, None)],
    ),
    ("4.3 billion kronor", [("4.3 billion kronor", "4300000000", "SEK", False, None)]),
    ("SEK 4.3 billion", [("SEK 4.3 billion", "4300000000", "SEK", False, None)]),
    ("NOK 3 billion", [("NOK 3 billion", "3000000000", "NOK", False, None)]),
    ("2 billion Danish kroner", [("2 billion Danish kroner", "2000000000", "DKK", False, None)]),
    ("CHF 500m", [("CHF 500m", "500000000", "CHF", False, None)]),
    ("A$1bn", [("A$1bn", "1000000000", "AUD", False, None)]),
    ("AU$2bn", [("AU$2bn", "2000000000", "AUD", False, None)]),
    (
        "7 billion Australian dollars",
        [("7 billion Australian dollars", "7000000000", "AUD", False, None)],
    ),
    ("C$3bn", [("C$3bn", "3000000000", "CAD", False, None)]),
    ("CA$4bn", [("CA$4bn", "4000000000", "CAD", False, None)]),
    ("S$5bn", [("S$5bn", "5000000000", "SGD", False, None)]),
    ("HK$6bn", [("HK$6bn", "6000000000", "HKD", False, None)]),
    ("R$7bn", [("R$7bn", "7000000000", "BRL", False, None)]),
    ("R640 million", [("R640 million", "640000000", "ZAR", False, None)]),
    ("RM10.1 billion", [("RM10.1 billion", "10100000000", "MYR", False, None)]),
    ("318 billion yen", [("318 billion yen", "318000000000", "JPY", False, None)]),
    ("¥100 billion", [("¥100 billion", "100000000000", "JPY", False, None)]),
    ("5 billion yuan", [("5 billion yuan", "5000000000", "CNY", False, None)]),
    ("RMB 5 billion", [("RMB 5 billion", "5000000000", "CNY", False, None)]),
    ("5 billion rubles", [("5 billion rubles", "5000000000", "RUB", False, None)]),
    ("5 billion roubles", [("5 billion roubles", "5000000000", "RUB", False, None)]),
    ("5 billion liras", [("5 billion liras", "5000000000", "TRY", False, None)]),
    ("5 billion dirhams", [("5 billion dirhams", "5000000000", "AED", False, None)]),
    ("5 billion riyals", [("5 billion riyals", "5000000000", "SAR", False, None)]),
    ("5 billion shekels", [("5 billion shekels", "5000000000", "ILS", False, None)]),
    ("5 billion rand", [("5 billion rand", "5000000000", "ZAR", False, None)]),
    ("5 billion rupiah", [("5 billion rupiah", "5000000000", "IDR", False, None)]),
    (
        "5 billion Philippine pesos",
        [("5 billion Philippine pesos", "5000000000", "PHP", False, None)],
    ),
    ("842.6 billion KRW", [("842.6 billion KRW", "842600000000", "KRW", False, None)]),
    ("700 million USD", [("700 million USD", "700000000", "USD", False, None)]),
    ("$1,640,000,000", [("$1,640,000,000", "1640000000", "USD", False, None)]),
    ("$200,000 in spares", [("$200,000", "200000", "USD", False, None)]),
    ("a 1.64 billion-dollar deal", [("1.64 billion-dollar", "1640000000", "USD", False, None)]),
    ("1.64 billion dollars", [("1.64 billion dollars", "1640000000", "USD", False, None)]),
    ("a $3.9 billion dollar order", [("$3.9 billion dollar", "3900000000", "USD", False, None)]),
    ("US $275 million", [("US $275 million", "275000000", "USD", False, None)]),
    ("U.S. $5 billion", [("U.S. $5 billion", "5000000000", "USD", False, None)]),
    ("a billion dollars", [("a billion dollars", "1000000000", "USD", False, None)]),
    ("half a billion dollars", [("half a billion dollars", "500000000", "USD", False, None)]),
    ("two billion dollars", [("two billion dollars", "2000000000", "USD", False, None)]),
    ("a one billion-dollar order", [("one billion-dollar", "1000000000", "USD", False, None)]),
    (
        "20 trillion won ($15 billion)",
        [
            ("20 trillion won", "20000000000000", "KRW", False, None),
            ("$15 billion", "15000000000", "USD", False, None),
        ],
    ),
    (
        "$5.8bn and $500m",
        [
            ("$5.8bn", "5800000000", "USD", False, None),
            ("$500m", "500000000", "USD", False, None),
        ],
    ),
]

#: Hedged figures and ranges: amount is always the stated (low) figure.
HEDGES_AND_RANGES: list[Row] = [
    ("worth up to $5 billion", [("up to $5 billion", "5000000000", "USD", True, "5000000000")]),
    ("as much as €2bn", [("as much as €2bn", "2000000000", "EUR", True, "2000000000")]),
    ("more than $1 billion", [("more than $1 billion", "1000000000", "USD", True, None)]),
    ("over $2bn", [("over $2bn", "2000000000", "USD", True, None)]),
    ("about $3bn", [("about $3bn", "3000000000", "USD", True, None)]),
    ("around £4bn", [("around £4bn", "4000000000", "GBP", True, None)]),
    ("nearly $5bn", [("nearly $5bn", "5000000000", "USD", True, None)]),
    ("some 6 billion euros", [("some 6 billion euros", "6000000000", "EUR", True, None)]),
    ("an estimated $7bn", [("an estimated $7bn", "7000000000", "USD", True, None)]),
    ("approximately $8bn", [("approximately $8bn", "8000000000", "USD", True, None)]),
    ("$2-3 billion", [("$2-3 billion", "2000000000", "USD", False, "3000000000")]),
    ("2-3 billion euros", [("2-3 billion euros", "2000000000", "EUR", False, "3000000000")]),
    (
        "between $2 billion and $3 billion",
        [("between $2 billion and $3 billion", "2000000000", "USD", False, "3000000000")],
    ),
    (
        "$2 billion to $3 billion",
        [("$2 billion to $3 billion", "2000000000", "USD", False, "3000000000")],
    ),
    (
        "$500 million-$1 billion",
        [("$500 million-$1 billion", "500000000", "USD", False, "1000000000")],
    ),
    (
        "rose from $2 billion to $3 billion",
        [
            ("$2 billion", "2000000000", "USD", False, None),
            ("$3 billion", "3000000000", "USD", False, None),
        ],
    ),
    (
        "$2 billion and $3 billion",
        [
            ("$2 billion", "2000000000", "USD", False, None),
            ("$3 billion", "3000000000", "USD", False, None),
        ],
    ),
    ("$2bn to 2030", [("$2bn", "2000000000", "USD", False, None)]),
]

#: Numbers that are not money, and currencies too ambiguous to name.
NOT_MONEY: list[str] = [
    "billions of dollars",
    "hundreds of millions of euros",
    "a billion-dollar deal",
    "in 2024 dollars",
    "155mm shells",
    "300 tanks in 2024",
    "500-pound bombs",
    "The team won 3 games",
    "5 SAR helicopters",
    "48 F-16 jets",
    "5 billion pesos",
    "3.4 billion kroner",
    "3 billion crowns",
    "K2 and A400M",
    "$",
    "US$",
]


def _rows(text: str) -> list[tuple[str, str, str, bool, str | None]]:
    return [
        (
            text[m.start : m.end],
            str(m.money.amount),
            m.money.currency,
            m.money.approximate,
            None if m.money.upper is None else str(m.money.upper),
        )
        for m in find_money(text)
    ]


@pytest.mark.parametrize(("text", "expected"), NEWS_FORMS, ids=[r[0] for r in NEWS_FORMS])
def test_news_forms(text: str, expected: list[tuple[str, str, str, bool, str | None]]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"), HEDGES_AND_RANGES, ids=[r[0] for r in HEDGES_AND_RANGES]
)
def test_hedges_and_ranges(
    text: str, expected: list[tuple[str, str, str, bool, str | None]]
) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize("text", NOT_MONEY, ids=NOT_MONEY)
def test_not_money(text: str) -> None:
    assert find_money(text) == []


#: Letters a case-insensitive pattern takes for ASCII ones ("\u0131" for "i"): read as
#: those letters (these raised KeyError).
FOLDED_LETTERS: list[tuple[str, str, str]] = [
    ("$12 \u017fwiss francs", "12", "USD"),
    ("$5 b\u0131llion", "5000000000", "USD"),
    ("$5 B\u0130LLION", "5000000000", "USD"),
    ("\u017fix billion dollars", "6000000000", "USD"),
    ("12 million \u017fwedish crowns", "12000000", "SEK"),
]


@pytest.mark.parametrize(("text", "amount", "currency"), FOLDED_LETTERS)
def test_folded_letters_read_as_ascii(text: str, amount: str, currency: str) -> None:
    assert [(str(m.money.amount), m.money.currency) for m in find_money(text)] == [
        (amount, currency)
    ]


def test_amounts_are_exact_decimals() -> None:
    (m,) = find_money("$1.64 billion")
    assert m.money.amount == Decimal("1.64") * 10**9
    assert m.money.amount.as_tuple().exponent == 0


def test_spans_point_into_text() -> None:
    text = "Poland signed a $1.64-billion deal and a further 2.5 billion euros contract."
    found = find_money(text)
    assert [text[m.start : m.end] for m in found] == ["$1.64-billion", "2.5 billion euros"]


def test_every_currency_in_the_tables_is_iso_4217() -> None:
    named = [c for c in money.NAMES.values() if c is not None]
    for code in [*money.PREFIXES.values(), *named]:
        assert codes.is_currency(code), code


#: Currency names several states use, settled by the states the caller knows of.
AMBIGUOUS: list[tuple[str, frozenset[str], str | None]] = [
    ("3.4 billion kroner", frozenset({"NOR"}), "NOK"),
    ("3.4 billion kroner", frozenset({"DNK", "CHL"}), "DKK"),
    ("3.4 billion kroner", frozenset({"NOR", "DNK"}), None),
    ("3.4 billion kroner", frozenset(), None),
    ("5 billion pesos", frozenset({"PHL", "USA"}), "PHP"),
    ("3 billion crowns", frozenset({"CZE"}), "CZK"),
    ("5 billion dinars", frozenset({"USA"}), None),
    ("5 billion euros", frozenset({"USA"}), "EUR"),
]


@pytest.mark.parametrize(
    ("text", "states", "expected"),
    AMBIGUOUS,
    ids=[f"{r[0]}-{'+'.join(sorted(r[1])) or 'none'}" for r in AMBIGUOUS],
)
def test_ambiguous_names_settled_by_states(
    text: str, states: frozenset[str], expected: str | None
) -> None:
    found = find_money(text, states=states)
    assert [m.money.currency for m in found] == ([expected] if expected else [])


def test_ambiguous_table_codes_are_valid() -> None:
    for name, by_state in money.AMBIGUOUS.items():
        assert money.NAMES[name] is None
        for state, code in by_state.items():
            assert codes.is_state(state), state
            assert codes.is_currency(code), code


PARSE: list[tuple[str, Money | None]] = [
    ("$5.8bn", Money(amount=Decimal("5.8e9"), currency="USD")),
    ("  EUR 2.5bn ", Money(amount=Decimal("2.5e9"), currency="EUR")),
    ("ALL 5 billion", Money(amount=Decimal("5e9"), currency="ALL")),
    ("about USD 5", Money(amount=Decimal(5), currency="USD", approximate=True)),
    ("a $5bn deal", None),
    ("$5bn and $6bn", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), PARSE, ids=[r[0] or "<empty>" for r in PARSE])
def test_parse_money(text: str, expected: Money | None) -> None:
    assert parse_money(text) == expected


_CURRENCIES = sorted(c for c in codes._currencies())


@st.composite
def _moneys(draw: st.DrawFn) -> Money:
    digits = draw(st.integers(min_value=0, max_value=10**15 - 1))
    places = draw(st.integers(min_value=-6, max_value=2))  # amounts stay below 10**18
    amount = Decimal(digits).scaleb(places)
    upper = None
    if draw(st.booleans()):
        upper = amount + Decimal(draw(st.integers(min_value=0, max_value=10**9)))
        if len(upper.normalize().as_tuple().digits) > 15:
            upper = None
    return Money(
        amount=amount,
        currency=draw(st.sampled_from(_CURRENCIES)),
        approximate=draw(st.booleans()),
        upper=upper,
    )


@given(_moneys())
def test_format_then_parse_round_trips(m: Money) -> None:
    assert parse_money(format_money(m)) == m


@given(st.text())
def test_arbitrary_text_never_raises(text: str) -> None:
    for m in find_money(text):
        assert 0 <= m.start < m.end <= len(text)


@given(
    st.lists(
        st.sampled_from(
            [
                "$",
                "1",
                ",",
                ".",
                " ",
                "-",
                "bn",
                "billion",
                "to",
                "euros",
                "Rs",
                "crore",
                "about",
                "between",
                "and",
                "US",
                "€",
                "a",
            ]
        )
    )
)
def test_money_like_text_never_raises_and_is_ordered(parts: list[str]) -> None:
    text = "".join(parts)
    found = find_money(text)
    for before, after in itertools.pairwise(found):
        assert before.end <= after.start


_NEIGHBOURS = ["1", "2,000", "3.5", " ", "\u00a0", "-", "\u2013", "to", "and", "$", "US$", "Rs",
               "Rs.", "R", "RM", "USD", "ALL", "EUR", "€", "bn", "m", "k", "billion", "crore",
               "lakh crore", "dollars", "U.S. dollars", "kroner", "pound", "won", "\u017fwiss",
               "\u212aroner", "jets", "K", "x", "(", "\u0664"]  # fmt: skip


@given(st.lists(st.sampled_from(_NEIGHBOURS), max_size=12))
def test_figures_not_worth_reading_are_no_sums(parts: list[str]) -> None:
    text = "".join(parts)
    for m in money._NUMBER_RE.finditer(text):
        if m.group("digits") is None or money._WORTH_READING.match(text, m.start()):
            continue
        assert money._read(text, m, True, (), [False]) == (None, m.end())


_MB = 1_000_000
ADVERSARIAL: list[tuple[str, str]] = [
    ("commas", ("1," * _MB)[:_MB]),
    ("dollar signs", "$" * _MB),
    ("scale words", ("billion " * _MB)[:_MB]),
    ("digit run", "7" * _MB),
    ("dollar digit run", "$" + "7" * _MB),
    ("hyphenated digits", ("1-" * _MB)[:_MB]),
    ("dots", "." * _MB),
    ("lead-ins", ("about between from up to US$ " * _MB)[:_MB]),
    ("hedged sums far apart", (("about " * 400 + "$1 bn ") * _MB)[:_MB]),
    ("hedges before every figure", ("just over $1bn, " * _MB)[:_MB]),
    ("currencies before every figure", ("US$ 1 " * _MB)[:_MB]),
]


@pytest.mark.timeout(60)  # generous: catastrophic backtracking takes far longer
@pytest.mark.parametrize(("name", "text"), ADVERSARIAL, ids=[r[0] for r in ADVERSARIAL])
def test_linear_on_adversarial_text(name: str, text: str) -> None:
    find_money(text)


def test_doctests() -> None:
    assert doctest.testmod(money, optionflags=doctest.ELLIPSIS).failed == 0

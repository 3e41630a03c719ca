"""Merging rules, without a database: example tables and order-independence properties."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from random import Random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from armstrack.model import DatePrecision, Deal, DealDate, Money, Status, SystemLine
from armstrack.store.merge import (
    Report,
    choose_value,
    cluster,
    compatible,
    current_status,
    group_reports,
    merge,
    normalise_name,
)


def _deal(
    systems: list[tuple[str, int | None]] | None = None,
    *,
    supplier: str | None = "KOR",
    buyer: str | None = "POL",
    value: str | None = None,
    currency: str = "USD",
    status: str = "signed",
    on: date | None = None,
    system_id: str | None = None,
) -> Deal:
    lines = [
        SystemLine(name=name, quantity=qty, system_id=system_id)
        for name, qty in (systems if systems is not None else [("K2 tanks", 180)])
    ]
    return Deal(
        supplier=supplier,
        buyer=buyer,
        systems=lines,
        value=Money(amount=Decimal(value), currency=currency) if value else None,
        status=status,
        date=DealDate(value=on, precision=DatePrecision.DAY) if on else None,
    )


def _report(deal: Deal, document: str = "a", published: date | None = None) -> Report:
    return Report(document, 0, deal, published)


# Pairs of reports that describe the same transaction (new features).
COMPATIBLE = [
    ("same system and quantity", _deal(), _deal()),
    (
        "names differ in case and punctuation",
        _deal([("K2 Tanks!", 180)]),
        _deal([("k2 tanks", 180)]),
    ),
    (
        "same catalogue id, other names",
        _deal([("K2", 180)], system_id="k2-black-panther"),
        _deal([("Black Panther", 180)], system_id="k2-black-panther"),
    ),
    ("one quantity unknown", _deal([("K2 tanks", None)]), _deal()),
    ("quantities within a quarter", _deal([("K2 tanks", 170)]), _deal()),
    ("values within a tenth", _deal(value="3400000000"), _deal(value="3300000000")),
    ("values in other currencies", _deal(value="3.4e9"), _deal(value="14e9", currency="PLN")),
    ("dates within two years", _deal(on=date(2022, 8, 1)), _deal(on=date(2024, 1, 1))),
    (
        "one of several systems shared",
        _deal([("K2 tanks", 180), ("K9", 212)]),
        _deal([("K9", 212)]),
    ),
]

# Pairs that must stay apart.
INCOMPATIBLE = [
    ("other buyer", _deal(), _deal(buyer="ROU")),
    ("unknown supplier", _deal(supplier=None), _deal(supplier=None)),
    ("no system shared", _deal([("K2 tanks", 180)]), _deal([("K9", 212)])),
    ("no systems at all", _deal([]), _deal([])),
    ("quantities far apart", _deal([("K2 tanks", 1000)]), _deal()),
    ("values far apart", _deal(value="1000000000"), _deal(value="3400000000")),
    ("dates far apart", _deal(on=date(2015, 1, 1)), _deal(on=date(2022, 1, 1))),
]


@pytest.mark.parametrize(("label", "a", "b"), COMPATIBLE, ids=[c[0] for c in COMPATIBLE])
def test_compatible(label: str, a: Deal, b: Deal) -> None:
    assert compatible(_report(a), _report(b, "b"))
    assert compatible(_report(b), _report(a, "b"))


@pytest.mark.parametrize(("label", "a", "b"), INCOMPATIBLE, ids=[c[0] for c in INCOMPATIBLE])
def test_incompatible(label: str, a: Deal, b: Deal) -> None:
    assert not compatible(_report(a), _report(b, "b"))


def test_family_members_share_a_key() -> None:
    def family(system_id: str) -> str:
        return "f-16"

    a = _deal([("F-16V", 66)], supplier="USA", buyer="TWN", system_id="f-16v")
    b = _deal([("Viper jets", 66)], supplier="USA", buyer="TWN", system_id="f-16-block-70")
    assert not compatible(_report(a), _report(b, "b"))
    assert compatible(_report(a), _report(b, "b"), family)


D = date
STATUS_HISTORIES = [
    ("furthest stage wins", [("proposed", D(2021, 1, 1)), ("signed", D(2022, 1, 1))], "signed"),
    (
        "stage wins over recency",
        [("delivered", D(2023, 1, 1)), ("signed", D(2024, 1, 1))],
        "delivered",
    ),
    ("reported is below planned", [("reported", None), ("planned", None)], "planned"),
    (
        "cancellation after signature",
        [("signed", D(2022, 1, 1)), ("cancelled", D(2023, 1, 1))],
        "cancelled",
    ),
    (
        "signature after cancellation",
        [("cancelled", D(2020, 1, 1)), ("signed", D(2022, 1, 1))],
        "signed",
    ),
    ("undated cancellation", [("signed", D(2022, 1, 1)), ("cancelled", None)], "cancelled"),
]


@pytest.mark.parametrize(
    ("label", "history", "expected"), STATUS_HISTORIES, ids=[s[0] for s in STATUS_HISTORIES]
)
def test_current_status(label: str, history: list[tuple[str, date | None]], expected: str) -> None:
    assert current_status((Status(s), d) for s, d in history) is Status(expected)


def test_value_choice_prefers_exact_then_agreement_then_recency() -> None:
    approx = _deal(value="3400000000").model_copy(
        update={"value": Money(amount=Decimal("3500000000"), currency="USD", approximate=True)}
    )
    reports = [
        Report("a", 0, approx, D(2024, 1, 1)),
        Report("b", 0, _deal(value="3300000000"), D(2022, 1, 1)),
        Report("c", 0, _deal(value="3370000000"), D(2023, 1, 1)),
        Report("d", 0, _deal(value="3300000000"), D(2021, 1, 1)),
    ]
    chosen = choose_value(reports)
    assert chosen is not None
    assert chosen.document == "b"  # exact, agreed by two sources, the more recent of them


def test_merged_lines_take_the_most_reported_quantity() -> None:
    reports = [
        _report(_deal([("K2 tanks", 180)]), "a"),
        _report(_deal([("K2 Tanks", 180)]), "b"),
        _report(_deal([("k2 tanks", 190)]), "c"),
    ]
    merged = merge(reports)
    assert [(line.quantity, line.name) for line in merged.lines] == [(180, "K2 Tanks")]


def test_a_report_bridging_two_deals_joins_them() -> None:
    stored = {
        1: [_report(_deal([("K2 tanks", 180)]), "a")],
        2: [_report(_deal([("K9", 212)]), "b")],
    }
    bridge = _report(_deal([("K2 tanks", 180), ("K9", 212)]), "c")
    (group,) = group_reports([bridge], stored)
    assert group.deal_ids == (1, 2)
    assert [r.document for r in group.reports] == ["a", "b", "c"]


def test_normalise_name_folds_accents() -> None:
    assert normalise_name("Rafale — Dassault Aviation") == normalise_name(
        "rafale dassault aviation"
    )
    assert normalise_name("Mirage 2000-5É") == "mirage 2000 5e"


# Order independence: small pools make collisions (and so merges) likely.
_lines = st.lists(
    st.tuples(
        st.sampled_from(["K2 tanks", "K9", "FA-50", "Chunmoo"]),
        st.one_of(st.none(), st.sampled_from([12, 48, 50, 180, 212])),
    ),
    min_size=0,
    max_size=2,
)
_deals = st.builds(
    lambda lines, buyer, value, status: _deal(lines, buyer=buyer, value=value, status=status),
    _lines,
    st.sampled_from(["POL", "ROU"]),
    st.one_of(st.none(), st.sampled_from(["3000000000", "3100000000", "5000000000"])),
    st.sampled_from(["proposed", "signed", "delivered", "cancelled"]),
)
_reports = st.lists(_deals, min_size=1, max_size=10).map(
    lambda deals: [Report(f"d{i:02}", 0, deal, D(2022, 1, 1 + i)) for i, deal in enumerate(deals)]
)


@given(_reports, st.randoms(use_true_random=False))
def test_clusters_do_not_depend_on_order(reports: list[Report], random: Random) -> None:
    shuffled = list(reports)
    random.shuffle(shuffled)
    assert cluster(shuffled) == cluster(reports)
    assert [merge(g) for g in cluster(shuffled)] == [merge(g) for g in cluster(reports)]


@given(_reports, st.randoms(use_true_random=False), st.integers(1, 9))
def test_incremental_grouping_matches_clustering(
    reports: list[Report], random: Random, cut: int
) -> None:
    shuffled = list(reports)
    random.shuffle(shuffled)
    first, second = shuffled[:cut], shuffled[cut:]
    stored: dict[int, list[Report]] = dict(enumerate(cluster(first)))
    groups = group_reports(second, stored)
    joined = {d for g in groups for d in g.deal_ids}
    result = [list(g.reports) for g in groups] + [
        group for i, group in stored.items() if i not in joined
    ]
    assert sorted(result, key=lambda g: g[0].order) == cluster(reports)

"""Per-country reports filled from the store (the small store of tests/query/fixtures.py)."""

from __future__ import annotations

from datetime import date

import pytest
from query.fixtures import usd
from sqlalchemy.orm import Session

from armstrack.query import UnknownStateError
from armstrack.report import render
from armstrack.report.build import country_report

TODAY = date(2024, 6, 5)


@pytest.mark.parametrize("state", ["POL", "Poland", "poland"])
def test_report_of_a_state_as_buyer_and_supplier(session: Session, state: str) -> None:
    report = country_report(session, state, generated=TODAY)
    assert report.state == "POL"
    assert report.generated == TODAY
    buyer = report.as_buyer
    assert (buyer.deals, buyer.without_value, buyer.unconverted) == (3, 1, 0)
    assert buyer.value_usd == usd("k9") + usd("f35")
    assert [p.state for p in buyer.partners] == ["USA", "KOR"]
    assert [(y.year, y.deals) for y in buyer.years] == [(2020, 1), (2022, 2)]
    assert len(buyer.rows) == 3
    quotes = {s.quote for row in buyer.rows for s in row.sources}
    assert "Warsaw ordered 180 K2 tanks from Hyundai Rotem." in quotes
    supplier = report.as_supplier
    assert (supplier.deals, supplier.value_usd) == (1, usd("krab"))
    assert [p.state for p in supplier.partners] == ["UKR"]


def test_a_state_without_deals_has_empty_sides(session: Session) -> None:
    report = country_report(session, "Norway")
    assert report.as_buyer.deals == 0
    assert report.as_supplier.rows == ()


def test_unknown_state_is_a_clear_error(session: Session) -> None:
    with pytest.raises(UnknownStateError, match="Narnia"):
        country_report(session, "Narnia")


def test_max_deals_bounds_the_table_not_the_totals(session: Session) -> None:
    report = country_report(session, "POL", max_deals=1)
    assert report.as_buyer.deals == 3
    assert len(report.as_buyer.rows) == 1


@pytest.mark.parametrize(
    ("locale", "format_", "expected"),
    [
        ("en", "md", "# Arms transfers: Poland"),
        ("pl", "md", "# Transfery uzbrojenia: Polska"),
        ("pl", "html", "<svg"),
    ],
)
def test_rendered_from_the_store(
    session: Session, locale: str, format_: str, expected: str
) -> None:
    text = render(country_report(session, "POL", generated=TODAY), locale=locale, format=format_)
    assert expected in text
    assert "https://news.example/f35" in text

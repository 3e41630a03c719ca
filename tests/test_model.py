"""The domain model: validation at the edges, immutability and lossless JSON."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from armstrack import codes
from armstrack.model import (
    Category,
    DatePrecision,
    Deal,
    DealDate,
    DealKind,
    Document,
    Evidence,
    Money,
    Organisation,
    State,
    Status,
    SystemLine,
    WeaponSystem,
)

# Invalid input, one row per fault: (model, data, field named in the error, words of the reason).
INVALID = [
    (State, {"code": "XYZ"}, "code", "not an ISO 3166-1"),
    (State, {"code": "kor"}, "code", "pattern"),
    (Money, {"amount": "-1", "currency": "USD"}, "amount", "negative"),
    (Money, {"amount": "NaN", "currency": "USD"}, "amount", "finite"),
    (Money, {"amount": "1", "currency": "XXY"}, "currency", "ISO 4217"),
    (Money, {"amount": "12345678901234.56", "currency": "USD"}, "amount", "significant digits"),
    (Money, {"amount": "5", "currency": "USD", "upper": "4"}, "upper", "below amount"),
    (SystemLine, {"name": "K2", "quantity": -3}, "quantity", "greater than or equal"),
    (SystemLine, {"name": "K2", "category": "tanks"}, "category", "aircraft"),
    (SystemLine, {"name": ""}, "name", "at least 1"),
    (Deal, {"supplier": "KOR", "buyer": "POL", "status": "done"}, "status", "signed"),
    (Deal, {"supplier": "KOR", "buyer": "POL", "confidence": 1.5}, "confidence", "less than"),
    (Deal, {"supplier": "KOR", "buyer": "POL", "colour": "red"}, "colour", "Extra inputs"),
    (Evidence, {"start": 5, "end": 2, "rule": "r"}, "end", "before start"),
    (Organisation, {"id": "Hanwha Aerospace", "name": "Hanwha"}, "id", "pattern"),
    (
        WeaponSystem,
        {"id": "k2", "name": "K2", "category": "armoured vehicles", "origin": "ZZZ"},
        "origin",
        "ISO 3166-1",
    ),
    (Document, {"id": "d", "text": "abc", "content_hash": "00"}, "content_hash", "does not match"),
]


@pytest.mark.parametrize(
    ("model", "data", "field", "reason"),
    INVALID,
    ids=[f"{m.__name__}-{f}" for m, _, f, _ in INVALID],
)
def test_invalid_input_names_field_and_reason(
    model: type, data: dict[str, object], field: str, reason: str
) -> None:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    text = str(info.value)
    assert reason in text
    # cross-field checks report on the model; the others name their field
    if reason not in ("below amount", "before start", "does not match"):
        assert field in text


def test_models_are_immutable() -> None:
    deal = Deal(supplier="KOR", buyer="POL")
    with pytest.raises(ValidationError):
        deal.buyer = "UKR"  # type: ignore[misc]
    assert isinstance(deal.systems, tuple)


def test_deal_json_is_the_prediction_shape() -> None:
    deal = Deal(
        supplier="KOR",
        buyer="POL",
        systems=[
            SystemLine(name="K2 Black Panther", category=Category.ARMOURED_VEHICLES, quantity=180)
        ],
        value=Money(amount=Decimal("3.4e9"), currency="USD"),
        status=Status.SIGNED,
    )
    data = deal.model_dump(mode="json")
    assert data["supplier"] == "KOR"
    assert data["buyer"] == "POL"
    assert data["systems"][0] == {
        "name": "K2 Black Panther",
        "category": "armoured vehicles",
        "quantity": 180,
        "system_id": None,
    }
    assert data["value"]["amount"] == 3400000000
    assert isinstance(data["value"]["amount"], int)
    assert data["status"] == "signed"


def test_state_names_come_from_iso_tables() -> None:
    assert State(code="POL").name == "Poland"
    assert State(code="XKX").name == "Kosovo"
    assert codes.is_state("TWN")
    assert len(codes.state_codes()) >= 249


def test_document_hash_is_of_the_text() -> None:
    a = Document(id="a", text="Seoul sells tanks.")
    b = Document(id="b", text="Seoul sells tanks.")
    c = Document(id="c", text="Seoul sells guns.")
    assert a.content_hash == b.content_hash != c.content_hash
    assert Document.model_validate(a.model_dump()) == a


# ---- round trips (hypothesis) ----

states = st.sampled_from(["KOR", "POL", "USA", "TWN", "XKX", "UKR", "DEU"])
amounts = st.decimals(
    min_value=0,
    max_value=Decimal("999999999999.99"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)
money = st.builds(
    Money,
    amount=amounts,
    currency=st.sampled_from(["USD", "EUR", "KRW", "PLN", "INR", "TWD"]),
    approximate=st.booleans(),
)
text = st.text(min_size=1, max_size=30).filter(str.strip)
lines = st.builds(
    SystemLine,
    name=text,
    category=st.none() | st.sampled_from(Category),
    quantity=st.none() | st.integers(min_value=0, max_value=10_000),
)
evidence = st.builds(
    lambda a, n, r, f: Evidence(start=a, end=a + n, rule=r, field=f, document_id="doc"),
    st.integers(0, 10_000),
    st.integers(0, 500),
    text,
    st.none() | st.sampled_from(["value"]),
)
deals = st.builds(
    Deal,
    supplier=st.none() | states,
    buyer=st.none() | states,
    systems=st.lists(lines, max_size=4).map(tuple),
    value=st.none() | money,
    status=st.sampled_from(Status),
    kind=st.sampled_from(DealKind),
    supplier_organisations=st.lists(text, max_size=2).map(tuple),
    date=st.none()
    | st.builds(
        DealDate,
        value=st.dates(date(1950, 1, 1), date(2100, 1, 1)),
        precision=st.sampled_from(DatePrecision),
    ),
    evidence=st.lists(evidence, max_size=3).map(tuple),
    confidence=st.floats(0, 1),
)


@given(deals)
def test_deal_json_round_trip_is_lossless(deal: Deal) -> None:
    assert Deal.model_validate_json(deal.model_dump_json()) == deal


@given(money)
def test_money_json_round_trip_keeps_the_exact_amount(value: Money) -> None:
    again = Money.model_validate_json(value.model_dump_json())
    assert again == value
    assert again.amount == value.amount


@given(st.text(max_size=200), st.none() | st.dates())
def test_document_round_trip(body: str, published: date | None) -> None:
    doc = Document(id="x", text=body, published=published)
    assert Document.model_validate_json(doc.model_dump_json()) == doc

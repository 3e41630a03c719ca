"""Summary queries over the small store of ``fixtures.py``, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from armstrack import query
from armstrack.model import Category, Deal, Document, Money, Status, SystemLine
from armstrack.query import Filters
from armstrack.store.tables import DealCellRow, DealRow, DealValueRow
from armstrack.store.tracker import Tracker
from armstrack.store.usd import summarise
from query.fixtures import DEALS, PUBLISHED, usd

ALL_USD = usd("k9") + usd("f35") + usd("krab")


def _report(
    sessions: sessionmaker[Session], key: str, deal: Deal, published: date | None = None
) -> None:
    """Ingest one more document, *key*, that reports *deal*."""
    document = Document(id=key, text=f"Report {key}.", published=published)
    Tracker(sessions).ingest([document], extractor=lambda _document: [deal])


def test_overall_totals_count_deals_without_value_and_without_rate_apart(
    session: Session,
) -> None:
    [total] = query.totals(session)
    assert (total.deals, total.valued, total.without_value, total.unconverted) == (5, 3, 1, 1)
    assert total.value_usd == ALL_USD  # the TWD value is not in the sum
    assert (total.systems, total.quantity) == (5, 48 + 32 + 26 + 180 + 18)


def test_totals_by_supplier(session: Session) -> None:
    rows = {row.supplier: row for row in query.totals(session, ["supplier"])}
    assert set(rows) == {"KOR", "USA", "FRA", "POL"}
    kor = rows["KOR"]
    assert (kor.deals, kor.valued, kor.without_value, kor.value_usd) == (2, 1, 1, usd("k9"))
    assert (kor.systems, kor.quantity) == (2, 228)
    assert rows["FRA"].unconverted == 1
    assert rows["FRA"].value_usd == 0
    assert rows["KOR"].as_dict()["supplier"] == "KOR"
    assert "buyer" not in rows["KOR"].as_dict()


def test_groups_add_up_to_the_total(session: Session) -> None:
    [total] = query.totals(session)
    for dimension in ("supplier", "buyer", "year", "status"):
        rows = query.totals(session, [dimension])
        assert sum(r.deals for r in rows) == total.deals, dimension
        assert sum(r.value_usd for r in rows) == total.value_usd, dimension
        assert sum(r.without_value for r in rows) == total.without_value, dimension
        assert sum(r.unconverted for r in rows) == total.unconverted, dimension


def test_totals_by_category_count_a_deal_in_each_of_its_categories(session: Session) -> None:
    rows = {row.category: row for row in query.totals(session, ["category"])}
    aircraft = rows[Category.AIRCRAFT.value]
    assert (aircraft.deals, aircraft.systems, aircraft.quantity) == (2, 2, 58)
    assert (aircraft.value_usd, aircraft.unconverted) == (usd("f35"), 1)
    assert rows["artillery"].deals == 2
    assert rows["artillery"].quantity == 66


def test_totals_by_two_dimensions(session: Session) -> None:
    rows = query.totals(session, ["buyer", "year"])
    keys = {(r.buyer, r.year): r.deals for r in rows}
    assert keys[("POL", 2022)] == 2
    assert keys[("POL", 2020)] == 1
    assert rows[0].value_usd >= rows[-1].value_usd  # largest value first


FILTERS = [
    # (filters, number of deals)
    (Filters(since=2022), 3),
    (Filters(until=2021), 2),
    (Filters(since=2021, until=2022), 3),
    (Filters(suppliers=("KOR",)), 2),
    (Filters(buyers=("POL",)), 3),
    (Filters(states=("POL",)), 4),
    (Filters(categories=(Category.AIRCRAFT,)), 2),
    (Filters(statuses=(Status.SIGNED, Status.DELIVERED)), 4),
    (Filters(min_value_usd=Decimal("3000000000")), 1),
    (Filters(buyers=("POL",), statuses=(Status.SIGNED,), since=2022), 2),
]


@pytest.mark.parametrize(("filters", "deals"), FILTERS, ids=[repr(f) for f, _ in FILTERS])
def test_filters(session: Session, filters: Filters, deals: int) -> None:
    rows = query.totals(session, filters=filters)
    assert (rows[0].deals if rows else 0) == deals
    assert len(query.list_deals(session, filters=filters)) == deals


def test_no_matching_deals_give_no_rows(session: Session) -> None:
    assert query.totals(session, filters=Filters(since=2100)) == []
    assert query.flows(session, Filters(since=2100)) == []


def test_bad_dimension_is_refused(session: Session) -> None:
    with pytest.raises(ValueError, match="cannot group by"):
        query.totals(session, ["colour"])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="once"):
        query.totals(session, ["year", "year"])


def test_flow_matrix(session: Session) -> None:
    flows = {(f.supplier, f.buyer): f for f in query.flows(session)}
    assert set(flows) == {("KOR", "POL"), ("USA", "POL"), ("FRA", "IND"), ("POL", "UKR")}
    assert flows[("KOR", "POL")].deals == 2
    assert flows[("KOR", "POL")].without_value == 1
    assert query.flows(session)[0].supplier == "USA"  # largest value first


def test_top_partners_by_value_and_by_deals(session: Session) -> None:
    by_value = query.top_partners(session, "POL", "buyer")
    assert [p.state for p in by_value] == ["USA", "KOR"]
    by_deals = query.top_partners(session, "POL", "buyer", order="deals", limit=1)
    assert [(p.state, p.deals) for p in by_deals] == [("KOR", 2)]
    assert [p.state for p in query.top_partners(session, "POL", "supplier")] == ["UKR"]
    with pytest.raises(ValueError, match="role"):
        query.top_partners(session, "POL", "seller")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("limit", "offset"), [(-1, 0), (10, -5), ("10", 0), (10, 1.5), (True, 0), (10, None)]
)
def test_a_listing_refuses_a_page_that_is_not_a_count(
    session: Session, limit: object, offset: object
) -> None:
    with pytest.raises(ValueError, match="must be a whole number of at least 0"):
        query.list_deals(session, limit=limit, offset=offset)  # type: ignore[arg-type]


def test_a_page_of_none_lists_every_deal(session: Session) -> None:
    every = query.list_deals(session, limit=None)
    assert len(every) == len(DEALS)
    assert query.list_deals(session, limit=0) == []
    assert query.list_deals(session, limit=2, offset=1) == every[1:3]


def test_years_of_a_state_and_of_all(session: Session) -> None:
    years = query.by_year(session, state="POL", role="buyer")
    assert [(y.year, y.deals) for y in years] == [(2020, 1), (2022, 2)]
    assert [y.year for y in query.by_year(session)] == [2020, 2021, 2022, 2023]
    assert [y.year for y in query.by_year(session, state="POL")] == [2020, 2022, 2023]


def test_deals_of_a_state_with_values_and_sources(session: Session) -> None:
    deals = query.deals_of(session, "POL", "buyer")
    assert [d.year for d in deals] == [2022, 2022, 2020]  # newest first
    assert {d.lines[0].name for d in deals[:2]} == {"K2 tanks", "K9 howitzers"}
    f35 = deals[-1]
    assert f35.value is not None
    assert (f35.value.amount, f35.value.currency) == (Decimal("4600000000"), "EUR")
    assert f35.value_usd == usd("f35")
    assert f35.fx_date == date(2020, 1, 31)  # the deal's date, not the publication's
    assert f35.fx_rate is not None
    assert f35.fx_rate > 1
    # dates and flags come typed (SQLite's driver gives dates as text and flags as 0/1)
    assert f35.date == date(2020, 1, 31)
    assert f35.value.approximate is False
    [source] = f35.sources
    assert (source.document_id, source.url) == ("f35", "https://news.example/f35")
    assert source.published == PUBLISHED["f35"]
    assert source.quotes == ("Poland bought 32 F-35A fighters from the United States.",)
    k2 = next(d for d in deals if d.lines[0].name == "K2 tanks")
    assert k2.value is None
    assert k2.value_usd is None
    assert query.deals_of(session, "POL", "buyer", limit=1, offset=1)[0].id == deals[1].id
    assert query.deals_of(session, "POL", "supplier", sources=False)[0].sources == ()


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("k9", ["K9 howitzers"]),
        ("HOWITZERS", ["Krab howitzers", "K9 howitzers"]),
        ("rafale", ["Rafale Marine jets"]),
        ("100%_", []),
    ],
)
def test_search_by_system(session: Session, text: str, found: list[str]) -> None:
    assert [d.lines[0].name for d in query.search(session, text)] == found


def test_search_needs_text(session: Session) -> None:
    with pytest.raises(ValueError, match="empty"):
        query.search(session, "  ")


def test_unconverted_currencies(session: Session) -> None:
    assert query.unconverted(session) == [query.Unconverted("TWD", 1, 1)]


def test_values_are_normalised_at_ingest_with_rate_and_date(session: Session) -> None:
    rows = session.execute(
        select(
            DealValueRow.currency,
            DealValueRow.value_usd,
            DealValueRow.fx_rate,
            DealValueRow.fx_date,
        )
    ).all()
    by_currency = {row.currency: row for row in rows}
    assert by_currency["USD"].fx_rate == 1
    assert by_currency["PLN"].fx_date == date(2023, 1, 10)  # publication date: no deal date
    twd = by_currency["TWD"]
    assert twd.value_usd is None
    assert twd.fx_rate is None
    assert twd.fx_date is not None
    summary = session.execute(
        select(DealRow.has_value, DealRow.value_usd, DealRow.systems).where(DealRow.buyer == "IND")
    ).one()
    assert (summary.has_value, summary.value_usd, summary.systems) == (True, None, 1)


def test_export_json_and_csv(session: Session) -> None:
    rows = query.totals(session, ["supplier"])
    data = json.loads(query.to_json(rows))
    assert data[0] == {
        "supplier": "USA",
        "deals": 1,
        "value_usd": float(usd("f35")) if usd("f35") % 1 else int(usd("f35")),
        "valued": 1,
        "without_value": 0,
        "unconverted": 0,
        "systems": 1,
        "quantity": 32,
    }
    buffer = io.StringIO()
    assert query.write_csv(query.deals_of(session, "POL", "buyer"), buffer) == 3
    table = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert [row["year"] for row in table] == ["2022", "2022", "2020"]
    assert table[2]["lines"] == "32 × F-35A fighters"
    assert table[2]["value"] == "4600000000 EUR"
    assert table[2]["sources"] == "f35"
    deals = json.loads(query.to_json(query.deals_of(session, "POL", "buyer")))
    assert deals[2]["value"] == {
        "amount": 4600000000,
        "currency": "EUR",
        "approximate": False,
        "upper": None,
    }
    assert query.write_csv([], io.StringIO()) == 0


STATES = [
    ("POL", "POL"),
    ("pol", "POL"),
    ("Poland", "POL"),
    ("South Korea", "KOR"),
    ("  south   korea ", "KOR"),
    ("Republic of Korea", "KOR"),
    ("United States", "USA"),
]


@pytest.mark.parametrize(("text", "code"), STATES, ids=[t for t, _ in STATES])
def test_resolve_state(text: str, code: str) -> None:
    assert query.resolve_state(text) == code


@pytest.mark.parametrize("text", ["Narnia", "Korea", ""])
def test_resolve_state_refuses_unknown_and_ambiguous_names(text: str) -> None:
    with pytest.raises(query.UnknownStateError):
        query.resolve_state(text)


def test_undated_deals_come_last_and_pages_cross_over(
    session: Session, sessions: sessionmaker[Session]
) -> None:
    deal = Deal(supplier="DEU", buyer="POL", systems=[SystemLine(name="Leopard 2 tanks")])
    _report(sessions, "undated", deal)
    with sessions() as fresh:
        deals = query.deals_of(fresh, "POL", "buyer")
        assert [d.year for d in deals] == [2022, 2022, 2020, None]
        assert [d.id for d in query.deals_of(fresh, "POL", "buyer", limit=2, offset=2)] == [
            d.id for d in deals[2:]
        ]
        assert query.deals_of(fresh, "POL", "buyer", limit=5, offset=4) == []


def test_cells_give_the_same_answers_as_the_deals(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    def answers() -> list[object]:
        return [
            query.totals(session),
            *(query.totals(session, [d]) for d in ("supplier", "buyer", "year", "status")),
            query.totals(session, ["supplier", "year"], Filters(since=2021, states=("POL",))),
            query.flows(session),
            query.top_partners(session, "POL", "buyer"),
            query.by_year(session, state="POL"),
        ]

    def forget() -> None:  # statements are cached per shape
        query._partners_statement.cache_clear()
        query._years_statement.cache_clear()

    forget()
    from_cells = answers()
    monkeypatch.setattr(query, "_source", lambda *_args, **_kw: DealRow)
    forget()
    try:
        assert answers() == from_cells
    finally:
        forget()


def test_cells_follow_later_ingests(session: Session, sessions: sessionmaker[Session]) -> None:
    deal = Deal(
        supplier="KOR",
        buyer="POL",
        systems=[SystemLine(name="FA-50 jets", category="aircraft", quantity=48)],
        value=Money(amount=Decimal("3000000000"), currency="USD"),
        status="signed",
    )
    _report(sessions, "later", deal, date(2022, 9, 1))
    with sessions() as fresh:
        kor = next(r for r in query.totals(fresh, ["supplier"]) if r.supplier == "KOR")
        assert (kor.deals, kor.valued, kor.value_usd) == (3, 2, usd("k9") + Decimal("3e9"))
        assert kor.quantity == 48 + 180 + 48


def test_search_by_family_id_finds_every_variant(
    session: Session, sessions: sessionmaker[Session]
) -> None:
    deal = Deal(
        supplier="KOR",
        buyer="IND",
        systems=[SystemLine(name="Vajra howitzers", category="artillery", system_id="k9-vajra")],
    )
    _report(sessions, "vajra", deal, date(2017, 5, 1))
    with sessions() as fresh:
        # "Vajra howitzers" has no "k9" in its name: found through its family
        assert sorted(d.buyer for d in query.search(fresh, "k9")) == ["IND", "POL"]
        assert [d.buyer for d in query.search(fresh, "K9-Vajra")] == ["IND"]


def test_cells_kept_batch_by_batch_equal_a_full_recount(
    session: Session, sessions: sessionmaker[Session]
) -> None:
    again = Document(id="k9-again", text="Report k9 again.", published=date(2023, 3, 1))
    later = DEALS["k9"].model_copy(update={"status": Status.DELIVERED, "evidence": ()})
    report = Tracker(sessions).ingest([again], extractor=lambda _document: [later], batch_size=1)
    assert report.merged == 1  # a second report of the K9 deal
    with sessions() as fresh:
        kept = [query.totals(fresh, ["supplier", "buyer", "year", "status"]), query.flows(fresh)]
        summarise(fresh, None)  # recount every deal and cell
        assert [
            query.totals(fresh, ["supplier", "buyer", "year", "status"]),
            query.flows(fresh),
        ] == kept
        statuses = {r.status for r in kept[0] if r.supplier == "KOR" and r.year == 2022}
        assert Status.DELIVERED.value in statuses


def test_cells_of_deals_with_an_unknown_side_equal_a_full_recount(
    sessions: sessionmaker[Session],
) -> None:
    """Cells of pairs with a side unknown (NULL) are recounted like the others."""
    line = [SystemLine(name="patrol drones", category="aircraft", quantity=3)]
    sides = [(None, "POL"), ("KOR", None), ("FRA", "GRC")]
    for number, (supplier, buyer) in enumerate(sides):
        deal = Deal(
            supplier=supplier,
            buyer=buyer,
            systems=line,
            value=Money(amount=Decimal(7), currency="USD"),
        )
        _report(sessions, f"side-{number}", deal, date(2024, 6, number + 1))
    with sessions() as fresh:
        kept = _cell_rows(fresh)
        summarise(fresh, None)  # recount every cell
        assert _cell_rows(fresh) == kept
    pairs = {(row[0], row[1]) for row in kept}
    assert set(sides) <= pairs


def _cell_rows(session: Session) -> list[tuple[object, ...]]:
    """Every cell without its id, sorted."""
    cells = select(*(c for c in DealCellRow.__table__.columns if c.name != "id"))
    return sorted((tuple(row) for row in session.execute(cells)), key=str)


#: A value with cents and a range, in a currency pegged at a rate of many decimals.
RIYALS = Money(
    amount=Decimal("1234567.89"), currency="SAR", approximate=True, upper=Decimal("2.5e6")
)


def test_listed_values_are_the_exact_decimals_stored(
    session: Session, sessions: sessionmaker[Session]
) -> None:
    """Amounts, ranges and rates read back as plain, exact decimals on every backend."""
    systems = [SystemLine(name="Caesar howitzers", category="artillery", quantity=12)]
    deal = Deal(supplier="FRA", buyer="SAU", systems=systems, value=RIYALS)
    _report(sessions, "riyal", deal, date(2024, 3, 1))
    with sessions() as fresh:
        [listed] = query.deals_of(fresh, "SAU", "buyer")
    assert listed.value == RIYALS
    assert listed.value is not None
    assert (str(listed.value.amount), str(listed.value.upper)) == ("1234567.89", "2500000")
    assert listed.value.approximate is True
    assert str(listed.fx_rate) == "0.2666666667"  # 1 / 3.75 at the ten places stored
    assert listed.value_usd == (Decimal("1234567.89") / Decimal("3.75")).quantize(Decimal("0.01"))
    assert listed.value_usd is not None
    assert listed.value_usd.as_tuple().exponent == -2  # cents, as every USD value


def test_listed_money_is_the_money_a_model_validates(session: Session) -> None:
    """Listings build :class:`Money` without validating again; it is the same model."""
    deals = query.list_deals(session)
    valued = [d.value for d in deals if d.value is not None]
    assert valued
    for value in valued:
        validated = Money.model_validate(value.model_dump())
        assert value == validated
        assert hash(value) == hash(validated)
        assert value.model_dump_json() == validated.model_dump_json()
        assert value.model_fields_set == validated.model_fields_set | {"approximate", "upper"}
        with pytest.raises(ValueError, match="frozen"):
            value.currency = "USD"  # type: ignore[misc]

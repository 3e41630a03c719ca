"""The Tracker on every backend: ingest, idempotence, failures, merging, round trips."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from random import Random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, select
from sqlalchemy.orm import sessionmaker

from armstrack.model import (
    DatePrecision,
    Deal,
    DealDate,
    Document,
    Evidence,
    Money,
    SystemLine,
)
from armstrack.store import convert
from armstrack.store.records import SkippedDocument, StoredDeal
from armstrack.store.tables import DealValueRow
from armstrack.store.tracker import Tracker

K2 = SystemLine(
    name="K2 Black Panther",
    category="armoured vehicles",
    quantity=180,
    system_id="k2-black-panther",
)


def _doc(ident: str, day: int = 1) -> Document:
    return Document(id=ident, text=f"text of {ident}", published=date(2022, 8, day))


def _table(deals: dict[str, Sequence[Deal]]) -> Callable[[Document], Sequence[Deal]]:
    """An extractor that answers from a table of document id -> deals."""

    def extract(document: Document) -> Sequence[Deal]:
        outcome = deals[document.id]
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    return extract


def _k2(amount: str | None = "3370000000", status: str = "signed", **kw: object) -> Deal:
    return Deal(
        supplier="KOR",
        buyer="POL",
        systems=[kw.pop("line", K2)],  # type: ignore[list-item]
        value=Money(amount=Decimal(amount), currency="USD") if amount else None,
        status=status,
        evidence=[Evidence(start=0, end=4, field="supplier", rule="parties")],
        **kw,  # type: ignore[arg-type]
    )


def test_ingest_stores_documents_and_deals(tracker: Tracker) -> None:
    report = tracker.ingest([_doc("a")], extractor=_table({"a": [_k2()]}))
    assert (report.read, report.stored, report.deals_new, report.merged) == (1, 1, 1, 0)
    (stored,) = tracker.deals()
    assert stored.deal.supplier == "KOR"
    assert stored.deal.systems[0].quantity == 180
    assert stored.deal.value == Money(amount=Decimal("3370000000"), currency="USD")
    assert stored.documents == ("a",)
    assert tracker.counts()["evidence"] == 1


def test_ingesting_twice_changes_nothing(tracker: Tracker) -> None:
    docs = [_doc("a"), _doc("b", 2)]
    extractor = _table({"a": [_k2()], "b": [_k2(status="delivered")]})
    tracker.ingest(docs, extractor=extractor)
    before = (tracker.counts(), tracker.deals())
    again = tracker.ingest(docs, extractor=extractor)
    assert (again.read, again.unchanged, again.stored, again.deals_new) == (2, 2, 0, 0)
    assert (tracker.counts(), tracker.deals()) == before


def test_same_text_under_another_id_is_unchanged(tracker: Tracker) -> None:
    tracker.ingest([_doc("a")], extractor=_table({"a": [_k2()]}))
    twin = Document(id="copy-of-a", text="text of a")
    report = tracker.ingest([twin], extractor=_table({}))
    assert report.unchanged == 1
    assert tracker.counts()["documents"] == 1


def test_same_id_with_another_text_is_skipped(tracker: Tracker) -> None:
    tracker.ingest([_doc("a")], extractor=_table({"a": [_k2()]}))
    report = tracker.ingest([Document(id="a", text="new text")], extractor=_table({"a": []}))
    assert [s.document for s in report.skipped] == ["a"]
    assert "different text" in report.skipped[0].reason


def test_failing_document_is_skipped_with_its_reason(tracker: Tracker) -> None:
    extractor = _table({"a": [_k2()], "b": ValueError("no sentence"), "c": []})  # type: ignore[dict-item]
    unreadable = SkippedDocument(document="d.jsonl:3", reason="invalid JSON")
    report = tracker.ingest([_doc("a"), _doc("b"), _doc("c"), unreadable], extractor=extractor)
    assert report.read == 4
    assert report.stored == 2
    assert {s.document: s.reason for s in report.skipped} == {
        "b": "extraction failed: ValueError: no sentence",
        "d.jsonl:3": "invalid JSON",
    }
    assert [d.id for d in tracker.documents()] == ["a", "c"]


@pytest.mark.parametrize("batch", [1, 3])
def test_a_document_that_cannot_be_stored_loses_nothing_else(
    tracker: Tracker, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    original = convert.evidence_rows

    def broken(source_id: int, deal: Deal) -> list[dict[str, object]]:
        rows = original(source_id, deal)
        if deal.buyer == "ROU":  # a row the database refuses (span end before start)
            rows = [{**r, "span_start": 9, "span_end": 1} for r in rows]
        return rows  # type: ignore[return-value]

    monkeypatch.setattr(convert, "evidence_rows", broken)
    bad = _k2().model_copy(update={"buyer": "ROU"})
    extractor = _table({"a": [_k2()], "b": [bad], "c": [_k2(status="delivered")]})
    report = tracker.ingest(
        [_doc("a"), _doc("b"), _doc("c")], extractor=extractor, batch_size=batch
    )
    assert [s.document for s in report.skipped] == ["b"]
    assert report.skipped[0].reason.startswith("storing failed")
    assert [d.id for d in tracker.documents()] == ["a", "c"]
    (deal,) = tracker.deals()
    assert deal.documents == ("a", "c")


def test_long_names_are_stored(tracker: Tracker) -> None:
    name = "K2 " + "very long system description " * 30
    deal = _k2(line=SystemLine(name=name, quantity=5))
    report = tracker.ingest([_doc("a")], extractor=_table({"a": [deal]}))
    assert report.stored == 1, report.summary()
    assert tracker.deals()[0].deal.systems[0].name == name


def test_reports_of_one_transaction_become_one_deal(tracker: Tracker) -> None:
    deals = {
        "a": [_k2(status="proposed", amount="3400000000")],
        "b": [
            _k2(
                amount=None,
                status="signed",
                line=SystemLine(name="K2 tanks", quantity=180, system_id="k2-black-panther"),
            )
        ],
        "c": [_k2(status="delivered", amount="3370000000")],
    }
    report = tracker.ingest(
        [_doc("a", 1), _doc("b", 2), _doc("c", 3)], extractor=_table(deals), batch_size=1
    )
    assert (report.deals_new, report.merged) == (1, 2)
    (stored,) = tracker.deals()
    assert stored.documents == ("a", "b", "c")
    assert stored.deal.status == "delivered"
    assert [h.status for h in stored.history] == ["proposed", "signed", "delivered"]
    assert [(v.document, v.chosen) for v in stored.values] == [("a", False), ("c", True)]
    assert tracker.counts()["deal_lines"] == 1
    assert _chosen_in_table(tracker) == {stored.id: Decimal("3370000000")}


def _chosen_in_table(tracker: Tracker) -> dict[int, Decimal]:
    with tracker.sessions() as session:
        rows = session.execute(
            select(DealValueRow.deal_id, DealValueRow.amount).where(DealValueRow.chosen)
        ).all()
    return dict(rows)  # type: ignore[arg-type]


def test_different_transactions_stay_apart(tracker: Tracker) -> None:
    small = SystemLine(name="K2 Black Panther", quantity=20, system_id="k2-black-panther")
    deals = {"a": [_k2()], "b": [_k2(line=small, amount=None)], "c": [_k2(buyer_organisations=())]}
    tracker.ingest([_doc("a"), _doc("b"), _doc("c")], extractor=_table(deals))
    assert sorted(d.documents for d in tracker.deals()) == [("a", "c"), ("b",)]


def test_a_later_report_joins_two_deals(tracker: Tracker) -> None:
    k9 = SystemLine(name="K9 Thunder", quantity=212)
    deals = {
        "a": [_k2(amount=None)],
        "b": [_k2(amount=None, line=k9)],
        "c": [Deal(supplier="KOR", buyer="POL", systems=[K2, k9])],
    }
    tracker.ingest([_doc("a"), _doc("b")], extractor=_table(deals))
    assert len(tracker.deals()) == 2
    report = tracker.ingest([_doc("c")], extractor=_table(deals))
    assert report.merged == 1
    (deal,) = tracker.deals()
    assert deal.documents == ("a", "b", "c")
    assert [line.name for line in deal.deal.systems] == ["K2 Black Panther", "K9 Thunder"]
    counts = tracker.counts()
    assert (counts["deals"], counts["sources"], counts["status_history"]) == (1, 3, 3)


# -- properties --------------------------------------------------------------------------

_states = st.sampled_from(["KOR", "POL", "USA", "UKR"])
_amounts = st.decimals(min_value=0, max_value=Decimal("1e13"), places=2, allow_nan=False)
_lines = st.builds(
    SystemLine,
    name=st.sampled_from(["K2 tanks", "K9", "FA-50 jets", "Chunmoo", "Javelin"]),
    category=st.sampled_from([None, "armoured vehicles", "artillery", "aircraft"]),
    quantity=st.one_of(st.none(), st.integers(0, 400)),
    system_id=st.sampled_from([None, "k2-black-panther"]),
)
_deals = st.builds(
    Deal,
    supplier=st.one_of(st.none(), _states),
    buyer=st.one_of(st.none(), _states),
    systems=st.lists(_lines, max_size=3).map(tuple),
    value=st.one_of(
        st.none(),
        st.builds(
            Money,
            amount=_amounts,
            currency=st.sampled_from(["USD", "EUR", "KRW"]),
            approximate=st.booleans(),
        ),
    ),
    status=st.sampled_from(["reported", "proposed", "signed", "delivered", "cancelled"]),
    date=st.one_of(
        st.none(),
        st.builds(
            DealDate,
            value=st.dates(date(2015, 1, 1), date(2026, 1, 1)),
            precision=st.sampled_from(DatePrecision),
        ),
    ),
    supplier_organisations=st.lists(st.sampled_from(["Hanwha", "Hyundai Rotem"]), max_size=2).map(
        tuple
    ),
    confidence=st.floats(0, 1),
)
_DB = settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])


@_DB
@given(st.lists(_deals, max_size=3))
def test_deals_round_trip_through_the_store(connection: Connection, deals: list[Deal]) -> None:
    with connection.begin_nested() as savepoint:
        tracker = _tracker(connection)
        evidence = (Evidence(document_id="doc", start=1, end=5, field="value", rule="money"),)
        deals = [d.model_copy(update={"evidence": evidence}) for d in deals]
        tracker.ingest([Document(id="doc", text="t")], extractor=_table({"doc": deals}))
        assert tracker.sources("doc") == deals
        savepoint.rollback()


def _tracker(connection: Connection) -> Tracker:
    return Tracker(
        sessionmaker(
            bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
        )
    )


def _canonical(deals: list[StoredDeal]) -> list[str]:
    return sorted(json.dumps(d.model_dump(mode="json", exclude={"id"})) for d in deals)


_articles = st.lists(
    st.lists(
        st.builds(
            Deal,
            supplier=st.just("KOR"),
            buyer=st.sampled_from(["POL", "ROU"]),
            systems=st.lists(
                st.builds(
                    SystemLine,
                    name=st.sampled_from(["K2 tanks", "K9", "FA-50"]),
                    quantity=st.sampled_from([None, 48, 50, 180]),
                ),
                min_size=1,
                max_size=2,
            ).map(tuple),
            value=st.one_of(
                st.none(),
                st.sampled_from(["3000000000", "3100000000", "8e9"]).map(
                    lambda a: Money(amount=Decimal(a), currency="USD")
                ),
            ),
            status=st.sampled_from(["proposed", "approved", "signed", "delivered", "cancelled"]),
        ),
        max_size=2,
    ),
    min_size=1,
    max_size=8,
)


@_DB
@given(_articles, st.randoms(use_true_random=False), st.integers(1, 4))
def test_merging_does_not_depend_on_ingest_order(
    connection: Connection, articles: list[list[Deal]], random: Random, batch: int
) -> None:
    docs = [
        Document(id=f"d{i}", text=f"article {i}", published=date(2022, 1, 1 + i))
        for i in range(len(articles))
    ]
    extractor = _table({d.id: a for d, a in zip(docs, articles, strict=True)})
    results = []
    for order in (list(docs), random.sample(docs, len(docs))):
        with connection.begin_nested() as savepoint:
            tracker = _tracker(connection)
            tracker.ingest(order, extractor=extractor, batch_size=batch)
            results.append(_canonical(tracker.deals()))
            savepoint.rollback()
    assert results[0] == results[1]


def test_workers_need_a_picklable_extractor(tracker: Tracker) -> None:
    with pytest.raises(ValueError, match="picklable"):
        tracker.ingest([_doc("a")], extractor=lambda d: [], workers=2)


@_DB
@given(st.lists(_amounts.filter(lambda a: len(a.normalize().as_tuple().digits) <= 15), max_size=4))
def test_stored_amounts_are_exact(connection: Connection, amounts: list[Decimal]) -> None:
    deals = [
        Deal(
            supplier="KOR",
            buyer=buyer,
            systems=[SystemLine(name=f"S{i}")],
            value=Money(amount=amount, currency="USD"),
        )
        for i, (amount, buyer) in enumerate(
            zip(amounts, ["POL", "ROU", "USA", "UKR"], strict=False)
        )
    ]
    with connection.begin_nested() as savepoint:
        tracker = _tracker(connection)
        tracker.ingest([Document(id="doc", text="t")], extractor=_table({"doc": deals}))
        with tracker.sessions() as session:
            stored = session.scalars(select(DealValueRow.amount).order_by(DealValueRow.id)).all()
        assert list(stored) == amounts
        savepoint.rollback()

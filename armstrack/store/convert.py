"""Conversion between the pydantic models and the rows of the store (and only here).

>>> from armstrack.model import Deal, SystemLine
>>> deal = Deal(supplier="KOR", buyer="POL", systems=[SystemLine(name="K9", quantity=48)])
>>> source_deal(reported_json(deal), []) == deal
True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from armstrack.catalogue import Catalogue
from armstrack.model import Deal, DealDate, Document, Evidence, Money, SystemLine
from armstrack.store.merge import MergedDeal, Report
from armstrack.store.records import SourcedValue, StatusEntry, StoredDeal
from armstrack.store.tables import DealRow, DocumentRow, EvidenceRow

__all__ = [
    "catalogue_rows",
    "deal_row",
    "document_from_row",
    "document_row",
    "evidence_rows",
    "line_rows",
    "merged_to_deal",
    "reported_json",
    "source_deal",
    "stored_deal",
    "value_row",
]


def document_row(document: Document, ingested_at: datetime) -> dict[str, Any]:
    """Return the ``documents`` row of *document*."""
    return {
        "external_id": document.id,
        "content_hash": document.content_hash,
        "title": document.title,
        "url": document.url,
        "published": document.published,
        "text": document.text,
        "ingested_at": ingested_at,
    }


def document_from_row(row: DocumentRow) -> Document:
    """Return the :class:`Document` a ``documents`` row holds."""
    return Document(
        id=row.external_id,
        text=row.text,
        title=row.title,
        url=row.url,
        published=row.published,
        content_hash=row.content_hash,
    )


def reported_json(deal: Deal) -> dict[str, Any]:
    """Return what a source row keeps of a reported deal: all of it but the evidence."""
    return deal.model_dump(mode="json", exclude={"evidence"}, exclude_defaults=True)


def evidence_rows(source_id: int, deal: Deal) -> list[dict[str, Any]]:
    """Return the ``evidence`` rows of a reported deal."""
    return [
        {
            "source_id": source_id,
            "field": item.field,
            "span_start": item.start,
            "span_end": item.end,
            "sentence": item.sentence,
            "rule": item.rule,
        }
        for item in deal.evidence
    ]


def source_deal(
    reported: dict[str, Any],
    evidence: Iterable[EvidenceRow | Evidence],
    document_id: str | None = None,
) -> Deal:
    """Return the reported deal of a source row, with its evidence in document *document_id*."""
    items = [
        e
        if isinstance(e, Evidence)
        else Evidence(
            document_id=document_id,
            start=e.start,
            end=e.end,
            sentence=e.sentence,
            field=e.field,
            rule=e.rule,
        )
        for e in evidence
    ]
    return Deal.model_validate({**reported, "evidence": items})


def value_row(deal_id: int, source_id: int, value: Money, chosen: bool) -> dict[str, Any]:
    """Return the ``deal_values`` row of a value one source states."""
    return {
        "deal_id": deal_id,
        "source_id": source_id,
        "amount": value.amount,
        "currency": value.currency,
        "approximate": value.approximate,
        "upper": value.upper,
        "chosen": chosen,
    }


def deal_row(merged: MergedDeal) -> dict[str, Any]:
    """Return the ``deals`` columns derived from a merged deal (without its id)."""
    return {
        "supplier": merged.supplier,
        "buyer": merged.buyer,
        "status": merged.status,
        "kind": merged.kind,
        "deal_date": merged.date,
        "date_precision": merged.date_precision,
        "year": merged.year,
        "confidence": merged.confidence,
        "source_count": len(merged.reports),
    }


def line_rows(
    deal_id: int, merged: MergedDeal, known_systems: set[str] | frozenset[str]
) -> list[dict[str, Any]]:
    """Return the ``deal_lines`` rows of a merged deal; unknown system ids stay in the sources."""
    return [
        {
            "deal_id": deal_id,
            "position": position,
            "name": line.name,
            "name_key": line.name_key,
            "system_id": line.system_id if line.system_id in known_systems else None,
            "family_id": line.family_id if line.family_id in known_systems else None,
            "category": line.category,
            "quantity": line.quantity,
        }
        for position, line in enumerate(merged.lines)
    ]


def merged_to_deal(merged: MergedDeal) -> Deal:
    """Return the merged deal as a :class:`Deal` (evidence left out: it stays per source)."""
    suppliers = sorted({o for r in merged.reports for o in r.deal.supplier_organisations})
    buyers = sorted({o for r in merged.reports for o in r.deal.buyer_organisations})
    return Deal(
        supplier=merged.supplier,
        buyer=merged.buyer,
        systems=tuple(
            SystemLine(
                name=line.name,
                category=line.category,
                quantity=line.quantity,
                system_id=line.system_id,
            )
            for line in merged.lines
        ),
        value=merged.value,
        status=merged.status,
        kind=merged.kind,
        supplier_organisations=tuple(suppliers),
        buyer_organisations=tuple(buyers),
        date=DealDate(value=merged.date, precision=merged.date_precision)
        if merged.date is not None and merged.date_precision is not None
        else None,
        confidence=merged.confidence,
    )


def stored_deal(row: DealRow, merged: MergedDeal) -> StoredDeal:
    """Return a stored deal: the merged fields plus every source's value and status."""
    chosen = merged.chosen_value
    values: list[SourcedValue] = []
    history: list[StatusEntry] = []
    for report in merged.reports:
        if report.deal.value is not None:
            values.append(
                SourcedValue(
                    document=report.document, value=report.deal.value, chosen=report is chosen
                )
            )
        history.append(
            StatusEntry(
                document=report.document,
                status=report.deal.status,
                observed_on=report.observed_on,
            )
        )
    return StoredDeal(
        id=row.id,
        deal=merged_to_deal(merged),
        documents=tuple(sorted({r.document for r in merged.reports})),
        values=tuple(values),
        history=tuple(history),
    )


def reports_of(row: DealRow) -> Sequence[Report]:
    """Return the reports of a deal row's sources (sources and documents loaded)."""
    return [
        Report(
            document=source.document.external_id,
            position=source.position,
            deal=source_deal(source.reported, []),
            published=source.document.published,
        )
        for source in row.sources
    ]


def catalogue_rows(catalogue: Catalogue) -> dict[str, list[dict[str, Any]]]:
    """Return the reference rows of *catalogue*: states, organisations, systems."""
    return {
        "states": [{"code": s.code, "name": s.name} for s in catalogue.states.values()],
        "organisations": [
            {
                "id": o.id,
                "name": o.name,
                "state": o.state,
                "kind": o.kind,
                "multinational": o.multinational,
            }
            for o in catalogue.organisations.values()
        ],
        "systems": [
            {
                "id": s.id,
                "name": s.name,
                "designation": s.designation,
                "category": s.category,
                "origin": s.origin,
                "family_id": s.family if s.family in catalogue.systems else None,
            }
            for s in catalogue.systems.values()
        ],
    }

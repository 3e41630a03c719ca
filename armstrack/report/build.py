"""Fill a :class:`~armstrack.report.data.CountryReport` from the store.

>>> from armstrack.store import Tracker
>>> from armstrack.report import render
>>> with Tracker.open("sqlite:///:memory:") as tracker, tracker.sessions() as session:
...     report = country_report(session, "Poland")
>>> report.state, report.as_buyer.deals
('POL', 0)
>>> render(report, locale="pl").splitlines()[0]
'# Transfery uzbrojenia: Polska'
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from armstrack import query
from armstrack.catalogue import Catalogue
from armstrack.report.data import (
    CountryReport,
    Partner,
    ReportDeal,
    ReportLine,
    ReportSource,
    Side,
    YearTotal,
)

__all__ = ["country_report"]


def _side(
    session: Session,
    state: str,
    role: query.Role,
    filters: query.Filters,
    partners: int,
    max_deals: int | None,
) -> Side:
    own = query.Filters(
        since=filters.since,
        until=filters.until,
        categories=filters.categories,
        statuses=filters.statuses,
        min_value_usd=filters.min_value_usd,
        suppliers=(state,) if role == "supplier" else (),
        buyers=(state,) if role == "buyer" else (),
    )
    overall = query.totals(session, filters=own)
    if not overall:
        return Side()
    total = overall[0]
    deals = query.deals_of(session, state, role, filters=filters, limit=max_deals)
    return Side(
        deals=total.deals,
        value_usd=total.value_usd,
        without_value=total.without_value,
        unconverted=total.unconverted,
        partners=tuple(
            Partner(p.state, p.deals, p.value_usd)
            for p in query.top_partners(session, state, role, limit=partners, filters=filters)
        ),
        years=tuple(
            YearTotal(y.year, y.deals, y.value_usd)
            for y in query.by_year(session, filters, state=state, role=role)
            if y.year is not None
        ),
        rows=tuple(_deal(d) for d in deals),
    )


def _deal(deal: query.DealSummary) -> ReportDeal:
    return ReportDeal(
        deal_id=deal.id,
        supplier=deal.supplier,
        buyer=deal.buyer,
        lines=tuple(ReportLine(line.name, line.quantity, line.category) for line in deal.lines),
        value=deal.value,
        value_usd=deal.value_usd,
        status=deal.status,
        date=deal.date,
        sources=tuple(
            ReportSource(
                document_id=s.document_id,
                title=s.title,
                url=s.url,
                published=s.published,
                quote=s.quotes[0] if s.quotes else "",
            )
            for s in deal.sources
        ),
    )


def country_report(
    session: Session,
    state: str,
    *,
    filters: query.Filters | None = None,
    partners: int = 10,
    max_deals: int | None = 500,
    generated: date | None = None,
    catalogue: Catalogue | None = None,
) -> CountryReport:
    """Return the report of *state* (a code or a name) as buyer and as supplier.

    Totals and years count every matching deal; the table lists the newest *max_deals*
    of each side (``None`` for all) with their sources. Raises
    :class:`armstrack.query.UnknownStateError` for a state the catalogue does not know.
    """
    code = query.resolve_state(state, catalogue)
    filters = filters or query.Filters()
    return CountryReport(
        state=code,
        as_buyer=_side(session, code, "buyer", filters, partners, max_deals),
        as_supplier=_side(session, code, "supplier", filters, partners, max_deals),
        generated=generated or date.today(),
    )

"""What a per-country report holds: plain typed rows, filled by :mod:`armstrack.query`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from armstrack.model import Money, Status


@dataclass(frozen=True, slots=True)
class ReportSource:
    """A document that reports a deal, with the sentence quoted as evidence."""

    document_id: str
    title: str | None
    url: str | None
    published: date | None
    quote: str


@dataclass(frozen=True, slots=True)
class ReportLine:
    """One system of a deal."""

    name: str
    quantity: int | None
    category: str | None


@dataclass(frozen=True, slots=True)
class ReportDeal:
    """A deal as a report shows it."""

    deal_id: int
    supplier: str | None
    buyer: str | None
    lines: tuple[ReportLine, ...]
    value: Money | None
    value_usd: Decimal | None
    status: Status
    date: date | None
    sources: tuple[ReportSource, ...]


@dataclass(frozen=True, slots=True)
class Partner:
    """A partner state of the reported state, with the deals between them."""

    state: str | None
    deals: int
    value_usd: Decimal


@dataclass(frozen=True, slots=True)
class YearTotal:
    """Deals and their value in USD in one year."""

    year: int
    deals: int
    value_usd: Decimal


@dataclass(frozen=True, slots=True)
class Side:
    """The state's deals in one role (as buyer, or as supplier)."""

    deals: int = 0
    value_usd: Decimal = Decimal(0)
    without_value: int = 0
    unconverted: int = 0
    partners: tuple[Partner, ...] = ()
    years: tuple[YearTotal, ...] = ()
    rows: tuple[ReportDeal, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class CountryReport:
    """Everything a per-country report shows."""

    state: str
    as_buyer: Side
    as_supplier: Side
    generated: date

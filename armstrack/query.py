"""Summary queries over the store: functions that take a Session and return typed rows.

Every aggregate is one ``select()`` with explicit grouping and bound parameters; no
function opens a session, so the caller decides the transaction::

    with tracker.sessions() as session:
        rows = totals(session, by=("supplier",), filters=Filters(since=2020))

Money is summed in US dollars only (``deal_values.value_usd``, see
:mod:`armstrack.store.usd`), using each deal's *chosen* value. A deal without a value is
counted in ``without_value``; a deal whose currency has no USD rate is counted in
``unconverted`` and left out of ``value_usd``: nothing is dropped silently and no
currencies are mixed.

Rows are frozen dataclasses, and the deals of a listing named tuples (they come by the
hundred); :func:`as_dicts`, :func:`to_json` and :func:`write_csv` export any list of them.

>>> from armstrack.store import Tracker
>>> with Tracker.open("sqlite:///:memory:") as tracker, tracker.sessions() as session:
...     totals(session, by=("supplier",))
[]
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import functools
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import IO, Any, Literal, NamedTuple, TypeVar, get_args

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Connection,
    Integer,
    Select,
    String,
    and_,
    any_,
    bindparam,
    case,
    distinct,
    exists,
    func,
    literal_column,
    or_,
    select,
    true,
    type_coerce,
)
from sqlalchemy.orm import Session, aliased
from sqlalchemy.types import NullType

from armstrack import codes
from armstrack.catalogue import Catalogue, default_catalogue
from armstrack.model import Category, Money, Status
from armstrack.store.tables import (
    DealCellRow,
    DealLineRow,
    DealRow,
    DealValueRow,
    DocumentRow,
    EvidenceRow,
    SourceRow,
)

__all__ = [
    "DIMENSIONS",
    "DealLine",
    "DealSource",
    "DealSummary",
    "Dimension",
    "Filters",
    "Flow",
    "Partner",
    "Role",
    "Totals",
    "Unconverted",
    "UnknownStateError",
    "YearTotal",
    "as_dicts",
    "by_year",
    "deals_of",
    "flows",
    "list_deals",
    "resolve_state",
    "search",
    "to_json",
    "top_partners",
    "totals",
    "unconverted",
    "write_csv",
]

#: What totals can be grouped by.
Dimension = Literal["supplier", "buyer", "category", "year", "status"]
DIMENSIONS: tuple[Dimension, ...] = get_args(Dimension)
#: The side of a deal a state is on.
Role = Literal["supplier", "buyer"]

_CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Filters:
    """Which deals a query looks at; every part left empty means "all".

    ``since`` and ``until`` bound the deal's year (both included); ``states`` matches a
    state on either side; ``categories`` keeps deals with at least one system of those
    categories; ``min_value_usd`` keeps deals whose chosen value is at least that much.

    >>> Filters(since=2020, statuses=(Status.SIGNED,)).statuses
    (<Status.SIGNED: 'signed'>,)
    """

    since: int | None = None
    until: int | None = None
    suppliers: tuple[str, ...] = ()
    buyers: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    categories: tuple[Category, ...] = ()
    statuses: tuple[Status, ...] = ()
    min_value_usd: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Totals:
    """Deals, their value in USD, systems and quantities of one group.

    ``by`` names the dimensions the group is keyed by; the other key fields are ``None``.
    ``valued`` deals have a USD value (summed in ``value_usd``), ``without_value`` deals
    state none, ``unconverted`` ones state a value in a currency without a USD rate.
    ``systems`` counts system lines and ``quantity`` sums the quantities stated.
    """

    by: tuple[Dimension, ...]
    deals: int
    value_usd: Decimal
    valued: int
    without_value: int
    unconverted: int
    systems: int = 0
    quantity: int = 0
    supplier: str | None = None
    buyer: str | None = None
    category: str | None = None
    year: int | None = None
    status: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """Return the group's key columns (only those of ``by``) and its measures."""
        keys: dict[str, Any] = {name: getattr(self, name) for name in self.by}
        measures = ("deals", "value_usd", "valued", "without_value", "unconverted")
        return {
            **keys,
            **{m: getattr(self, m) for m in (*measures, "systems", "quantity")},
        }


@dataclass(frozen=True, slots=True)
class Flow:
    """The deals from one supplier to one buyer."""

    supplier: str | None
    buyer: str | None
    deals: int
    value_usd: Decimal
    without_value: int
    unconverted: int


@dataclass(frozen=True, slots=True)
class Partner:
    """A partner state of a state in one role, with the deals between them."""

    state: str | None
    deals: int
    value_usd: Decimal
    without_value: int
    unconverted: int


@dataclass(frozen=True, slots=True)
class YearTotal:
    """Deals and their value in USD in one year (``None``: year unknown)."""

    year: int | None
    deals: int
    value_usd: Decimal
    without_value: int
    unconverted: int


@dataclass(frozen=True, slots=True)
class Unconverted:
    """A currency whose values have no USD rate, and how many deal values use it."""

    currency: str
    values: int
    deals: int


class DealLine(NamedTuple):
    """A weapon system of a deal with its quantity."""

    name: str
    quantity: int | None
    category: str | None
    system_id: str | None


class DealSource(NamedTuple):
    """A document that reports a deal, with the sentences quoted as evidence."""

    document_id: str
    title: str | None
    url: str | None
    published: date | None
    quotes: tuple[str, ...]


class DealSummary(NamedTuple):
    """A stored deal with its chosen value (also in USD), systems and sources.

    Listings return many of these, so they are named tuples: built at the cost of a
    tuple, with their fields typed and named all the same.
    """

    id: int
    supplier: str | None
    buyer: str | None
    status: Status
    year: int | None
    date: dt.date | None
    value: Money | None
    value_usd: Decimal | None
    fx_rate: Decimal | None
    fx_date: dt.date | None
    lines: tuple[DealLine, ...] = ()
    sources: tuple[DealSource, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """Return the deal as plain data (lines and sources nested)."""
        out = self._asdict()
        out["value"] = self.value.model_dump(mode="python") if self.value else None
        out["lines"] = tuple(line._asdict() for line in self.lines)
        out["sources"] = tuple(source._asdict() for source in self.sources)
        return out


# -- building blocks -----------------------------------------------------------------------


def _source(filters: Filters, by_category: bool = False) -> Any:
    """Where aggregates read: the cells when the filters allow, else every deal.

    ``deal_cells`` hold the totals per supplier, buyer, year and status (kept by
    :mod:`armstrack.store.usd`), a fraction of the rows of ``deals``; categories and a
    minimum value need the deals themselves.
    """
    if by_category or filters.categories or filters.min_value_usd is not None:
        return DealRow
    return DealCellRow


def _where(filters: Filters, source: Any = DealRow) -> list[ColumnElement[bool]]:
    """The WHERE terms of *filters* on ``deals`` (or on ``deal_cells`` where they apply)."""
    terms: list[ColumnElement[bool]] = []
    if filters.since is not None:
        terms.append(source.year >= filters.since)
    if filters.until is not None:
        terms.append(source.year <= filters.until)
    if filters.suppliers:
        terms.append(source.supplier.in_(filters.suppliers))
    if filters.buyers:
        terms.append(source.buyer.in_(filters.buyers))
    if filters.states:
        terms.append(or_(source.supplier.in_(filters.states), source.buyer.in_(filters.states)))
    if filters.statuses:
        terms.append(source.status.in_(filters.statuses))
    if filters.categories:
        terms.append(
            exists().where(
                DealLineRow.deal_id == DealRow.id, DealLineRow.category.in_(filters.categories)
            )
        )
    if filters.min_value_usd is not None:
        terms.append(DealRow.value_usd >= filters.min_value_usd)
    return terms


def _measures(source: Any = DealRow) -> list[Any]:
    """Deals, USD sum, and the counts of valued, value-less and unconverted deals.

    On ``deals`` they read the summary columns (kept by :mod:`armstrack.store.usd`), so
    an aggregate is one pass over a covering index rather than a join per deal; on
    ``deal_cells`` they add up the cells' counts.
    """
    if source is DealCellRow:
        deals: Any = func.sum(DealCellRow.deals)
        stated: Any = func.sum(DealCellRow.stated)
        valued: Any = func.sum(DealCellRow.valued)
    else:
        deals = func.count()  # count(*): no column to read
        stated = func.count(case((DealRow.has_value, 1)))
        valued = func.count(DealRow.value_usd)
    return [
        deals.label("deals"),
        func.sum(source.value_usd).label("value_usd"),  # NULL when none: see _usd
        valued.label("valued"),
        (deals - stated).label("without_value"),
        (stated - valued).label("unconverted"),
    ]


def _usd(amount: Any) -> Decimal:
    return Decimal(str(amount or 0)).quantize(_CENT)


def _key_value(raw: Any) -> Any:
    return raw.value if isinstance(raw, Enum) else raw


def _category_pairs(filters: Filters) -> Any:
    """The distinct (deal, category) pairs: a deal counts once in each of its categories."""
    pairs = select(DealLineRow.deal_id, DealLineRow.category).distinct()
    if filters.categories:
        pairs = pairs.where(DealLineRow.category.in_(filters.categories))
    return pairs.subquery("deal_categories")


# -- totals --------------------------------------------------------------------------------


def totals(
    session: Session,
    by: Sequence[Dimension] = (),
    filters: Filters | None = None,
) -> list[Totals]:
    """Return the totals of the deals matching *filters*, one row per group of *by*.

    With *by* empty there is one row for all deals. Grouping by ``category`` counts a
    deal once in each category it has systems of (deals without systems fall under
    ``None``), so category groups can add up to more than all deals; their ``systems``
    and ``quantity`` count the lines of that category only. Rows come largest value
    first, then most deals, then by key.
    """
    filters = filters or Filters()
    dims = tuple(by)
    for name in dims:
        if name not in DIMENSIONS:
            raise ValueError(f"cannot group by {name!r}; choose from {', '.join(DIMENSIONS)}")
    if len(set(dims)) != len(dims):
        raise ValueError("each dimension may be grouped by once")
    pairs = _category_pairs(filters) if "category" in dims else None
    source = _source(filters, by_category=pairs is not None)
    keys = [_dimension(name, pairs, source) for name in dims]
    measures = _measures(source)
    if pairs is None:
        measures += [
            func.sum(source.systems).label("systems"),
            func.sum(source.quantity).label("quantity"),
        ]
    statement = select(*keys, *measures).select_from(source)
    if pairs is not None:
        statement = statement.outerjoin(pairs, pairs.c.deal_id == DealRow.id)
    statement = statement.where(*_where(filters, source))
    if keys:
        statement = statement.group_by(*keys)
    rows = session.connection().execute(statement).all()
    if not dims and rows and not rows[0].deals:
        rows = []
    counted = _line_totals(session, dims, filters) if pairs is not None else {}
    out = []
    for row in rows:
        key = tuple(_key_value(row[i]) for i in range(len(dims)))
        if pairs is None:
            systems, quantity = int(row.systems or 0), int(row.quantity or 0)
        else:
            systems, quantity = counted.get(key, (0, 0))
        out.append(
            Totals(
                by=dims,
                deals=row.deals,
                value_usd=_usd(row.value_usd),
                valued=row.valued,
                without_value=row.without_value,
                unconverted=row.unconverted,
                systems=systems,
                quantity=quantity,
                **dict(zip(dims, key, strict=True)),
            )
        )
    out.sort(key=lambda t: (-t.value_usd, -t.deals, _sort_key(t.as_dict(), dims)))
    return out


def _sort_key(row: dict[str, Any], dims: Sequence[str]) -> tuple[Any, ...]:
    return tuple((row[d] is None, str(row[d])) for d in dims)


def _dimension(name: Dimension, pairs: Any, source: Any) -> Any:
    if name == "category":
        return pairs.c.category.label("category")
    column: Any = getattr(source, name)
    return column.label(name)


def _line_totals(
    session: Session, dims: tuple[Dimension, ...], filters: Filters
) -> dict[tuple[Any, ...], tuple[int, int]]:
    """Systems and quantities per group with a category (an aggregate of ``deal_lines``)."""
    keys = [
        DealLineRow.category.label(n) if n == "category" else getattr(DealRow, n).label(n)
        for n in dims
    ]
    statement = (
        select(
            *keys,
            func.count(DealLineRow.id).label("systems"),
            func.coalesce(func.sum(DealLineRow.quantity), 0).label("quantity"),
        )
        .select_from(DealLineRow)
        .join(DealRow, DealRow.id == DealLineRow.deal_id)
        .where(*_where(filters))
        .group_by(*keys)
    )
    if filters.categories:
        statement = statement.where(DealLineRow.category.in_(filters.categories))
    return {
        tuple(_key_value(row[i]) for i in range(len(dims))): (
            row.systems,
            int(row.quantity or 0),
        )
        for row in session.connection().execute(statement)
    }


def flows(session: Session, filters: Filters | None = None) -> list[Flow]:
    """Return the supplier-to-buyer flow matrix as rows, largest value first."""
    filters = filters or Filters()
    source = _source(filters)
    statement = (
        select(source.supplier, source.buyer, *_measures(source))
        .where(*_where(filters, source))
        .group_by(source.supplier, source.buyer)
    )
    out = [
        Flow(
            supplier=row.supplier,
            buyer=row.buyer,
            deals=row.deals,
            value_usd=_usd(row.value_usd),
            without_value=row.without_value,
            unconverted=row.unconverted,
        )
        for row in session.connection().execute(statement)
    ]
    out.sort(key=lambda f: (-f.value_usd, -f.deals, f.supplier or "~", f.buyer or "~"))
    return out


def _other(role: Role, source: Any = DealRow) -> Any:
    return source.buyer if role == "supplier" else source.supplier


def _own(role: Role, source: Any = DealRow) -> Any:
    return source.supplier if role == "supplier" else source.buyer


def _check_role(role: str) -> None:
    if role not in ("supplier", "buyer"):
        raise ValueError(f"role must be 'supplier' or 'buyer', not {role!r}")


def top_partners(
    session: Session,
    state: str,
    role: Role,
    *,
    limit: int = 10,
    order: Literal["value", "deals"] = "value",
    filters: Filters | None = None,
) -> list[Partner]:
    """Return the top *limit* partners of *state* in *role* (its buyers if it supplies).

    Ordered by value in USD (or by number of deals), then the other measure, then code.
    """
    _check_role(role)
    statement = _partners_statement(role, order, filters or Filters())
    rows = session.connection().execute(statement, {"state": state, "limit": limit})
    return [
        Partner(
            state=row.state,
            deals=row.deals,
            value_usd=_usd(row.value_usd),
            without_value=row.without_value,
            unconverted=row.unconverted,
        )
        for row in rows
    ]


@functools.lru_cache(maxsize=256)
def _partners_statement(role: Role, order: str, filters: Filters) -> Select[Any]:
    """The statement of :func:`top_partners`, built once per shape (state, limit bound)."""
    source = _source(filters)
    partner = _other(role, source).label("state")
    measures = _measures(source)
    deals, usd = measures[0], measures[1]
    first, second = (usd, deals) if order == "value" else (deals, usd)
    return (
        select(partner, *measures)
        .where(_own(role, source) == bindparam("state"), *_where(filters, source))
        .group_by(partner)
        .order_by(first.desc(), second.desc(), partner)
        .limit(bindparam("limit"))
    )


def by_year(
    session: Session,
    filters: Filters | None = None,
    *,
    state: str | None = None,
    role: Role | None = None,
) -> list[YearTotal]:
    """Return the deals and value in USD of each year, oldest first (unknown year last).

    With *state*, only the deals of that state (in *role*, or in either role).
    """
    if role is not None:
        _check_role(role)
    statement = _years_statement(filters or Filters(), state is not None, role)
    rows = session.connection().execute(statement, {"state": state} if state is not None else {})
    out = [
        YearTotal(
            year=row.year,
            deals=row.deals,
            value_usd=_usd(row.value_usd),
            without_value=row.without_value,
            unconverted=row.unconverted,
        )
        for row in rows
    ]
    out.sort(key=lambda y: (y.year is None, y.year or 0))
    return out


@functools.lru_cache(maxsize=256)
def _years_statement(filters: Filters, of_state: bool, role: Role | None) -> Select[Any]:
    """The statement of :func:`by_year`, built once per shape (the state bound)."""
    source = _source(filters)
    statement = select(source.year, *_measures(source)).where(*_where(filters, source))
    if of_state:
        state: Any = bindparam("state")
        if role is None:
            statement = statement.where(or_(source.supplier == state, source.buyer == state))
        else:
            statement = statement.where(_own(role, source) == state)
    return statement.group_by(source.year)


def unconverted(session: Session, filters: Filters | None = None) -> list[Unconverted]:
    """Return the currencies of chosen values without a USD rate, most used first."""
    filters = filters or Filters()
    value = aliased(DealValueRow, name="chosen_value")
    statement = (
        select(
            value.currency,
            func.count(value.id).label("values"),
            func.count(distinct(value.deal_id)).label("deals"),
        )
        .select_from(DealRow)
        .join(value, and_(value.deal_id == DealRow.id, value.chosen == true()))
        .where(value.value_usd.is_(None), *_where(filters))
        .group_by(value.currency)
    )
    rows = [
        Unconverted(r.currency, r.values, r.deals) for r in session.connection().execute(statement)
    ]
    return sorted(rows, key=lambda r: (-r.values, r.currency))


# -- deals -----------------------------------------------------------------------------------


def deals_of(
    session: Session,
    state: str,
    role: Role,
    *,
    filters: Filters | None = None,
    limit: int | None = 100,
    offset: int = 0,
    sources: bool = True,
) -> list[DealSummary]:
    """Return the deals of *state* in *role*, newest first, with systems and sources.

    *limit* pages the list (``None`` for all of them).
    """
    _check_role(role)
    params = {"state": state}
    return _deals(session, role, params, filters or Filters(), limit, offset, sources=sources)


def list_deals(
    session: Session,
    *,
    filters: Filters | None = None,
    limit: int | None = 100,
    offset: int = 0,
    sources: bool = True,
) -> list[DealSummary]:
    """Return the deals matching *filters*, newest first, with systems and sources."""
    return _deals(session, None, {}, filters or Filters(), limit, offset, sources=sources)


def search(
    session: Session,
    text: str,
    *,
    filters: Filters | None = None,
    limit: int | None = 100,
    offset: int = 0,
    sources: bool = True,
) -> list[DealSummary]:
    """Return the deals with a system matching *text*, newest first.

    *text* matches a catalogue id of a system or of its family (``k9`` finds every K9
    variant), or is found case-insensitively in the name of a system line.
    """
    needle = text.strip().lower()
    if not needle:
        raise ValueError("search text must not be empty")
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    params = {"needle": needle, "pattern": f"%{escaped}%"}
    return _deals(session, "search", params, filters or Filters(), limit, offset, sources=sources)


#: Which deals a listing reads: a state's in a role, those matching a search, or all.
_Match = Role | Literal["search"] | None

_CHOSEN = aliased(DealValueRow, name="chosen_value")
#: A column read as the driver gives it, decoded by the listing itself.
_AS_STORED = NullType()


def _stored(column: Any) -> Any:
    return type_coerce(column, _AS_STORED)


def _value_columns(dialect: str) -> list[Any]:
    """The chosen value's columns of a listing, as stored (see :func:`_summaries`).

    On PostgreSQL ``trim_scale`` drops the zeros ``NUMERIC(28, 6)`` pads with, so
    amounts and rates arrive as the plain ``Decimal`` they were stored as; SQLite gives
    them as ``int`` or ``float``.
    """
    plain: Any = func.trim_scale if dialect == "postgresql" else (lambda column: column)
    return [
        _stored(plain(_CHOSEN.amount)),
        _CHOSEN.currency,
        _CHOSEN.approximate,
        _stored(plain(_CHOSEN.upper)),
        _stored(_CHOSEN.value_usd),
        _stored(plain(_CHOSEN.fx_rate)),
        _CHOSEN.fx_date,
    ]


def _match(match: _Match) -> list[ColumnElement[bool]]:
    """The WHERE term that picks a listing's deals, its values bound by name."""
    if match == "search":
        needle: Any = bindparam("needle", type_=String())
        return [
            exists().where(
                DealLineRow.deal_id == DealRow.id,
                or_(
                    DealLineRow.system_id == needle,
                    DealLineRow.family_id == needle,
                    func.lower(DealLineRow.name).like(bindparam("pattern"), escape="\\"),
                ),
            )
        ]
    if match is None:
        return []
    return [_own(match) == bindparam("state")]


#: A page's size, written into the statement when it runs: SQLite's planner sees the page
#: is small, where a bound LIMIT lets it build a Bloom filter over every stored value.
_LIMIT = bindparam("limit", type_=Integer(), literal_execute=True)


@functools.lru_cache(maxsize=256)
def _listing(
    dialect: str, match: _Match, filters: Filters, limited: bool
) -> tuple[Select[Any], Select[Any]]:
    """The dated and the undated read of a listing, built once per shape.

    Newest first, unknown years last, the same on every backend: two index-ordered
    reads (dated, then undated) rather than one sort on NULLS LAST. Each reads its page
    of deals first and joins their chosen values after: joined before, SQLite's planner,
    which does not count on the LIMIT, filters the join through a Bloom filter built
    from every stored value (40 ms on a million deals, for a page of 100).
    """
    columns: list[Any] = [
        DealRow.id,
        DealRow.supplier,
        DealRow.buyer,
        type_coerce(DealRow.status, String()).label("status"),
        DealRow.year,
        DealRow.deal_date,
    ]
    deals = select(*columns).where(*_match(match), *_where(filters))
    dated = deals.where(DealRow.year.is_not(None)).order_by(DealRow.year.desc(), DealRow.id.desc())
    undated = deals.where(DealRow.year.is_(None)).order_by(DealRow.id.desc())
    if limited:
        dated, undated = dated.limit(_LIMIT), undated.limit(_LIMIT)
    return _with_value(dated, dialect, dated=True), _with_value(undated, dialect, dated=False)


def _with_value(deals: Select[Any], dialect: str, *, dated: bool) -> Select[Any]:
    """*deals* (a page of the columns of ``deals``) with their chosen value, in order."""
    page = deals.subquery("page")
    order = [page.c.year.desc(), page.c.id.desc()] if dated else [page.c.id.desc()]
    return (
        select(*page.c, *_value_columns(dialect))
        .outerjoin(_CHOSEN, and_(_CHOSEN.deal_id == page.c.id, _CHOSEN.chosen == true()))
        .order_by(*order)
    )


_STATUS = {status.value: status for status in Status}
#: Make a named tuple from a tuple of all its fields, as its ``_make`` does, without the
#: Python frame of its ``__new__`` (half the cost of a row of a listing's lines).
_row: Any = tuple.__new__
_MONEY_FIELDS = frozenset(Money.model_fields)
_set = object.__setattr__


def _sqlite_exact(stored: float) -> Decimal:
    """A money column as SQLite stores it: whole amounts as integers, others as doubles.

    The shortest ``repr`` of a double gives back the decimal of up to 15 digits it
    was made from (see :class:`armstrack.store.base.ExactNumeric`).
    """
    if stored.__class__ is int:
        return Decimal(stored)
    return _plain_decimal(Decimal(repr(stored)))


def _sqlite_rate(stored: float) -> Decimal:
    """A rate as SQLite stores it, at the ten places ``NUMERIC(20, 10)`` keeps."""
    if stored.__class__ is int:  # USD's own rate, the most common
        return Decimal(stored)
    return _plain_decimal(Decimal(f"{stored:.10f}"))


def _same(stored: Any) -> Any:
    return stored


def _deals(
    session: Session,
    match: _Match,
    params: dict[str, Any],
    filters: Filters,
    limit: int | None,
    offset: int,
    *,
    sources: bool,
) -> list[DealSummary]:
    """The page *offset*, *limit* of the deals *match* picks, as typed rows.

    A listing is three statements (deals, their lines, their sources) built once per
    shape, and rows decoded here from what the driver gives (see :func:`_fetch`): this
    costs a fraction of the SQL, where typed columns and validating models cost several
    times it.
    """
    if limit is not None and not _is_count(limit):
        raise ValueError(f"limit must be a whole number of at least 0, not {limit!r}")
    if not _is_count(offset):
        raise ValueError(f"offset must be a whole number of at least 0, not {offset!r}")
    connection = session.connection()
    dialect = connection.dialect.name
    dated, undated = _listing(dialect, match, filters, limit is not None)
    want = None if limit is None else offset + limit
    if want is not None:
        params = {**params, "limit": want}
    rows = list(_fetch(connection, dated, params))
    if want is None or len(rows) < want:
        if want is not None:
            params["limit"] = want - len(rows)
        rows += _fetch(connection, undated, params)
    rows = rows[offset:want]
    if not rows:
        return []
    ids = _ids([row[0] for row in rows], dialect)
    lines = _lines_of(connection, ids)
    found = _sources_of(connection, ids) if sources else {}
    return _summaries(rows, lines, found, dialect)


def _is_count(number: object) -> bool:
    """Whether *number* is a whole number of at least 0 (a page size is written into SQL)."""
    return isinstance(number, int) and not isinstance(number, bool) and number >= 0


def _fetch(connection: Connection, statement: Select[Any], params: dict[str, Any]) -> Sequence[Any]:
    """Execute *statement* and return its rows as the driver gives them.

    SQLAlchemy still binds the parameters, logs the statement and fires its events; only
    its result rows are skipped, whose per-column processing costs a listing about as
    much as the rest of its decoding. The columns a listing reads are plain (see
    :func:`_listing`) but for dates and flags, which :func:`_decoders` reads.
    """
    result = connection.execute(statement, params)
    try:
        rows = result.cursor.fetchall()
    finally:
        result.close()
    return rows


class _Decoders(NamedTuple):
    """How a backend's driver gives a listing's values, and how to read them."""

    exact: Callable[[Any], Decimal]
    rate: Callable[[Any], Decimal]
    day: Callable[[Any], date]


#: SQLite gives numbers as ``int`` or ``float`` and dates as ISO text; psycopg gives the
#: ``Decimal`` and ``date`` the columns hold.
_DECODERS = {
    "sqlite": _Decoders(exact=_sqlite_exact, rate=_sqlite_rate, day=date.fromisoformat),
}
_NATIVE = _Decoders(exact=_same, rate=_same, day=_same)


def _decoders(dialect: str) -> _Decoders:
    return _DECODERS.get(dialect, _NATIVE)


def _summaries(
    rows: Sequence[Any],
    lines: dict[int, tuple[DealLine, ...]],
    found: dict[int, tuple[DealSource, ...]],
    dialect: str,
) -> list[DealSummary]:
    """Decode the rows of :func:`_listing` into deals with their lines and sources.

    The loop is written out (whole numbers, the most common amounts, take the short way
    to a ``Decimal``) because it runs for every deal of a page, which costs about as much
    as its SQL.
    """
    exact, rate, day = _decoders(dialect)
    cent = _CENT
    status_of = _STATUS
    to_decimal = Decimal
    new_money = Money.__new__
    fields = _MONEY_FIELDS
    no_rows: tuple[Any, ...] = ()
    get_lines = lines.get
    get_sources = found.get
    out: list[DealSummary] = []
    append = out.append
    for (
        deal_id,
        supplier,
        buyer,
        status,
        year,
        deal_date,
        amount,
        currency,
        approximate,
        upper,
        value_usd,
        fx_rate,
        fx_date,
    ) in rows:
        value = None
        if amount is not None:
            # what ``Money.model_construct`` would set, without its walk over every
            # field's aliases and defaults: the store validated the value on the way in
            value = new_money(Money)
            _set(
                value,
                "__dict__",
                {
                    "amount": to_decimal(amount) if amount.__class__ is int else exact(amount),
                    "currency": currency,
                    "approximate": bool(approximate),
                    "upper": None if upper is None else exact(upper),
                },
            )
            _set(value, "__pydantic_fields_set__", set(fields))
            _set(value, "__pydantic_extra__", None)
            _set(value, "__pydantic_private__", None)
        if value_usd is not None:
            value_usd = (
                to_decimal(value_usd) if value_usd.__class__ is int else exact(value_usd)
            ).quantize(cent)
        if fx_rate is not None:
            fx_rate = to_decimal(fx_rate) if fx_rate.__class__ is int else rate(fx_rate)
        summary = (
            deal_id,
            supplier,
            buyer,
            status_of[status],
            year,
            None if deal_date is None else day(deal_date),
            value,
            value_usd,
            fx_rate,
            None if fx_date is None else day(fx_date),
            get_lines(deal_id, no_rows),
            get_sources(deal_id, no_rows),
        )
        append(_row(DealSummary, summary))
    return out


def _plain_decimal(value: Decimal) -> Decimal:
    """Drop the trailing zeros a NUMERIC column pads with (``2.500000`` -> ``2.5``)."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _among(column: Any, dialect: str) -> Any:
    """``column IN ids`` with the ids one bound value (see :func:`_ids`).

    A list of a parameter per id costs the driver (and SQLAlchemy, expanding it) more
    than the query; an array on PostgreSQL and a JSON array on SQLite are one value.
    """
    if dialect == "postgresql":
        return column == any_(bindparam("ids", type_=ARRAY(Integer())))
    stored: Any = select(literal_column("value")).select_from(func.json_each(bindparam("ids")))
    return column.in_(stored)


def _ids(ids: list[int], dialect: str) -> Any:
    """The bound value of *ids* for :func:`_among`."""
    return ids if dialect == "postgresql" else json.dumps(ids)


@functools.lru_cache(maxsize=4)
def _lines_statement(dialect: str) -> Select[Any]:
    columns: list[Any] = [
        DealLineRow.deal_id,
        DealLineRow.name,
        DealLineRow.quantity,
        type_coerce(DealLineRow.category, String()),
        DealLineRow.system_id,
    ]
    return (
        select(*columns)
        .where(_among(DealLineRow.deal_id, dialect))
        .order_by(DealLineRow.deal_id, DealLineRow.position)
    )


@functools.lru_cache(maxsize=4)
def _sources_statement(dialect: str) -> Select[Any]:
    columns: list[Any] = [
        SourceRow.deal_id,
        SourceRow.id,
        DocumentRow.external_id,
        DocumentRow.title,
        DocumentRow.url,
        DocumentRow.published,
        EvidenceRow.sentence,
    ]
    return (
        select(*columns)
        .join(DocumentRow, DocumentRow.id == SourceRow.document_id)
        .outerjoin(EvidenceRow, EvidenceRow.source_id == SourceRow.id)
        .where(_among(SourceRow.deal_id, dialect))
        .order_by(SourceRow.deal_id, DocumentRow.published, SourceRow.id, EvidenceRow.id)
    )


_T = TypeVar("_T")


def _by_deal(pairs: Iterable[tuple[int, _T]]) -> dict[int, tuple[_T, ...]]:
    """Gather *pairs* of (deal id, item), which come ordered by deal, into a tuple per deal."""
    out: dict[int, list[_T]] = {}
    get = out.get
    for deal_id, item in pairs:
        same_deal = get(deal_id)
        if same_deal is None:
            out[deal_id] = [item]
        else:
            same_deal.append(item)
    return {deal_id: tuple(items) for deal_id, items in out.items()}


def _lines_of(connection: Connection, ids: Any) -> dict[int, tuple[DealLine, ...]]:
    """The system lines of the deals *ids* (see :func:`_ids`), in their order, by deal."""
    rows = _fetch(connection, _lines_statement(connection.dialect.name), {"ids": ids})
    return _by_deal(
        (deal_id, _row(DealLine, (name, quantity, category, system_id)))
        for deal_id, name, quantity, category, system_id in rows
    )


def _sources_of(connection: Connection, ids: Any) -> dict[int, tuple[DealSource, ...]]:
    """The documents reporting the deals *ids* (see :func:`_ids`), oldest first.

    Each document comes once per deal, with the sentences quoted from it once each.
    """
    dialect = connection.dialect.name
    day = _decoders(dialect).day
    rows = _fetch(connection, _sources_statement(dialect), {"ids": ids})
    heads: list[tuple[Any, list[str]]] = []
    quotes: list[str] = []
    current = None
    for row in rows:  # a source's rows come together, one per quoted sentence
        if row[1] != current:
            current, quotes = row[1], []
            heads.append((row, quotes))
        sentence = row[6]
        if sentence and sentence not in quotes:
            quotes.append(sentence)
    return _by_deal(
        (
            deal_id,
            _row(
                DealSource,
                (document_id, title, url, None if when is None else day(when), tuple(said)),
            ),
        )
        for (deal_id, _, document_id, title, url, when, _), said in heads
    )


# -- export --------------------------------------------------------------------------------


def as_dicts(rows: Iterable[Any]) -> list[dict[str, Any]]:
    """Return query rows as plain dictionaries (a row's ``as_dict`` where it has one)."""
    out = []
    for row in rows:
        method = getattr(row, "as_dict", None) or getattr(row, "_asdict", None)
        out.append(method() if callable(method) else dataclasses.asdict(row))
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def to_json(rows: Iterable[Any], *, indent: int | None = 2) -> str:
    """Return query rows as a JSON array (money as plain numbers, dates as ISO strings).

    >>> print(to_json([YearTotal(2024, 2, Decimal("1.50"), 0, 0)], indent=None))
    [{"year": 2024, "deals": 2, "value_usd": 1.5, "without_value": 0, "unconverted": 0}]
    """
    return json.dumps([_plain(row) for row in as_dicts(rows)], ensure_ascii=False, indent=indent)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dict):  # a money value
        if "currency" in value:
            return f"{value['amount']} {value['currency']}"
        return json.dumps(_plain(value), ensure_ascii=False)
    if isinstance(value, list | tuple):
        parts = []
        for item in value:
            if isinstance(item, dict) and "document_id" in item:
                parts.append(str(item["document_id"]))
            elif isinstance(item, dict) and "name" in item:
                qty = item.get("quantity")
                parts.append(f"{qty} × {item['name']}" if qty is not None else str(item["name"]))
            else:
                parts.append(str(_plain(item)))
        return "; ".join(parts)
    return _plain(value)


def write_csv(rows: Iterable[Any], file: IO[str]) -> int:
    """Write query rows to *file* as CSV with a header line; return the number of rows.

    Nested systems and sources are written as ``"48 × K9; 18 × K239"`` and document ids
    joined with ``"; "``.
    """
    dicts = as_dicts(rows)
    if not dicts:
        return 0
    writer = csv.DictWriter(file, fieldnames=list(dicts[0]), lineterminator="\n")
    writer.writeheader()
    for row in dicts:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return len(dicts)


# -- states ----------------------------------------------------------------------------------


class UnknownStateError(ValueError):
    """A state name or code that the catalogue does not know, or that names several states."""


_NAME_KINDS = ("name", "abbreviation", "historic")


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace(".", ". ").split())


def resolve_state(text: str, catalogue: Catalogue | None = None) -> str:
    """Return the ISO 3166-1 alpha-3 code of a state given by code or by name.

    Names are the catalogue's: a state's name, official or common name, and its name
    forms (``South Korea``, ``ROK``); case and spacing do not matter. A form that names
    several states (``Korea``) or none raises :class:`UnknownStateError`.

    >>> resolve_state("pol"), resolve_state("South Korea"), resolve_state("Republic of Korea")
    ('POL', 'KOR', 'KOR')
    """
    given = text.strip()
    if len(given) == 3 and given.isalpha() and codes.is_state(given.upper()):
        return given.upper()
    catalogue = catalogue or default_catalogue()
    wanted = _fold(given)
    found: set[str] = set()
    for record in catalogue.states.values():
        names = (record.name, record.official_name, record.common_name)
        if any(name and _fold(name) == wanted for name in names):
            found.add(record.code)
    if not found:
        for form in catalogue.state_forms:
            if form.kind.value in _NAME_KINDS and _fold(form.form) == wanted:
                found.add(form.code)
    if len(found) == 1:
        return found.pop()
    if found:
        raise UnknownStateError(
            f"{given!r} may name several states ({', '.join(sorted(found))}); give a code"
        )
    raise UnknownStateError(f"unknown state {given!r}: give an ISO alpha-3 code or a name")

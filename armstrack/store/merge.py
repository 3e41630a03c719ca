"""How reports of one transaction by several articles become one deal.

A *report* is what one document says about one deal (an extracted
:class:`~armstrack.model.Deal`). Two reports are **compatible** when all of these hold:

1. they name the same supplier and the same buyer (both known);
2. their systems overlap: some line of each shares a key, the catalogue system, the
   root of its catalogue family (F-16V and F-16C are both F-16), or the normalised
   name (lower case, punctuation dropped);
3. on every overlapping line where both state a quantity, the larger is at most
   :data:`QUANTITY_RATIO` times the smaller;
4. where both state a value in the same currency, the amounts (or ranges) lie within
   :data:`VALUE_TOLERANCE` of each other (values in different currencies never conflict);
5. where both give a deal date, the dates are at most :data:`DATE_WINDOW` apart.

A deal is a connected group of compatible reports (a report compatible with any report
of a deal joins it; a report compatible with two deals joins them). Connected groups do
not depend on the order reports arrive in, and every field of a deal is computed from
the whole set of its reports with total tie-breaks, so ingesting the same articles in
any order gives the same deals.

The fields of a merged deal:

* **lines**: report lines sharing a key are one line; its system is the catalogue id
  most reports give, its name the most frequent (then shortest, then alphabetical), its
  quantity the most frequent stated (then the larger);
* **status**: every report adds an entry to the status history, dated by the deal date
  it gives, else its publication date. The current status is the furthest stage
  reached (considered/planned < proposed < approved < signed < delivered; reported and
  alleged are below all), unless the deal is reported cancelled and no report dated
  after the cancellation says otherwise;
* **value**: all values are kept with their sources; the chosen one is the first by
  (stated exactly before approximate, the amount most sources agree on, the most
  recent report, USD first, the larger amount, the first document id);
* **date**: the earliest deal date given; **year**: its year, else the year of the
  earliest publication; **kind**: the most frequent; **confidence**: the highest.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import TypeVar

from armstrack.model import Category, DatePrecision, Deal, DealKind, Money, Status, SystemLine

__all__ = [
    "DATE_WINDOW",
    "QUANTITY_RATIO",
    "VALUE_TOLERANCE",
    "FamilyOf",
    "Group",
    "MergedDeal",
    "MergedLine",
    "Report",
    "choose_value",
    "cluster",
    "compatible",
    "current_status",
    "group_reports",
    "line_keys",
    "match_keys",
    "merge",
    "normalise_name",
]

#: Largest ratio of two quantities of one line that still describe the same order.
QUANTITY_RATIO = 1.25
#: Largest relative gap between two values in one currency that still agree.
VALUE_TOLERANCE = Decimal("0.10")
#: Largest gap between two deal dates of one transaction.
DATE_WINDOW = timedelta(days=731)

#: Longest match key stored (longer keys are cut; the column holds 400 characters).
MAX_KEY = 400

#: Returns the id of the root of a catalogue system's family (or ``None`` if unknown).
FamilyOf = Callable[[str], str | None]

#: How far along its life a deal is, by status; cancellation is handled apart.
STAGE: dict[Status, int] = {
    Status.REPORTED: 0,
    Status.ALLEGED: 0,
    Status.CONSIDERED: 1,
    Status.PLANNED: 1,
    Status.PROPOSED: 2,
    Status.APPROVED: 3,
    Status.SIGNED: 4,
    Status.DELIVERED: 5,
    Status.CANCELLED: -1,
}
_ORDER = {status: index for index, status in enumerate(Status)}
_T = TypeVar("_T")
_NON_WORD = re.compile(r"[^\w]+")


@lru_cache(maxsize=65536)
def normalise_name(name: str) -> str:
    """Return *name* lower-cased, accents and punctuation dropped, spaces collapsed.

    >>> normalise_name("  K-239 Chunmoo! ")
    'k 239 chunmoo'
    """
    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", folded).replace("_", " ").split())


def _no_family(_system_id: str) -> str | None:
    return None


@lru_cache(maxsize=65536)
def line_keys(line: SystemLine, family_of: FamilyOf = _no_family) -> frozenset[str]:
    """Return the keys a line is matched by: ``s:`` system, ``f:`` family root, ``n:`` name.

    >>> sorted(line_keys(SystemLine(name="K2 tanks", system_id="k2-black-panther")))
    ['n:k2 tanks', 's:k2-black-panther']
    """
    keys = set()
    if line.system_id:
        keys.add(f"s:{line.system_id}")
        root = family_of(line.system_id)
        if root:
            keys.add(f"f:{root}")
    name = normalise_name(line.name)
    if name:
        keys.add(f"n:{name}")
    return frozenset(keys)


def match_keys(deal: Deal, family_of: FamilyOf = _no_family) -> frozenset[str]:
    """Return the keys other reports of the same transaction share (empty if unmatched).

    >>> sorted(match_keys(Deal(supplier="KOR", buyer="POL", systems=[SystemLine(name="K9")])))
    ['KOR>POL|n:k9']
    """
    if deal.supplier is None or deal.buyer is None:
        return frozenset()
    pair = f"{deal.supplier}>{deal.buyer}"
    return frozenset(
        f"{pair}|{key}"[:MAX_KEY] for line in deal.systems for key in line_keys(line, family_of)
    )


@dataclass(frozen=True)
class Report:
    """What one document (``document``, its external id) says about one deal."""

    document: str
    position: int
    deal: Deal
    published: date | None = None

    @property
    def observed_on(self) -> date | None:
        """The date the report's status held: the deal date, else the publication date."""
        return self.deal.date.value if self.deal.date else self.published

    @property
    def order(self) -> tuple[str, int]:
        """A total order of reports that does not depend on when they arrived."""
        return (self.document, self.position)


def _quantities_agree(a: int | None, b: int | None) -> bool:
    if a is None or b is None or a == b:
        return True
    low, high = min(a, b), max(a, b)
    return low > 0 and high <= low * QUANTITY_RATIO


def _values_agree(a: Money | None, b: Money | None) -> bool:
    if a is None or b is None or a.currency != b.currency:
        return True
    slack = 1 + VALUE_TOLERANCE
    a_high, b_high = a.upper or a.amount, b.upper or b.amount
    return a.amount <= b_high * slack and b.amount <= a_high * slack


def _lines_keyed(deal: Deal, family_of: FamilyOf) -> list[tuple[frozenset[str], int | None]]:
    return [(line_keys(line, family_of), line.quantity) for line in deal.systems]


def compatible(a: Report, b: Report, family_of: FamilyOf = _no_family) -> bool:
    """Return whether reports *a* and *b* describe the same transaction (rules above)."""
    da, db = a.deal, b.deal
    if da.supplier is None or da.buyer is None:
        return False
    if da.supplier != db.supplier or da.buyer != db.buyer:
        return False
    overlap = False
    for keys_a, qty_a in _lines_keyed(da, family_of):
        for keys_b, qty_b in _lines_keyed(db, family_of):
            if keys_a & keys_b:
                overlap = True
                if not _quantities_agree(qty_a, qty_b):
                    return False
    if not overlap or not _values_agree(da.value, db.value):
        return False
    if da.date is not None and db.date is not None:
        return abs(da.date.value - db.date.value) <= DATE_WINDOW
    return True


class _Sets:
    """Union-find over hashable items."""

    def __init__(self) -> None:
        self.parent: dict[object, object] = {}

    def find(self, item: object) -> object:
        self.parent.setdefault(item, item)
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:  # path compression
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: object, b: object) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def cluster(reports: Sequence[Report], family_of: FamilyOf = _no_family) -> list[list[Report]]:
    """Group *reports* into deals: the connected groups of compatible reports.

    Groups and their members come sorted by :attr:`Report.order`, whatever the input order.
    """
    sets = _Sets()
    by_key: dict[str, list[int]] = {}
    for index, report in enumerate(reports):
        sets.find(index)
        for key in match_keys(report.deal, family_of):
            by_key.setdefault(key, []).append(index)
    checked: set[tuple[int, int]] = set()
    for members in by_key.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                pair = (a, b)
                if pair in checked or sets.find(a) == sets.find(b):
                    continue
                checked.add(pair)
                if compatible(reports[a], reports[b], family_of):
                    sets.union(a, b)
    groups: dict[object, list[Report]] = {}
    for index, report in enumerate(reports):
        groups.setdefault(sets.find(index), []).append(report)
    ordered = [sorted(group, key=lambda r: r.order) for group in groups.values()]
    return sorted(ordered, key=lambda group: group[0].order)


@dataclass(frozen=True)
class MergedLine:
    """One system line of a merged deal."""

    name: str
    name_key: str
    system_id: str | None
    family_id: str | None
    category: Category | None
    quantity: int | None


@dataclass(frozen=True)
class MergedDeal:
    """The fields of a deal derived from its reports (sorted by :attr:`Report.order`)."""

    reports: tuple[Report, ...]
    supplier: str | None
    buyer: str | None
    status: Status
    kind: DealKind
    date: date | None
    date_precision: DatePrecision | None
    year: int | None
    confidence: float
    lines: tuple[MergedLine, ...]
    chosen_value: Report | None
    keys: frozenset[str]

    @property
    def value(self) -> Money | None:
        """The chosen value."""
        return self.chosen_value.deal.value if self.chosen_value else None


def _most_common(items: Iterable[_T], tie: Callable[[_T], object]) -> _T | None:
    counts = Counter(items)
    if not counts:
        return None
    return min(counts, key=lambda item: (-counts[item], tie(item)))


def current_status(history: Iterable[tuple[Status, date | None]]) -> Status:
    """Return the status a history of (status, date) entries leads to (rules above).

    >>> from datetime import date as d
    >>> current_status([(Status.SIGNED, d(2022, 7, 1)), (Status.PROPOSED, d(2021, 1, 1))])
    <Status.SIGNED: 'signed'>
    >>> current_status([(Status.SIGNED, d(2022, 7, 1)), (Status.CANCELLED, d(2023, 1, 1))])
    <Status.CANCELLED: 'cancelled'>
    """
    entries = list(history)
    if not entries:
        return Status.REPORTED
    live = [(s, d) for s, d in entries if s is not Status.CANCELLED]
    cancelled = [d for s, d in entries if s is Status.CANCELLED]
    if cancelled:
        when = max((d for d in cancelled if d is not None), default=None)
        if when is None:
            return Status.CANCELLED
        live = [(s, d) for s, d in live if d is not None and d > when]
        if not live:
            return Status.CANCELLED
    counts = Counter(s for s, _ in live)
    return max(counts, key=lambda s: (STAGE[s], counts[s], -_ORDER[s]))


def choose_value(reports: Sequence[Report]) -> Report | None:
    """Return the report whose value the deal carries, or ``None`` if none states one."""
    stated = [r for r in reports if r.deal.value is not None]
    agree = Counter((v.amount, v.currency) for r in stated if (v := r.deal.value) is not None)

    def rank(report: Report) -> tuple[object, ...]:
        value = report.deal.value
        assert value is not None
        seen = report.observed_on or date.min
        return (
            value.approximate,
            -agree[(value.amount, value.currency)],
            -seen.toordinal(),
            value.currency != "USD",
            -value.amount,
            report.order,
        )

    return min(stated, key=rank, default=None)


def _merge_lines(reports: Sequence[Report], family_of: FamilyOf) -> tuple[MergedLine, ...]:
    items = [line for report in reports for line in report.deal.systems]
    sets = _Sets()
    owner: dict[str, int] = {}
    for index, line in enumerate(items):
        sets.find(index)
        for key in line_keys(line, family_of):
            if key in owner:
                sets.union(owner[key], index)
            else:
                owner[key] = index
    groups: dict[object, list[SystemLine]] = {}
    for index, line in enumerate(items):
        groups.setdefault(sets.find(index), []).append(line)
    merged = []
    for group in groups.values():
        name = _most_common((line.name for line in group), lambda n: (len(n), n))
        system_id = _most_common((ln.system_id for ln in group if ln.system_id), str)
        category = _most_common(
            (ln.category for ln in group if ln.category is not None), lambda c: _CAT[c]
        )
        quantity = _most_common(
            (ln.quantity for ln in group if ln.quantity is not None), lambda q: -q
        )
        assert name is not None
        merged.append(
            MergedLine(
                name=name,
                name_key=normalise_name(name),
                system_id=system_id,
                family_id=family_of(system_id) if system_id else None,
                category=category,
                quantity=quantity,
            )
        )
    return tuple(sorted(merged, key=lambda ln: (ln.name_key, ln.system_id or "", ln.name)))


_CAT = {category: index for index, category in enumerate(Category)}
_KIND = {kind: index for index, kind in enumerate(DealKind)}


def merge(reports: Sequence[Report], family_of: FamilyOf = _no_family) -> MergedDeal:
    """Derive one deal from the reports of one transaction (see the module's rules)."""
    ordered = tuple(sorted(reports, key=lambda r: r.order))
    if not ordered:
        raise ValueError("a deal needs at least one report")
    first = ordered[0].deal
    dated = sorted(
        (r.deal.date for r in ordered if r.deal.date is not None),
        key=lambda d: (d.value, _PRECISION[d.precision]),
    )
    published = [r.published for r in ordered if r.published is not None]
    deal_date = dated[0] if dated else None
    year = deal_date.value.year if deal_date else (min(published).year if published else None)
    kind = _most_common((r.deal.kind for r in ordered), lambda k: _KIND[k])
    assert kind is not None
    keys: frozenset[str] = frozenset().union(*(match_keys(r.deal, family_of) for r in ordered))
    return MergedDeal(
        reports=ordered,
        supplier=first.supplier,
        buyer=first.buyer,
        status=current_status((r.deal.status, r.observed_on) for r in ordered),
        kind=kind,
        date=deal_date.value if deal_date else None,
        date_precision=deal_date.precision if deal_date else None,
        year=year,
        confidence=max(r.deal.confidence for r in ordered),
        lines=_merge_lines(ordered, family_of),
        chosen_value=choose_value(ordered),
        keys=keys,
    )


_PRECISION = {DatePrecision.DAY: 0, DatePrecision.MONTH: 1, DatePrecision.YEAR: 2}


@dataclass(frozen=True)
class Group:
    """New reports and the stored deals they join: ``deal_ids`` sorted, ``reports`` all of them."""

    deal_ids: tuple[int, ...]
    reports: tuple[Report, ...]
    new: tuple[Report, ...]


def group_reports(
    new: Sequence[Report],
    stored: dict[int, Sequence[Report]],
    family_of: FamilyOf = _no_family,
) -> list[Group]:
    """Group *new* reports with each other and with *stored* deals (id -> its reports).

    Stored deals are connected groups already; a new report compatible with any report
    of a stored deal joins that deal, and deals a new report joins become one. Returns
    one :class:`Group` per resulting deal that holds at least one new report.
    """
    sets = _Sets()
    by_key: dict[str, list[tuple[str, int, int]]] = {}  # key -> (kind, deal/new index, pos)
    for deal_id, reports in stored.items():
        sets.find(("deal", deal_id))
        for index, report in enumerate(reports):
            for key in match_keys(report.deal, family_of):
                by_key.setdefault(key, []).append(("deal", deal_id, index))
    for index, report in enumerate(new):
        sets.find(("new", index))
        for key in match_keys(report.deal, family_of):
            by_key.setdefault(key, []).append(("new", index, 0))

    def report_of(item: tuple[str, int, int]) -> Report:
        kind, ident, pos = item
        return new[ident] if kind == "new" else stored[ident][pos]

    checked: set[tuple[tuple[str, int, int], tuple[str, int, int]]] = set()
    for members in by_key.values():
        news = [m for m in members if m[0] == "new"]
        for a in news:
            for b in members:
                if a == b or (b, a) in checked or (a, b) in checked:
                    continue
                checked.add((a, b))
                node_a, node_b = a[:2], b[:2]
                if sets.find(node_a) == sets.find(node_b):
                    continue
                if compatible(report_of(a), report_of(b), family_of):
                    sets.union(node_a, node_b)
    groups: dict[object, tuple[list[int], list[Report]]] = {}
    for index in range(len(new)):
        groups.setdefault(sets.find(("new", index)), ([], []))[1].append(new[index])
    for deal_id in stored:
        root = sets.find(("deal", deal_id))
        if root in groups:
            groups[root][0].append(deal_id)
    result = []
    for deal_ids, new_reports in groups.values():
        everything = [r for d in deal_ids for r in stored[d]] + new_reports
        result.append(
            Group(
                deal_ids=tuple(sorted(deal_ids)),
                reports=tuple(sorted(everything, key=lambda r: r.order)),
                new=tuple(sorted(new_reports, key=lambda r: r.order)),
            )
        )
    return sorted(result, key=lambda g: g.reports[0].order)

"""Merging: the drafts of a document settled into deals."""

from __future__ import annotations

from collections.abc import Sequence

from armstrack.catalogue import Catalogue
from armstrack.extract.drafts import Draft, Line, SentenceFacts
from armstrack.extract.status import STRONG
from armstrack.extract.systems import (
    KIND_GROUPS,
    keep_class_line,
    modifier_gap,
    not_goods,
    strip_plural,
)
from armstrack.model import Category, Deal, Status

__all__ = ["merge_drafts", "reconcile", "to_deal"]


def _overlap(a: Draft, b: Draft) -> bool:
    if a.value is not None and b.value is not None and a.value.amount != b.value.amount:
        return False  # two sums: two contracts
    if not a.lines or not b.lines:
        return True
    return bool({ln.key for ln in a.lines} & {ln.key for ln in b.lines})


def merge_drafts(drafts: Sequence[Draft]) -> list[Draft]:
    """Merge the reports of one transaction: same pair and overlapping systems."""
    merged: list[Draft] = []
    for d in drafts:
        target = next(
            (
                m
                for m in merged
                if (m.supplier, m.buyer) == (d.supplier, d.buyer) and _overlap(m, d)
            ),
            None,
        )
        if target is None:
            merged.append(d)
            continue
        keys = {ln.key: ln for ln in target.lines}
        for ln in d.lines:
            if ln.key in keys:
                if keys[ln.key].quantity is None:
                    keys[ln.key].quantity = ln.quantity
            elif not (ln.generic and ln.category in {x.category for x in target.lines}):
                target.lines.append(ln)
                keys[ln.key] = ln
        near = abs(d.sentence - target.sentence) <= 3
        borrowed = any(r.startswith("coref-") for r in d.rules)
        if target.value is None and (d.lines or near or not borrowed):
            # A sum from a report naming no system and borrowing its parties from the story
            # belongs only to a deal the text just spoke of.
            target.value = d.value
        if target.date is None:
            target.date = d.date
        if target.status is Status.REPORTED:
            target.status = d.status
        target.evidence.extend(d.evidence)
        target.rules.extend(d.rules)
        target.confidence = max(target.confidence, d.confidence)
    return merged


def reconcile(
    drafts: list[Draft],
    sentences: Sequence[SentenceFacts],
    text: str,
    low: str,
    catalogue: Catalogue,
    document_id: str | None,
) -> list[Deal]:
    """Settle the drafts of one document into deals.

    A class noun becomes the one design of its supplier the text keeps naming; a system keeps
    the supplier the text established for it; reports of one transaction merge; class lines
    that only repeat a named system go; a deal with nothing left is dropped.
    """
    named_in_text: dict[tuple[Category | None, str | None], dict[str, str]] = {}
    times: dict[str, int] = {}
    kinds: dict[str, set[str]] = {}  # family -> head nouns written after it ("PC-7 aircraft")
    for f in sentences:
        for m, nxt in zip(f.mentions, [*f.mentions[1:], None], strict=False):
            if (
                m.kind == "system"
                and nxt is not None
                and nxt.kind == "class"
                and (
                    not text[m.end : nxt.start].strip(" -") or modifier_gap(text[m.end : nxt.start])
                )
            ):
                root = catalogue.family_of(m.ref).id if m.ref in catalogue.systems else m.ref
                kinds.setdefault(root, set()).add(nxt.ref.split()[-1])
            elif m.kind == "system":
                # "Javelin missiles", "Black Hawk helicopters": a head noun inside the name.
                head = low[m.start : m.end].split()[-1]
                if head in KIND_GROUPS:
                    root = catalogue.family_of(m.ref).id if m.ref in catalogue.systems else m.ref
                    kinds.setdefault(root, set()).add(head)
        for m in f.mentions:
            # A design named as what the goods fit or replace is no candidate for a class.
            if m.kind == "system" and not not_goods(low, m, f.span.start):
                surface = strip_plural(text[m.start : m.end], low[m.start : m.end])
                root = catalogue.family_of(m.ref).id if m.ref in catalogue.systems else m.ref
                named_in_text.setdefault((m.category, m.state), {}).setdefault(root, surface)
                times[root] = times.get(root, 0) + 1
    for d in drafts:
        for i, ln in enumerate(d.lines):
            # "75 trainer aircraft from the Swiss company": the one Swiss trainer named.
            options = named_in_text.get((ln.category, d.supplier), {}) if ln.generic else {}
            root = next(iter(options)) if len(options) == 1 else ""
            if root and times[root] >= 3 and ln.key.split()[-1] in kinds.get(root, ()):
                ((ref, surface),) = options.items()
                d.lines[i] = Line(
                    surface, ln.category, ln.quantity, ref, ref, d.supplier, ln.span, False
                )
                d.rules.append("class-to-named")
    # A state the text has selling a system ("10 of Belgium's F-16s" to Peru) is not
    # also a buyer of it by its design's origin: that purchase is history, if a deal at all.
    sold = {
        (d.supplier, ln.key)
        for d in drafts
        if "origin-catalogue" not in d.rules
        for ln in d.lines
        if ln.origin != d.supplier
    }
    for d in drafts:
        if any(r == "origin-catalogue" for r in d.rules):
            d.lines = [ln for ln in d.lines if (d.buyer, ln.key) not in sold]
    # One system, one buyer, two suppliers: the line stays with the design's home state.
    homes: dict[tuple[str | None, str], set[int]] = {}
    for d in drafts:
        for ln in d.lines:
            if not ln.generic and ln.origin is not None and ln.origin == d.supplier:
                homes.setdefault((d.buyer, ln.key), set()).add(d.sentence)
    for d in drafts:
        d.lines = [
            ln
            for ln in d.lines
            if ln.generic
            or ln.origin is None
            or ln.origin == d.supplier
            or not homes.get((d.buyer, ln.key), set()) - {d.sentence}
        ]
    kept: list[Draft] = []
    merged = merge_drafts(drafts)
    for d in merged:
        named = {
            ln.category
            for x in merged
            if (x.supplier, x.buyer) == (d.supplier, d.buyer)
            and (x.value is None or d.value is None or x.value == d.value)
            for ln in x.lines
            if not ln.generic
        }
        own = {ln.category for ln in d.lines if not ln.generic}
        _count_named(d, merged)
        lines = []
        for ln in d.lines:
            if not ln.generic:
                lines.append(ln)
            elif _other_kind(ln, d, merged, kinds, catalogue):
                # Not a repeat of the named systems of its category: a line of its own.
                if keep_class_line(ln, own - {ln.category}, low, text):
                    lines.append(ln)
            elif ln.category not in named and keep_class_line(ln, own, low, text):
                lines.append(ln)
        d.lines = lines
    seen_classes: dict[tuple[str | None, str | None, Category | None], tuple[int, Line]] = {}
    for n, d in enumerate(merged):
        # Later mentions of a class ("the shells", "ammunition") are the line already read,
        # unless they give another count.
        lines = []
        for ln in d.lines:
            slot = (d.supplier, d.buyer, ln.category)
            first = seen_classes.get(slot)
            if not ln.generic or first is None:
                seen_classes.setdefault(slot, (n, ln))
                lines.append(ln)
            elif (
                first[0] == n
                or None not in (ln.quantity, first[1].quantity)
                or _other_kind(ln, d, merged, kinds, catalogue)  # "jets ... helicopters"
            ):
                lines.append(ln)
            elif first[1].quantity is None:
                first[1].quantity = ln.quantity
        d.lines = lines
    for d in merged:
        real = [ln for ln in d.lines if ln.category is not Category.UNSPECIFIED]
        if not d.lines or (not real and (d.status not in STRONG or not d.verb_status)):
            if d.value is not None:
                heir = next(
                    (
                        x
                        for x in merged
                        if x is not d
                        and (x.supplier, x.buyer) == (d.supplier, d.buyer)
                        and x.value is None
                        and x.lines
                    ),
                    None,
                )
                if heir is not None:
                    heir.value = d.value
                    heir.evidence.extend(ev for ev in d.evidence if ev.field == "value")
            continue
        kept.append(d)
    for d in kept:
        # "J-10C, also known as the Vigorous Dragon": a family name beside its variant.
        roots = {
            catalogue.family_of(ln.key).id
            for ln in d.lines
            if ln.system_id and ln.key in catalogue.systems and catalogue.systems[ln.key].family
        }
        d.lines = [ln for ln in d.lines if ln.generic or ln.key not in roots]
    return [to_deal(d, document_id) for d in kept]


def _other_kind(
    ln: Line,
    d: Draft,
    merged: Sequence[Draft],
    kinds: dict[str, set[str]],
    catalogue: Catalogue,
) -> bool:
    """Whether a class line is of another kind than every named system of its category the
    pair has (each named with a head noun of a known kind)."""
    group = KIND_GROUPS.get(ln.key.split()[-1])
    if group is None:
        return False
    others = [
        x
        for other in merged
        if (other.supplier, other.buyer) == (d.supplier, d.buyer)
        for x in other.lines
        if not x.generic and x.category == ln.category
    ]
    for x in others:
        root = catalogue.family_of(x.key).id if x.key in catalogue.systems else x.key
        heads = {KIND_GROUPS.get(h) for h in kinds.get(root, ())}
        if not heads or None in heads or group in heads:
            return False
    return bool(others)


def _count_named(d: Draft, merged: Sequence[Draft]) -> None:
    """Give a class noun's count to the one named system of its kind the pair lacks it for.

    "Belgium has delivered its first F-16s to Bulgaria ... the remaining 14 fighter
    jets": the class line goes as a repeat of the F-16s, and its count is theirs.
    Where the pair has two systems of the kind, or the one has a count, or the two are
    priced apart (two contracts), nothing changes.
    """
    for ln in d.lines:
        if not ln.generic or ln.quantity is None or ln.category is Category.UNSPECIFIED:
            continue
        same = [
            x
            for other in merged
            if (other.supplier, other.buyer) == (d.supplier, d.buyer)
            and (other.value is None or d.value is None or other.value == d.value)
            for x in other.lines
            if not x.generic and x.category == ln.category
        ]
        if len({x.key for x in same}) == 1 and all(x.quantity is None for x in same):
            for x in same:
                x.quantity = ln.quantity


def to_deal(d: Draft, document_id: str | None) -> Deal:
    """Return the validated :class:`Deal` of draft *d*.

    The deal is validated from plain fields in one call, its system lines and evidence
    included: pydantic's core checks them all faster than Python builds them one by one.
    """
    systems: dict[str, dict[str, object]] = {}
    for ln in d.lines:
        systems.setdefault(
            ln.key,
            {
                "name": ln.name,
                "category": ln.category,
                "quantity": ln.quantity,
                "system_id": ln.system_id,
            },
        )
    return Deal.model_validate(
        {
            "supplier": d.supplier,
            "buyer": d.buyer,
            "systems": list(systems.values()),
            "value": d.value,
            "status": d.status,
            "kind": d.kind,
            "supplier_organisations": [o for o in d.supplier_orgs if o],
            "buyer_organisations": [o for o in d.buyer_orgs if o],
            "date": d.date,
            "evidence": [note.fields(document_id or None) for note in d.evidence],
            "confidence": d.confidence,
        }
    )

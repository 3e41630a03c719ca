"""Systems: the lines of a deal, one weapon system or class each, with their counts.

A system named in a sentence is a line ("180 K2 tanks": K2, 180); a class noun is a line of
its own only where it is not the named system's kind ("K2 tanks") and heads its own phrase.
Systems named as what the goods replace or carry ("to replace its Mi-25s") are not lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from armstrack.catalogue import Catalogue
from armstrack.extract.drafts import Line, SentenceFacts
from armstrack.extract.rules import default_rules
from armstrack.extract.spans import EntityMention, MoneyMention, QuantityMention, Span
from armstrack.model import Category

__all__ = [
    "KIND_GROUPS",
    "count_of",
    "keep_class_line",
    "modifier_gap",
    "not_goods",
    "read_lines",
    "strip_plural",
    "sum_between",
]

_GAP_TOKEN = re.compile(r"\(?[A-Za-z][\w'’/.-]*\)?|\d+(?:[.,]\d+)?(?:-[a-z]+)+|\d+mm")


_GAP_STOP = frozenset(
    re.findall(
        r"\w+",
        "and or to from in with for by at per percent than which that who were was are is "
        "be been has have had will would year years months days million billion worth",
    )
)


_GAP_LEAD = re.compile(r"^\s+(?:units?|batch(?:es)?|squadrons?|sets?|pieces?|more|of)(?: of)?\b")


# Systems named as what the goods replace, carry or resemble are not goods of the deal.
_NOT_GOODS = re.compile(
    r"\b(?:mounted on|fitted (?:on|to)|installed on|integrated (?:on|into)|replac(?:e|es|ing)|"
    r"replacement (?:for|of)|succeed|similar to|based on|compared (?:with|to)|instead of|"
    r"rather than|lost out to|beat|rival(?:s|ing)?|alongside|derived from|version of|"
    r"as part of|under|dubbed|nicknamed|billed as|touted as|likened to|equivalent of|"
    r"aboard|on board|carried by|ferried by|"
    r"answer to|counterpart (?:of|to)|"
    r"(?:also|already|currently|still) (?:flies|fly|operates|operate|uses|use|fields|has|have))"
    r"(?:\s+(?:the|its|their|a|an|some|ageing|aging|old|older|existing|[\d,]+))*\s+[\"“‘']?$"
)


#: Kinds within a category that a report never calls one another: a class noun of one is
#: not a repeat of a named system written with a noun of the other ("KF-21 fighter
#: jets ... military helicopters", "Leopard 1 tanks ... armoured personnel carriers").
KIND_GROUPS = {
    **dict.fromkeys(("helicopter", "helicopters", "chopper", "choppers"), "rotor"),
    **dict.fromkeys(("jet", "jets", "fighter", "fighters", "plane", "planes"), "fixed"),
    **dict.fromkeys(("tank", "tanks"), "tank"),
    **dict.fromkeys(("carrier", "carriers", "apc", "apcs", "ifv", "ifvs"), "carrier"),
    **dict.fromkeys(("bomb", "bombs"), "bomb"),
    **dict.fromkeys(("missile", "missiles"), "missile"),
    **dict.fromkeys(("frigate", "frigates"), "frigate"),
    **dict.fromkeys(("corvette", "corvettes"), "corvette"),
    **dict.fromkeys(("destroyer", "destroyers"), "destroyer"),
    **dict.fromkeys(("submarine", "submarines"), "submarine"),
}


# A name that only says whose people or kit the goods serve: "a simulator for Rafale
# pilots", "F-16 training".
_ONLY_MODIFIES = re.compile(
    r"(?:'s|’s)?[\s-]+(?:pilots?|crews?|simulators?|training|trainees|instructors?|"
    r"mechanics|technicians|hangars?)\b"
)


# A ship's or a design's own name before its class noun: "the Brawijaya frigate".
_NAME_BEFORE = re.compile(r"(?:\b(?:the|a|an) ([A-Z][a-z]{2,})|\b([A-Z][a-z]{2,}-class))\s$")


_UNIT_TAIL = re.compile(r" (?:units|systems|vehicles|batteries|pieces|kits)\b")


# A capitalised word right before an ambiguous name ("Minister Maria Eagle").
_PERSON_BEFORE = re.compile(r"(?<![\w.])(?!(?:The|A|An|Its|Their|His|Her|New|Old)\s)[A-Z][a-z]+\s$")


#: A fleet told with how many were bought, or that it was bought: "flies 7 F-5 jets, out of
#: 10 bought from", "flies F-5 jets it bought in 1990".
_OUT_OF = re.compile(
    r"(?:\s+[a-z-]+)?(?:,?\s+(?:out of|of the|from an original)\s+(\d+|[a-z]+)|"
    r"\s+(?:that\s+|which\s+)?(?:it|they)\s+(?:had\s+|has\s+|have\s+)?)\s*"
    r"(?:bought|ordered|purchased|acquired|received|delivered|supplied)\b"
)


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Words that are no words of kind before a class noun: counts, determiners, quantities,
#: particles and common verbs (the verbs of the trade come from the trigger rules).
_NOT_KIND = _word_set(
    "more new additional further other several some many used old first second third "
    "last final remaining its their his her our the a an and or of for to with from by in "
    "on at as into these those this that all both each two three four five six seven eight "
    "nine ten eleven twelve dozen dozens hundreds thousands will would could may might "
    "shall can has have had is are was were be been being also not said says plus such "
    "over up out off down back about via per than only just any no get give send make "
    "build field fly operate use replace upgrade modernise modernize fund finance develop "
    "test deploy station need want seek choose select pick evaluate consider retire add "
    "bring include cover cost hand turn"
)
_KIND_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")


def _kind_start(low: str, start: int, floor: int) -> int:
    """Where the lower-case words of kind before a class noun begin ("ground-controlled
    interception radars", "coastal surveillance radar systems"): at most three, none of
    them a count, determiner, particle or verb, nor a plain word in -ed, -ing or -s."""
    verbs = _trade_verbs()
    words = list(re.finditer(r"\S+", low[max(floor, start - 60) : start]))
    begin = start
    for w in reversed(words[-3:]):
        word = w.group()
        if (
            not _KIND_WORD.fullmatch(word)
            or word in _NOT_KIND
            or word in verbs
            or ("-" not in word and word.endswith(("ed", "ing", "s")))
            or low[max(floor, start - 60) + w.end() : begin].strip()
        ):
            break
        begin = max(floor, start - 60) + w.start()
    return begin


@cache
def _trade_verbs() -> frozenset[str]:
    return frozenset(w for form in default_rules().verb_forms for w in form.split())


_UNIT_OF = re.compile(r"\s+of\s+")

#: What may stand between a system's name and a second name given for it.
_ASIDE_MARKS = " \t\"'“”‘’("


def read_lines(
    text: str, low: str, facts: SentenceFacts, catalogue: Catalogue, excluded: set[int]
) -> list[Line]:
    goods = [m for m in facts.mentions if m.kind in ("system", "class")]
    named = [m for m in goods if m.kind == "system"]
    lines: list[Line] = []
    recounts: dict[str, int] = {}  # counts a class noun gives the named system it repeats
    carried: dict[int, int] = {}  # counts a unit noun ("rounds of") gives the goods after it
    for i, m in enumerate(goods):
        # "flies Russian MiG-29s": the words before the maker's adjective tell.
        anchor = next(
            (
                x
                for x in facts.mentions
                if x.kind == "state" and x.end < m.start and not low[x.end : m.start].strip()
            ),
            m,
        )
        bought = _OUT_OF.match(low, m.end) if m.kind == "system" else None
        if (
            m.start in excluded
            or (not_goods(low, anchor, facts.span.start) and bought is None)
            or (m.kind == "system" and _ONLY_MODIFIES.match(low, m.end))
        ):
            continue
        before = (
            _PERSON_BEFORE.search(text, max(0, m.start - 30), m.start)
            if m.kind == "system" and m.ambiguous
            else None
        )
        if before is not None and not any(
            x.start <= before.start() < x.end for x in facts.mentions
        ):
            continue  # "Maria Eagle", "Tom Hawk": a person's name
        prev_good = goods[i - 1] if i else None
        if (
            m.kind == "system"
            and prev_good is not None
            and prev_good.kind == "system"
            and not text[prev_good.end : m.start].strip(_ASIDE_MARKS)
        ):
            # "Su-30MKA Flanker", 'Type 054A "Jiangkai II"', "J-10 (J-10CE)": a second name of the
            # same design; where it is a variant of the first, it is the more exact name.
            system = catalogue.systems.get(m.ref)
            if system is not None and system.family == prev_good.ref and lines:
                last = lines[-1]
                if last.system_id == prev_good.ref:
                    name = _singular(
                        catalogue, m.ref, strip_plural(text[m.start : m.end], low[m.start : m.end])
                    )
                    lines[-1] = Line(
                        name, m.category, last.quantity, m.ref, m.ref, m.state, last.span, False
                    )
            continue
        if m.kind == "class":
            prev = goods[i - 1] if i else None
            nxt = goods[i + 1] if i + 1 < len(goods) else None
            if nxt is not None and nxt.kind == "class" and not text[m.end : nxt.start].strip():
                continue  # "missile frigates": the first noun says what kind
            if (
                nxt is not None
                and nxt.kind == "class"
                and _UNIT_OF.fullmatch(text, m.end, nxt.start)
            ):
                # "5,000 rounds of tank ammunition": a unit of the goods after it
                unit_count = count_of(text, m, facts.quantities, goods)
                if unit_count is not None:
                    carried[nxt.start] = unit_count
                continue
            # "K2 tanks", "fighter aircraft J-10C": the class belongs to the named system.
            if (
                prev is not None
                and prev.kind == "system"
                and not text[prev.end : m.start].strip(" -")
            ):
                continue
            if nxt is not None and nxt.kind == "system" and not text[m.end : nxt.start].strip():
                continue
            same = [n for n in named if n.category == m.category]
            if (
                same
                and not all(sum_between(facts.money, m, n) for n in same)
                and not _other_kind(low, m, same, goods)
            ):
                # "F-35 fighter jets ... the jets": the named system's class, whose count
                # ("Javelins ..., including up to 600 missiles") is the system's.
                count = _total_of(text, low, m, facts.quantities, goods)
                if count is not None and len({n.ref for n in same}) == 1:
                    recounts[same[0].ref] = count
                continue
            if m.category is Category.UNSPECIFIED and len(goods) > 1:
                continue
        quantity = count_of(text, m, facts.quantities, goods)
        if quantity is None:
            quantity = carried.get(m.start)
        if bought is not None:
            # "flies 7 F-5 jets, out of 10 bought from ...": the count bought
            quantity = next(
                (
                    q.value
                    for q in facts.quantities
                    if bought.group(1) and q.start == bought.start(1)
                ),
                quantity,
            )
        if m.kind == "system":
            name = _singular(
                catalogue, m.ref, strip_plural(text[m.start : m.end], low[m.start : m.end])
            )
            lines.append(
                Line(
                    name,
                    m.category,
                    quantity,
                    m.ref,
                    m.ref,
                    m.state,
                    Span(m.start, m.end),
                    False,
                )
            )
        else:
            end = m.end
            unit = _UNIT_TAIL.match(low, end)
            if unit:
                end = unit.end()
            named_as = _NAME_BEFORE.search(text, max(facts.span.start, m.start - 30), m.start)
            own_name = (named_as.group(1) or named_as.group(2)) if named_as else None
            if named_as is not None and any(
                x.start <= named_as.start(1 if named_as.group(1) else 2) < x.end
                for x in facts.mentions
            ):
                own_name = None  # "the Indian frigate": a state, not a name
            start = m.start
            if not own_name:
                # "coastal surveillance radars": the words of kind are part of the name
                start = _kind_start(low, m.start, facts.span.start)
                if any(x.start < m.start and x.end > start for x in facts.mentions):
                    start = m.start
            lines.append(
                Line(
                    f"{own_name} {low[m.start : end]}" if own_name else low[start:end],
                    m.category,
                    quantity,
                    None,
                    m.ref,
                    None,
                    Span(m.start, end),
                    True,
                )
            )
    for ln in lines:
        if not ln.generic and ln.quantity is None and ln.key in recounts:
            ln.quantity = recounts[ln.key]
    return lines


# Words that give a whole count, not a part ("the first 8 jets"): "including up to".
_TOTAL_BEFORE = re.compile(
    r"\b(?:including|comprising|covering|totall?ing|a total of|in all)\s+(?:up to\s+)?$"
)


def _total_of(
    text: str,
    low: str,
    m: EntityMention,
    quantities: Sequence[QuantityMention],
    goods: Sequence[EntityMention],
) -> int | None:
    """The count of a class noun where words of a whole come before it."""
    for q in quantities:
        if (
            q.end <= m.start
            and modifier_gap(text[q.end : m.start])
            and _TOTAL_BEFORE.search(low, max(0, q.start - 30), q.start)
        ):
            return q.value
    return None


def _other_kind(
    low: str, m: EntityMention, same: Sequence[EntityMention], goods: Sequence[EntityMention]
) -> bool:
    """Whether a class noun is of another kind than each named system of its category, as
    the sentence writes them ("smart bomb kits and Javelin missiles")."""
    group = KIND_GROUPS.get(m.ref.split()[-1])
    if group is None:
        return False
    for n in same:
        after = next((g for g in goods if g.start >= n.end), None)
        heads = {low[n.start : n.end].split()[-1]}
        if after is not None and after.kind == "class" and not low[n.end : after.start].strip():
            heads.add(after.ref.split()[-1])
        groups = {KIND_GROUPS.get(h) for h in heads} - {None}
        if not groups or group in groups:
            return False
    return True


def not_goods(low: str, m: Span, start: int) -> bool:
    """Whether the words before *m* (from *start*, its sentence's) name it as what the goods
    replace, carry or resemble ("radars that can be fitted to Gripen jets")."""
    return _NOT_GOODS.search(low, max(start, m.start - 40), m.start) is not None


def _singular(catalogue: Catalogue, ref: str, name: str) -> str:
    """A system's name without the plural "s" the text gave it ("Dassault Rafales" ->
    "Dassault Rafale"), where the catalogue writes the name or an alias so."""
    if not name.endswith("s") or len(name) < 4:
        return name
    system = catalogue.systems.get(ref)
    if system is None:
        return name
    stem = name[:-1].lower()
    forms = (system.name, *system.aliases)
    return name[:-1] if any(stem.endswith(f.lower()) for f in forms if f) else name


def sum_between(money: Sequence[MoneyMention], a: Span, b: Span) -> bool:
    """Whether a sum of money stands between two mentions (they are priced apart)."""
    lo, hi = min(a.end, b.end), max(a.start, b.start)
    return any(lo <= m.start and m.end <= hi for m in money)


def strip_plural(name: str, low: str) -> str:
    for suffix in ("'s", "’s", "s"):
        if (
            low.endswith(suffix)
            and len(name) > len(suffix) + 1
            and name[-len(suffix) - 1].isdigit()
        ):
            return name[: -len(suffix)]
    return name


def modifier_gap(gap: str) -> bool:
    """Whether words between a count and a system only describe it ("24 additional")."""
    if any(c in gap for c in ",;:$"):
        return False
    lead = _GAP_LEAD.match(gap)
    words = gap[lead.end() :].split() if lead else gap.split()
    return len(words) <= 4 and all(
        _GAP_TOKEN.fullmatch(w) is not None and w.lower() not in _GAP_STOP for w in words
    )


def count_of(
    text: str,
    m: EntityMention,
    quantities: Sequence[QuantityMention],
    goods: Sequence[EntityMention],
) -> int | None:
    best: QuantityMention | None = None
    for q in quantities:
        if q.end <= m.start and m.start - q.end <= 60:
            if any(q.end <= g.start < m.start for g in goods if g is not m and g.kind == "system"):
                continue
            if modifier_gap(text[q.end : m.start]):
                best = q
    return best.value if best is not None else None


_ONE_ITEM = re.compile(r"\b(?:a|an|the|its|their|one|another|first|second|new)(?:\s+[a-z-]+)?\s+$")


_NAME_AFTER = re.compile(r"\s+[A-Z][A-Za-z]+")


_HEAD_END = re.compile(
    r"\s*(?:[,.;:)]|$|\s(?:from|to|for|in|at|on|by|and|worth|valued|[a-z]+ed)\b)"
)


def keep_class_line(line: Line, named: set[Category | None], low: str, text: str = "") -> bool:
    """Whether a class line ("rocket launchers") is a line of its own in the deal."""
    if line.category in named:
        return False
    plural = (
        low[line.span.end - 1 : line.span.end] == "s"
        or line.quantity is not None
        or line.category in (Category.ARTILLERY, Category.OTHER)  # "artillery", "ammunition"
        or (
            _ONE_ITEM.search(low, max(0, line.span.start - 30), line.span.start) is not None
            and (
                _HEAD_END.match(low, line.span.end) is not None
                or _NAME_AFTER.match(text, line.span.end) is not None  # "the frigate BRP Rizal"
            )
        )  # "took delivery of the frigate"
    )
    if named:
        return line.quantity is not None
    return plural

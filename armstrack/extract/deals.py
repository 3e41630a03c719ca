"""Deal assembly: from the mentions and triggers of each sentence to :class:`Deal` records.

A sentence yields a deal when it holds a trigger and a supplier and a buyer can be told:
from the roles of its parties (:mod:`armstrack.extract.roles`), from the origin of the
systems it names where only the buyer is written ("Poland will buy K2 tanks": K2 is
Korean), or from the sentences before it ("the two countries", "the deal"). Reports of the
same transaction (same pair, overlapping systems) are merged; a state's order from its own
industry and deals in hedged sentences without a named system are dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice, pairwise

from armstrack.catalogue import Catalogue
from armstrack.extract.drafts import Draft, Line, SentenceFacts, evidence_at
from armstrack.extract.merge import reconcile
from armstrack.extract.roles import Party, only_modifiers, read_parties
from armstrack.extract.rules import Frame, default_rules
from armstrack.extract.spans import EntityMention, MoneyMention, Span
from armstrack.extract.status import STRONG, sentence_status
from armstrack.extract.systems import count_of, modifier_gap, read_lines
from armstrack.extract.triggers import TriggerHit
from armstrack.model import Deal, DealKind, OrganisationKind, Status

__all__ = [
    "Draft",
    "SentenceFacts",
    "assemble",
    "clauses",
    "draft_from_sentence",
    "without_aside",
]

_POSSESSIVE_S = re.compile(r"^(?:'s|’s)")


_COREF_PAIR = re.compile(r"\b(?:the two|both) (?:countries|nations|sides|governments|states)\b")


#: Goods the buyer's own industry makes under a deal are no goods of the deal.
_MADE_LOCALLY = re.compile(
    r"\b(?:(?:produced|built|made|manufactured|assembled) locally|locally (?:produced|built|"
    r"made|manufactured|assembled)|local (?:production|assembly|manufacture))\b"
)
#: A second deal told after a first: "the second package", "another contract".
_ANOTHER_DEAL = re.compile(
    r"\b(?:(?:the|a) (?:second|third|other)|another) (?:deal|contract|agreement|order|"
    r"package|sale|purchase)\b"
)
_COREF_DEAL = re.compile(
    r"\b(?:the|this|that) (?:deal|contract|agreement|order|purchase|sale|package|"
    r"acquisition|procurement)\b"
)


#: Verbs that send forces as well as goods.
_SENDING = frozenset({"send", "sends", "sending", "sent"})
#: Words of a deployment: the goods stay the sender's, with its people, for a while.
_DEPLOYMENT = re.compile(
    r"\b(?:deploy(?:s|ed|ing|ment|ments)?|rotations?|rotational|temporar(?:y|ily)|"
    r"air policing|eastern flank|under (?:[a-z]+ )?command|"
    r"(?:nato|un|peacekeeping|training) (?:missions?|operations?|exercises?|drills)|"
    r"with (?:about |some |around |nearly |more than )?[\d,]+ (?:soldiers|troops|personnel|"
    r"service members|crew members|airmen|sailors)|"
    r"for (?:a |an |the )?(?:few |several |two |three |four |five |six |nine |\d+ )?"
    r"(?:months?|weeks?)\b)"
)


_DEAL_ALSO = re.compile(
    r"\b(?:the|this|that) (?:deal|contract|agreement|order|package|purchase|sale)"
    r"(?: [a-z]+)? (?:also )?(?:includes?|including|covers?|comprises?)\b"
)


def draft_from_sentence(
    text: str,
    low: str,
    facts: SentenceFacts,
    catalogue: Catalogue,
    state_form_kind: dict[str, str],
    context: _Context,
) -> list[Draft]:
    """Return the deals one sentence reports (empty if it reports none)."""
    if not facts.triggers:
        return []
    if all(t.status is None and {"negation", "refusal"} & set(t.cues) for t in facts.triggers):
        return []  # "has not bought", "refused to buy", "blocked the sale of": no transfer
    s, e = facts.span.start, facts.span.end
    parties = read_parties(
        low, s, e, facts.mentions, facts.triggers, catalogue, state_form_kind, context.named_states
    )
    origin_parties = {p.mention.start for p in parties if p.role == "origin"}
    lines = read_lines(text, low, facts, catalogue, set())
    status, main = sentence_status(facts.triggers)
    subject_end = next((p.mention.end for p in parties if p.role == "subject"), s)
    frame = _frame(facts.triggers, subject_end)
    suppliers, buyers, rules = _resolve(parties, frame, lines, context.doc_origins, facts.triggers)
    if status is Status.REPORTED and any(
        p.role == "subject" and any(t.start == p.mention.end + 4 for t in facts.triggers)
        for p in parties
        if low[p.mention.end : p.mention.end + 4] == " to "
    ):
        status = Status.PLANNED  # a headline's "Peru to buy KF-21s"
        rules.append(_HEADLINE_TO)
    elif (
        status is Status.PLANNED
        and main is not None
        and main.pos == "verb"
        and main.frame in (Frame.SELL, Frame.RECEIVE)
        and "modal-future" in main.cues
    ):
        rules.append(_TO_COME)  # "Embraer will deliver 6 C-390s": maybe a contract's deliveries
    sentence_low = low[s:e]
    verbs = [t for t in facts.triggers if t.pos == "verb"]
    if verbs and all(t.form in _SENDING for t in verbs) and _DEPLOYMENT.search(sentence_low):
        # "sent two Patriot batteries with 200 soldiers to Slovakia", "sent four F-35s to
        # Poland to guard NATO airspace for three months": a deployment, not a transfer.
        return []
    last = context.last
    undone = (
        status is Status.CANCELLED
        and main is not None
        and main.pos == "verb"
        and not main.cues
        and _COREF_DEAL.search(sentence_low) is not None
    )  # "Lima called off the deal in June"
    if (
        last is not None
        and (lines or undone)
        and facts.index - last.sentence <= 8
        and (undone or _DEAL_ALSO.search(sentence_low))
        and all(
            p.company or p.role == "origin" or p.state in (last.supplier, last.buyer)
            for p in parties
        )
    ):
        # "The deal also includes Meteor and SCALP missiles from MBDA": more goods of
        # the deal the text spoke of last, whichever companies make them.
        _extend(last, lines, facts, text, s, e, status, main)
        last.rules.append("coref-deal-includes")
        return []
    if _COREF_PAIR.search(sentence_low) and (not suppliers or not buyers) and context.pair:
        suppliers, buyers = [context.pair[0]], [context.pair[1]]
        rules.append("coref-two-countries")
    if "the north" in sentence_low and text[s:e].find("the North") >= 0 and context.north:
        if not buyers and suppliers:
            buyers = [("PRK", None)]
        elif not suppliers:
            suppliers = [("PRK", None)]
        rules.append("coref-the-north")
    if not buyers and suppliers:
        holder = next((p for p in parties if p.role == "holder"), None)
        if holder is not None and holder.state != suppliers[0][0]:
            buyers = [_side(holder)]
            rules.append("holder-possessive")
    if not buyers and suppliers and lines and frame is not Frame.SELL:
        speaker = _speaker(low, facts, suppliers[0][0], catalogue)
        if speaker is not None:
            buyers = [(speaker, None)]
            rules.append("buyer-speaker")
    if (
        not buyers
        and lines
        and (frame is not Frame.SELL or _BODY_OPENING.match(low, s))
        and context.last is not None
    ):
        story = _story_buyer(low, facts, parties, suppliers, lines, context.last)
        if story is not None:
            suppliers, buyers = [story[0]], [(story[1], None)]
            rules.append("coref-story-buyer")
    if not suppliers and not buyers:
        made = next((p for p in parties if p.role == "origin" and p.cue != "before-system"), None)
        if made is not None and lines:
            suppliers = [_side(made)]
            rules.append(f"origin-{made.cue}")
    if (
        last is not None
        and facts.index - last.sentence <= 12
        and suppliers
        and not buyers
        and last.buyer
        and last.buyer != suppliers[0][0]
        and frame in (Frame.BUY, Frame.RECEIVE)
        and _PRONOUN_BUYER.search(low, s, _first_trigger(facts, Frame.BUY))
    ):
        # "... after its deal to acquire Patria AMVs from Finland": the buyer spoken of before.
        buyers = [(last.buyer, None)]
        rules.append("coref-pronoun")
    if last is not None and facts.index - last.sentence <= 5 and (suppliers or buyers):
        # The story goes on: "Under the same package, Denmark will also supply ..."
        if (
            suppliers
            and not buyers
            and suppliers[0][0] == last.supplier
            and last.buyer
            and not _TO_SITE.search(sentence_low)
        ):
            buyers = [(last.buyer, None)]
            rules.append("coref-same-supplier")
        elif (
            buyers
            and not suppliers
            and buyers[0][0] == last.buyer
            and last.supplier
            and not _origin(parties, lines, buyers[0][0], catalogue, context, facts)
        ):
            suppliers = [(last.supplier, None)]
            rules.append("coref-same-buyer")
    if (
        not suppliers
        and not buyers
        and not [p for p in parties if p.role not in ("origin", "holder")]
    ):
        # "The deal is worth $3 billion": facts for the deal the text spoke of last.
        last = context.last
        same = [ln for ln in lines if ln.origin in (None, last.supplier)] if last else []
        if _MADE_LOCALLY.search(sentence_low):
            # "the shells will be made locally": the buyer's own industry
            same = [ln for ln in same if not ln.generic]
        if (
            last is not None
            and facts.index - last.sentence <= 8
            and (
                _COREF_DEAL.search(sentence_low)
                or any(ln.origin == last.supplier for ln in same)
                or bool({ln.key for ln in same} & {ln.key for ln in last.lines})
                or any(
                    ln.generic and ln.quantity is not None and ln.category == x.category
                    for ln in same
                    for x in last.lines
                )
            )
        ):
            if (
                _ANOTHER_DEAL.search(sentence_low)
                and facts.money
                and last.value is not None
                and same
                and not {ln.key for ln in same} & {ln.key for ln in last.lines}
            ):
                # "Another contract, for 40 trucks, is put at 9 million euros": a deal of
                # its own between the same two states, with its own value.
                d = Draft(
                    supplier=last.supplier,
                    buyer=last.buyer,
                    lines=list(same),
                    value=facts.money[0].money,
                    status=last.status if status is Status.REPORTED else status,
                    kind=last.kind,
                    sentence=facts.index,
                    rules=[*rules, "coref-another-deal"],
                    date=facts.first_date(),
                )
                _evidence(d, text, s, e, parties, facts, main, value_span=facts.money[:1])
                context.last = d
                return [d]
            _extend(last, same, facts, text, s, e, status, main)
            last.rules.append("coref-the-deal")
        return []
    if buyers and not suppliers and not lines and last is not None:
        share = _share_of_last(text, facts, last, buyers[0][0], context.drafts)
        if share is not None and last.supplier is not None:
            suppliers, lines = [(last.supplier, None)], [share[0]]
            if share[1] in STRONG:
                status = share[1]  # a share of a contract signed is signed
            rules.append("coref-share")
    if buyers and not suppliers and not lines and last is not None:
        pointed = _same_system(text, sentence_low, facts, last, buyers[0][0])
        if pointed is not None and last.supplier is not None:
            suppliers, lines = [(last.supplier, None)], [pointed]
            rules.append("coref-the-system")
    if buyers and not suppliers:
        origin = _origin(parties, lines, buyers[0][0], catalogue, context, facts)
        if origin is not None:
            suppliers = [(origin[0], None)]
            rules.append(origin[1])
    if suppliers and not buyers and lines and facts.triggers:
        context.orphans.append((facts.index, suppliers[0], lines, status, rules))
    if not suppliers or not buyers:
        return []
    maker = next((p for p in parties if p.role == "subject" and p.company), None)
    named = {ln.origin for ln in lines if not ln.generic}
    if (
        maker is not None
        and len(suppliers) == 1
        and [b for b, _ in buyers] == [maker.state]
        and named == {maker.state}
    ):
        # "Acme reported more orders, helped by contracts with Ruritania" for Acme's own
        # design: the maker sells; the state it contracts with buys.
        suppliers, buyers = buyers, suppliers
        rules.append("maker-sells")
    value = facts.money[0].money if facts.money else None
    drafts: list[Draft] = []
    for supplier, s_org in suppliers[:2]:
        for buyer, b_org in buyers:
            if supplier == buyer:
                continue
            own = _lines_for(buyer, buyers, lines, parties) if len(buyers) > 1 else lines
            if len(suppliers) > 1:
                own = _lines_for(supplier, suppliers[:2], own, parties, ("supplier",))
            if len(buyers) > 1 and len(own) == 1:
                own = _share_for(text, facts, parties, buyer, own[0], [b for b, _ in buyers])
            d = Draft(
                supplier=supplier,
                buyer=buyer,
                lines=list(own),
                value=value,
                status=status,
                kind=_kind(facts.triggers),
                supplier_orgs=[s_org] if s_org else [],
                buyer_orgs=[b_org] if b_org else [],
                sentence=facts.index,
                rules=[*(t.rule.id for t in facts.triggers if t.rule), *rules],
                verb_status=main is not None and main.pos == "verb",
                date=facts.first_date(),
            )
            _evidence(d, text, s, e, parties, facts, main, value_span=facts.money[:1])
            extras = _split_by_origin(d, parties, low) + _split_by_value(d, facts.money, text)
            d.confidence = 0.9 if "origin" not in " ".join(rules) else 0.7
            drafts.append(d)
            drafts.extend(extras)
    if drafts:
        context.pair = (suppliers[0], buyers[0])
        context.last = drafts[-1]
        for index, side, orphan_lines, orphan_status, orphan_rules in context.orphans:
            if side[0] == suppliers[0][0] and facts.index - index <= 3 and index < facts.index:
                d = drafts[0]
                drafts.append(
                    Draft(
                        supplier=side[0],
                        buyer=d.buyer,
                        lines=orphan_lines,
                        status=orphan_status,
                        kind=d.kind,
                        sentence=index,
                        rules=[*orphan_rules, "coref-later-buyer"],
                        evidence=[ev for ev in d.evidence if ev.field == "buyer"],
                        confidence=0.6,
                    )
                )
        context.orphans.clear()
    _ = origin_parties
    return drafts


_COUNT_FOR = re.compile(r"\s+(?:[a-z-]+\s+){0,2}(?:for|to)\s+(?:the\s+)?")


def _share_for(
    text: str,
    facts: SentenceFacts,
    parties: Sequence[Party],
    buyer: str,
    line: Line,
    buyers: Sequence[str] = (),
) -> list[Line]:
    """One buyer's share of the one system of a sentence: "seven Gripen jets: four for
    Thailand and three for Hungary" gives Thailand four, Hungary three; so does "Slovakia
    and Slovenia will receive 5 and 3 NASAMS systems" (the counts in the buyers' order)."""
    for p in parties:
        if p.state != buyer or p.role != "buyer":
            continue
        for q in facts.quantities:
            if q.end <= p.mention.start and _COUNT_FOR.fullmatch(text, q.end, p.mention.start):
                return [replace(line, quantity=q.value)]
    counts = [q for q in facts.quantities if q.end <= line.span.start]
    if len(buyers) == 2 and len(counts) >= 2:
        a, b = counts[-2:]
        if (
            text[a.end : b.start] in (" and ", ", and ")
            and modifier_gap(text[b.end : line.span.start])
            and buyer in buyers
        ):
            order = [
                p.state for p in sorted(parties, key=lambda p: p.mention.start) if p.state in buyers
            ]
            if sorted(set(order)) == sorted(buyers):
                first = next(state for state in order)
                return [replace(line, quantity=(a if buyer == first else b).value)]
    return [line]


#: A count that stands for a noun said before: "..., while Estonia will buy three."
_BARE_COUNT_AFTER = re.compile(r"\s*(?:[.;,)]|$|(?:more|others?|units|of them)\b)")


def _share_of_last(
    text: str, facts: SentenceFacts, last: Draft, buyer: str, drafts: Sequence[Draft]
) -> tuple[Line, Status] | None:
    """The share of the goods told just before that a second buyer takes, with the status
    of the deal it is a share of.

    "Finland will get five of the planes, while Estonia will buy three": the second
    clause names no goods, only a bare count; it takes the one system of the report before
    it, in this sentence or the one before. The first buyer's system then has the first
    share as its count (five, not the eight ordered together).
    """
    if last.supplier is None or last.buyer == buyer or not 0 <= facts.index - last.sentence <= 1:
        return None
    if len(last.lines) != 1 or last.lines[0].quantity is None:
        return None
    count = next(
        (q for q in facts.quantities if _BARE_COUNT_AFTER.match(text, q.end) is not None), None
    )
    if count is None:
        return None
    line, status = last.lines[0], last.status
    if line.generic:
        # "five of these aircraft": the named system of that kind the pair was sold.
        named = {
            x.key: (x, d.status)
            for d in drafts
            if (d.supplier, d.buyer) == (last.supplier, last.buyer)
            for x in d.lines
            if not x.generic and x.category == line.category
        }
        if len(named) != 1:
            return None
        ((first, status),) = named.values()
        first.quantity = line.quantity
        line = first
    return replace(line, quantity=count.value, span=Span(count.start, count.end)), status


#: Words that point back to the one system a report is about.
_THE_SYSTEM = re.compile(r"\b(?:the (?:same )?(?:system|type|design|model)|it|them)\b")
#: A count of units of a system: "6 batteries", "two more units".
_UNIT_COUNT = re.compile(r"\s+(?:more\s+)?(?:batter(?:y|ies)|units?|fire units?|systems?)\b")


def _same_system(
    text: str, sentence_low: str, facts: SentenceFacts, last: Draft, buyer: str
) -> Line | None:
    """The system of the deal told just before, where a sentence names a buyer but no
    goods and points back to it ("Ruritania ordered it in 2021", "after Freedonia signed
    for 6 batteries of the system"), with the sentence's own count of units (else None)."""
    if last.supplier in (None, buyer) or last.buyer == buyer or facts.index - last.sentence > 3:
        return None
    named = [ln for ln in last.lines if not ln.generic]
    if len({ln.key for ln in named}) != 1 or not _THE_SYSTEM.search(sentence_low):
        return None
    count = next((q for q in facts.quantities if _UNIT_COUNT.match(text, q.end)), None)
    if count is None:
        return replace(named[0], quantity=None)
    return replace(named[0], quantity=count.value, span=Span(count.start, count.end))


#: A sentence opening with a state or its body that reports what it bought: "Ruritania's
#: defence ministry told reporters the contract for ten jets from Acme ...", "The
#: Freedonian cabinet confirmed that it buys ... from ...".
_SPEAKER_BEFORE = re.compile(r"\s*(?:[^\n]{0,60}?\s[-–—]\s+)?(?:the\s+)?")  # after a dateline
_SPEAKER_AFTER = re.compile(
    r"(?:'s|’s)?(?:\s+[a-z-]+){0,3}\s+(?:said|says|confirmed|confirms|announced|announces|"
    r"stated|states|told)\b"
)


_DATELINE_TAIL = re.compile(r"\s*(?:\(|[-–—]\s|,\s*[a-z]+\.?\s+\d)")


def _speaker(low: str, facts: SentenceFacts, supplier: str, catalogue: Catalogue) -> str | None:
    """The state whose report the sentence is, where it opens the sentence (else None)."""
    first = facts.triggers[0].start if facts.triggers else facts.span.end
    m = next(
        (
            x
            for x in facts.mentions
            if x.kind in ("state", "organisation") and not _DATELINE_TAIL.match(low, x.end)
        ),
        None,
    )
    if m is None or m.state is None or m.state == supplier or m.start >= first or m.ambiguous:
        return None
    org = catalogue.organisations.get(m.ref) if m.kind == "organisation" else None
    if org is not None and org.kind is OrganisationKind.COMPANY:
        return None  # a maker's statement tells of its sales, not of its purchases
    if not _SPEAKER_BEFORE.fullmatch(low, facts.span.start, m.start):
        return None
    if any(x.state not in (m.state, supplier) for x in facts.mentions if x.kind == "state"):
        return None  # a third state named: whose purchase it is stays open
    if not any(t.pos == "verb" for t in facts.triggers) or " by " in low[first : facts.span.end]:
        return None  # "the purchase of ... by its neighbour worries it": a view, not its deal
    return m.state if _SPEAKER_AFTER.match(low, m.end, first) else None


def _story_buyer(
    low: str,
    facts: SentenceFacts,
    parties: Sequence[Party],
    suppliers: Sequence[_Side],
    lines: Sequence[Line],
    last: Draft,
) -> tuple[_Side, str] | None:
    """The supplier and the buyer of a sentence whose buyer goes unnamed ("the agency also
    agreed terms with Acme for ...", "it has also contracted Acme for ..."): the buyer of the deal
    told just before, where the sentence names a supplier by "with" or "from" and no other
    state (else None)."""
    if not last.buyer or facts.index - last.sentence > 6:
        return None
    if any(p.role in ("subject", "buyer", "owner", "holder") for p in parties):
        return None
    partner = next((p for p in parties if p.role in ("with", "supplier")), None)
    if partner is None:
        # "The navy said a shipment of Ruritanian patrol boats came": the buyer's body,
        # unnamed, receives goods whose origin is the one state named.
        origins = {p.state for p in parties if p.role == "origin"}
        if suppliers or len(origins) != 1 or not _BODY_OPENING.match(low, facts.span.start):
            return None
        partner = next(p for p in parties if p.role == "origin")
        suppliers = [_side(partner)]
    if suppliers:
        seller = suppliers[0]
    elif partner.company or any(ln.origin == partner.state for ln in lines):
        seller = _side(partner)  # "with Ruritania for its rifles": the maker's state
    else:
        return None
    if seller[0] == last.buyer or any(
        x.state not in (seller[0], last.buyer) for x in facts.mentions if x.kind == "state"
    ):
        return None
    return seller, last.buyer


#: A sentence whose subject is a body of a state left unnamed: "The ministry also said".
_BODY_OPENING = re.compile(
    r"\s*(?:[^\n]{0,60}?\s[-–—]\s+)?the\s+(?:[a-z]+\s+)?(?:ministry|army|navy|air force|"
    r"government|military|armed forces|service|agency)\b"
)


#: Goods sent to a works, not to a state: "will deliver the hulls to the joint venture plant".
_TO_SITE = re.compile(
    r"\bto (?:the |its |a |their )?(?:[a-z-]+ ){0,3}(?:plant|factory|works|facility|"
    r"joint venture|production line|assembly line|shipyard)\b"
)


_PRONOUN_BUYER = re.compile(r"\b(?:its|their|it|they|the country|the government|the ministry)\b")


def _first_trigger(facts: SentenceFacts, frame: Frame) -> int:
    """Where the first trigger of *frame* (or any trigger) starts in the sentence."""
    for t in facts.triggers:
        if t.frame is frame or (frame is Frame.BUY and t.frame is Frame.RECEIVE):
            return t.end
    return facts.triggers[0].end if facts.triggers else facts.span.end


_UNNAMED_SOURCE = re.compile(
    r"\bfrom (?:its|their|the|various|several|other|western|european|nato)?\s*"
    r"(?:western |european |nato |foreign )?(?:allies|partners|donors|countries|nations|"
    r"members|backers|suppliers|sources)\b"
)


def low_text_of(facts: SentenceFacts, context: _Context) -> str:
    """The lower-cased text of the sentence (kept on the context while assembling)."""
    return context.low[facts.span.start : facts.span.end]


#: A sum of several deals told before one of them: "$5 billion of arms sales, including".
_INCLUDING = re.compile(
    r"\b(?:sales|deals|contracts|packages|orders|purchases)\b[^;]*?\b(?:including|includes)\b"
)
_BRACKETED = re.compile(r"\s*\([^()]*\)")


def _split_by_value(d: Draft, money: Sequence[MoneyMention], text: str) -> list[Draft]:
    """Give each sum its own lines where the sentence names several deals
    ("$800 million in munitions ... and 18 F-16V jets for $2.6 billion")."""
    # "240 million euros ($262 million)": the sum in brackets is the same figure.
    money = [
        m
        for i, m in enumerate(money)
        if not (i and text[money[i - 1].end : m.start].strip() == "(")
    ]
    if not money or not d.lines:
        return []

    def own_sum(ln: Line) -> int | None:
        # A sum later in the same clause: "two C-390s valued at 310 million euros".
        after = [i for i in range(len(money)) if money[i].start >= ln.span.end]
        if after:
            gap = _BRACKETED.sub("", text[ln.span.end : money[after[0]].start])  # "(an acronym)"
            if not any(c in gap for c in ",;("):
                return after[0]
        return None

    if len(d.lines) == 1:
        # "sales worth $5 billion, among them ten launchers valued at $700 million": the
        # sum told of the one system is its deal's, not the sum of all the sales.
        own = own_sum(d.lines[0])
        if own is not None:
            d.value = money[own].money
        elif d.value is money[0].money and _INCLUDING.search(
            text, money[0].end, d.lines[0].span.start
        ):
            d.value = None  # "$5 billion of sales, including radars": a total of several
        return []
    if len(money) < 2:
        return []

    def nearest(ln: Line) -> int:
        # The sum of its own clause, else the closest one.
        own = own_sum(ln)
        if own is not None:
            return own
        return min(
            range(len(money)),
            key=lambda i: min(abs(money[i].start - ln.span.end), abs(ln.span.start - money[i].end)),
        )

    groups: dict[int, list[Line]] = {}
    for ln in d.lines:
        groups.setdefault(nearest(ln), []).append(ln)
    if len(groups) < 2:
        return []
    first, *rest = sorted(groups)
    d.lines = groups[first]
    d.value = money[first].money
    return [
        Draft(
            supplier=d.supplier,
            buyer=d.buyer,
            lines=groups[i],
            value=money[i].money,
            status=d.status,
            kind=d.kind,
            sentence=d.sentence,
            rules=[*d.rules, "value-of-lines"],
            evidence=list(d.evidence),
            confidence=d.confidence,
            verb_status=d.verb_status,
        )
        for i in rest
    ]


def _split_by_origin(d: Draft, parties: Sequence[Party], low: str) -> list[Draft]:
    """Move lines named with another origin ("20 US F-16 jets ... from Germany") to own deals."""
    moved: dict[str, list[Line]] = {}
    told_by_origin = any(p.role == "origin" and p.state == d.supplier for p in parties) and not any(
        p.role in ("supplier", "subject", "with") and p.state == d.supplier for p in parties
    )
    for ln in list(d.lines):
        maker = next(
            (
                p
                for p in parties
                if p.role == "origin"
                and p.mention.end <= ln.span.start
                and only_modifiers(_POSSESSIVE_S.sub("", low[p.mention.end : ln.span.start]))
            ),
            None,
        )
        if maker is not None and maker.state not in (d.supplier, d.buyer):
            d.lines.remove(ln)
            moved.setdefault(maker.state, []).append(ln)
        elif maker is None and ln.origin not in (None, d.supplier, d.buyer) and told_by_origin:
            # "buys Gripens, eyes Turkish drones": the adjective names the supplier of
            # its own goods only; the others keep their makers' state.
            d.lines.remove(ln)
            moved.setdefault(ln.origin, []).append(ln)
    out = []
    for state, lines in moved.items():
        extra = Draft(
            supplier=state,
            buyer=d.buyer,
            lines=lines,
            status=d.status,
            kind=d.kind,
            sentence=d.sentence,
            rules=[*d.rules, "origin-of-line"],
            evidence=[ev for ev in d.evidence if ev.field in ("buyer", "status")],
            confidence=d.confidence,
        )
        out.append(extra)
    return out


def _lines_for(
    buyer: str,
    buyers: Sequence[_Side],
    lines: Sequence[Line],
    parties: Sequence[Party],
    roles: tuple[str, ...] = ("buyer", "subject"),
) -> list[Line]:
    """The lines of one of several buyers: each line goes to the buyer named next after it
    ("12 jets for Kenya and four for Ghana"); where that does not share them out,
    every buyer has every line."""
    named = sorted(
        (p.mention.start, p.state)
        for p in parties
        if p.state in {b for b, _ in buyers} and p.role in roles
    )
    owners = []
    for ln in lines:
        after = [state for start, state in named if start >= ln.span.end]
        owners.append(after[0] if after else None)
    if None in owners or len(set(owners)) < len({b for b, _ in buyers}):
        return list(lines)  # "Lithuania and Finland signed ... NASAMS": the lines are shared
    return [ln for ln, owner in zip(lines, owners, strict=True) if owner == buyer]


def _frame(triggers: Sequence[TriggerHit], after: int) -> Frame:
    """Return the frame of the subject's verb ("signed a deal to supply": supply's)."""
    verbs = [t for t in triggers if t.pos == "verb" and t.start >= after]
    if verbs:
        if verbs[0].frame is not Frame.NEUTRAL:
            return verbs[0].frame
        for t in triggers:
            if t.start > verbs[0].start and t.frame is not Frame.NEUTRAL and t.infinitive:
                return t.frame
        return Frame.NEUTRAL
    for t in triggers:
        if t.frame is not Frame.NEUTRAL:
            return t.frame
    return Frame.NEUTRAL


_CLAUSE_BREAK = re.compile(
    r";|(?-i: and (?=[A-Z]))|\s[-–—]\s|,? (?:while|whereas|but|although|though)\b"
    r"|\b(?:the day )?after\b"
    r"|, (?:whose|which|who)\b",
    re.IGNORECASE,
)


_BETWEEN = re.compile(r"\bbetween\b[^,;]*$")


def clauses(text: str, facts: SentenceFacts) -> list[SentenceFacts]:
    """Split a sentence where two clauses each report a transfer ("..., while X bought ...")."""
    cuts: list[int] = []
    start = facts.span.start
    for m in _CLAUSE_BREAK.finditer(text, facts.span.start, facts.span.end):
        left = [t for t in facts.triggers if start <= t.start < m.start()]
        right = [t for t in facts.triggers if t.start >= m.end()]
        parties = [
            x for x in facts.mentions if x.start >= m.end() and x.kind in ("state", "organisation")
        ]
        left_parties = [
            x
            for x in facts.mentions
            if start <= x.start < m.start() and x.kind in ("state", "organisation")
        ]
        if m.group().strip() == "and" and (
            not any(t.pos == "verb" for t in right)
            or _BETWEEN.search(text, start, m.start()) is not None
        ):
            continue  # "the Qatar and British governments", "between Kyiv and Stockholm"
        if left and right and parties and left_parties:
            cuts.append(m.start())
            start = m.start()
    if not cuts:
        return [facts]
    out: list[SentenceFacts] = []
    bounds = [facts.span.start, *cuts, facts.span.end]
    for a, b in pairwise(bounds):
        out.append(
            SentenceFacts(
                facts.index,
                Span(a, b),
                _antecedent(text, facts.mentions, a, b)
                + [m for m in facts.mentions if a <= m.start < b],
                [t for t in facts.triggers if a <= t.start < b],
                [m for m in facts.money if a <= m.start < b],
                [q for q in facts.quantities if a <= q.start < b],
            )
        )
    return out


_RELATIVE = re.compile(r",\s+(?:which|who)\s")
_WHICH = re.compile(r",\s+which\s")
#: At most one noun between a system and the ", which" that tells of it ("the Mirage fleet,").
_HEAD_NOUN = re.compile(r"(?:\s+[a-z-]+)?\s*")


def _antecedent(
    text: str, mentions: Sequence[EntityMention], a: int, b: int
) -> list[EntityMention]:
    """The system a clause cut at ", which" tells of, where the clause names no goods itself
    ("... its old Mirage fleet, which Ruritania got from ...")."""
    if not _WHICH.match(text, a) or any(
        a <= m.start < b and m.kind in ("system", "class") for m in mentions
    ):
        return []
    before = [m for m in mentions if m.end <= a and m.kind == "system"]
    if before and _HEAD_NOUN.fullmatch(text, before[-1].end, a):
        return [before[-1]]
    return []


def without_aside(text: str, facts: SentenceFacts) -> SentenceFacts:
    """Read a sentence without a relative clause on one of its parties that tells its past.

    "Norway, which bought its K9 howitzers from South Korea, will sell 12 of them to
    Estonia": the sale is the news; the purchase told in passing is history, and its
    parties and verb would mislead the reading of the main clause. Only a clause of buying
    or receiving before a main verb of selling is set aside (a second-hand sale); the
    clause's triggers,
    parties, counts and sums are set aside where the main clause has a verb of its own;
    its systems stay where the main clause names none ("12 of them").
    """
    for m in facts.mentions:
        if m.kind not in ("state", "organisation"):
            continue
        rel = _RELATIVE.match(text, m.end)
        if rel is None:
            continue
        a = rel.start()
        b = text.find(",", rel.end(), facts.span.end)
        if b < 0 or not any(
            a <= t.start < b and t.frame in (Frame.BUY, Frame.RECEIVE) for t in facts.triggers
        ):
            continue
        if not any(
            t.start > b and t.pos == "verb" and t.frame is Frame.SELL for t in facts.triggers
        ):
            continue
        goods_after = any(x.start > b and x.kind in ("system", "class") for x in facts.mentions)

        def outside(x: Span, goods: bool = False, a: int = a, b: int = b) -> bool:
            return not a <= x.start < b or goods

        return replace(
            facts,
            mentions=[
                x
                for x in facts.mentions
                if outside(x, x.kind in ("system", "class") and not goods_after)
            ],
            triggers=[t for t in facts.triggers if outside(t)],
            money=[x for x in facts.money if outside(x)],
            quantities=[x for x in facts.quantities if outside(x)],
        )
    return facts


def _kind(triggers: Sequence[TriggerHit]) -> DealKind:
    for t in triggers:
        if t.rule is not None and t.rule.kind is not DealKind.SALE:
            return t.rule.kind
        if t.form.startswith("donat"):
            return DealKind.AID
    return DealKind.SALE


_Side = tuple[str, str | None]


def _side(p: Party) -> _Side:
    return (p.state, p.mention.ref if p.mention.kind == "organisation" else None)


def _resolve(
    parties: Sequence[Party],
    frame: Frame,
    lines: Sequence[Line],
    doc_origins: Mapping[str, int],
    triggers: Sequence[TriggerHit] = (),
) -> tuple[list[_Side], list[_Side], list[str]]:
    suppliers: list[_Side] = [_side(p) for p in parties if p.role == "supplier"]
    buyers: list[_Side] = [_side(p) for p in parties if p.role == "buyer"]
    rules: list[str] = []
    if frame in (Frame.BUY, Frame.RECEIVE):
        # One buys from, not to: "bought ... during a visit to Russia".
        buyers = [_side(p) for p in parties if p.role == "buyer" and p.cue not in ("to", "into")]
    subjects = [p for p in parties if p.role == "subject"]
    pair = [p for p in parties if p.role == "pair"]
    if len(pair) == 2 and not subjects:
        subjects = pair  # "a deal between Iraq and Russia"
    partner = next((p for p in parties if p.role == "with"), None)
    if len(subjects) == 2 and partner is None and not suppliers and not buyers:
        # "Israel and India signed a deal": the maker's state supplies.
        known = {ln.origin for ln in lines if ln.origin}
        a, b = subjects
        held = {p.state for p in parties if p.role == "holder"}
        if (a.state in held) != (b.state in held):
            # "MBDA and Kongsberg sign deal for Norway's air defence": whose forces get the goods
            # buys, whatever the text's designs say.
            other, maker = (a, b) if a.state in held else (b, a)
            rules.append("pair-by-holder")
            return (
                _multinational([_side(maker)], parties, lines, doc_origins, {other.state}, rules),
                [_side(other)],
                rules,
            )
        if (a.state in known) == (b.state in known):
            known = set(doc_origins)
        if (a.state in known) != (b.state in known):
            maker, other = (a, b) if a.state in known else (b, a)
            rules.append("pair-by-origin")
            return [_side(maker)], [_side(other)], rules
    for extra in subjects[1:]:
        if frame in (Frame.BUY, Frame.RECEIVE):
            buyers.append(_side(extra))
        elif frame in (Frame.SELL, Frame.APPROVE):
            suppliers.append(_side(extra))  # "Rome and Paris are to send SAMP/T"
    if subjects:
        subject = subjects[0]
        has_verb = any(t.pos == "verb" and t.status is not None for t in triggers)
        role = _subject_role(
            subject, partner, frame, lines, suppliers, buyers, doc_origins, has_verb
        )
        if role == "supplier" and subject.state not in [b for b, _ in buyers]:
            suppliers.insert(0, _side(subject))
            rules.append(f"subject-{frame.value}")
        elif role == "buyer" and subject.state not in [s for s, _ in suppliers]:
            buyers.insert(0, _side(subject))
            rules.append(f"subject-{frame.value}")
    if partner is not None:
        if buyers and not suppliers:
            suppliers.append(_side(partner))
            rules.append("with-partner")
        elif suppliers and not buyers:
            buyers.append(_side(partner))
            rules.append("with-partner")
        elif not suppliers and not buyers:
            # "a deal with Turkey" for a Korean design: Turkey buys.
            home = next((ln.origin for ln in lines if ln.origin), None)
            if home is not None and home != partner.state and not partner.company:
                suppliers, buyers = [(home, None)], [_side(partner)]
                rules.append("with-partner-origin")
    suppliers = _multinational(
        suppliers, parties, lines, doc_origins, {state for state, _ in buyers}, rules
    )
    for p in parties:
        if p.role == "supplier" or p.role == "buyer":
            rules.append(f"cue-{p.cue}")
    return _dedupe(suppliers), _dedupe(buyers), rules


def _multinational(
    suppliers: list[_Side],
    parties: Sequence[Party],
    lines: Sequence[Line],
    doc_origins: Mapping[str, int],
    buyers: set[str],
    rules: list[str],
) -> list[_Side]:
    """MBDA, Airbus, KNDS: the design's home state supplies, not the group's seat.

    The home is that of the sentence's first system with one; where the sentence names
    none ("MBDA signs a deal for Norway's air defence"), the home, besides the buyer's,
    of the systems the text names most often.
    """
    homes = [ln.origin for ln in lines if ln.origin]
    if not homes:
        ranked = sorted(
            ((n, state) for state, n in doc_origins.items() if state not in buyers), reverse=True
        )
        if ranked and (len(ranked) == 1 or ranked[0][0] > ranked[1][0]):
            homes = [ranked[0][1]]
    out = list(suppliers)
    for i, (state, org) in enumerate(out):
        party = next((p for p in parties if _side(p) == (state, org)), None)
        if party is not None and party.multinational and homes and homes[0] != state:
            out[i] = (homes[0], org)
            rules.append("multinational-origin")
    return out


def _dedupe(sides: list[_Side]) -> list[_Side]:
    seen: set[str] = set()
    out: list[_Side] = []
    for state, org in sides:
        if state not in seen:
            seen.add(state)
            out.append((state, org))
    return out


def _subject_role(
    subject: Party,
    partner: Party | None,
    frame: Frame,
    lines: Sequence[Line],
    suppliers: Sequence[_Side],
    buyers: Sequence[_Side],
    doc_origins: Mapping[str, int],
    has_verb: bool = True,
) -> str | None:
    if subject.role == "owner" and frame is Frame.NEUTRAL and partner is None:
        frame = Frame.BUY
    if frame in (Frame.BUY, Frame.RECEIVE):
        return "buyer"
    if frame in (Frame.SELL, Frame.APPROVE):
        if not has_verb and suppliers and not buyers and subject.state not in dict(suppliers):
            # "a large sale for BAE ..., small compared with Turkey's deal that included F-16s
            # from the United States": a noun's frame, and the supplier named apart.
            return "buyer"
        return "supplier"
    if buyers and not suppliers:
        return "supplier"
    if suppliers and not buyers:
        return "buyer"
    origins = {ln.origin for ln in lines if ln.origin}
    if partner is not None:
        if subject.company and not partner.company:
            return "supplier"
        if partner.company and not subject.company:
            return "buyer"
        if partner.state in origins and subject.state not in origins:
            return "buyer"
        if subject.state in origins and partner.state not in origins:
            return "supplier"
        if partner.state in doc_origins and subject.state not in doc_origins:
            return "buyer"
        if subject.state in doc_origins and partner.state not in doc_origins:
            return "supplier"
        return "buyer"
    if subject.company:
        return "supplier"
    if origins and subject.state in origins:
        return "supplier"
    # A bare "France ... the deal" tells no direction; a verb ("Iraq signs") makes it likely.
    return "buyer" if has_verb else None


def _origin(
    parties: Sequence[Party],
    lines: Sequence[Line],
    buyer: str,
    catalogue: Catalogue,
    context: _Context,
    facts: SentenceFacts,
) -> tuple[str, str] | None:
    for p in parties:
        if p.role == "origin" and p.state != buyer:
            return p.state, f"origin-{p.cue}"
    if any(m.kind == "organisation" and m.state == buyer for m in facts.mentions):
        return None  # the buyer's own industry builds it ("produced by RBSL in Telford")
    if _UNNAMED_SOURCE.search(low_text_of(facts, context)):
        return None  # "from its allies": the text says the supplier is not one state
    keys = {ln.key for ln in lines}
    for d in context.drafts:
        # The text already said who sells this buyer these systems (second-hand F-16s).
        if (
            d.buyer == buyer
            and d.supplier
            and keys & {ln.key for ln in d.lines}
            and "origin-catalogue" not in d.rules
        ):
            return d.supplier, "origin-earlier-deal"
    for ln in lines:
        if ln.origin and ln.origin != buyer:
            return ln.origin, "origin-catalogue"
    # A multinational design (Typhoon, FREMM): the maker's state the text speaks of.
    here = {m.state for m in facts.mentions if m.kind in ("state", "organisation")}
    for ln in lines:
        if ln.system_id is None or ln.origin:
            continue
        makers = _maker_states(catalogue, ln.system_id) - {buyer}
        for pool, rule in ((here, "origin-maker-here"), (context.doc_states, "origin-maker-text")):
            found = makers & pool
            if len(found) == 1:
                return found.pop(), rule
    return None


_MAKERS: dict[int, dict[str, str]] = {}


def _maker_states(catalogue: Catalogue, system_id: str) -> set[str]:
    """Return the states of the makers of a system (and of its family)."""
    names = _MAKERS.get(id(catalogue))
    if names is None:
        names = {}
        for org in catalogue.organisations.values():
            if org.state:
                for name in (org.name, *org.aliases):
                    names.setdefault(name, org.state)
        _MAKERS.clear()
        _MAKERS[id(catalogue)] = names
    out: set[str] = set()
    system = catalogue.systems.get(system_id)
    family = catalogue.family_of(system_id) if system is not None else None
    for item in (system, family):
        if item is not None:
            out |= {names[m] for m in item.manufacturers if m in names}
    return out


def _extend(
    d: Draft,
    lines: list[Line],
    facts: SentenceFacts,
    text: str,
    s: int,
    e: int,
    status: Status,
    main: TriggerHit | None,
) -> None:
    keys = {ln.key for ln in d.lines}
    for ln in lines:
        if ln.key not in keys and (not d.lines or not ln.generic):
            d.lines.append(ln)
        elif ln.generic and ln.quantity is not None:
            # "Eighteen main battle tanks were delivered": the count of the tanks read before.
            uncounted = [x for x in d.lines if x.category == ln.category and x.quantity is None]
            if len({x.key for x in uncounted}) == 1:  # "missile ... missile": one line
                for x in uncounted:
                    x.quantity = ln.quantity
    if d.value is None and facts.money:
        d.value = facts.money[0].money
        m = facts.money[0]
        d.evidence.append(evidence_at(text, s, e, m.start, m.end, "value", "coref-the-deal"))
    if d.status is Status.REPORTED or (
        # "The contract was cancelled in March": a verb undoes the deal spoken of.
        status is Status.CANCELLED
        and main is not None
        and main.pos == "verb"
        and d.status in _UNDONE_BY_CANCELLING
    ):
        d.status = status


def _set_value(d: Draft, text: str, money: MoneyMention, span: Span) -> None:
    d.value = money.money
    d.evidence.append(
        evidence_at(text, span.start, span.end, money.start, money.end, "value", "nearby-sum")
    )


def _evidence(
    d: Draft,
    text: str,
    s: int,
    e: int,
    parties: Sequence[Party],
    facts: SentenceFacts,
    main: TriggerHit | None,
    value_span: Sequence[MoneyMention],
) -> None:
    for p in parties:
        if p.state == d.supplier and p.role in ("supplier", "subject", "with", "origin", "owner"):
            d.evidence.append(
                evidence_at(text, s, e, p.mention.start, p.mention.end, "supplier", p.cue)
            )
            break
    for p in parties:
        if p.state == d.buyer:
            d.evidence.append(
                evidence_at(text, s, e, p.mention.start, p.mention.end, "buyer", p.cue)
            )
            break
    for ln in d.lines:
        d.evidence.append(
            evidence_at(text, s, e, ln.span.start, ln.span.end, "systems", "gazetteer")
        )
    for m in value_span:
        d.evidence.append(evidence_at(text, s, e, m.start, m.end, "value", "money"))
    trig = main or facts.triggers[0]
    rule = trig.rule.id if trig.rule else "trigger"
    d.evidence.append(
        evidence_at(text, s, e, trig.start, trig.end, "status", "+".join((rule, *trig.cues)))
    )


@dataclass
class _Context:
    pair: tuple[_Side, _Side] | None = None
    last: Draft | None = None
    north: bool = False
    low: str = ""
    drafts: list[Draft] = field(default_factory=list)
    doc_states: set[str] = field(default_factory=set)
    #: The home states of the systems the text names, with how often it names them.
    doc_origins: Counter[str] = field(default_factory=Counter)
    #: States the text names by an unambiguous form ("India", not "IAF").
    named_states: set[str] = field(default_factory=set)
    #: Deals whose buyer the sentence does not name, waiting for a later sentence to.
    orphans: list[tuple[int, _Side, list[Line], Status, list[str]]] = field(default_factory=list)


def assemble(
    text: str,
    low: str,
    sentences: Sequence[SentenceFacts],
    catalogue: Catalogue,
    state_form_kind: dict[str, str],
    document_id: str | None,
) -> list[Deal]:
    """Return the deals of a document from the facts of its sentences."""
    context = _Context()
    context.low = low
    context.doc_states = {
        m.state for f in sentences for m in f.mentions if m.kind == "state" and m.state
    }
    context.named_states = {
        m.state
        for f in sentences
        for m in f.mentions
        if m.kind in ("state", "organisation") and m.state and not m.ambiguous
    }
    context.doc_origins = Counter(
        m.state for f in sentences for m in f.mentions if m.kind == "system" and m.state
    )
    drafts: list[Draft] = []
    # The first count of each system, with the pairs its sentence reports (none: any pair).
    counts: dict[str, tuple[int, set[_Pair]]] = {}
    pending: tuple[int, MoneyMention, Span] | None = None
    for facts in sentences:
        if any(m.kind == "state" and m.ref == "PRK" for m in facts.mentions):
            context.north = True
        # A sentence without a trigger drafts nothing, nor do its clauses: skip the split.
        new = [
            d
            for part in (clauses(text, without_aside(text, facts)) if facts.triggers else ())
            for d in draft_from_sentence(text, low, part, catalogue, state_form_kind, context)
        ]
        goods = [m for m in facts.mentions if m.kind in ("system", "class")]
        for m in goods if facts.triggers else ():
            if m.kind == "system":
                q = count_of(text, m, facts.quantities, goods)
                if q is not None:
                    counts.setdefault(m.ref, (q, {(d.supplier, d.buyer) for d in new}))
        if new and pending is not None and facts.index - pending[0] <= 2:
            for d in new:
                if d.value is None:
                    _set_value(d, text, pending[1], pending[2])
            pending = None
        if not new and facts.money and facts.triggers:
            last = context.last
            if last is not None and last.value is None and facts.index - last.sentence <= 8:
                _set_value(last, text, facts.money[0], facts.span)
            elif not any(
                last is not None and last.value is m.money for m in facts.money
            ):  # a sum "the deal" already took is not waiting for the next deal
                pending = (facts.index, facts.money[0], facts.span)
        if not new and context.last is not None and facts.index - context.last.sentence <= 2:
            _count_told_after(text, facts, context.last)
        drafts.extend(new)
        context.drafts.extend(new)
    for d in drafts:
        for ln in d.lines:
            if ln.quantity is None and not ln.generic and ln.key in counts:
                # "Vietnam will receive 10 Yak-130s": Vietnam's count, not Laos's.
                q, pairs = counts[ln.key]
                if not pairs or (d.supplier, d.buyer) in pairs:
                    ln.quantity = q
    _one_name_per_family(drafts, catalogue)
    _text_supplier(drafts)
    _maker_keeps(drafts, catalogue)
    _settle_statuses(drafts, catalogue)
    _denied_later(drafts, sentences, low)
    return reconcile(drafts, sentences, text, low, catalogue, document_id)


_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)


def _count_told_after(text: str, facts: SentenceFacts, last: Draft) -> None:
    """Count the deal just told from "the 26 jets" in a sentence that reports none.

    "India signed an agreement with France for Rafale-M jets. The 26 jets will fly from
    INS Vikrant." The definite article points back at the goods of the deal; the count
    goes to its one uncounted named system of the class noun's category.
    """
    for m in facts.mentions:
        if m.kind != "class":
            continue
        for q in facts.quantities:
            if not (q.end <= m.start and modifier_gap(text[q.end : m.start])):
                continue
            if not _THE_BEFORE.search(text, max(0, q.start - 6), q.start):
                continue
            same = [ln for ln in last.lines if not ln.generic and ln.category == m.category]
            if len(same) == 1 and same[0].quantity is None:
                same[0].quantity = q.value


#: A party denying a report: "Pyongyang denied supplying", "Iran rejected the claims".
_DENIAL = re.compile(
    r"\b(?:denied|denies|deny|denying|dismissed|rejected|rejects|refuted)"
    r"(?: (?:the |any |such |these |those )?(?:reports?|claims?|allegations?|accusations?)"
    r"| that| (?:supplying|sending|providing|selling|transferring|delivering|having)"
    r"| any (?:involvement|arms|weapons|transfers?))\b"
    # Unconfirmed: "the order has not yet been confirmed by Ankara".
    r"|\b(?:sale|deal|contract|purchase|transfer|agreement|order|report)s?(?: [a-z]+){0,2} "
    r"(?:has|have|had|was|were|is|are)(?: not|n't|n’t) (?:yet )?(?:been )?"
    r"(?:officially |publicly )?(?:confirmed|acknowledged)\b"
)


def _denied_later(drafts: Sequence[Draft], sentences: Sequence[SentenceFacts], low: str) -> None:
    """Read a transfer a later sentence says a party denies as alleged.

    "North Korea has sent artillery shells to Russia, officials say. Pyongyang denied
    supplying weapons." The denial, by the supplier or the buyer within the next few
    sentences, makes the report a claim: alleged, as a hedge in the sentence itself would.
    """
    if not drafts or _DENIAL.search(low) is None:
        return
    denials = [
        (f.index, {m.state for m in f.mentions if m.state and m.kind in ("state", "organisation")})
        for f in sentences
        if _DENIAL.search(low, f.span.start, f.span.end)
    ]
    for d in drafts:
        if d.status in (Status.ALLEGED, Status.CANCELLED, Status.CONSIDERED, Status.PLANNED):
            continue
        if any(
            0 < index - d.sentence <= 3 and {d.supplier, d.buyer} & states
            for index, states in denials
        ):
            d.status = Status.ALLEGED
            d.rules.append("denied-later")
    # "a reported plan to buy J-10s ... Indonesia bought 42 J-10s ... AVIC denied that any
    # contract had been signed": the earlier reports of the goods whose
    # purchase is denied (or of any goods, where the denial names none) are of the same
    # claimed deal.
    denied = [d for d in drafts if "denied-later" in d.rules]
    for d in drafts:
        if d.status not in (Status.REPORTED, Status.PLANNED, Status.PROPOSED, Status.SIGNED):
            continue
        if any(
            x.sentence > d.sentence
            and (x.supplier, x.buyer) == (d.supplier, d.buyer)
            and (not x.lines or {ln.key for ln in x.lines} & {ln.key for ln in d.lines})
            for x in denied
        ):
            d.status = Status.ALLEGED
            d.rules.append("denied-later")


#: The rule of a status read from a headline's grammar ("Norway to buy K9 howitzers").
_HEADLINE_TO = "headline-to"
#: The trigger rules of verbs that report a deal signed ("signed", "bought", "ordered").
_SIGNING_VERBS = frozenset(
    r.id for r in default_rules().triggers if r.pos == "verb" and r.status is Status.SIGNED
)
#: The rule of a status read from a delivery to come ("Embraer will deliver 6 C-390s").
_TO_COME = "delivery-to-come"


def _root(catalogue: Catalogue, ln: Line) -> str | None:
    """The family root of a line's system ("UH-60M" -> "UH-60"), None for a class."""
    if ln.generic or ln.key not in catalogue.systems:
        return None
    return catalogue.family_of(ln.key).id


def _one_name_per_family(drafts: Sequence[Draft], catalogue: Catalogue) -> None:
    """Read a family name as the one variant of it the pair's other reports name.

    A title's "Black Hawks" and the body's "UH-60M Black Hawk" sold by one supplier to one
    buyer are one system: the family line takes the variant's name and key, so that the
    reports merge. Where the text names several variants, the family name stays.
    """
    variants: dict[tuple[str | None, str | None, str], dict[str, Line]] = {}
    for d in drafts:
        for ln in d.lines:
            root = _root(catalogue, ln)
            if root is not None and root != ln.key:
                variants.setdefault((d.supplier, d.buyer, root), {}).setdefault(ln.key, ln)
    if not variants:
        return
    for d in drafts:
        for i, ln in enumerate(d.lines):
            if _root(catalogue, ln) != ln.key:
                continue
            named = variants.get((d.supplier, d.buyer, ln.key), {})
            if len(named) == 1:
                (v,) = named.values()
                d.lines[i] = Line(
                    v.name, v.category, ln.quantity, v.system_id, v.key, v.origin, ln.span, False
                )
                d.rules.append("family-variant")


def _text_supplier(drafts: Sequence[Draft]) -> None:
    """Let the supplier a text names outrank the one guessed from a system's origin.

    "Nigeria takes delivery of Super Tucanos" guesses Brazil, the design's home; where the
    body says "six A-29 Super Tucano aircraft from the United States", the United States
    supplies that buyer those systems. Only one named supplier, and not the guessed one,
    makes the change.
    """
    named: dict[tuple[str | None, str], set[str]] = {}  # (buyer, system) -> suppliers named
    for x in drafts:
        if x.supplier is not None and not any(r.startswith("origin-") for r in x.rules):
            for ln in x.lines:
                named.setdefault((x.buyer, ln.key), set()).add(x.supplier)
    if not named:
        return
    for d in drafts:
        if "origin-catalogue" not in d.rules:
            continue
        found: set[str] = set()
        for ln in d.lines:
            found |= named.get((d.buyer, ln.key), set())
        if len(found) == 1 and d.supplier not in found:
            d.supplier = found.pop()
            d.rules.append("origin-named")


def _maker_keeps(drafts: Sequence[Draft], catalogue: Catalogue) -> None:
    """Leave a multinational design with the maker's state the text has selling it.

    "the Typhoon sale ... small compared with Turkey's deal that included F-16 jets from
    the United States": the Typhoon (no single home state) read into the US deal is
    Britain's, as another report of the text sells it to Turkey from Britain, one of
    its makers' states, and the United States is none.
    """
    sellers: dict[tuple[str | None, str], set[str]] = {}
    for d in drafts:
        for ln in d.lines:
            if ln.origin is None and ln.system_id is not None and d.supplier is not None:
                sellers.setdefault((d.buyer, ln.key), set()).add(d.supplier)
    for d in drafts:
        for ln in list(d.lines):
            if ln.origin is not None or ln.system_id is None or len(d.lines) < 2:
                continue
            makers = _maker_states(catalogue, ln.system_id)
            others = sellers.get((d.buyer, ln.key), set()) - {d.supplier}
            if makers and d.supplier not in makers and others & makers:
                d.lines.remove(ln)
                d.rules.append("maker-keeps")


def _settle_statuses(drafts: Sequence[Draft], catalogue: Catalogue) -> None:
    """Let a firmer report of a deal outrank a weaker one, for the same pair and goods.

    The first status an article states is the deal's (:func:`~armstrack.extract.merge.
    merge_drafts`), except where a verb elsewhere reports more:

    - signed, and later delivered ("the United States handed over the first two jets to
      Slovakia"): delivered, unless
      the later report signs too ("has signed for a second system; the first was
      delivered in 2023" reports another deal's delivery);
    - a headline's "Norway to buy K9 howitzers" (planned), or a plan told in the text's
      first sentence ("Bangladesh plans to buy J-10Cs"), and a later verb of signing,
      delivery, approval or cancellation: that status;
    - a delivery to come ("Embraer will deliver 6 C-390s", "Kenya will receive 10
      Z-9 helicopters"), and a verb of signing anywhere ("has signed two contracts", "signed the
      contract"): signed, as the deliveries are those of the contract;
    - a deal not yet delivered, and a later verb of cancellation of the same goods ("the
      order was later cancelled", "the government then blocked the export of the rounds"):
      cancelled. Two class nouns of one category are the same goods here ("rounds",
      "ammunition"), as a report of a cancellation rarely repeats the name.

    A noun alone ("the supply contracts were discussed") outranks nothing.
    """
    # The verb reports of each pair that can outrank another, in text order.
    delivered: dict[_Pair, list[Draft]] = {}
    strong: dict[_Pair, list[Draft]] = {}
    signed: dict[_Pair, list[Draft]] = {}
    cancelled: dict[_Pair, list[Draft]] = {}
    for x in sorted(drafts, key=lambda x: x.sentence):
        if not x.verb_status:
            continue
        pair = (x.supplier, x.buyer)
        if x.status is Status.DELIVERED and not _SIGNING_VERBS.intersection(x.rules):
            delivered.setdefault(pair, []).append(x)
        if x.status in STRONG:
            strong.setdefault(pair, []).append(x)
        if x.status is Status.SIGNED:
            signed.setdefault(pair, []).append(x)
        if x.status is Status.CANCELLED and x.lines:
            cancelled.setdefault(pair, []).append(x)
    for d in drafts:
        pair = (d.supplier, d.buyer)
        firmer: Draft | None = None
        if d.status is Status.SIGNED:
            firmer = _first_report(d, delivered.get(pair, []), catalogue, after=True)
        elif d.status is Status.PLANNED and (_HEADLINE_TO in d.rules or d.sentence == 0):
            firmer = _first_report(d, strong.get(pair, []), catalogue, after=True) or (
                _first_report(d, signed.get(pair, []), catalogue, after=True, goodsless=True)
            )
        elif d.status is Status.PLANNED and _TO_COME in d.rules:
            firmer = _first_report(d, signed.get(pair, []), catalogue, goodsless=True)
        if firmer is None and d.status in _UNDONE_BY_CANCELLING:
            firmer = next(
                (
                    x
                    for x in cancelled.get(pair, [])
                    if x.sentence > d.sentence and _same_goods(d.lines, x.lines, catalogue, True)
                ),
                None,
            )
        if firmer is not None:
            d.status = firmer.status
            d.rules.append("status-of-later-report")


_Pair = tuple[str | None, str | None]

#: The statuses a later cancellation of the same goods undoes (a delivery stays one).
_UNDONE_BY_CANCELLING = frozenset(
    {Status.REPORTED, Status.PLANNED, Status.PROPOSED, Status.APPROVED, Status.SIGNED}
)

#: How many reports of a pair a status is compared with, at most (bounds long lists).
_REPORTS_COMPARED = 16


def _first_report(
    d: Draft,
    reports: Sequence[Draft],
    catalogue: Catalogue,
    *,
    after: bool = False,
    goodsless: bool = False,
) -> Draft | None:
    """The first of *reports* (in text order) that is of the goods of *d*: later than *d*
    with *after*; naming no goods also counts with *goodsless* ("Sweden signed the contract
    with Embraer")."""
    start = bisect_right(reports, d.sentence, key=lambda x: x.sentence) if after else 0
    for x in islice(reports, start, start + _REPORTS_COMPARED):
        if x is not d and ((goodsless and not x.lines) or _same_goods(d.lines, x.lines, catalogue)):
            return x
    return None


def _same_goods(
    a: Sequence[Line], b: Sequence[Line], catalogue: Catalogue, classes: bool = False
) -> bool:
    """Whether two reports name the same goods: a system or its family, or a class noun and
    a system of its category ("12 fighters" and "12 Gripen Cs"); with *classes*, also
    two class nouns of one category ("rounds" and "ammunition")."""
    for x in a:
        for y in b:
            if x.key == y.key:
                return True
            if (x.generic != y.generic or (classes and x.generic)) and x.category == y.category:
                return True  # "12 fighters" and "12 MiG-29Ms"; two classes must agree
            root = _root(catalogue, x)
            if root is not None and root == _root(catalogue, y):
                return True
    return False

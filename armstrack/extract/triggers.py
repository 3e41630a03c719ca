"""Triggers: the words that report a transfer ("sold", "will buy", "the purchase of").

A trigger is found by its form (``rules/triggers.jsonl``); a form that is both a noun and
a verb ("order", "supply") is read as a noun after a determiner or before "of". The status
a trigger reports is its rule's, changed by the modal, hedging and negating cues before it
(``rules/cues.jsonl``): "signed" is signed, "will sign" planned, "could consider sending"
considered.

>>> from armstrack.extract.rules import default_rules
>>> [(h.form, h.pos, h.status) for h in find_triggers("poland will buy tanks", 0)]
[('buy', 'verb', <Status.PLANNED: 'planned'>)]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

from armstrack.extract.rules import CueRule, Frame, Rules, TriggerRule, default_rules
from armstrack.extract.spans import Span
from armstrack.model import Status

__all__ = ["TriggerHit", "find_triggers", "words_before"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_WORD = re.compile(r"[a-z0-9]+(?:['’.-][a-z0-9]+)*|'s|’s")
# Words before a noun reading of a form that is also a verb ("the order", "arms sales").
_NOUN_BEFORE = _words(
    "the a an its their his her our this that these those first second third new "
    "further additional possible proposed planned potential any no arms weapons "
    "weapon military defence defense major big huge latest initial follow-on future "
    "biggest largest 's ’s such foreign export of previous earlier recent larger "
    "fighter jet tank helicopter frigate submarine missile aircraft equipment in"
)
# Words after which a form that is only a verb in the rules is a noun ("the third ship").
# (Not "that", "those", "each" or "first": "a firm that supplies", "those supplied by",
# "they each ordered", "first delivered in 2019".)
_NOT_VERB_AFTER = _words("the a an its their his her our second third fourth fifth")
_NOUN_MODIFIERS: dict[str, Status] = {
    "planned": Status.PLANNED,
    "future": Status.PLANNED,
    "upcoming": Status.PLANNED,
    "intended": Status.PLANNED,
    "proposed": Status.PROPOSED,
    "possible": Status.PROPOSED,
    "potential": Status.PROPOSED,
    "prospective": Status.PROPOSED,
    "cancelled": Status.CANCELLED,
    "canceled": Status.CANCELLED,
    "scrapped": Status.CANCELLED,
}
# A form never a trigger before these words ("supply chain", "order to").
_NOT_BEFORE: dict[str, frozenset[str]] = {
    "supply": frozenset({"chain", "chains", "line", "lines", "route", "routes", "depot"}),
    "supplies": frozenset({"of"}),
    "transfer": frozenset({"of"}),
}
# Verbs that report a deal only with a contract for object ("won a $2bn contract").
_NEEDS_CONTRACT = _words(
    "won win wins winning secured secure secures securing awarded award awards"
)
_CONTRACT_AFTER = re.compile(
    r"(?:\s+(?:a|an|the|its|their|another|new|further|[\w$€£.,-]+)){0,4}?\s+"
    r"(?:contracts?|deals?|orders?|tenders?|competitions?|bids?|agreements?)\b"
)
_CONTRACT_WORDS = _words(
    "contract contracts deal deals order orders tender tenders competition bid agreement"
)
# Nouns of the goods moving: "began deliveries" reports the delivery as "began delivering".
_MOVING_NOUNS = _words("delivery deliveries shipment shipments transfer transfers supply supplies")
# Talks about a transfer, the other party named or not, before its trigger.
_TALKS_BEFORE = re.compile(
    r"\b(?:talks|negotiations|negotiating|discussions)\s+(?:with\s+[^,;.()]{1,50}?\s+)?"
    r"(?:over|on|about|for|to|regarding)\s+(?:(?:the|a|an|possible|potential|future)\s+)*$"
)
# People as the object of a verb of sending: troops deployed, not goods transferred.
_TROOPS_AFTER = re.compile(
    r"(?:\s+(?:an?|the|its|their|extra|additional|more|further|some|about|around|nearly|"
    r"over|up|to|of|hundreds|thousands|[\d,]+))*\s+(?:troops|soldiers|personnel|servicemen|"
    r"servicemembers|marines|paratroopers|sailors|airmen|peacekeepers|battalions?|brigades?|"
    r"military (?:advisers|advisors|instructors|trainers))\b"
)
_DETERMINERS = _words("the a an its their this that these those")
_BE = _words("is was were are be been being 's")
_PARTICIPLES = _words(
    "sold bought ordered supplied delivered exported transferred signed approved "
    "purchased acquired procured given sent shipped provided donated handed leased "
    "offered requested cancelled canceled scrapped awarded received inked sealed"
)


@dataclass(frozen=True, slots=True)
class TriggerHit(Span):
    """A trigger in the text: its form, rule, reading and the status it reports."""

    form: str = ""
    rule: TriggerRule | None = None
    pos: str = "verb"
    frame: Frame = Frame.NEUTRAL
    status: Status | None = None
    passive: bool = False
    infinitive: bool = False
    cues: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class _Compiled:
    pattern: re.Pattern[str]
    verbs: dict[str, TriggerRule]
    nouns: dict[str, TriggerRule]
    before: dict[str, list[tuple[tuple[str, ...], int, CueRule]]]
    sentence: dict[str, list[tuple[tuple[str, ...], int, CueRule]]]


_COMPILED: dict[int, tuple[Rules, _Compiled]] = {}


def _compiled(rules: Rules) -> _Compiled:
    """Return the compiled form of *rules*, built once per rules object."""
    known = _COMPILED.get(id(rules))
    if known is None or known[0] is not rules:
        known = (rules, _compile(rules))
        _COMPILED[id(rules)] = known
    return known[1]


def _cue_index(rules: Rules, where: str) -> dict[str, list[tuple[tuple[str, ...], int, CueRule]]]:
    index: dict[str, list[tuple[tuple[str, ...], int, CueRule]]] = {}
    for order, cue in enumerate(rules.cues):
        if cue.where != where:
            continue
        for form in cue.forms:
            phrase = tuple(_WORD.findall(form))
            if phrase:
                index.setdefault(phrase[0], []).append((phrase, order, cue))
    return index


def _compile(rules: Rules) -> _Compiled:
    verbs = dict(rules.verb_forms)
    nouns = dict(rules.noun_forms)
    forms = sorted({*verbs, *nouns}, key=lambda f: (-len(f), f))
    body = "|".join(re.escape(f).replace(r"\ ", " +") for f in forms)
    pattern = re.compile(rf"(?<![\w-])(?:{body})(?![\w-])")
    before = _cue_index(rules, "before")
    sentence = _cue_index(rules, "sentence")
    return _Compiled(pattern, verbs, nouns, before, sentence)


def words_before(low: str, start: int, limit: int, floor: int = 0) -> list[str]:
    """Return up to *limit* words of *low* ending before *start* (not before *floor*)."""
    window = low[max(floor, start - 12 * limit) : start]
    return _WORD.findall(window)[-limit:]


def _cues_in(
    words: Sequence[str], index: dict[str, list[tuple[tuple[str, ...], int, CueRule]]]
) -> list[CueRule]:
    """Return the cues whose phrase occurs in *words*, in rule order."""
    return [cue for cue, _ in _cue_distances(words, index)]


def _cue_distances(
    words: Sequence[str], index: dict[str, list[tuple[tuple[str, ...], int, CueRule]]]
) -> list[tuple[CueRule, int]]:
    """Return each cue found in *words* (rule order) with its distance from their end."""
    found: dict[int, tuple[CueRule, int]] = {}
    for i, word in enumerate(words):
        for phrase, order, cue in index.get(word, ()):
            if tuple(words[i : i + len(phrase)]) == phrase:
                found[order] = (cue, len(words) - i - len(phrase))
    return [found[k] for k in sorted(found)]


def _reading(form: str, prev: str, nxt: str, c: _Compiled) -> tuple[str, TriggerRule] | None:
    verb = c.verbs.get(form)
    noun = c.nouns.get(form)
    if nxt in _NOT_BEFORE.get(form, frozenset()):
        return None
    if verb and noun:
        if prev in _NOUN_BEFORE or nxt in ("of", "for", "."):
            return "noun", noun
        return "verb", verb
    if noun:
        return ("noun", noun) if prev not in ("to", "will", "would") else None
    assert verb is not None
    if prev in _NOT_VERB_AFTER and verb.id != "pledge":
        # "the second ship the yard has built": a noun no rule reads ("a promise of", "a
        # pledge of" still report one).
        return None
    return "verb", verb


def find_triggers(
    low: str,
    start: int,
    end: int | None = None,
    *,
    rules: Rules | None = None,
    exclude: Sequence[Span] = (),
) -> list[TriggerHit]:
    """Return the triggers in ``low[start:end]`` (lower-cased text), in order.

    *exclude* lists spans (sums of money) where no trigger is read: "20 trillion won".
    """
    c = _compiled(rules or default_rules())
    end = len(low) if end is None else end
    hedged: str | None = None  # the sentence's hedging cue, read at its first trigger
    cues_read = False
    hits: list[TriggerHit] = []
    for match in c.pattern.finditer(low, start, end):
        s, e = match.span()
        if any(x.start < e and s < x.end for x in exclude):
            continue
        form = " ".join(match.group().split())
        prev_words = words_before(low, s, 6, start)
        prev = prev_words[-1] if prev_words else ""
        following = _WORD.findall(low[e : min(end, e + 40)])
        nxt = following[0] if following else ""
        if low[e : e + 2] in ("'t", "’t") or (prev == "in" and form == "order"):
            continue
        if form in _PARTICIPLES and prev in _DETERMINERS:
            continue  # "the proposed sale", "the signed contract": an adjective
        if not nxt or not low[e : e + 2].strip(" ")[:1].isalnum():
            nxt = "."
        if (
            form in _NEEDS_CONTRACT
            and not _CONTRACT_AFTER.match(low, e, min(end, e + 60))
            and not _CONTRACT_WORDS.intersection(prev_words[-3:])
        ):
            continue  # "won the election", "secured funding": not a deal
        reading = _reading(form, prev, nxt, c)
        if reading is None:
            continue
        pos, rule = reading
        if rule.frame is Frame.SELL and _TROOPS_AFTER.match(low, e, min(end, e + 60)):
            continue  # "will send 900 soldiers and tanks to Estonia": a deployment
        status, cues, infinitive, passive = _status(pos, rule, form, prev_words, c)
        if (
            (status is not None or infinitive)
            and status is not Status.CANCELLED
            and _TALKS_BEFORE.search(low, max(start, s - 100), s)
        ):
            # "in talks with Russia over the purchase of", "talks about buying": not yet a deal
            status, cues = Status.CONSIDERED, (*cues, "modal-possible")
        frame = rule.frame
        if pos == "noun" and frame is Frame.SELL and _AWAITED.search(low, max(start, s - 40), s):
            # "awaits delivery of", "is awaiting the shipment of": the one waiting
            # receives, and the goods are still to come.
            frame, status, cues = Frame.RECEIVE, Status.PLANNED, (*cues, "awaited")
        if not cues_read:
            hedged, cues_read = _sentence_cues(low[start:end], c), True
        if hedged is not None and status is not None and status is not Status.CANCELLED:
            status, cues = Status.ALLEGED, (*cues, hedged)
        hits.append(
            TriggerHit(
                start=s,
                end=e,
                form=form,
                rule=rule,
                pos=pos,
                frame=frame,
                status=status,
                passive=passive,
                infinitive=infinitive,
                cues=cues,
            )
        )
    return _object_frames(low, hits)


# Words that may stand between a verb and the trigger noun it governs ("approved the
# planned purchase", "received a $1.2 billion order", "signed on Monday a letter of
# intent"): determiners, plain modifiers, sums, the day.
_OBJECT_GAP = re.compile(
    r"(?:\s+(?:a|an|the|its|their|this|that|new|first|second|further|additional|planned|"
    r"proposed|long-awaited|follow-on|[$€£]?[\d.,]+|[a-z$€£]*[\d.,]+[a-z]*|billion|million|"
    r"crore|[a-z]+-(?:dollar|euro|pound|won|year)|on|(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"))*\s+$"
)
_RECEIVE_FORMS = _words("received receives receive receiving got gets get getting")
_ORDER_NOUNS = _words("order orders contract contracts")
_INTENT_NOUNS = frozenset({"letter of intent", "loi", "memorandum of understanding", "mou"})


def _object_frames(low: str, hits: list[TriggerHit]) -> list[TriggerHit]:
    """Give a verb the side of the trigger noun it governs.

    "The parliament approved the purchase of ..." is the buyer's approval, not a seller's
    (frame ``buy``); "Saab received an order from ..." is the supplier winning a contract
    (frame ``sell``, signed), not a delivery; "signed a letter of intent" states an intent
    (planned), not a contract.
    """
    for i, (verb, noun) in enumerate(pairwise(hits)):
        if (
            verb.pos != "verb"
            or noun.pos != "noun"
            or noun.rule is None
            or not _OBJECT_GAP.fullmatch(low, verb.end, noun.start)
        ):
            continue
        if verb.status is Status.SIGNED and noun.form in _INTENT_NOUNS:
            # "signed a letter of intent to buy": an intent signed, not a contract.
            hits[i] = replace(verb, status=Status.PLANNED)
        elif verb.frame is Frame.APPROVE and noun.rule.id == "purchase-noun":
            hits[i] = replace(verb, frame=Frame.BUY)
        elif (
            verb.frame is Frame.RECEIVE
            and verb.form in _RECEIVE_FORMS
            and noun.form in _ORDER_NOUNS
        ):
            status = verb.status
            if status in (Status.DELIVERED, Status.REPORTED):
                status = Status.SIGNED
            hits[i] = replace(verb, frame=Frame.SELL, status=status)
    return hits


def _sentence_cues(text: str, c: _Compiled) -> str | None:
    found = _cues_in(_WORD.findall(text), c.sentence)
    return found[0].id if found else None


#: Verbs of waiting for goods, right before a noun of delivery.
_AWAITED = re.compile(
    r"\b(?:expects?|expected|expecting|awaits?|awaited|awaiting)\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:first\s+|further\s+|more\s+|initial\s+|final\s+)?$"
)


#: Verbs of refusing that undo the trigger noun they govern.
_REFUSALS = _words(
    "refused refuses refuse declined declines rejected rejects blocked blocks vetoed vetoes "
    "withheld withholds"
)


def _status(
    pos: str, rule: TriggerRule, form: str, prev: list[str], c: _Compiled
) -> tuple[Status | None, tuple[str, ...], bool, bool]:
    """Return (status, cue ids, infinitive, passive) of one trigger."""
    status: Status | None = rule.status
    if pos == "noun":
        near = prev[-4:]
        if _REFUSALS.intersection(near) and "comment" not in near:
            # "refused to grant a permit for", "blocked the sale of": no transfer
            return None, ("refusal",), False, False
        for word in reversed(prev[-2:]):
            if word in _NOUN_MODIFIERS:
                return _NOUN_MODIFIERS[word], (f"modifier-{word}",), False, False
        if form in _MOVING_NOUNS:
            near = [w for w in prev[-3:] if w not in _DETERMINERS]
            onset = _cues_in(near[-1:], c.before)
            if onset and onset[0].status is Status.DELIVERED:
                return Status.DELIVERED, (onset[0].id,), False, False
        # "is considering the purchase of", "could finalise the deal": the modal speaks.
        noun_modal = [
            (distance, cue)
            for cue, distance in _cue_distances(prev[-4:], c.before)
            if cue.status in (Status.CONSIDERED, Status.PLANNED)
        ]
        if noun_modal:
            _, nearest_cue = min(noun_modal, key=lambda m: m[0])
            if nearest_cue.status is Status.CONSIDERED:
                return Status.CONSIDERED, (nearest_cue.id,), False, False
        return status, (), False, False
    near = prev[-4:]
    passive = form.split()[0] in _PARTICIPLES and bool(near) and near[-1] in _BE
    infinitive = bool(near) and near[-1] == "to"
    distances = _cue_distances(near, c.before)
    kinds = {cue.status for cue, _ in distances}
    ids = tuple(sorted({cue.id for cue, _ in distances}))
    if "negated" in kinds:
        return None, ids, infinitive, passive
    modal = [
        (distance, cue.status)
        for cue, distance in distances
        if cue.status in (Status.CONSIDERED, Status.PLANNED)
    ]
    if rule.status is Status.CANCELLED and any(
        d <= 1 and st is Status.CONSIDERED for d, st in modal
    ):
        # "the deal could be scrapped", "is considering cancelling": not undone yet. Only a
        # modal right before counts ("scrapped talks": the talks were what was cancelled).
        return Status.CONSIDERED, ids, infinitive, passive
    if modal and rule.status is not Status.CANCELLED:
        # The nearest modal speaks: "after talks ... would sell" is planned.
        nearest = min(modal, key=lambda m: (m[0], m[1] is Status.PLANNED))
        return Status(nearest[1]), ids, infinitive, passive
    if Status.DELIVERED in kinds and rule.frame in (Frame.SELL, Frame.RECEIVE):
        return Status.DELIVERED, ids, infinitive, passive
    if passive and status is Status.DELIVERED and near[-1] in ("is", "are"):
        # "once the first 44 are delivered": a delivery to come, not one reported.
        return Status.PLANNED, ids, infinitive, passive
    if infinitive:
        # "a contract to buy": the governing word ("contract", "signed") tells the status.
        return None, ids, infinitive, passive
    return status, ids, infinitive, passive

"""Roles: which state in a sentence supplies and which buys.

Each state or organisation mention is read by the word before it ("from Russia" supplies,
"to Poland" and "for the Indian Air Force" buy, "with Poland" is the other party of a
contract, "by" names the agent of a passive), by a possessive ("Poland's purchase"), by an
adjective of origin ("South Korean K2 tanks", "U.S.-made F-16s") or as the subject before
the trigger, whose frame then tells the role ("Seoul sold", "Poland will buy").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from armstrack.catalogue import Catalogue
from armstrack.extract.rules import Frame
from armstrack.extract.spans import EntityMention
from armstrack.extract.triggers import TriggerHit, words_before
from armstrack.model import OrganisationKind

__all__ = ["Party", "only_modifiers", "read_parties"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_JOURNEYS = _words(
    "visit visits visited visiting trip trips travel travelled traveled tour journey"
)
_SKIP = _words("the a an its their his her our both")
_BUYER_CUES = frozenset({"to", "for", "into", "towards", "toward", "join", "joins", "joined"})
_ORIGIN_TAIL = re.compile(
    r"^(?:-(?:made|built|designed|manufactured|produced|developed|supplied|origin|sourced)"
    r"|\s(?:made|built))\b"
)
_OWN_BODIES = re.compile(
    r"^\s+(?:army|navy|air force|military|armed forces|armed forces'|government|"
    r"defen[cs]e ministry|ministry of defen[cs]e|ministry|defen[cs]e forces|forces|"
    r"coast guard|marines?|marine corps|authorities|administration|cabinet|"
    r"defen[cs]e department|department of defen[cs]e|side|state|buyers?|customers?|"
    r"procurement agency|officials?|company|companies|firms?|manufacturers?|shipbuilders?|entities|"
    r"defen[cs]e contractor|defen[cs]e firm|defen[cs]e company|stocks|stockpiles?|"
    r"inventor(?:y|ies)|surplus|reserves)\b"
)
_DATELINE = re.compile(
    r"^\s*(?:\(|[-–—:]|\d|,\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)"
)
# "German and Belgian stocks": an adjective sharing the noun of the next one.
_COORDINATED = re.compile(r"^\s+(?:and|or)\s+[a-z-]+")
_VALUE_GAP = re.compile(r"\b(?:worth|valued|billion|million|crore)\b|[$€£]")
_OFFICIALS = re.compile(
    r"^\s+(?:defen[cs]e minister|minister of defen[cs]e|defen[cs]e secretary|president|"
    r"prime minister|leader|navy chief|army chief|envoy|ambassador)\b"
)
# A state that only has or flies a design: "a model also flown by Iraq".
_HELD_BY = re.compile(
    r"\b(?:(?:also|already|currently|widely|now) (?:flown|operated|used|fielded|owned|employed)"
    r"|flown|fielded|owned|employed|in service with|in use with) by\s+(?:the\s+)?$"
)
_POSSESSIVE = re.compile(r"^(?:'s|’s|'|’)(?!\w)")
_ADJECTIVAL_KINDS = frozenset({"adjective", "demonym"})
# Country names written with their capital ("Turkey", "Jordan") are the country in this
# kind of news; an ambiguous capital or company alias ("Victoria", "IAF") needs support.
_COUNTRY_FORMS = frozenset({"name", "historic", "adjective"})


@dataclass(frozen=True, slots=True)
class Party:
    """A state (or a body standing for one) with the role the sentence gives it.

    ``role`` is ``supplier``, ``buyer``, ``with`` (the other party of a contract),
    ``subject`` (before the trigger, role told by the frame), ``origin`` (an adjective of
    origin: a supplier where the text names none) or ``owner`` (a possessive).
    """

    mention: EntityMention
    state: str
    role: str
    cue: str
    company: bool = False
    multinational: bool = False


_BODY_OF = re.compile(
    r"\b(with|to|for|from|by)\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}"
    r"(?:ministry|department|government|army|navy|air force|armed forces|military|"
    r"forces|authorities)(?:\s+of\s+(?:[a-z]+\s+){0,2}(?:defen[cs]e|affairs))?"
    r"\s+of\s+(?:the\s+)?$"
)


_ORDER_FROM = re.compile(
    r"\b(?:orders?|contracts?)\s+from\s+(?:the\s+)?(?:[a-z-]+\s+(?:of\s+(?:the\s+)?)?){0,3}$"
)


def _cue(low: str, start: int, floor: int) -> str:
    body = _BODY_OF.search(low, max(floor, start - 90), start)
    if body:
        return body.group(1)  # "with the Ministry of National Defence of Poland"
    words = words_before(low, start, 3, floor)
    while words and words[-1] in _SKIP:
        words.pop()
    if words[-2:] == ["according", "to"]:
        return "according"
    if len(words) >= 2 and words[-1] == "to" and words[-2] in _JOURNEYS:
        return "visit"  # "during a visit to New Delhi": where, not who buys
    return words[-1] if words else ""


def read_parties(
    low: str,
    sentence_start: int,
    sentence_end: int,
    mentions: Sequence[EntityMention],
    triggers: Sequence[TriggerHit],
    catalogue: Catalogue,
    state_form_kind: dict[str, str],
    known_states: frozenset[str] | set[str] = frozenset(),
) -> list[Party]:
    """Return the parties of one sentence with their roles (mentions in text order)."""
    first = triggers[0].start if triggers else sentence_end
    first_verb = next((t.start for t in triggers if t.pos == "verb"), first)
    verbs = [t for t in triggers if t.pos == "verb"]
    passive = bool(verbs) and verbs[0].passive
    goods = [m for m in mentions if m.kind in ("system", "class")]
    parties: list[Party] = []
    inherited: dict[int, str] = {}
    homes: dict[int, str] = {}  # company mentions after a state's possessive: that state
    for m in mentions:
        home = homes.pop(m.start, None)
        if home is not None and home != m.state:
            m = replace(m, state=home)  # "Finland's Nammo": the text says whose firm it is
        if m.kind not in ("state", "organisation") or m.state is None:
            continue
        company = multinational = False
        if m.kind == "organisation":
            org = catalogue.organisations.get(m.ref)
            company = org is not None and org.kind is OrganisationKind.COMPANY
            multinational = org is not None and org.multinational
        tail = low[m.end : m.end + 40]
        if any(
            o.kind == "organisation" and o.end <= m.start and not low[o.end : m.start].strip()
            for o in mentions
        ):
            continue  # "Hanwha Defense Australia", "Lockheed Martin UK": part of a company name
        line_start = low.rfind("\n", 0, m.start) + 1
        if _DATELINE.match(tail) and not low[line_start : m.start].strip():
            continue  # "PARIS (Reuters) -": where the report was filed
        surface = low[m.start : m.end]
        adjectival = m.kind == "state" and state_form_kind.get(surface) in _ADJECTIVAL_KINDS
        if _ORIGIN_TAIL.match(tail):
            parties.append(Party(m, m.state, "origin", "made"))
            continue
        next_good = next((g for g in goods if g.start >= m.end), None)
        adjacent = (
            next_good is not None
            and only_modifiers(_POSSESSIVE.sub("", low[m.end : next_good.start]))
            and not any(m.end <= t.start < next_good.start for t in triggers)
        )
        cue = inherited.pop(m.start, None) or _cue(low, m.start, sentence_start)
        if (
            m.ambiguous
            and (m.kind == "organisation" or state_form_kind.get(surface) not in _COUNTRY_FORMS)
            and m.state not in known_states
            and not _verb_follows(low, m.end, triggers)  # "Washington approved the sale"
            and cue not in _BUYER_CUES
            and cue not in ("from", "with")
        ):
            continue
        possessive = bool(_POSSESSIVE.match(tail))
        if possessive:
            after = low[m.end : m.end + 3].lstrip("'’s")
            gap_end = m.end + (len(low[m.end : m.end + 3]) - len(after))
            owned = next(
                (
                    o
                    for o in mentions
                    if o.start >= m.end
                    and o.kind == "organisation"
                    and not low[gap_end : o.start].strip()
                ),
                None,
            )
            if owned is not None:  # "from Germany's Diehl": the company speaks, cue and all
                inherited[owned.start] = cue
                homes[owned.start] = m.state
                continue
            if company and adjacent:
                parties.append(Party(m, m.state, "origin", "maker"))
                continue
            if adjacent and next_good is not None and next_good.kind == "class":
                # "to bolster Ukraine's air defence systems": the holder receives.
                parties.append(Party(m, m.state, "holder", "possessive"))
                continue
        after_sell = _after_sell_verb(low, m.start, triggers, sentence_start)
        coordinated = _COORDINATED.match(tail)
        if coordinated and not _OWN_BODIES.match(tail[coordinated.end() :]):
            coordinated = None
        if adjectival and _before_noun_trigger(low, m.end, triggers, words=1):
            if m.start < first_verb or not verbs:
                # "the Polish permit", "the Indian order": whose deal it is
                parties.append(Party(m, m.state, "owner", "adjective"))
            continue
        if adjectival and not (_OWN_BODIES.match(tail) or _OFFICIALS.match(tail) or coordinated):
            if adjacent:
                parties.append(Party(m, m.state, "origin", "adjective"))
            continue
        if adjacent and not after_sell and cue not in _BUYER_CUES and cue != "from":
            parties.append(Party(m, m.state, "origin", "before-system"))
            continue
        role = ""
        if possessive:
            if _before_noun_trigger(low, m.end, triggers):
                role = "owner"
            elif (
                m.start < first_verb
                and (
                    _OWN_BODIES.match(_POSSESSIVE.sub("", tail))
                    or _OFFICIALS.match(_POSSESSIVE.sub("", tail))
                )
                and _within(low, m.end, first_verb, _SUBJECT_REACH)
            ):
                role = "candidate"  # "Argentina's defence minister signed"
            elif (
                cue in _BUYER_CUES
                and m.start > first
                and not company
                and _OWN_BODIES.match(_POSSESSIVE.sub("", tail))
                and _after_trigger(low, m.start, triggers, reach=15)
            ):
                role = "buyer"  # "sold rifles to Ruritania's navy": the state's forces receive
        elif cue == "from":
            # "an order from Thailand": who places an order buys.
            role = (
                "buyer"
                if _ORDER_FROM.search(low, max(sentence_start, m.start - 80), m.start)
                else "supplier"
            )
        elif (
            cue in _BUYER_CUES
            and m.start > first
            and not company
            and _after_trigger(low, m.start, triggers, reach=15)
        ):
            role = "buyer"
        elif (
            cue == "with"
            and m.start > first
            and (
                _after_trigger(low, m.start, triggers)
                or (
                    _after_trigger(low, m.start, triggers, reach=14)
                    and _VALUE_GAP.search(low, first, m.start) is not None
                )
            )
        ):
            role = "with"
        elif cue == "by" and _HELD_BY.search(low, max(sentence_start, m.start - 40), m.start):
            pass  # "a model also flown by Iraq": who has the design, not who deals in it
        elif cue == "by" and (passive or _after_trigger(low, m.start, triggers)):
            role = "subject"
        elif after_sell:
            role = "buyer"
        elif cue == "between":
            role = "pair"
        elif (
            parties
            and parties[-1].role not in ("origin", "candidate")
            and (
                cue in ("and", "or")
                or low[parties[-1].mention.end : m.start].strip() in (",", ", and", ", or")
            )
            # "from France, like Croatia and Egypt": the list must go on from that party.
            and not any(
                parties[-1].mention.end <= x.start < m.start and x.kind in ("state", "organisation")
                for x in mentions
            )
        ):
            role = parties[-1].role  # "to Ukraine, Poland and Azerbaijan"
        elif (
            m.start < first_verb
            and (not passive or verbs[0].frame is not Frame.SELL)
            and cue not in _BLOCKERS
            and _within(low, m.end, first_verb, _SUBJECT_REACH)
        ):
            role = "candidate"
        if role:
            parties.append(Party(m, m.state, role, cue or "subject", company, multinational))
    # The subject: a possessive before a trigger noun, else the nearest candidate.
    chosen = [p for p in parties if p.role == "owner"][:1]
    if not chosen and not any(p.role == "subject" for p in parties):
        candidates = [p for p in parties if p.role == "candidate"]
        chosen = candidates[-1:]
        # "Lithuania and Finland signed", "Chile, Peru sign": a coordinated subject.
        while chosen and len(candidates) > len(chosen):
            before = candidates[-len(chosen) - 1]
            gap = low[before.mention.end : chosen[0].mention.start].strip()
            # "Ruritania's defence ministry and Acme Arms signed": a body of the state too.
            rest = _POSSESSIVE.sub("", gap)
            body = _OWN_BODIES.match(rest) if rest != gap else None
            if body is not None and rest[body.end() :].strip() == "and":
                gap = "and"
            if gap not in ("and", ",", "&", "and the", ", the"):
                break
            chosen.insert(0, before)
    out: list[Party] = []
    for p in parties:
        if any(p is c for c in chosen):
            out.append(Party(p.mention, p.state, "subject", p.cue, p.company, p.multinational))
        elif p.role not in ("candidate", "owner"):
            out.append(p)
    return out


def _verb_follows(low: str, end: int, triggers: Sequence[TriggerHit]) -> bool:
    """Whether a trigger verb follows within two words ("Washington has approved")."""
    return any(
        t.pos == "verb" and t.start >= end and _within(low, end, t.start, 2) for t in triggers
    )


def _within(low: str, start: int, end: int, words: int) -> bool:
    """Whether ``low[start:end]`` holds at most *words* words (cheap for long gaps)."""
    return end - start <= 40 * words and len(low[start:end].split()) <= words


_SUBJECT_REACH = 15  # words between a subject and its trigger, at most


def _before_noun_trigger(
    low: str, end: int, triggers: Sequence[TriggerHit], words: int = 4
) -> bool:
    """Whether a trigger noun follows within a few words ("Poland's planned purchase")."""
    return any(
        t.pos == "noun" and t.start >= end and _within(low, end, t.start, words) for t in triggers
    )


def _after_trigger(low: str, start: int, triggers: Sequence[TriggerHit], reach: int = 3) -> bool:
    """Whether a trigger ends a few words before ("a deal with", "signed with")."""
    return any(t.end <= start and _within(low, t.end, start, reach) for t in triggers)


# A state after a preposition before the verb is no subject: "Ruritania spoke to Paris
# about jets, and later it ordered" (the one who spoke buys).
_BLOCKERS = _words("in at on of about against over than including like between with to from")


_FUNCTION_WORDS = _words(
    "for to from with and or of by in on at as the a an its their is are was were has "
    "have had will would which that who than into under over about"
)


def only_modifiers(gap: str) -> bool:
    """Whether a gap between a state and a system holds only a few modifier words."""
    if any(c in gap for c in ",;:()"):
        return False
    words = gap.split()
    return len(words) <= 2 and all(
        (w.isalpha() or "-" in w) and w not in _FUNCTION_WORDS for w in words
    )


def _after_sell_verb(low: str, start: int, triggers: Sequence[TriggerHit], floor: int) -> bool:
    """Whether the mention is the indirect object of a sell verb ("supply Qatar with")."""
    for t in triggers:
        if t.pos == "verb" and t.frame is Frame.SELL and t.end <= start:
            gap = low[t.end : start].split()
            if all(w in _SKIP for w in gap) and len(gap) <= 1:
                return True
    return False

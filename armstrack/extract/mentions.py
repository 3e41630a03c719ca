"""Gazetteer matching: find the catalogue's states, organisations, systems and classes in text.

The matcher is compiled from a :class:`~armstrack.catalogue.Catalogue` once per process (and
per catalogue): one Aho-Corasick automaton over the normalised, lower-cased surface forms.
A hit counts only at word boundaries; forms written in capitals ("KAI", "US", "ROK") and
forms the catalogue marks ambiguous ("Georgia", "Patriot") must match the text's case too.
Where hits overlap the longest wins. A system or class form may carry a plural or
possessive ending ("K2s", "Rafales", "Hanwha's"); a designation matches with or without its
hyphen ("F-16", "F16", "F 16").

>>> from armstrack.catalogue import Catalogue, StateForm
>>> cat = Catalogue().with_entries(
...     state_forms=[StateForm(code="POL", form="Poland", kind="name")])
>>> [(m.kind, m.ref) for m in find_mentions("Poland's new tanks", cat)]
[('state', 'POL')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import ahocorasick

from armstrack.catalogue import Catalogue, default_catalogue
from armstrack.extract.normalise import normalise
from armstrack.extract.spans import EntityMention
from armstrack.model import Category

__all__ = ["Gazetteer", "find_mentions", "gazetteer_for", "match_text"]

# Which kind of mention wins when one form names two things ("Patriot" the system and no
# other; "Korea" the state and a company alias): states, then organisations, systems, classes.
_KIND_RANK = {"state": 0, "organisation": 1, "system": 2, "class": 3}
_SUFFIXES = ("'s", "’s", "es", "s", "'", "’")
_DESIGNATION = re.compile(r"^([A-Za-z]{1,6})[- ]?(\d[\w/.-]*)$")


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: str
    ref: str
    state: str | None
    category: Category | None
    ambiguous: bool
    exact: str | None  # the form's own spelling where the text's case must agree
    length: int


_BLANKS = str.maketrans(dict.fromkeys("\n\r\t\u2028\u2029", " "))


def match_text(text: str) -> str:
    """Return the text as the automaton reads it: normalised, lower-cased, same length.

    >>> match_text("U.S.\\u00a0Army")
    'u.s. army'
    """
    norm = normalise(text)
    low = norm.lower()
    if len(low) != len(norm):  # a few letters ("İ") lower-case to two characters
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in norm)
    return low.translate(_BLANKS)


def _variants(form: str, *, designation: bool) -> set[str]:
    out = {form}
    if designation:
        hit = _DESIGNATION.match(form)
        if hit:
            head, tail = hit.groups()
            out |= {f"{head}-{tail}", f"{head}{tail}", f"{head} {tail}"}
    return out


def _hyphenated(form: str) -> list[str]:
    """A class noun with the words before its head joined by hyphens, as reports also
    write it ("infantry-fighting vehicles", "air-defence systems").

    >>> _hyphenated("infantry fighting vehicles")
    ['infantry fighting vehicles', 'infantry-fighting vehicles']
    """
    *modifiers, head = form.split(" ")
    if not 2 <= len(modifiers) <= 3:
        return [form]
    out = []
    for mask in range(2 ** (len(modifiers) - 1)):
        joined = modifiers[0]
        for i, word in enumerate(modifiers[1:]):
            joined += ("-" if mask >> i & 1 else " ") + word
        out.append(f"{joined} {head}")
    return out


# "A-50", "K9", "F 16": one letter and a figure is a designation only as written ("a 50
# billion euro package", "k9 units" are not).
_ONE_LETTER_DESIGNATION = re.compile(r"[A-Z][- ]?\d+[A-Za-z]?")


def _is_capitals(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


class Gazetteer:
    """A compiled matcher over one catalogue's surface forms."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self._automaton = ahocorasick.Automaton()
        table: dict[str, list[_Entry]] = {}
        #: The kind of each state form, by its matched (lower-cased) text: "adjective", ...
        self.state_form_kind: dict[str, str] = {}
        for form in catalogue.state_forms:
            self.state_form_kind.setdefault(match_text(normalise(form.form)), form.kind.value)
        for kind, ref, state, category, forms, ambiguous, designation in self._forms(catalogue):
            for raw in forms:
                clean = normalise(raw.strip())
                if not clean:
                    continue
                for variant in _variants(clean, designation=designation):
                    exact = (
                        variant
                        if _is_capitals(variant)
                        or variant in ambiguous
                        or (designation and _ONE_LETTER_DESIGNATION.fullmatch(variant))
                        else None
                    )
                    key = match_text(variant)
                    entry = _Entry(
                        kind, ref, state, category, variant in ambiguous, exact, len(key)
                    )
                    table.setdefault(key, []).append(entry)
        for key, entries in table.items():
            entries.sort(key=lambda e: (e.exact is None, _KIND_RANK[e.kind], e.ref))
            self._automaton.add_word(key, tuple(entries))
        if table:
            self._automaton.make_automaton()
        self._empty = not table

    @staticmethod
    def _forms(
        catalogue: Catalogue,
    ) -> Iterator[tuple[str, str, str | None, Category | None, list[str], set[str], bool]]:
        for record in catalogue.states.values():
            names = [record.name, record.common_name or ""]
            if record.official_name:
                names.append(record.official_name)
            # ISO names such as "Korea, Republic of" are not news forms; keep plain ones.
            yield (
                "state",
                record.code,
                record.code,
                None,
                [n for n in names if n and "," not in n and "(" not in n],
                set(),
                False,
            )
        for form in catalogue.state_forms:
            ambiguous = {form.form} if form.ambiguous else set()
            yield "state", form.code, form.code, None, [form.form], ambiguous, False
        for org in catalogue.organisations.values():
            forms = [org.name, *org.aliases, *org.former_names]
            yield (
                "organisation",
                org.id,
                org.state,
                None,
                forms,
                set(org.ambiguous_aliases),
                False,
            )
        for system in catalogue.systems.values():
            forms = [system.name, *system.aliases]
            if system.designation:
                forms.append(system.designation)
            yield (
                "system",
                system.id,
                system.origin,
                system.category,
                forms,
                set(system.ambiguous_aliases),
                True,
            )
        for noun in catalogue.classes:
            forms = [noun.form] + ([noun.plural] if noun.plural else [])
            forms = [v for f in forms for v in _hyphenated(f)]
            yield "class", noun.form, None, noun.category, forms, set(), False

    def find(self, text: str, *, low: str | None = None) -> list[EntityMention]:
        """Return the mentions in *text*, sorted by position, longest match winning.

        *low* is :func:`match_text` of *text* when the caller already has it.
        """
        if self._empty or not text:
            return []
        low = match_text(text) if low is None else low
        norm: str | None = None  # the text's own case, read only for exact-case forms
        size = len(low)
        hits: list[tuple[int, int, _Entry]] = []
        # Systems of other designs written the same way ("Lynx": a helicopter, a vehicle, a
        # rocket launcher), by the start of the hit that chose one of them.
        namesakes: dict[int, list[_Entry]] = {}
        for last, entries in self._automaton.iter(low):
            for entry in entries:
                start = last + 1 - entry.length
                if start > 0 and low[start - 1].isalnum() and low[start].isalnum():
                    break  # inside a word (as _word_char, inlined: this loop is hot)
                if (
                    entry.kind in ("system", "class")
                    and start > 1
                    and low[start - 1] == "-"
                    and low[start - 2].isalpha()
                ):
                    continue  # "FLIT-LCA", "anti-tank": inside a compound word
                end = _word_end(low, last + 1, size, entry.kind)
                if end < 0:
                    continue
                if entry.exact is not None:
                    if norm is None:
                        norm = normalise(text)
                    if norm[start : start + entry.length] != entry.exact:
                        continue
                hits.append((start, end, entry))
                if entry.kind == "system" and len(entries) > 1:
                    if norm is None:
                        norm = normalise(text)
                    others = _other_systems(entry, entries, norm[start : start + entry.length])
                    if others:
                        namesakes[start] = others
                break
        mentions = _longest(hits)
        return _by_class_after(mentions, namesakes, low) if namesakes else mentions

    def __repr__(self) -> str:
        return f"Gazetteer({len(self._automaton)} forms)"


def _word_char(c: str) -> bool:
    return c.isalnum()


def _word_end(low: str, end: int, size: int, kind: str) -> int:
    """Return where the word ends if *end* is a boundary (allowing plural endings), else -1."""
    # _word_char is str.isalnum, called directly here: this runs for every hit.
    if end >= size or not low[end].isalnum() or not low[end - 1].isalnum():
        return end
    if kind in ("system", "class", "organisation"):
        for suffix in _SUFFIXES:
            stop = end + len(suffix)
            if low.startswith(suffix, end) and (stop >= size or not low[stop].isalnum()):
                return stop
    return -1


def _other_systems(chosen: _Entry, entries: tuple[_Entry, ...], written: str) -> list[_Entry]:
    """The systems of other categories that the same written form (*written*) can name."""
    return [
        e
        for e in entries
        if e.kind == "system"
        and e.category != chosen.category
        and (e.exact is None or e.exact == written)
    ]


#: What may stand between a system's name and the class noun that tells its kind:
#: blanks, a hyphen, or up to two words that are not function words ("Puma S1 vehicles").
_TO_CLASS = re.compile(r"[ -]*(?:(?!(?:and|or|with|from|to|for|of|the|an?|in)\b)[\w.]+ +){0,2}")


def _by_class_after(
    mentions: list[EntityMention], namesakes: dict[int, list[_Entry]], low: str
) -> list[EntityMention]:
    """Read a name shared by systems of several categories as the one its class noun names.

    "Puma infantry fighting vehicles" is the German vehicle, "Puma helicopters" the
    helicopter: the class noun right after the name decides where the name alone cannot.
    """
    out = list(mentions)
    for i, m in enumerate(out):
        others = namesakes.get(m.start)
        if others is None or m.kind != "system" or i + 1 >= len(out):
            continue
        noun = out[i + 1]
        gap = _TO_CLASS.match(low, m.end, noun.start)
        if noun.kind != "class" or gap is None or gap.end() != noun.start:
            continue
        if noun.category == m.category:
            continue
        pick = next((e for e in others if e.category == noun.category), None)
        if pick is not None:
            out[i] = _mention(m.start, m.end, pick)
    return out


def _longest(hits: list[tuple[int, int, _Entry]]) -> list[EntityMention]:
    """Keep the longest of overlapping hits, scanning left to right (n log n)."""
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0]), _KIND_RANK[h[2].kind]))
    chosen: list[tuple[int, int, _Entry]] = []
    for hit in hits:
        if chosen and hit[0] < chosen[-1][1]:
            last = chosen[-1]
            longer = hit[1] - hit[0] > last[1] - last[0]
            if longer and (len(chosen) < 2 or hit[0] >= chosen[-2][1]):
                chosen[-1] = hit
            continue
        chosen.append(hit)
    return [_mention(s, e, entry) for s, e, entry in chosen]


def _mention(start: int, end: int, entry: _Entry) -> EntityMention:
    return EntityMention(
        start=start,
        end=end,
        kind=entry.kind,
        ref=entry.ref,
        state=entry.state,
        category=entry.category,
        ambiguous=entry.ambiguous,
    )


_CACHE: list[tuple[Catalogue, Gazetteer]] = []


def gazetteer_for(catalogue: Catalogue | None = None) -> Gazetteer:
    """Return the compiled gazetteer of *catalogue* (default: the shipped one), built once."""
    catalogue = default_catalogue() if catalogue is None else catalogue
    for known, gazetteer in _CACHE:
        if known is catalogue:
            return gazetteer
    gazetteer = Gazetteer(catalogue)
    _CACHE.append((catalogue, gazetteer))
    del _CACHE[:-8]  # a few catalogues at most stay compiled
    return gazetteer


def find_mentions(text: str, catalogue: Catalogue | None = None) -> list[EntityMention]:
    """Return the catalogue mentions in *text* (see :class:`Gazetteer`)."""
    return gazetteer_for(catalogue).find(text)


def spans_text(text: str, mentions: Iterable[EntityMention]) -> list[str]:
    """Return the surface text of each mention (for tests and explanations)."""
    return [text[m.start : m.end] for m in mentions]

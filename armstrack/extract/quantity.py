"""Counts in news text: ``180``, ``1,000``, ``sixty-four``, ``a dozen``, ``Two (2)``.

A quantity is a standalone number, in digits or in words, that could count things. Numbers
that are something else are skipped: years (``in 2024``), money (``$500 million``),
percentages, ordinals (``1st``), times (``10:30``, ``9 a.m.``), measures (``155mm``,
``120-mm``, ``300 km``, ``10 years``), decimals, dates (``June 5``), ranges joined by a
hyphen (``10-12``) and designations (``F-16``, ``K2``, ``Block 70``, ``Type 26``). A lone
``a``/``an`` is not a quantity, but ``a dozen`` (12), ``half a dozen`` (6), ``a pair of``
(2), ``a hundred`` and ``a thousand`` are. A designation written after a capitalised name
(``Leopard 2``) cannot be told from a count here; the caller drops quantities that overlap
a recognised system name.

Scanning is linear: candidates are figures whose neighbours can leave them a count, and
number words found in a lower-cased copy of the text, each sought by a pattern the regular
expression engine scans for quickly; each is read and checked within a bounded window.

>>> [(m.value, m.start, m.end) for m in find_quantities("Two (2) C-130J and 48 F-16s")]
[(2, 0, 7), (48, 19, 21)]
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from armstrack.extract.money import NAMES as _CURRENCY_NAMES
from armstrack.extract.money import find_money
from armstrack.extract.spans import MoneyMention, QuantityMention
from armstrack.extract.starts import LOWER_UNSAFE, NumberStarts, start_finder, trie

__all__ = ["find_quantities", "parse_number"]

UNITS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES: dict[str, int] = {"million": 10**6, "billion": 10**9}


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


#: Words after a number that make it a measure, a share or a time, not a count.
MEASURE_WORDS = _wordset(
    """
    percent per pct percentage mm cm km m kg g t kt nm mph kph kmh hz mhz ghz kw mw
    millimetre millimetres millimeter millimeters centimetre centimetres centimeter
    centimeters metre metres meter meters kilometre kilometres kilometer kilometers
    mile miles foot feet ft inch inches yard yards knot knots nautical kilogram kilograms
    gram grams tonne tonnes ton tons pound pounds lb lbs calibre caliber cal degrees degree
    second seconds minute minutes hour hours day days week weeks month months year years
    decade decades century centuries am pm a.m. p.m. o'clock gmt utc times fold
    """
)
#: Words before a number that make it part of a name or a reference.
DESIGNATION_WORDS = _wordset(
    """
    block batch tranche flight type model mk mark series lot increment phase version
    variant no nos number article section resolution chapter route gen generation level
    stage zone mach project page act category stanag fy cat grade class size
    """
)
MONTHS = _wordset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    """
)
#: Words before a year (1900-2099) that make it one.
YEAR_WORDS = _wordset(
    """
    in since by until till through from to of during before after between and or early
    late mid end start fiscal fy year years circa around about spring summer autumn
    fall winter the
    """
)
#: Plural words after a 1900-2099 figure that still make it a year ("2022 elections").
YEAR_NOUNS = _wordset("elections levels figures prices talks games olympics budgets accounts")
#: Capitalised words that may stand before a count in a title-case headline or at the
#: start of a sentence; any other capitalised word before a figure names a model
#: ("Challenger 2", "Leopard 1", "Horizon 3").
COUNT_OPENERS = _wordset(
    """
    a about additional after all almost an and another any approximately around as at
    before between buy buys buying by delivers deliver delivered extra first for from get
    gets got has have in including its last more nearly of on order orders ordered over
    purchase purchases receive receives received seeks sell sells sold send sends sent sign
    signs signed some than the their these those to total up want wants with acquire
    acquires approve approves approved plans plan supply supplies supplied transfer
    transfers further another other new only just least most
    """
)
_ONE_NOT_COUNT_BEFORE = _wordset("no any every some the this that which each")
_CURRENCY_WORDS = frozenset(k.lower() for k in _CURRENCY_NAMES if " " not in k)

_SP = r"[ \t\u00a0]"
_DIGITS = r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![.,]?\d)"
_NUMBER_WORDS = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
_CANDIDATE_RE = re.compile(
    rf"(?P<digits>{_DIGITS})"
    rf"|(?<![\w'-])(?P<word>(?i:{_NUMBER_WORDS}"
    rf"|an?(?={_SP}(?:dozen|pair{_SP}of|hundred|thousand)\b)"
    rf"|half(?={_SP}an?{_SP}dozen\b))(?![\w']))"
)
_CANDIDATE_START = start_finder([*UNITS, *TENS, "a", "an", "half"], r"[\w'-]")
# Where a number word can start, found in " " + text.lower(): the character before it
# and the word, as the candidate pattern wants them but in ASCII lower case, which the
# engine scans for far faster than for the case-insensitive pattern. Lower-casing keeps
# every place and every letter the candidate pattern can read unless the text holds one
# of LOWER_UNSAFE; such a text is searched with _CANDIDATE_START instead.
_LOW_SP = "[ \t\u00a0]"
_WORD_ANCHOR = re.compile(
    rf"[^a-z0-9_'-](?:(?:{trie([*UNITS, *TENS])})(?![a-z0-9_'])"
    rf"|an?{_LOW_SP}(?:dozen|pair|hundred|thousand)|half{_LOW_SP}an?{_LOW_SP}dozen)"
)


def _ascii_words(words: Collection[str]) -> str:
    """A regex alternative of *words* in any case of ASCII letters (and of nothing else).

    ``(?i:...)`` would also match the Kelvin sign for "k", which the word readers here
    never take for a letter.
    """
    return trie(words, lambda c: f"[{c}{c.upper()}]" if c.isalpha() else re.escape(c))


# The figures worth reading: those whose neighbours can leave them a count. A figure
# right after a letter, a digit, a currency sign or "#/:_", after a hyphen or a point that
# follows a letter or digit ("F-16", "No.5"), or before a letter or "%/_°", a hyphen and a
# letter or digit, or ":" and a digit, is none (unless a scale word follows it); nor is
# one followed by a measure, a month or a currency, nor a year (1900-2099) that no plural
# word follows. Skipping such a figure is the same as reading it, since no number starts
# inside another. The tests mirror those of _is_count, on the words as _WORD_AFTER
# reads them.
_NEXT = rf"{_SP}?(?=[A-Za-z])"
_NEXT_END = r"(?![A-Za-z.'/])"
# A measure's letter before a hyphen and a figure is a designation ("25 T-55 tanks").
_NOT_A_COUNT_AFTER = (
    rf"{_NEXT}(?:(?:{_ascii_words(MEASURE_WORDS)})\.*"
    rf"|{_ascii_words(MONTHS | _CURRENCY_WORDS)}){_NEXT_END}(?![-–]\d)"
)
_PLURAL_AFTER = rf"{_NEXT}[A-Za-z][A-Za-z.'/]{{3,}}{_NEXT_END}(?<=[sS])(?<!['sSuU][sS])"
_SCALED = rf"{_SP}(?i:million|billion)(?![\w'])"
_COUNT_DIGITS = re.compile(
    r"\d(?<![\d.,]\d)(?<![\w$€£¥₹₩₪₺₽₱₴#/:]\d)(?<![^\W_][-.]\d)"
    rf"(?!(?:(?<=1)9|(?<=2)0)\d\d(?![.,]?\d)(?!{_SCALED})(?!{_PLURAL_AFTER}))"  # a year
    r"(?=(?:\d{0,2}(?:,\d{3})+|\d*)(?:\.\d+)?(?![.,]?\d)"  # the rest of the figure
    rf"(?:{_SCALED}|(?![\w%/°])(?![-–][^\W_])(?!:\d)(?!{_NOT_A_COUNT_AFTER})))"
)
# One token of a number written in words, with what joins it to the previous one.
_TOKEN_RE = re.compile(rf"(?P<sep>{_SP}|-)(?P<tok>[A-Za-z]+)(?![\w'])")
_ECHO_RE = re.compile(rf"{_SP}?\((?P<n>\d{{1,3}}(?:,\d{{3}})*|[A-Za-z-]+)\)")
_WORD_AFTER = re.compile(rf"{_SP}?(?P<w>[A-Za-z][A-Za-z.'/]*)")
_WORD_BEFORE = re.compile(rf"(?<![A-Za-z.])(?P<w>[A-Za-z][A-Za-z]*)\.?{_SP}\Z")
#: A hyphen and a figure after a word: the word starts a designation ("T-72", "M-109").
_DESIGNATION_AFTER = re.compile(r"[-–]\d")
_MAX_DIGITS = 30


def _words_from(text: str, pos: int, first: str) -> list[tuple[str, int]]:
    """The word *first* (ending at *pos*) and up to seven more joined to it: (word, end)."""
    words = [(first.lower(), pos)]
    while len(words) < 8:
        m = _TOKEN_RE.match(text, pos)
        if m is None:
            break
        words.append((m.group("tok").lower(), m.end()))
        pos = m.end()
    return words


def _below_hundred(words: list[tuple[str, int]], i: int) -> tuple[int, int] | None:
    if i >= len(words):
        return None
    w = words[i][0]
    if w in UNITS:
        return UNITS[w], i + 1
    if w in TENS:
        if i + 1 < len(words) and 0 < UNITS.get(words[i + 1][0], 0) < 10:
            return TENS[w] + UNITS[words[i + 1][0]], i + 2
        return TENS[w], i + 1
    return None


def _word_at(words: list[tuple[str, int]], i: int, *options: str) -> bool:
    return i < len(words) and words[i][0] in options


def _below_thousand(words: list[tuple[str, int]], i: int) -> tuple[int, int] | None:
    if _word_at(words, i, "a", "an") and _word_at(words, i + 1, "hundred"):
        value, i = 100, i + 2
    else:
        read = _below_hundred(words, i)
        if read is None:
            return None
        value, i = read
        if not _word_at(words, i, "hundred") or value == 0 or value > 9:
            return value, i
        value, i = value * 100, i + 1
    j = i + 1 if _word_at(words, i, "and") else i
    rest = _below_hundred(words, j)
    if rest is not None and rest[0] > 0:
        return value + rest[0], rest[1]
    return value, i


def _read_words(words: list[tuple[str, int]]) -> tuple[int, int] | None:
    """Read a number in words from the start of *words*: (value, words used)."""
    if _word_at(words, 0, "half") and _word_at(words, 2, "dozen"):
        return 6, 3
    if _word_at(words, 0, "a", "an"):
        if _word_at(words, 1, "dozen"):
            return 12, 2
        if _word_at(words, 1, "pair") and _word_at(words, 2, "of"):
            return 2, 2
        if _word_at(words, 1, "thousand"):
            value, i = 1000, 2
        else:
            read = _below_thousand(words, 0)
            if read is None:
                return None
            return read
    else:
        read = _below_thousand(words, 0)
        if read is None:
            return None
        value, i = read
        if _word_at(words, i, "dozen") and value < 100:
            return value * 12, i + 1
        if not _word_at(words, i, "thousand"):
            return value, i
        value, i = value * 1000, i + 1
    j = i + 1 if _word_at(words, i, "and") else i
    rest = _below_thousand(words, j)
    if rest is not None and rest[0] > 0:
        return value + rest[0], rest[1]
    return value, i


def _read_digits(text: str, m: re.Match[str]) -> tuple[int, int] | None:
    """Read the digits of *m* and a scale word after them: (value, end)."""
    raw = m.group("digits").replace(",", "")
    if len(raw) > _MAX_DIGITS:
        return None
    whole, _, frac = raw.partition(".")
    s = _TOKEN_RE.match(text, m.end())
    scale = SCALES.get(s.group("tok").lower()) if s and s.group("sep") != "-" else None
    if scale is None:
        return (int(whole), m.end()) if not frac else None
    value = int(whole + frac) * scale
    if value % 10 ** len(frac):
        return None  # "1.2345678 million" is not a whole count
    assert s is not None
    return value // 10 ** len(frac), s.end()


def _read(text: str, m: re.Match[str]) -> tuple[int, int] | None:
    """The number starting at *m*: (value, end)."""
    if m.group("digits") is not None:
        return _read_digits(text, m)
    words = _words_from(text, m.end(), m.group("word"))
    read = _read_words(words)
    if read is None:
        return None
    value, used = read
    end = words[used - 1][1]
    if used < len(words) and words[used][0] in SCALES and value < 1000:
        value, end = value * SCALES[words[used][0]], words[used][1]
    return value, end


def _echo(text: str, end: int, value: int) -> int:
    """The end of an echo of *value* in brackets after it ("Two (2)"), else *end*."""
    m = _ECHO_RE.match(text, end)
    if m is not None and parse_number(m.group("n")) == value:
        return m.end()
    return end


def _is_count(text: str, start: int, end: int, value: int, m: re.Match[str]) -> bool:
    """Whether the number at [start, end) is a count, judged by what surrounds it."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before.isalnum() or before in "$€£¥₹₩₪₺₽₱₴#/:_" or after.isalnum() or after in "%/_°":
        return False
    if before == "-" and start > 1 and text[start - 2].isalnum():
        return False  # F-16, Su-35
    if after in "-–" and end + 1 < len(text) and text[end + 1].isalnum():
        return False  # 120-mm, two-year, 10-12
    if after == ":" and end + 1 < len(text) and text[end + 1].isdigit():
        return False  # 10:30
    if before == "." and start > 1 and text[start - 2].isalnum():
        return False  # v.2, No.5
    nxt = _WORD_AFTER.match(text, end)
    next_word = nxt.group("w").lower() if nxt else ""
    designation = nxt is not None and _DESIGNATION_AFTER.match(text, nxt.end()) is not None
    if (next_word.rstrip(".") in MEASURE_WORDS or next_word in MEASURE_WORDS) and not designation:
        return False
    if next_word in MONTHS or next_word in _CURRENCY_WORDS:
        return False
    prv = _WORD_BEFORE.search(text, max(0, start - 16), start)
    prev_word = prv.group("w").lower() if prv else ""
    if prev_word in DESIGNATION_WORDS or prev_word in MONTHS:
        return False
    digits = m.group("digits")
    if (
        digits is not None
        and prv is not None
        and prv.group("w")[0].isupper()
        and prev_word not in COUNT_OPENERS
        and text[prv.end("w")] != "."
    ):
        return False  # "Challenger 2 tanks": the figure is part of a model name
    if digits is not None and len(digits) == 4 and 1900 <= value <= 2099:
        # A year unless a plural noun follows and nothing before marks a year.
        plural = (
            len(next_word) > 3
            and next_word.endswith("s")
            and not next_word.endswith(("'s", "ss", "us"))
        )
        if not plural or next_word in YEAR_NOUNS or prev_word in YEAR_WORDS:
            return False
    word = m.group("word")
    return not (
        word is not None
        and word.lower() == "one"
        and end - start == 3
        and (next_word in ("of", "another", "by") or prev_word in _ONE_NOT_COUNT_BEFORE)
    )


def _number_starts(text: str) -> NumberStarts:
    """The search for candidates in *text*: digits worth reading, and number words."""
    if any(c in text for c in LOWER_UNSAFE):
        return NumberStarts(
            _CANDIDATE_RE, text, _CANDIDATE_START, text, (0, 1), digits=_COUNT_DIGITS
        )
    return NumberStarts(
        _CANDIDATE_RE, text, _WORD_ANCHOR, " " + text.lower(), (1, 2), digits=_COUNT_DIGITS
    )


def find_quantities(
    text: str, *, money: Sequence[MoneyMention] | None = None
) -> list[QuantityMention]:
    """Find every count in *text*, in text order, without overlaps.

    *money* is :func:`~armstrack.extract.money.find_money` of *text* (no states), when the
    caller already has it.

    >>> [(m.value, m.start, m.end) for m in find_quantities("sixty-four jets, a dozen ships")]
    [(64, 0, 10), (12, 17, 24)]
    >>> find_quantities("In 2024 it paid $500 million for 155mm shells, 20% more than F-16 parts.")
    []
    """
    money = find_money(text) if money is None else money
    found: list[QuantityMention] = []
    numbers = _number_starts(text)
    k = 0
    pos = 0
    while True:
        m = numbers.search(pos)
        if m is None:
            return found
        read = _read(text, m)
        if read is None:
            pos = m.end()
            continue
        value, end = read
        pos = end
        start = m.start()
        if not _is_count(text, start, end, value, m):
            continue
        end = _echo(text, end, value)
        pos = end
        while k < len(money) and money[k].end <= start:
            k += 1
        if k < len(money) and money[k].start < end:
            continue  # part of a sum of money
        found.append(QuantityMention(start=start, end=end, value=value))


def parse_number(s: str) -> int | None:
    """Parse *s* as one whole number in digits or words; ``None`` otherwise.

    No context rules apply here: ``"2024"`` is the number 2024.

    >>> [parse_number(s) for s in ["1,000", "sixty-four", "a dozen", "two hundred and fifty"]]
    [1000, 64, 12, 250]
    >>> [parse_number(s) for s in ["a", "1.5", "1.5 million", "Two (2)", "lots"]]
    [None, None, 1500000, 2, None]
    """
    stripped = s.strip()
    m = _CANDIDATE_RE.match(stripped)
    if m is None:
        return None
    read = _read(stripped, m)
    if read is None:
        return None
    value, end = read
    if m.group("word") is not None and m.group("word").lower() in ("a", "an") and end == 1:
        return None
    end = _echo(stripped, end, value) if "(" in stripped[end:] else end
    return value if end == len(stripped) else None

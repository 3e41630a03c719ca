"""Sums of money in news text: ``$1.64-billion``, ``EUR 2.5bn``, ``Rs 62,370 crore``.

A money mention is a number (digits, or a number word before a scale word), an optional
scale (``billion``, ``bn``, ``m``, ``crore``, ``lakh crore`` ...) and a currency written
before the number (``$``, ``US$``, ``NT$``, ``€``, ``Rs``, ``USD``) or after it (``euros``,
``Swedish crowns``, ``won``, ``PLN``). ``$`` alone is the US dollar. A currency name that
several states use (``pesos``, ``kroner``, ``crowns``, ``francs``, ``dinars``) is known but
left unresolved, so it yields no mention: a wrong currency is worse than none.

Hedges and ranges are kept in :class:`~armstrack.model.Money`, with ``amount`` always the
stated figure (the low end of a range):

* ``about``/``more than``/``nearly``/``an estimated`` ... ``$X``: ``approximate=True``;
* ``up to``/``as much as $X``: a cap, ``approximate=True`` and ``upper=X``;
* ``$2-3 billion``, ``$2 billion to $3 billion``, ``between $2 billion and $3 billion``:
  ``amount`` the low end, ``upper`` the high end.

A figure followed by its conversion, ``20 trillion won ($15 billion)``, is two mentions in
text order; the first written is the deal's own value.

Scanning is linear in the length of the text, and fast where most figures are no money:
the figures worth reading (a currency may stand before them, or a scale, a currency or a
range may follow) and the ``illion`` of the scale words that number words need are found by
patterns the regular expression engine scans for quickly; only these are read, by anchored
patterns of bounded length around them. What stands before a figure (a currency, a hedge,
"between", "from") is read back from it only when the reading needs it.

>>> [(m.money.amount, m.money.currency) for m in find_money("a $1.64-billion deal")]
[(Decimal('1640000000'), 'USD')]
"""

from __future__ import annotations

import re
import string
from collections.abc import Collection
from decimal import Decimal

from pydantic import ValidationError

from armstrack import codes
from armstrack.extract.spans import MoneyMention
from armstrack.extract.starts import CASE_FOLDS, NumberStarts, trie
from armstrack.model import Money

__all__ = ["find_money", "format_money", "parse_money", "scan_money"]

# --- data -------------------------------------------------------------------------------
# Currency forms are general knowledge of how the press writes money (ISO 4217 codes,
# symbols, and the names of currencies in English). ``None`` marks a name several
# currencies share: it is recognised (so the figure is not read as something else) but
# gives no mention.

#: Symbols and abbreviations written before the figure (case-sensitive).
PREFIXES: dict[str, str] = {
    "$": "USD",
    "US$": "USD",
    "US $": "USD",
    "U.S.$": "USD",
    "U.S. $": "USD",
    "USD$": "USD",
    "NT$": "TWD",
    "A$": "AUD",
    "AU$": "AUD",
    "AUD$": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "CAN$": "CAD",
    "S$": "SGD",
    "SG$": "SGD",
    "HK$": "HKD",
    "NZ$": "NZD",
    "R$": "BRL",
    "MX$": "MXN",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "CN¥": "CNY",
    "₹": "INR",
    "₩": "KRW",
    "₪": "ILS",
    "₺": "TRY",
    "₽": "RUB",
    "₱": "PHP",
    "₴": "UAH",
    "฿": "THB",
    "Rs": "INR",
    "Rs.": "INR",
    "Rp": "IDR",
    "Rp.": "IDR",
    "RM": "MYR",
    "R": "ZAR",
    "RMB": "CNY",
    "NIS": "ILS",
}
#: Prefixes that are also ordinary letters: read as money only before a scale word.
_PREFIX_NEEDS_SCALE = frozenset({"R"})

#: Currency names written after the figure (matched case-insensitively).
NAMES: dict[str, str | None] = {
    "dollars": "USD",
    "dollar": "USD",
    "US dollars": "USD",
    "U.S. dollars": "USD",
    "American dollars": "USD",
    "Australian dollars": "AUD",
    "Canadian dollars": "CAD",
    "New Taiwan dollars": "TWD",
    "Taiwan dollars": "TWD",
    "Taiwanese dollars": "TWD",
    "Singapore dollars": "SGD",
    "Singaporean dollars": "SGD",
    "Hong Kong dollars": "HKD",
    "New Zealand dollars": "NZD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds": "GBP",
    "pound": "GBP",
    "pounds sterling": "GBP",
    "sterling": "GBP",
    "British pounds": "GBP",
    "Egyptian pounds": "EGP",
    "Lebanese pounds": "LBP",
    "Syrian pounds": "SYP",
    "won": "KRW",
    "Korean won": "KRW",
    "South Korean won": "KRW",
    "North Korean won": "KPW",
    "yen": "JPY",
    "Japanese yen": "JPY",
    "yuan": "CNY",
    "Chinese yuan": "CNY",
    "renminbi": "CNY",
    "rupees": "INR",
    "Indian rupees": "INR",
    "Pakistani rupees": "PKR",
    "Sri Lankan rupees": "LKR",
    "rubles": "RUB",
    "roubles": "RUB",
    "Russian rubles": "RUB",
    "Russian roubles": "RUB",
    "zlotys": "PLN",
    "zloty": "PLN",
    "zlotych": "PLN",
    "Polish zlotys": "PLN",
    "Polish zloty": "PLN",
    "kronor": "SEK",
    "Swedish crowns": "SEK",
    "Swedish kronor": "SEK",
    "Swedish krona": "SEK",
    "Norwegian crowns": "NOK",
    "Norwegian kroner": "NOK",
    "Norwegian krone": "NOK",
    "Danish crowns": "DKK",
    "Danish kroner": "DKK",
    "Danish krone": "DKK",
    "Czech crowns": "CZK",
    "Czech korunas": "CZK",
    "Czech koruna": "CZK",
    "koruna": "CZK",
    "korunas": "CZK",
    "kroner": None,
    "krone": None,
    "crowns": None,
    "Swiss francs": "CHF",
    "Swiss franc": "CHF",
    "francs": None,
    "lira": "TRY",
    "liras": "TRY",
    "lire": "TRY",
    "Turkish lira": "TRY",
    "Turkish liras": "TRY",
    "dirhams": "AED",
    "UAE dirhams": "AED",
    "Emirati dirhams": "AED",
    "Moroccan dirhams": "MAD",
    "riyals": "SAR",
    "Saudi riyals": "SAR",
    "Qatari riyals": "QAR",
    "rials": None,
    "Omani rials": "OMR",
    "Iranian rials": "IRR",
    "shekels": "ILS",
    "new shekels": "ILS",
    "Israeli shekels": "ILS",
    "rand": "ZAR",
    "South African rand": "ZAR",
    "rupiah": "IDR",
    "Indonesian rupiah": "IDR",
    "ringgit": "MYR",
    "Malaysian ringgit": "MYR",
    "baht": "THB",
    "Thai baht": "THB",
    "pesos": None,
    "Philippine pesos": "PHP",
    "Mexican pesos": "MXN",
    "Colombian pesos": "COP",
    "Chilean pesos": "CLP",
    "Argentine pesos": "ARS",
    "reais": "BRL",
    "Brazilian reais": "BRL",
    "Brazilian real": "BRL",
    "hryvnias": "UAH",
    "hryvnia": "UAH",
    "hryvnas": "UAH",
    "forints": "HUF",
    "forint": "HUF",
    "Romanian lei": "RON",
    "dinars": None,
    "Kuwaiti dinars": "KWD",
    "Algerian dinars": "DZD",
    "Iraqi dinars": "IQD",
    "Serbian dinars": "RSD",
    "Jordanian dinars": "JOD",
    "naira": "NGN",
    "tenge": "KZT",
    "taka": "BDT",
}
#: The currencies an ambiguous name stands for, by the state that issues them.
AMBIGUOUS: dict[str, dict[str, str]] = {
    "kroner": {"NOR": "NOK", "DNK": "DKK"},
    "krone": {"NOR": "NOK", "DNK": "DKK"},
    "crowns": {"SWE": "SEK", "NOR": "NOK", "DNK": "DKK", "CZE": "CZK"},
    "francs": {"CHE": "CHF", "LIE": "CHF"},
    "rials": {"OMN": "OMR", "IRN": "IRR", "YEM": "YER"},
    "dinars": {
        "KWT": "KWD",
        "DZA": "DZD",
        "IRQ": "IQD",
        "SRB": "RSD",
        "JOR": "JOD",
        "BHR": "BHD",
        "LBY": "LYD",
        "TUN": "TND",
    },
    "pesos": {
        "PHL": "PHP",
        "MEX": "MXN",
        "COL": "COP",
        "CHL": "CLP",
        "ARG": "ARS",
        "URY": "UYU",
        "DOM": "DOP",
        "CUB": "CUP",
    },
}

#: Names that are also ordinary words or units ("500-pound bomb", "the team won"):
#: read as money only after a scale word.
_NAME_NEEDS_SCALE = frozenset({"pound", "pounds", "won", "rand", "real", "lira", "lei"})

#: ISO 4217 codes that are also English words or common acronyms: ignored in running text.
_CODES_THAT_ARE_WORDS = frozenset(
    {"ALL", "TOP", "CUP", "SOS", "MOP", "BAM", "PEN", "GEL", "BOB", "MAD"}
)

SCALES: dict[str, int] = {
    "thousand": 10**3,
    "k": 10**3,
    "lakh": 10**5,
    "lakhs": 10**5,
    "lac": 10**5,
    "million": 10**6,
    "millions": 10**6,
    "m": 10**6,
    "mn": 10**6,
    "mln": 10**6,
    "mio": 10**6,
    "crore": 10**7,
    "crores": 10**7,
    "cr": 10**7,
    "lakh crore": 10**12,
    "billion": 10**9,
    "b": 10**9,
    "bn": 10**9,
    "bln": 10**9,
    "trillion": 10**12,
    "tn": 10**12,
    "tr": 10**12,
}
#: Scale abbreviations read only when written straight after the digits ("$500m").
_ATTACHED_ONLY = frozenset({"k", "m", "b", "tr"})

_WORD_NUMBERS: dict[str, Decimal] = {
    "a": Decimal(1),
    "an": Decimal(1),
    "one": Decimal(1),
    "two": Decimal(2),
    "three": Decimal(3),
    "four": Decimal(4),
    "five": Decimal(5),
    "six": Decimal(6),
    "seven": Decimal(7),
    "eight": Decimal(8),
    "nine": Decimal(9),
    "ten": Decimal(10),
    "eleven": Decimal(11),
    "twelve": Decimal(12),
    "fifteen": Decimal(15),
    "twenty": Decimal(20),
    "thirty": Decimal(30),
    "forty": Decimal(40),
    "fifty": Decimal(50),
    "half a": Decimal("0.5"),
    "half an": Decimal("0.5"),
}

_HEDGES_CAP = ("up to", "as much as", "as high as", "a maximum of", "a ceiling of")
_HEDGES = (
    "more than",
    "over",
    "about",
    "around",
    "nearly",
    "almost",
    "some",
    "roughly",
    "approximately",
    "an estimated",
    "estimated",
    "an approximate",
    "at least",
    "close to",
    "just over",
    "just under",
    "in excess of",
    "upwards of",
    "less than",
    "at most",
    "circa",
    "approx.",
    "est.",
    "~",
)

# --- patterns ---------------------------------------------------------------------------

_SP = r"[ \t\u00a0]"


def _alternation(forms: list[str]) -> str:
    """A regex alternative of *forms*, longest first, any space matching any blank."""
    ordered = sorted(forms, key=len, reverse=True)
    return "|".join(_SP.join(re.escape(w) for w in f.split(" ")) for f in ordered)


# A number: grouped or plain digits with an optional decimal part. Its start can never
# fall inside another number (the look-behinds), so the scan is linear.
_DIGITS = r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![.,]?\d)"
_WORDS = _alternation(list(_WORD_NUMBERS))
_NUMBER_RE = re.compile(
    rf"(?P<digits>{_DIGITS})"
    rf"|(?P<word>(?<![\w-])(?i:{_WORDS})(?={_SP}(?i:trillion|billion|million)\b))"
)
# A number word counts only before a scale word: it starts at most ten characters before
# the "illion" of that word ("half an" and a blank, then "tr" of "trillion"). The class
# holds every character that a case-insensitive "illion" matches.
_ILLION = re.compile("[iI\u0130\u0131][lL]{2}[iI\u0130\u0131][oO][nN]")
_WORD_WINDOW = (-(max(map(len, _WORD_NUMBERS)) + 1 + len("tr")), 0)
_WORD_BEFORE_ILLION = re.compile(rf"(?i:{_WORDS}){_SP}(?i:tr|b|m)\Z")
_NUMBER_AT = re.compile(_DIGITS)
# Lead-ins are read back from where a figure starts, and only for the figures that reach
# them: a currency before a number, a hedge or "between" before a sum, "from" before a
# change of value. Each is the match that one left-to-right pass of its pattern over the
# whole text would find ending there.
#
# A currency ends where the digits start. No currency holds a digit, so two of them
# can overlap only when both end before the same digit, and the pass keeps the one that
# starts first: the first match of the pattern, searched over a window ending at the
# digit, is the one.
_PREFIX_RE = re.compile(
    rf"(?<![A-Za-z])(?:(?P<sym>{_alternation(list(PREFIXES))})|(?P<iso>[A-Z]{{3}}))"
    rf"{_SP}?\Z"
)
_PREFIX_SPAN = max(map(len, PREFIXES)) + 1
#: The characters a currency before a figure can end with, the blank included.
_PREFIX_LAST = frozenset(f[-1] for f in PREFIXES) | set(string.ascii_uppercase) | set(" \t\u00a0")
_WORD_SCALES = [s for s in SCALES if s not in _ATTACHED_ONLY]
_SCALE_RE = re.compile(
    rf"(?:(?P<attached>(?i:{_alternation(list(SCALES))}))"
    rf"|(?:{_SP}?-{_SP}?|{_SP})(?P<spaced>(?i:{_alternation(_WORD_SCALES)})))"
    r"(?![A-Za-z])"
)
#: Blanks (as ``_SP`` matches them) as one space, and deleted.
_BLANKS = str.maketrans("\t\u00a0", "  ")
_NO_BLANKS = str.maketrans("", "", " \t\u00a0")
_NAME_RE = re.compile(rf"(?:{_SP}|-)(?P<name>(?i:{_alternation(list(NAMES))}))(?![A-Za-z])")
_CODE_RE = re.compile(rf"{_SP}?(?P<code>[A-Z]{{3}})(?![A-Za-z])")
# What must follow a figure with no currency before it: a word (a scale or a currency
# name, maybe after a range's high end). A cheap test that skips most bare numbers.
_MAYBE_UNIT = re.compile(
    rf"{_SP}?-?{_SP}?[A-Za-z]"
    rf"|{_SP}?(?:-|–|to|and){_SP}?\d[\d,.]*(?:{_SP}|-)?[A-Za-z]"
)
# A sharper test of the same kind: the word after a figure must begin a scale, a
# currency name or code, or "to"/"and" of a range. The word is read as the run of
# characters a case-insensitive ASCII letter can match; a run that is not plain ASCII
# is left to the full reading.
_FOLDS = CASE_FOLDS
_WORD_AFTER = re.compile(rf"(?P<sep>{_SP}?-?{_SP}?)(?:(?P<word>[A-Za-z{_FOLDS}]+)|[–\d])")


def _first_words(forms: Collection[str]) -> frozenset[str]:
    """The first runs of letters of *forms*, lower-cased ("U.S. dollars" -> "u")."""
    return frozenset(re.split("[^A-Za-z]", f, maxsplit=1)[0].lower() for f in forms)


#: First words of what can follow a figure straight away: a scale, or "to"/"and".
_FIRST_ATTACHED = _first_words([*SCALES, "to", "and"])
#: First words of what can follow a figure after a blank or a hyphen.
_FIRST_SPACED = _first_words([*(s for s in SCALES if s not in _ATTACHED_ONLY), *NAMES, "to", "and"])
#: The run of letters after a blank or hyphen, and the first words of currency names.
_NAME_RUN = re.compile(rf"(?:{_SP}|-)([A-Za-z{_FOLDS}]+)")
_FIRST_NAME_WORDS = _first_words(NAMES)
# The digits worth reading: where a number starts after a character that can end a
# currency (with a blank or not), or where the figure may be followed by what
# _may_have_unit lets pass. Every other figure reads as no sum, and skipping it is the
# same as reading it, since no number starts inside another.
_PREFIX_ENDS = re.escape("".join(sorted({f[-1] for f in PREFIXES} | set(string.ascii_uppercase))))
_WORTH_READING = re.compile(
    rf"\d(?<![\d.,]\d)(?:(?<=[{_PREFIX_ENDS}]\d)|(?<=[{_PREFIX_ENDS}]{_SP}\d)"
    rf"|(?=[\d,.]*(?:(?i:{trie(_FIRST_ATTACHED)})(?![A-Za-z{_FOLDS}])"
    rf"|(?:{_SP}-?{_SP}?|-{_SP}?)(?i:{trie(_FIRST_SPACED)})(?![A-Za-z{_FOLDS}])"
    rf"|(?:{_SP}-?{_SP}?|-{_SP}?)\d"  # a range: the figure's own digits end before
    rf"|{_SP}?-?{_SP}?(?:–|[A-Za-z]*[{_FOLDS}]|[A-Z]{{3}}(?![A-Za-z{_FOLDS}])))))"
)
_RANGE_RE = re.compile(rf"{_SP}?(?P<conn>-|–|to|and){_SP}?", re.IGNORECASE)
_HEDGE_RE = re.compile(
    rf"(?<![A-Za-z])(?P<hedge>(?i:{_alternation(list(_HEDGES_CAP + _HEDGES))})){_SP}?"
    rf"(?:worth{_SP})?(?=\S)"
)
_BETWEEN_RE = re.compile(rf"(?<![A-Za-z])(?i:between){_SP}(?=\S)")
_FROM_RE = re.compile(rf"(?<![A-Za-z])(?i:from){_SP}(?=\S)")
_MAX_DIGITS = 30

#: The letters a case-insensitive pattern reads as ASCII letters that ``str.lower`` does
#: not make those letters ("\u0131" for "i", "\u017f" for "s").
_AS_ASCII = str.maketrans({"\u017f": "s", "\u212a": "k", "\u0130": "i", "\u0131": "i"})


def _lower(matched: str) -> str:
    """*matched* (by a case-insensitive pattern) in lower case, as the tables spell it."""
    return matched.translate(_AS_ASCII).lower()


_NAME_CODES = {k.lower().replace(" ", ""): v for k, v in NAMES.items()}
_SCALES_LOWER = {k.lower(): v for k, v in SCALES.items()}


def _iso(code: str, strict: bool) -> bool:
    return codes.is_currency(code) and not (strict and code in _CODES_THAT_ARE_WORDS)


def _prefix_before(text: str, pos: int, strict: bool) -> tuple[int, str, str] | None:
    """The currency written before the digits at *pos*: (its start, form, code)."""
    if pos == 0 or text[pos - 1] not in _PREFIX_LAST:
        return None
    m = _PREFIX_RE.search(text, max(0, pos - _PREFIX_SPAN), pos)
    if m is None:
        return None
    form = (m.group("sym") or m.group("iso")).translate(_BLANKS)
    if m.group("sym"):
        return m.start(), form, PREFIXES[form]
    return (m.start(), form, form) if _iso(form, strict) else None


def _may_have_unit(text: str, end: int) -> bool:
    """Whether a scale, a currency after the figure or a range can start at *end*.

    False only where none can: a figure with no currency before it is then no sum.
    """
    after = _WORD_AFTER.match(text, end)
    if after is None:
        return False
    word = after.group("word")
    if word is None or not word.isascii() or (len(word) == 3 and word.isupper()):
        return True
    return word.lower() in (_FIRST_SPACED if after.group("sep") else _FIRST_ATTACHED)


# A hedge can hold letters, blanks, points and "~" only, and its matches can overlap
# ("just over" and "over"), so which one the pass keeps depends on the matches before.
# The pass is replayed from the last character before *pos* that no hedge can hold: no
# match runs across it, so the pass there starts afresh. Most figures have no hedge
# before them at all, which the ends of the lower-cased text before them tell cheaply.
_IN_HEDGE = f"A-Za-z{_FOLDS} \t\u00a0.~"
_NOT_IN_HEDGE = re.compile(rf"[^{_IN_HEDGE}](?=[{_IN_HEDGE}]*\Z)")
_HEDGE_SPAN = max(map(len, _HEDGES_CAP + _HEDGES)) + len(" worth ") + 1
_HEDGE_ENDINGS = tuple(
    h + tail for h in _HEDGES_CAP + _HEDGES for tail in ("", " ", "worth ", " worth ")
)
_FOLDED = re.compile(f"[{_FOLDS}]")


def _hedge_before(text: str, pos: int) -> tuple[int, str] | None:
    """The hedge that ends at *pos* ("about " before "$2bn"): (its start, lower-cased)."""
    tail = text[max(0, pos - _HEDGE_SPAN) : pos]
    if _FOLDED.search(tail) is None and not tail.lower().translate(_BLANKS).endswith(
        _HEDGE_ENDINGS
    ):
        return None
    # Look back over windows that double, so the work stays within twice the stretch.
    back = 64
    while True:
        lo = max(0, pos - back)
        stop = _NOT_IN_HEDGE.search(text, lo, pos)
        if stop is not None:
            lo = stop.end()
            break
        if lo == 0:
            break
        back *= 2
    # The pattern reads at most _HEDGE_SPAN characters, so a window that far past *pos*
    # gives every match up to *pos* as the whole text does.
    for m in _HEDGE_RE.finditer(text, lo, pos + _HEDGE_SPAN):
        if m.end() >= pos:
            return (m.start(), _lower(m.group("hedge"))) if m.end() == pos else None
    return None


def _between_before(text: str, pos: int) -> int | None:
    """The start of "between " ending at *pos* (such matches never overlap)."""
    m = _BETWEEN_RE.match(text, max(0, pos - len("between ")))
    return m.start() if m is not None and m.end() == pos else None


def _from_before(text: str, pos: int) -> bool:
    """Whether "from " ends at *pos* (such matches never overlap)."""
    m = _FROM_RE.match(text, max(0, pos - len("from ")))
    return m is not None and m.end() == pos


def _digits_value(s: str) -> Decimal | None:
    plain = s.replace(",", "")
    if len(plain) > _MAX_DIGITS:
        return None
    return Decimal(plain)


def _scale_at(text: str, pos: int, *, attached_ok: bool) -> tuple[int, int] | None:
    """The scale word at *pos*: (its value, end)."""
    m = _SCALE_RE.match(text, pos)
    if m is None:
        return None
    if m.group("attached") is not None:
        if not attached_ok:
            return None
        word = m.group("attached")
    else:
        word = m.group("spaced")
    word = _lower(word).translate(_BLANKS)
    return _SCALES_LOWER[word], m.end()


def _suffix_at(
    text: str, pos: int, strict: bool, states: Collection[str], seen: list[bool]
) -> tuple[str | None, str, int] | None:
    """A currency name or code at *pos*: (code or None if ambiguous, form, end).

    An ambiguous name sets ``seen[0]``: the states given may then change what is read.
    """
    run = _NAME_RUN.match(text, pos)  # the big pattern only where its first word is
    word = run.group(1) if run is not None else None
    m = (
        _NAME_RE.match(text, pos)
        if word is not None and (not word.isascii() or word.lower() in _FIRST_NAME_WORDS)
        else None
    )
    if m is not None:
        form = _lower(m.group("name"))
        key = form.translate(_NO_BLANKS)
        code = _NAME_CODES[key]
        if code is None:
            seen[0] = True
        if code is None and states:
            options = {AMBIGUOUS.get(key, {}).get(state) for state in states} - {None}
            code = options.pop() if len(options) == 1 else None
        return code, form, m.end()
    m = _CODE_RE.match(text, pos)
    if m is not None and _iso(m.group("code"), strict):
        return m.group("code"), m.group("code"), m.end()
    return None


def _exact(d: Decimal) -> Decimal:
    """*d* without trailing decimal zeros when it is whole: 1640000000.00 -> 1640000000."""
    return d.to_integral_value() if d == d.to_integral_value() else d


def _skip_space(text: str, pos: int) -> int:
    return pos + 1 if pos < len(text) and text[pos] in " \t\u00a0" else pos


def _range_allowed(text: str, conn: str, start: int) -> bool:
    """Whether *conn* after a figure starting at *start* joins a range."""
    if conn == "and":  # "$2bn and $3bn" are two sums unless "between" opens them
        return _between_before(text, start) is not None
    if conn == "to":  # "from $2bn to $3bn" is a change of value
        return not _from_before(text, start)
    return True


def _money(
    amount: Decimal, currency: str, approximate: bool, upper: Decimal | None
) -> Money | None:
    try:
        return Money(amount=amount, currency=currency, approximate=approximate, upper=upper)
    except ValidationError:
        return None


def _read(
    text: str,
    m: re.Match[str],
    strict: bool,
    states: Collection[str],
    seen: list[bool],
) -> tuple[MoneyMention | None, int]:
    """Read the money mention around the number *m*; return it (or None) and where to resume."""
    start, end = m.span()
    prefix: tuple[int, str, str] | None = None
    if m.group("digits") is not None:
        prefix = _prefix_before(text, start, strict)
        if prefix is None and (
            not _may_have_unit(text, end) or _MAYBE_UNIT.match(text, end) is None
        ):
            return None, end  # no currency before and no unit after: not money
        if prefix is None and start > 0 and (text[start - 1].isalnum() or text[start - 1] == "$"):
            return None, end
        value = _digits_value(m.group("digits"))  # after the cheap tests: most numbers fail
        if value is None:
            return None, end
    else:
        value = _WORD_NUMBERS[_lower(m.group("word")).translate(_BLANKS)]
    is_word = m.group("word") is not None
    mention_start = prefix[0] if prefix else start

    pos = end
    scale = _scale_at(text, pos, attached_ok=not is_word)
    multiplier = scale[0] if scale else None
    if scale is not None:
        pos = scale[1]
    if prefix is not None and multiplier is None:
        if prefix[1] in _PREFIX_NEEDS_SCALE:
            return None, end
        if strict and prefix[1] not in PREFIXES and value < 1000:
            return None, end  # "SAR 5 helicopters": a code before a small count is not money

    # A range: "$2-3 billion", "$2 billion to $3 billion", "between $2bn and $3bn".
    upper: Decimal | None = None
    r = None if is_word else _RANGE_RE.match(text, pos)
    if r is not None and _range_allowed(text, r.group("conn").lower(), mention_start):
        p2 = r.end()
        if prefix is not None and text.startswith(prefix[1], p2):
            p2 = _skip_space(text, p2 + len(prefix[1]))
        n2 = _NUMBER_AT.match(text, p2)
        v2 = _digits_value(n2.group()) if n2 is not None else None
        if n2 is not None and v2 is not None:
            s2 = _scale_at(text, n2.end(), attached_ok=True)
            # "$2bn to 2030" is no range: a scaled low end needs a scaled high end.
            if multiplier is None or s2 is not None:
                high_mult = s2[0] if s2 else 1
                low_mult = multiplier if multiplier is not None else high_mult
                if v2 * high_mult >= value * low_mult:
                    upper = v2 * high_mult
                    multiplier = low_mult if s2 is not None or multiplier else None
                    pos = s2[1] if s2 else n2.end()

    currency: str | None = prefix[2] if prefix else None
    suffix = _suffix_at(text, pos, strict, states, seen)
    if suffix is not None:
        code, form, s_end = suffix
        needs_scale = form in _NAME_NEEDS_SCALE or (form.isupper() and len(form) == 3)
        if needs_scale and multiplier is None:
            suffix = None
        elif is_word and value == 1 and m.group("word")[0] in "aA" and text[pos] == "-":
            return None, end  # "a billion-dollar deal": an order of size, not a figure
        elif prefix is None:
            if code is None:
                return None, s_end
            currency = code
            pos = s_end
        elif code == currency:
            pos = s_end  # "$3.9 billion dollar"
    if currency is None:
        return None, pos  # nothing read here can start a sum: skip the whole figure
    if (
        prefix is None
        and multiplier is None
        and upper is None
        and len(m.group()) == 4
        and 1900 <= value <= 2099
    ):
        return None, end  # "in 2024 dollars"

    amount = _exact(value * (multiplier or 1))
    upper = None if upper is None else _exact(upper)
    approximate = False
    between = _between_before(text, mention_start) if upper is not None else None
    hedge = None if between is not None else _hedge_before(text, mention_start)
    if between is not None:
        mention_start = between
    elif hedge is not None:
        approximate = True
        if hedge[1] in _HEDGES_CAP and upper is None:
            upper = amount
        mention_start = hedge[0]
    money = _money(amount, currency, approximate, upper)
    if money is None:
        return None, pos
    return MoneyMention(start=mention_start, end=pos, money=money), pos


def _scan(
    text: str, strict: bool, states: Collection[str] = (), seen: list[bool] | None = None
) -> list[MoneyMention]:
    found: list[MoneyMention] = []
    numbers = NumberStarts(
        _NUMBER_RE,
        text,
        _ILLION,
        text,
        _WORD_WINDOW,
        digits=_WORTH_READING,
        within=_WORD_BEFORE_ILLION,
    )
    seen = [False] if seen is None else seen
    pos = 0
    while True:
        m = numbers.search(pos)
        if m is None:
            return found
        mention, resume = _read(text, m, strict, states, seen)
        if mention is not None and (not found or mention.start >= found[-1].end):
            found.append(mention)
        pos = max(resume, m.end())


def find_money(text: str, *, states: Collection[str] = ()) -> list[MoneyMention]:
    """Find every sum of money in *text*, in text order, without overlaps.

    *states* (ISO 3166-1 alpha-3 codes, such as the states the text names) settle a
    currency name several states use: ``kroner`` is ``NOK`` where only Norway of Norway
    and Denmark is among them, and stays unread where both or neither are.

    >>> [(m.start, m.end, str(m.money.amount), m.money.currency)
    ...  for m in find_money("Seoul will pay 20 trillion won ($15 billion) in all.")]
    [(15, 30, '20000000000000', 'KRW'), (32, 43, '15000000000', 'USD')]
    >>> m = find_money("worth up to €2.5bn")[0]
    >>> m.money.amount, m.money.approximate, m.money.upper
    (Decimal('2500000000'), True, Decimal('2500000000'))
    >>> find_money("billions of dollars for 155mm shells in 2024")
    []
    >>> [m.money.currency for m in find_money("3.4 billion kroner", states={"NOR", "USA"})]
    ['NOK']
    """
    return _scan(text, strict=True, states=states)


def scan_money(text: str) -> tuple[list[MoneyMention], bool]:
    """Return :func:`find_money` of *text* with no states, and whether states could change it.

    States settle only the currency names several states use; where the text holds none,
    ``find_money(text, states=...)`` is the same list for any states, and one scan serves
    both the money and the counts of a text.

    >>> scan_money("3.4 billion kroner")
    ([], True)
    """
    seen = [False]
    found = _scan(text, strict=True, seen=seen)
    return found, seen[0]


def parse_money(s: str) -> Money | None:
    """Parse *s* as one sum of money; ``None`` unless the whole string is one.

    Any ISO 4217 code is read here, including those that are also words (``ALL``), since
    the string is known to be money.

    >>> parse_money("Rs 62,370 crore")
    Money(amount=Decimal('623700000000'), currency='INR', approximate=False, upper=None)
    >>> parse_money("between $2 billion and $3 billion").upper
    Decimal('3000000000')
    >>> parse_money("a lot of money") is None
    True
    """
    stripped = s.strip()
    found = _scan(stripped, strict=False)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(stripped):
        return found[0].money
    return None


def format_money(m: Money) -> str:
    """Write *m* so that :func:`parse_money` reads it back unchanged.

    >>> format_money(Money(amount=Decimal("1.64e9"), currency="USD", upper=Decimal("2e9")))
    'USD 1640000000 to USD 2000000000'
    >>> m = Money(amount=Decimal("5e8"), currency="EUR", approximate=True)
    >>> parse_money(format_money(m)) == m
    True
    """
    text = f"{m.currency} {_plain(m.amount)}"
    if m.upper is not None:
        text += f" to {m.currency} {_plain(m.upper)}"
    return f"about {text}" if m.approximate else text


def _plain(d: Decimal) -> str:
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"

"""Dates in news text, absolute or relative to the day the article was published.

Absolute dates: ``June 5, 2024``, ``5 June 2024``, ``2024-06-05`` (day precision),
``June 2024`` (month), ``in 2023``/``by 2026``/``since 2020`` (year: a bare four-digit
figure is read as a year only after such a word). ``the end of 2025`` is December 2025.

Relative dates need the published date and are skipped without it: ``Thursday`` (the most
recent Thursday on or before publication), ``yesterday``, ``today``, ``tomorrow``,
``June 5`` and ``in June`` (the published year), ``October this year``, ``last June``,
``next June``, ``last month``, ``this month``/``earlier this month``, ``next month``,
``last year``, ``this year``, ``next year`` and ``by the end of the year`` (December).
Tense is not read, so ``will meet on Thursday`` is still the Thursday before publication.

A month-precision date is the first of its month and a year-precision date the first of
January, so ``value`` always lies in the period the text names.

>>> from datetime import date
>>> [(m.date.value.isoformat(), m.date.precision.value)
...  for m in find_dates("Signed June 5, 2024; talks began last year.", date(2024, 6, 7))]
[('2024-06-05', 'day'), ('2023-01-01', 'year')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta

from armstrack.extract.spans import DateMention
from armstrack.model import DatePrecision, DealDate

__all__ = ["find_dates"]

MONTHS: dict[str, int] = {
    "January": 1,
    "February": 2,
    "March": 3,
    "April": 4,
    "May": 5,
    "June": 6,
    "July": 7,
    "August": 8,
    "September": 9,
    "October": 10,
    "November": 11,
    "December": 12,
    "Jan": 1,
    "Feb": 2,
    "Mar": 3,
    "Apr": 4,
    "Jun": 6,
    "Jul": 7,
    "Aug": 8,
    "Sep": 9,
    "Sept": 9,
    "Oct": 10,
    "Nov": 11,
    "Dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "Monday": 0,
    "Tuesday": 1,
    "Wednesday": 2,
    "Thursday": 3,
    "Friday": 4,
    "Saturday": 5,
    "Sunday": 6,
}

_SP = r"[ \t\u00a0]"
_FULL_MONTHS = [name for name in MONTHS if len(name) > 4 or name in ("May", "June", "July")]
_SHORT_MONTHS = [name for name in MONTHS if name not in _FULL_MONTHS]
_MONTH = (
    "(?P<month>"
    + "|".join(sorted(_FULL_MONTHS, key=len, reverse=True))
    + "|"
    + "|".join(rf"{name}\.?" for name in sorted(_SHORT_MONTHS, key=len, reverse=True))
    + ")"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_B = r"(?<![\w-])"  # the start of a word
_E = r"(?![\w])"  # the end of a word

Handler = Callable[[re.Match[str], date | None], tuple[int, int, DealDate] | None]


def _month(m: re.Match[str]) -> int:
    return MONTHS[m.group("month").rstrip(".")]


def _dd(value: date, precision: DatePrecision) -> DealDate:
    return DealDate(value=value, precision=precision)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day_full(m: re.Match[str], published: date | None) -> tuple[int, int, DealDate] | None:
    value = _safe_date(int(m.group("year")), _month(m), int(m.group("day")))
    return None if value is None else (m.start(), m.end(), _dd(value, DatePrecision.DAY))


def _iso(m: re.Match[str], published: date | None) -> tuple[int, int, DealDate] | None:
    value = _safe_date(int(m.group("year")), int(m.group("mm")), int(m.group("dd")))
    return None if value is None else (m.start(), m.end(), _dd(value, DatePrecision.DAY))


def _month_year(m: re.Match[str], published: date | None) -> tuple[int, int, DealDate] | None:
    value = date(int(m.group("year")), _month(m), 1)
    return m.start(), m.end(), _dd(value, DatePrecision.MONTH)


def _day_no_year(m: re.Match[str], published: date | None) -> tuple[int, int, DealDate] | None:
    if published is None:
        return None
    value = _safe_date(published.year, _month(m), int(m.group("day")))
    return None if value is None else (m.start(), m.end(), _dd(value, DatePrecision.DAY))


def _year(m: re.Match[str], published: date | None) -> tuple[int, int, DealDate] | None:
    value = date(int(m.group("year")), 1, 1)
    return m.start("year"), m.end("year"), _dd(value, DatePrecision.YEAR)


def _end_of_year(m: re.Match[str], published: date | None) -> tuple[int, int, DealDate] | None:
    """ "the end of 2025", "the end of the year", "the end of next year", "year-end"."""
    if m.group("year") is not None:
        year = int(m.group("year"))
    elif published is None:
        return None
    else:
        which = (m.group("which") or "").lower()
        year = published.year + (1 if which == "next" else 0)
    return m.start(), m.end(), _dd(date(year, 12, 1), DatePrecision.MONTH)


def _month_only(m: re.Match[str], published: date | None) -> tuple[int, int, DealDate] | None:
    if published is None:
        return None
    month = _month(m)
    which = (m.group("which") or "").lower()
    year = published.year
    if which == "last" and month >= published.month:
        year -= 1
    elif which == "next" and month <= published.month:
        year += 1
    start = m.start() if which in ("last", "next", "this") else m.start("month")
    return start, m.end(), _dd(date(year, month, 1), DatePrecision.MONTH)


def _with_relative_year(
    m: re.Match[str], published: date | None
) -> tuple[int, int, DealDate] | None:
    """ "October this year", "November 30 last year"."""
    if published is None:
        return None
    year = published.year + _SHIFTS[m.group("which").lower()]
    if m.group("day") is None:
        return m.start(), m.end(), _dd(date(year, _month(m), 1), DatePrecision.MONTH)
    value = _safe_date(year, _month(m), int(m.group("day")))
    return None if value is None else (m.start(), m.end(), _dd(value, DatePrecision.DAY))


def _weekday(m: re.Match[str], published: date | None) -> tuple[int, int, DealDate] | None:
    if published is None:
        return None
    back = (published.weekday() - WEEKDAYS[m.group("weekday")]) % 7
    value = published - timedelta(days=back)
    return m.start("weekday"), m.end("weekday"), _dd(value, DatePrecision.DAY)


def _day_word(m: re.Match[str], published: date | None) -> tuple[int, int, DealDate] | None:
    if published is None:
        return None
    shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[m.group().lower()]
    return m.start(), m.end(), _dd(published + timedelta(days=shift), DatePrecision.DAY)


def _relative_month(m: re.Match[str], published: date | None) -> tuple[int, int, DealDate] | None:
    if published is None:
        return None
    shift = _SHIFTS[m.group("which").split()[-1].lower()]
    index = published.year * 12 + published.month - 1 + shift
    value = date(index // 12, index % 12 + 1, 1)
    return m.start(), m.end(), _dd(value, DatePrecision.MONTH)


def _relative_year(m: re.Match[str], published: date | None) -> tuple[int, int, DealDate] | None:
    if published is None:
        return None
    shift = _SHIFTS[m.group("which").split()[-1].lower()]
    return m.start(), m.end(), _dd(date(published.year + shift, 1, 1), DatePrecision.YEAR)


_WHEN = r"(?i:(?:earlier|later)" + _SP + r"this|last|this|next)"
_SHIFTS = {"last": -1, "this": 0, "next": 1}

# Each rule is a pattern of bounded length and its reader; where matches overlap the
# earliest, then the longest, wins.
RULES: list[tuple[re.Pattern[str], Handler]] = [
    (re.compile(rf"{_B}(?<!\d-){_YEAR}-(?P<mm>[01]\d)-(?P<dd>[0-3]\d)(?![\d-])"), _iso),
    (re.compile(rf"{_B}{_MONTH}{_SP}{_DAY},?{_SP}{_YEAR}{_E}"), _day_full),
    (re.compile(rf"{_B}{_DAY}{_SP}(?:of{_SP})?{_MONTH},?{_SP}{_YEAR}{_E}"), _day_full),
    (re.compile(rf"{_B}{_MONTH},?{_SP}(?:of{_SP})?{_YEAR}{_E}"), _month_year),
    (
        re.compile(
            rf"{_B}{_MONTH}(?:{_SP}{_DAY})?,?{_SP}(?P<which>(?i:this|last|next)){_SP}(?i:year){_E}"
        ),
        _with_relative_year,
    ),
    (re.compile(rf"{_B}{_MONTH}{_SP}{_DAY}{_E}(?!,?{_SP}\d)"), _day_no_year),
    (re.compile(rf"{_B}{_DAY}{_SP}(?:of{_SP})?{_MONTH}{_E}(?!,?{_SP}\d)"), _day_no_year),
    (
        re.compile(
            rf"{_B}(?:(?i:(?:the{_SP})?end{_SP}of{_SP})"
            rf"(?:{_YEAR}|(?P<which>(?i:the|this|next)){_SP}(?i:year))"
            rf"|(?i:year-end|year{_SP}end)){_E}"
        ),
        _end_of_year,
    ),
    (
        re.compile(
            rf"{_B}(?i:in|by|since|until|till|through|during|before|after|from|early|late"
            rf"|mid-?){_SP}{_YEAR}{_E}(?!-\d)"
        ),
        _year,
    ),
    (
        re.compile(
            rf"{_B}(?:(?P<which>(?i:in|early|late|last|next|this|mid|since|until|by|from"
            rf"|during|before|after|through)){_SP}"
            rf"|(?P<mid>(?i:mid-))){_MONTH}{_E}(?!,?{_SP}(?:\d|of{_SP}\d))"
        ),
        _month_only,
    ),
    (re.compile(rf"{_B}(?P<weekday>{'|'.join(WEEKDAYS)})(?![a-z])"), _weekday),
    (re.compile(rf"{_B}(?i:yesterday|today|tomorrow){_E}"), _day_word),
    (re.compile(rf"{_B}(?P<which>{_WHEN}){_SP}(?i:month){_E}"), _relative_month),
    (re.compile(rf"{_B}(?P<which>{_WHEN}){_SP}(?i:year){_E}"), _relative_year),
]


#: What each rule needs in the text to match at all; a rule whose needs the text lacks is
#: not run (most sentences name no month, no year and no day). ``year`` is a figure such
#: as 2024, ``month`` and ``weekday`` a name as the rules write it; the others are words
#: the rules read case-insensitively, looked for in the lower-cased text (none of their
#: letters is one that a case-insensitive pattern matches beyond ASCII).
_RULE_NEEDS: tuple[tuple[str, ...], ...] = (
    ("year",),
    ("month", "year"),
    ("month", "year"),
    ("month", "year"),
    ("month", "year-word"),
    ("month", "digit"),
    ("month", "digit"),
    ("end",),
    ("year",),
    ("month",),
    ("weekday",),
    ("day-word",),
    ("month-word",),
    ("year-word",),
)
_ANY_DIGIT = re.compile(r"\d")
_ANY_YEAR = re.compile(_YEAR)
# Every month form of _MONTH starts with one of these (case kept, as in _MONTH).
_ANY_MONTH = re.compile("|".join(sorted({name[:3] for name in MONTHS})))
_ANY_WEEKDAY = re.compile("|".join(WEEKDAYS))
_END = re.compile(rf"end{_SP}of|year(?:-|{_SP})end")


_FEATURES = ("digit", "year", "month", "weekday", "end", "day-word", "month-word", "year-word")
#: The needs of each rule as bits, one per feature.
_NEEDS = tuple(sum(1 << _FEATURES.index(f) for f in needs) for needs in _RULE_NEEDS)


# Where each rule can match: the pattern of something its matches start with, tried at
# each place it is found (the engine scans for it fast), or, with a reach, something a
# match holds within that many characters of its start, before which no match starts.
_MONTH_WORD = re.compile("[mM][oO][nN][tT][hH]")
_YEAR_WORD = re.compile("[yY][eE][aA][rR]")
_REACH = len("earlier this ") + 3  # the longest lead-in word, a blank, and a margin
_STARTS: tuple[tuple[re.Pattern[str] | None, int], ...] = (
    (_ANY_YEAR, 0),
    (_ANY_MONTH, 0),
    (_ANY_DIGIT, 0),
    (_ANY_MONTH, 0),
    (_ANY_MONTH, 0),
    (_ANY_MONTH, 0),
    (_ANY_DIGIT, 0),
    (None, 0),
    (_ANY_YEAR, _REACH),
    (_ANY_MONTH, _REACH),
    (_ANY_WEEKDAY, 0),
    (None, 0),
    (_MONTH_WORD, _REACH),
    (_YEAR_WORD, _REACH),
)


def _matches(
    pattern: re.Pattern[str], start: tuple[re.Pattern[str] | None, int], text: str
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, looked for only where *start* lets a match begin."""
    finder, reach = start
    if finder is None:
        yield from pattern.finditer(text)
        return
    hit = finder.search(text)
    if hit is not None and reach:
        yield from pattern.finditer(text, max(0, hit.start() - reach))
        return
    while hit is not None:
        m = pattern.match(text, hit.start())
        if m is None:
            hit = finder.search(text, hit.start() + 1)
        else:
            yield m
            hit = finder.search(text, m.end())


def _features(text: str) -> int:
    """The bits of the features of :data:`_FEATURES` that *text* has."""
    digit = _ANY_DIGIT.search(text) is not None
    low = text.lower()
    has = (
        digit,
        digit and _ANY_YEAR.search(text) is not None,
        _ANY_MONTH.search(text) is not None,
        "day" in text and _ANY_WEEKDAY.search(text) is not None,
        "end" in low and _END.search(low) is not None,
        "yesterday" in low or "today" in low or "tomorrow" in low,
        "month" in low,
        "year" in low,
    )
    bits = 0
    for i, present in enumerate(has):
        bits |= present << i
    return bits


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Find every date in *text*, in text order, without overlaps.

    Relative dates are resolved against *published* and skipped when it is ``None``.

    >>> from datetime import date
    >>> [(text[m.start:m.end], m.date.value.isoformat()) for text in ["Deal signed on Thursday"]
    ...  for m in find_dates(text, date(2024, 6, 7))]
    [('Thursday', '2024-06-06')]
    >>> find_dates("Deal signed on Thursday", None)
    []
    """
    candidates: list[tuple[int, int, DealDate]] = []
    has = _features(text)
    if not has:  # most sentences: no rule can match
        return []
    for (pattern, handler), needs, where in zip(RULES, _NEEDS, _STARTS, strict=True):
        if needs & ~has:
            continue
        for m in _matches(pattern, where, text):
            try:
                read = handler(m, published)
            except (ValueError, OverflowError):  # before year 1 or after 9999
                continue
            if read is not None:
                candidates.append(read)
    candidates.sort(key=lambda c: (c[0], -c[1]))
    found: list[DateMention] = []
    for start, end, when in candidates:
        if found and start < found[-1].end:
            continue
        found.append(DateMention(start=start, end=end, date=when))
    return found

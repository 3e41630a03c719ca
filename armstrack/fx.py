"""Money in one unit: values converted to US dollars at the deal's date, offline.

Rates are the European Central Bank's daily reference rates from 1999, shipped inside the
``currencyconverter`` package, so no network is needed. For currencies the ECB does not
publish but that are pegged to the dollar by their central banks, the official peg is
used. A currency with neither gets no USD value: the result says why, and callers keep
the original value and count it apart rather than mixing it into sums.

>>> from decimal import Decimal
>>> from datetime import date
>>> usd = to_usd(Money(amount=Decimal("100"), currency="EUR"), date(2020, 6, 12))
>>> usd.rate_date, usd.source
(datetime.date(2020, 6, 12), 'ECB')
>>> to_usd(Money(amount=Decimal("3.75"), currency="SAR"), None).amount
Decimal('1.00')
>>> to_usd(Money(amount=Decimal("5"), currency="TWD"), None).reason
'no exchange rate for TWD'
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache

from currency_converter import CurrencyConverter, RateNotFoundError

from armstrack.model import Money

__all__ = ["PEGS", "UsdValue", "to_usd"]

#: Currencies pegged to the US dollar by their central banks: units per dollar.
PEGS: dict[str, Decimal] = {
    "SAR": Decimal("3.75"),  # Saudi Central Bank, since 1986
    "AED": Decimal("3.6725"),  # Central Bank of the UAE, since 1997
    "QAR": Decimal("3.64"),  # Qatar Central Bank, since 2001
    "BHD": Decimal("0.376"),  # Central Bank of Bahrain, since 1980
    "OMR": Decimal("0.3845"),  # Central Bank of Oman, since 1986
    "JOD": Decimal("0.709"),  # Central Bank of Jordan, since 1995
}

_CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class UsdValue:
    """A value in US dollars, with the rate used and its date, or the reason there is none."""

    amount: Decimal | None
    rate: Decimal | None = None
    rate_date: date | None = None
    source: str | None = None
    reason: str | None = None


@cache
def _converter() -> CurrencyConverter:
    return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=True)


def to_usd(money: Money, on: date | None) -> UsdValue:
    """Convert *money* to US dollars at the rate of *on* (the latest rate if ``None``).

    The rate is USD per unit of the currency. Dates outside the ECB's range take the
    nearest published rate; the date actually used is returned with it.
    """
    if money.currency == "USD":
        return UsdValue(money.amount, Decimal(1), on, "identity")
    if money.currency in PEGS:
        rate = Decimal(1) / PEGS[money.currency]
        return UsdValue((money.amount * rate).quantize(_CENT), rate, on, "peg")
    converter = _converter()
    if money.currency not in converter.currencies:
        return UsdValue(None, reason=f"no exchange rate for {money.currency}")
    bounds = converter.bounds[money.currency]
    when = on or bounds.last_date
    when = min(max(when, bounds.first_date), bounds.last_date)
    try:
        rate = Decimal(repr(converter.convert(1, money.currency, "USD", date=when)))
    except RateNotFoundError:
        return UsdValue(None, reason=f"no {money.currency} rate near {when.isoformat()}")
    return UsdValue((money.amount * rate).quantize(_CENT), rate, when, "ECB")

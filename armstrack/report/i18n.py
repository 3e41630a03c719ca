"""Locale-aware formatting (Babel) and the report's own words (gettext catalogues).

Catalogues are kept as ``.po`` files in ``armstrack/report/locale/<lang>/LC_MESSAGES/`` and
compiled in memory when first used, so no binary file is committed or built.

>>> fmt = Formatter("pl")
>>> fmt.state("KOR")
'Korea Południowa'
>>> fmt.money(Decimal("1640000000"), "USD")
'1,64 mld USD'
>>> Formatter("en").gettext("Deals")
'Deals'
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

import pycountry
from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_compact_currency, format_decimal
from babel.support import NullTranslations, Translations

from armstrack import codes

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "armstrack"


def available_locales() -> list[str]:
    """Return the languages with a shipped catalogue."""
    return sorted(p.name for p in LOCALE_DIR.iterdir() if (p / "LC_MESSAGES").is_dir())


@cache
def translations(language: str) -> NullTranslations:
    """Return the compiled catalogue for *language* (English words if there is none)."""
    po = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po.is_file():
        return NullTranslations()
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


class Formatter:
    """Formats numbers, money, dates and state names for one locale."""

    def __init__(self, locale: str = "en") -> None:
        try:
            self.locale = Locale.parse(locale.replace("-", "_"))
        except (ValueError, UnknownLocaleError) as exc:
            raise ValueError(f"unknown locale {locale!r}") from exc
        self._words = translations(self.locale.language)

    def gettext(self, message: str) -> str:
        """Return *message* in the locale's language."""
        return self._words.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """Return the singular or plural form of a message for *n*."""
        return self._words.ngettext(singular, plural, n)

    def state(self, code: str | None) -> str:
        """Return the state's name in the locale's language."""
        if code is None:
            return self.gettext("unknown")
        country = pycountry.countries.get(alpha_3=code)
        alpha2 = country.alpha_2 if country is not None else {"XKX": "XK"}.get(code)
        if alpha2 and alpha2 in self.locale.territories:
            return str(self.locale.territories[alpha2])
        return codes.state_name(code) if codes.is_state(code) else code

    def number(self, value: int | Decimal) -> str:
        """Return an integer or decimal in the locale's format."""
        return format_decimal(value, locale=self.locale)

    def money(self, amount: Decimal, currency: str) -> str:
        """Return a compact money figure ("$1.64B", "1,64 mld USD")."""
        return format_compact_currency(amount, currency, locale=self.locale, fraction_digits=2)

    def date(self, value: date | None) -> str:
        """Return a date in the locale's medium format."""
        return "" if value is None else format_date(value, format="medium", locale=self.locale)

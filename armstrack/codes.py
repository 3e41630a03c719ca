"""ISO code lists: states (ISO 3166-1 alpha-3) and currencies (ISO 4217).

The lists come from pycountry, which ships the ISO tables as data, so no code is typed
by hand here. Kosovo has no ISO code; news and the trade registers use the user-assigned
``XKX``, which is added explicitly.

>>> is_state("KOR"), is_state("XYZ")
(True, False)
>>> state_name("POL")
'Poland'
>>> is_currency("KRW")
True
"""

from __future__ import annotations

from functools import cache

import pycountry

#: Codes outside ISO 3166-1 that arms-trade reporting needs, with their English names.
EXTRA_STATES: dict[str, str] = {"XKX": "Kosovo"}


@cache
def _states() -> dict[str, str]:
    table = {c.alpha_3: str(c.name) for c in pycountry.countries}
    table.update(EXTRA_STATES)
    return table


@cache
def _currencies() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.currencies)


def is_state(code: str) -> bool:
    """Return whether *code* is an ISO 3166-1 alpha-3 code (or ``XKX``)."""
    return code in _states()


def state_name(code: str) -> str:
    """Return the English name of the state *code*; raise ``KeyError`` if unknown."""
    return _states()[code]


def state_codes() -> list[str]:
    """Return every known state code, sorted."""
    return sorted(_states())


def is_currency(code: str) -> bool:
    """Return whether *code* is an ISO 4217 currency code."""
    return code in _currencies()

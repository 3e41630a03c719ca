"""The armstrack domain model: what a deal is, and the evidence behind it.

Every model is immutable (frozen pydantic v2 models with tuples for sequences) and
validates at construction: an invalid value raises :class:`pydantic.ValidationError`
naming the field and the reason. The JSON of a :class:`Deal` is the prediction shape of
the evaluation format (``supplier``, ``buyer``, ``systems``, ``value``, ``status``) with the
richer fields beside it.

>>> deal = Deal(
...     supplier="KOR",
...     buyer="POL",
...     systems=[SystemLine(name="rocket artillery units", category="artillery")],
...     value=Money(amount=Decimal("1640000000"), currency="USD"),
...     status="signed",
... )
>>> deal.value.amount
Decimal('1640000000')
>>> Deal.model_validate_json(deal.model_dump_json()) == deal
True
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    model_validator,
)

from armstrack import codes

__all__ = [
    "Category",
    "CurrencyCode",
    "DatePrecision",
    "Deal",
    "DealDate",
    "DealKind",
    "Document",
    "Evidence",
    "Money",
    "Organisation",
    "OrganisationKind",
    "State",
    "StateCode",
    "Status",
    "SystemLine",
    "WeaponSystem",
]


class Category(StrEnum):
    """SIPRI's weapon categories, lower case as in the evaluation format."""

    AIRCRAFT = "aircraft"
    AIR_DEFENCE = "air defence systems"
    ANTI_SUBMARINE = "anti-submarine warfare"
    ARMOURED_VEHICLES = "armoured vehicles"
    ARTILLERY = "artillery"
    ENGINES = "engines"
    MISSILES = "missiles"
    NAVAL_WEAPONS = "naval weapons"
    SATELLITES = "satellites"
    SENSORS = "sensors"
    SHIPS = "ships"
    OTHER = "other"
    UNSPECIFIED = "unspecified"


class Status(StrEnum):
    """Where a deal stands, as the report describes it."""

    REPORTED = "reported"
    PLANNED = "planned"
    PROPOSED = "proposed"
    APPROVED = "approved"
    SIGNED = "signed"
    DELIVERED = "delivered"
    ALLEGED = "alleged"
    CONSIDERED = "considered"
    CANCELLED = "cancelled"


class DealKind(StrEnum):
    """What sort of transfer a deal is."""

    SALE = "sale"
    LICENCE_PRODUCTION = "licence production"
    TECHNOLOGY_TRANSFER = "technology transfer"
    AID = "aid or donation"
    LEASE = "lease"
    OTHER = "other"


class OrganisationKind(StrEnum):
    """What sort of body an organisation is."""

    COMPANY = "company"
    PROCUREMENT_AGENCY = "procurement agency"
    MINISTRY = "ministry"
    ARMED_FORCE = "armed force"
    OTHER = "other"


class DatePrecision(StrEnum):
    """How much of a date the text states."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


def _check_state(code: str) -> str:
    if not codes.is_state(code):
        raise ValueError(f"{code!r} is not an ISO 3166-1 alpha-3 state code")
    return code


def _check_currency(code: str) -> str:
    if not codes.is_currency(code):
        raise ValueError(f"{code!r} is not an ISO 4217 currency code")
    return code


_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _check_slug(value: str) -> str:
    if not _SLUG.fullmatch(value):
        raise ValueError(f"{value!r} is not a lowercase slug such as 'k2-black-panther'")
    return value


#: An ISO 3166-1 alpha-3 code in capitals (``XKX`` for Kosovo).
StateCode = Annotated[
    str, Field(pattern=r"^[A-Z]{3}$", examples=["KOR"]), AfterValidator(_check_state)
]
#: An ISO 4217 currency code in capitals.
CurrencyCode = Annotated[
    str, Field(pattern=r"^[A-Z]{3}$", examples=["USD"]), AfterValidator(_check_currency)
]
#: A catalogue identifier: lower-case words joined by hyphens.
Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$"), AfterValidator(_check_slug)]
_Text = Annotated[str, Field(min_length=1)]

_MAX_DIGITS = 15  # what a JSON number (an IEEE double) carries exactly
_MAX_EXPONENT = 18  # no stated arms deal reaches 10**18 units of any currency


def _significant_digits(value: Decimal) -> int:
    """Count significant digits exactly (``normalize()`` would round to the context)."""
    digits = value.as_tuple().digits
    stripped = "".join(map(str, digits)).strip("0")
    return max(len(stripped), 1)


def _check_amount(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise ValueError("amount must be a finite number")
    if value < 0:
        raise ValueError("amount must not be negative")
    if _significant_digits(value) > _MAX_DIGITS:
        raise ValueError(f"amount has more than {_MAX_DIGITS} significant digits")
    if value and value.adjusted() >= _MAX_EXPONENT:
        raise ValueError(f"amount must be below 10**{_MAX_EXPONENT}")
    return value


def _amount_to_json(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


#: A money amount: a non-negative ``Decimal`` written to JSON as a plain number.
Amount = Annotated[
    Decimal,
    AfterValidator(_check_amount),
    PlainSerializer(_amount_to_json, return_type=int | float, when_used="json"),
]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class State(_Frozen):
    """A state, by its ISO 3166-1 alpha-3 code.

    >>> State(code="KOR").name
    'Korea, Republic of'
    """

    code: StateCode
    name: str = ""

    @model_validator(mode="after")
    def _fill_name(self) -> Self:
        if not self.name:
            object.__setattr__(self, "name", codes.state_name(self.code))
        return self


class Money(_Frozen):
    """An amount of money in an ISO 4217 currency.

    ``approximate`` marks hedged figures ("about", "more than", "an estimated");
    ``upper`` is the top of a range or the cap of an "up to" figure.

    >>> Money(amount=Decimal("5.8e9"), currency="USD").model_dump(mode="json")
    {'amount': 5800000000, 'currency': 'USD', 'approximate': False, 'upper': None}
    """

    amount: Amount
    currency: CurrencyCode
    approximate: bool = False
    upper: Amount | None = None

    @model_validator(mode="after")
    def _check_range(self) -> Self:
        if self.upper is not None and self.upper < self.amount:
            raise ValueError("upper must not be below amount")
        return self


class Organisation(_Frozen):
    """A company, agency, ministry or armed force that takes part in the arms trade."""

    id: Slug
    name: _Text
    aliases: tuple[_Text, ...] = ()
    former_names: tuple[_Text, ...] = ()
    state: StateCode | None = None
    kind: OrganisationKind = OrganisationKind.COMPANY
    multinational: bool = False
    ambiguous_aliases: tuple[_Text, ...] = ()
    note: str | None = None


class WeaponSystem(_Frozen):
    """A weapon system as the catalogue knows it.

    ``family`` is the id of the system this one is a variant of (F-16V belongs to F-16);
    ``origin`` is the state whose industry makes and exports it.
    """

    id: Slug
    designation: str | None = None
    name: _Text
    aliases: tuple[_Text, ...] = ()
    category: Category
    origin: StateCode | None = None
    manufacturers: tuple[_Text, ...] = ()
    family: Slug | None = None
    ambiguous_aliases: tuple[_Text, ...] = ()
    note: str | None = None


class SystemLine(_Frozen):
    """One weapon system in a deal, with its quantity (a row of a trade register)."""

    name: _Text
    category: Category | None = None
    quantity: Annotated[int, Field(ge=0)] | None = None
    system_id: Slug | None = Field(default=None, description="catalogue id, when known")


class DealDate(_Frozen):
    """A date the text gives, and how much of it (day, month or year) it states."""

    value: date
    precision: DatePrecision = DatePrecision.DAY


class Evidence(_Frozen):
    """Where in which document a fact was read, and by which rule."""

    document_id: str | None = None
    start: Annotated[int, Field(ge=0)]
    end: Annotated[int, Field(ge=0)]
    sentence: str = ""
    field: str | None = Field(default=None, description="the deal field this supports")
    rule: _Text

    @model_validator(mode="after")
    def _check_span(self) -> Self:
        if self.end < self.start:
            raise ValueError("end must not be before start")
        return self


class Deal(_Frozen):
    """One reported transfer of weapons from a supplier state to a buyer state."""

    supplier: StateCode | None
    buyer: StateCode | None
    systems: tuple[SystemLine, ...] = ()
    value: Money | None = None
    status: Status = Status.REPORTED
    kind: DealKind = DealKind.SALE
    supplier_organisations: tuple[_Text, ...] = ()
    buyer_organisations: tuple[_Text, ...] = ()
    date: DealDate | None = None
    evidence: tuple[Evidence, ...] = ()
    confidence: Annotated[float, Field(ge=0.0, le=1.0)] = 1.0


class Document(_Frozen):
    """A news text to extract from; ``content_hash`` is the SHA-256 of its text.

    >>> Document(id="d1", text="abc").content_hash[:12]
    'ba7816bf8f01'
    """

    id: _Text
    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    content_hash: str = ""

    @model_validator(mode="before")
    @classmethod
    def _fill_hash(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("text"), str):
            digest = hashlib.sha256(data["text"].encode("utf-8")).hexdigest()
            given = data.get("content_hash")
            if given and given != digest:
                raise ValueError("content_hash does not match the text")
            data = {**data, "content_hash": digest}
        return data

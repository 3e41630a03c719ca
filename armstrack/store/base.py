"""The declarative base of the store: naming convention and the column shapes it reuses.

Every constraint and index gets a predictable name from :data:`NAMING_CONVENTION`, so
migrations can refer to them on SQLite (batch mode) and PostgreSQL alike. Only portable
types are used: ``Numeric`` for money, ``String`` for codes, enums stored by *value*
(the strings of FORMAT.md) in a ``VARCHAR`` with a named check constraint.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import Enum as PyEnum
from typing import Annotated, Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Integer,
    MetaData,
    Numeric,
    String,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, mapped_column
from sqlalchemy.types import TypeDecorator, TypeEngine

__all__ = [
    "NAMING_CONVENTION",
    "Base",
    "Code3",
    "ExactNumeric",
    "IntPK",
    "MoneyAmount",
    "enum_check",
    "enum_type",
    "state_fk",
]

#: Names for constraints and indexes (PostgreSQL's 63-character limit holds for all of ours).
NAMING_CONVENTION: dict[str, str] = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class ExactNumeric(TypeDecorator[Decimal]):
    """``NUMERIC(28, 6)`` that reads back on SQLite the very ``Decimal`` it was given.

    PostgreSQL stores ``numeric`` exactly. SQLite gives a ``NUMERIC`` column REAL storage
    for fractions, and reading a double back at a fixed scale shows its binary error
    (``10995116277.69`` came back as ``10995116277.690001``). A double carries any decimal
    of up to 15 significant digits (what :class:`~armstrack.model.Money` allows), and its
    shortest ``repr`` gives that decimal back, so that is how SQLite values are read.
    """

    impl = Numeric(28, 6)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(Numeric(28, 6, asdecimal=False))
        return dialect.type_descriptor(Numeric(28, 6))

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None or isinstance(value, Decimal):
            return value
        return Decimal(repr(float(value)))


#: Exact money: 22 digits before the point, 6 after (amounts carry at most 15 significant digits).
MONEY = ExactNumeric()
#: An exchange rate: units of USD per unit of the stated currency.
RATE = Numeric(20, 10)


def enum_type(enum: type[PyEnum], name: str) -> Enum:
    """Return a portable column type storing *enum* by value (check it with :func:`enum_check`)."""
    return Enum(
        enum,
        name=name,
        native_enum=False,
        create_constraint=False,
        length=max(len(str(member.value)) for member in enum) + 8,
        values_callable=lambda members: [str(member.value) for member in members],
        validate_strings=True,
    )


def enum_check(column: str, enum: type[PyEnum]) -> CheckConstraint:
    """Return the named check that *column* holds a value of *enum* (or is empty).

    Written as ``column = 'a' OR column = 'b' ...`` rather than ``IN (...)``, which
    SQLite evaluates in a check by building a temporary table for every row written:
    four times slower to insert.

    >>> from armstrack.model import DatePrecision
    >>> str(enum_check("kind", DatePrecision).sqltext)
    "kind = 'day' OR kind = 'month' OR kind = 'year'"
    """
    values = [str(member.value).replace("'", "''") for member in enum]
    return CheckConstraint(" OR ".join(f"{column} = '{v}'" for v in values), name=column)


def state_fk(*, nullable: bool = True) -> Any:
    """Return a ``mapped_column`` referring to a state by its ISO 3166-1 alpha-3 code."""
    return mapped_column(String(3), ForeignKey("states.code"), nullable=nullable)


#: An integer surrogate key.
IntPK = Annotated[int, mapped_column(Integer, primary_key=True)]
#: A three-letter code (ISO 3166-1 alpha-3 state, ISO 4217 currency).
Code3 = Annotated[str, mapped_column(String(3))]
#: An exact money amount.
MoneyAmount = Annotated[Decimal, mapped_column(MONEY)]


class Base(DeclarativeBase):
    """The base of every table of the store."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 - read by SQLAlchemy at class creation
        str: String(),
        date: Date(),
        datetime: DateTime(timezone=True),
        Decimal: MONEY,
        dict[str, Any]: JSON(),
    }

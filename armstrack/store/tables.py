"""The tables of the store, in SQLAlchemy 2.0 typed ORM style.

Reference tables come from the catalogue (``states``, ``organisations``, ``systems``).
Each stored news text is a ``documents`` row (unique by id and by content hash). What one
document says about one deal is a ``sources`` row (the extracted :class:`~armstrack.model.Deal`
as JSON, plus its ``evidence`` spans). Sources that report the same transaction are merged
into one ``deals`` row (see :mod:`armstrack.store.merge`), whose ``deal_lines``,
``deal_values`` (one per source that states a value, one of them ``chosen``) and
``status_history`` (one per source) are derived from its sources; its ``value_usd``,
``has_value``, ``systems`` and ``quantity`` summarise them for aggregate queries.
``deal_keys`` are the match keys merging looks candidates up by.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from armstrack.model import Category, DatePrecision, DealKind, OrganisationKind, Status
from armstrack.store.base import (
    RATE,
    Base,
    Code3,
    IntPK,
    MoneyAmount,
    enum_check,
    enum_type,
    state_fk,
)

__all__ = [
    "DealCellRow",
    "DealKeyRow",
    "DealLineRow",
    "DealRow",
    "DealValueRow",
    "DocumentRow",
    "EvidenceRow",
    "OrganisationRow",
    "SourceRow",
    "StateRow",
    "StatusEntryRow",
    "SystemRow",
]

_ID = String(100)  # catalogue slugs
_NAME = String(300)


class StateRow(Base):
    """A state by its ISO 3166-1 alpha-3 code."""

    __tablename__ = "states"

    code: Mapped[str] = mapped_column(String(3), primary_key=True)
    name: Mapped[str] = mapped_column(_NAME)


class OrganisationRow(Base):
    """A company, agency, ministry or armed force of the catalogue."""

    __tablename__ = "organisations"
    __table_args__ = (enum_check("kind", OrganisationKind),)

    id: Mapped[str] = mapped_column(_ID, primary_key=True)
    name: Mapped[str] = mapped_column(_NAME)
    state: Mapped[str | None] = state_fk()
    kind: Mapped[OrganisationKind] = mapped_column(enum_type(OrganisationKind, "kind"))
    multinational: Mapped[bool] = mapped_column(Boolean, default=False)


class SystemRow(Base):
    """A weapon system of the catalogue; ``family_id`` is the system it is a variant of."""

    __tablename__ = "systems"
    __table_args__ = (enum_check("category", Category),)

    id: Mapped[str] = mapped_column(_ID, primary_key=True)
    name: Mapped[str] = mapped_column(_NAME)
    designation: Mapped[str | None] = mapped_column(_NAME)
    category: Mapped[Category] = mapped_column(enum_type(Category, "category"))
    origin: Mapped[str | None] = state_fk()
    family_id: Mapped[str | None] = mapped_column(_ID, ForeignKey("systems.id"))


class DocumentRow(Base):
    """A news text that was ingested, unique by its id and by the SHA-256 of its text."""

    __tablename__ = "documents"

    id: Mapped[IntPK]
    external_id: Mapped[str] = mapped_column(String(500), unique=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None]
    text: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[datetime]

    sources: Mapped[list[SourceRow]] = relationship(
        back_populates="document", passive_deletes=True, order_by="SourceRow.position"
    )


class DealRow(Base):
    """One transaction, merged from the sources that report it; every field is derived."""

    __tablename__ = "deals"
    __table_args__ = (
        Index("ix_deals_supplier_buyer_year", "supplier", "buyer", "year"),
        Index("ix_deals_year_id", "year", "id"),  # all deals, newest first: see 0004
        Index("ix_deals_status_year", "status", "year"),
        # Covering indexes of the summary queries (totals, flows, partners): see 0003.
        Index(
            "ix_deals_supplier_buyer_value_usd_has_value_systems_quantity",
            "supplier",
            "buyer",
            "value_usd",
            "has_value",
            "systems",
            "quantity",
        ),
        Index("ix_deals_supplier_year_id", "supplier", "year", "id"),  # a state's deals,
        Index("ix_deals_buyer_year_id", "buyer", "year", "id"),  # newest first
        Index(
            "ix_deals_buyer_supplier_year_value_usd_has_value",
            "buyer",
            "supplier",
            "year",
            "value_usd",
            "has_value",
        ),
        CheckConstraint("source_count >= 1", name="has_sources"),
        enum_check("status", Status),
        enum_check("kind", DealKind),
        enum_check("date_precision", DatePrecision),
    )

    id: Mapped[IntPK]
    supplier: Mapped[str | None] = state_fk()
    buyer: Mapped[str | None] = state_fk()
    status: Mapped[Status] = mapped_column(enum_type(Status, "status"))
    kind: Mapped[DealKind] = mapped_column(enum_type(DealKind, "kind"))
    deal_date: Mapped[date | None]
    date_precision: Mapped[DatePrecision | None] = mapped_column(
        enum_type(DatePrecision, "date_precision")
    )
    year: Mapped[int | None] = mapped_column(Integer)
    confidence: Mapped[float] = mapped_column(Float)
    source_count: Mapped[int] = mapped_column(Integer)
    # Summary of the chosen value and the lines, kept by armstrack.store.usd for the
    # aggregate queries: USD value (empty without a value or a rate), whether a value is
    # stated at all, the number of system lines and the sum of their quantities.
    value_usd: Mapped[Decimal | None]
    has_value: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    systems: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    quantity: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    sources: Mapped[list[SourceRow]] = relationship(
        back_populates="deal", passive_deletes=True, order_by="SourceRow.id"
    )
    lines: Mapped[list[DealLineRow]] = relationship(
        passive_deletes=True, order_by="DealLineRow.position"
    )
    values: Mapped[list[DealValueRow]] = relationship(
        passive_deletes=True, order_by="DealValueRow.id"
    )
    history: Mapped[list[StatusEntryRow]] = relationship(
        passive_deletes=True, order_by="StatusEntryRow.id"
    )


class SourceRow(Base):
    """What one document reports about one deal: the extracted deal (without evidence)."""

    __tablename__ = "sources"
    __table_args__ = (UniqueConstraint("document_id", "position"),)

    id: Mapped[IntPK]
    deal_id: Mapped[int] = mapped_column(ForeignKey("deals.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    reported: Mapped[dict[str, Any]] = mapped_column(JSON)

    deal: Mapped[DealRow] = relationship(back_populates="sources")
    document: Mapped[DocumentRow] = relationship(back_populates="sources")
    evidence: Mapped[list[EvidenceRow]] = relationship(
        passive_deletes=True, order_by="EvidenceRow.id"
    )


class DealLineRow(Base):
    """One weapon system of a deal with its quantity (merged over the deal's sources)."""

    __tablename__ = "deal_lines"
    __table_args__ = (
        UniqueConstraint("deal_id", "position"),
        Index("ix_deal_lines_category_deal_id_quantity", "category", "deal_id", "quantity"),
        CheckConstraint("quantity >= 0", name="quantity_not_negative"),
        enum_check("category", Category),
    )

    id: Mapped[IntPK]
    deal_id: Mapped[int] = mapped_column(ForeignKey("deals.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    name_key: Mapped[str] = mapped_column(Text)
    system_id: Mapped[str | None] = mapped_column(_ID, ForeignKey("systems.id"), index=True)
    family_id: Mapped[str | None] = mapped_column(_ID, ForeignKey("systems.id"), index=True)
    category: Mapped[Category | None] = mapped_column(enum_type(Category, "category"))
    quantity: Mapped[int | None] = mapped_column(Integer)


class DealKeyRow(Base):
    """A match key of a deal: supplier, buyer and one system key (id, family or name)."""

    __tablename__ = "deal_keys"

    deal_id: Mapped[int] = mapped_column(
        ForeignKey("deals.id", ondelete="CASCADE"), primary_key=True
    )
    match_key: Mapped[str] = mapped_column(String(400), primary_key=True, index=True)


class DealValueRow(Base):
    """A value one source states for a deal; ``chosen`` marks the one the deal carries.

    ``value_usd``, ``fx_rate`` and ``fx_date`` hold the USD normalisation (rate and its date
    recorded with the value); they stay empty until values are normalised.
    """

    __tablename__ = "deal_values"
    __table_args__ = (
        Index(
            "ix_deal_values_deal_id_chosen",
            "deal_id",
            "chosen",
            "currency",
            "amount",
            "value_usd",
        ),
        CheckConstraint("amount >= 0", name="amount_not_negative"),
        CheckConstraint("upper IS NULL OR upper >= amount", name="upper_not_below_amount"),
    )

    id: Mapped[IntPK]
    deal_id: Mapped[int] = mapped_column(ForeignKey("deals.id", ondelete="CASCADE"))
    source_id: Mapped[int] = mapped_column(
        ForeignKey("sources.id", ondelete="CASCADE"), unique=True
    )
    amount: Mapped[MoneyAmount]
    currency: Mapped[Code3]
    approximate: Mapped[bool] = mapped_column(Boolean, default=False)
    upper: Mapped[Decimal | None]
    chosen: Mapped[bool] = mapped_column(Boolean, default=False)
    value_usd: Mapped[Decimal | None]
    fx_rate: Mapped[Decimal | None] = mapped_column(RATE)
    fx_date: Mapped[date | None]


class DealCellRow(Base):
    """Totals of the deals sharing supplier, buyer, year and status, for aggregate queries.

    Derived from ``deals`` and kept by :mod:`armstrack.store.usd` (a supplier and buyer
    never change once a deal exists, so a batch refreshes the cells of the pairs it
    touched). ``stated`` deals state a value, ``valued`` have it in USD.
    """

    __tablename__ = "deal_cells"
    __table_args__ = (
        Index("ix_deal_cells_supplier_buyer_year_status", "supplier", "buyer", "year", "status"),
        Index("ix_deal_cells_buyer_supplier_year", "buyer", "supplier", "year"),
    )

    id: Mapped[IntPK]
    supplier: Mapped[str | None] = mapped_column(String(3))
    buyer: Mapped[str | None] = mapped_column(String(3))
    year: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[Status] = mapped_column(enum_type(Status, "status"))
    deals: Mapped[int] = mapped_column(Integer)
    value_usd: Mapped[Decimal | None]
    valued: Mapped[int] = mapped_column(Integer)
    stated: Mapped[int] = mapped_column(Integer)
    systems: Mapped[int] = mapped_column(Integer)
    quantity: Mapped[int] = mapped_column(Integer)


class StatusEntryRow(Base):
    """A status one source reports for a deal, and the date it held (deal date or publication)."""

    __tablename__ = "status_history"
    __table_args__ = (
        Index("ix_status_history_deal_id_observed_on", "deal_id", "observed_on"),
        enum_check("status", Status),
    )

    id: Mapped[IntPK]
    deal_id: Mapped[int] = mapped_column(ForeignKey("deals.id", ondelete="CASCADE"))
    source_id: Mapped[int] = mapped_column(
        ForeignKey("sources.id", ondelete="CASCADE"), unique=True
    )
    status: Mapped[Status] = mapped_column(enum_type(Status, "status"))
    observed_on: Mapped[date | None]


class EvidenceRow(Base):
    """Where in the source's document a field of the deal was read, and by which rule."""

    __tablename__ = "evidence"
    __table_args__ = (CheckConstraint("span_end >= span_start", name="span_ordered"),)

    id: Mapped[IntPK]
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    field: Mapped[str | None] = mapped_column(String(100))
    start: Mapped[int] = mapped_column("span_start", Integer)
    end: Mapped[int] = mapped_column("span_end", Integer)
    sentence: Mapped[str] = mapped_column(Text, default="")
    rule: Mapped[str] = mapped_column(String(200))

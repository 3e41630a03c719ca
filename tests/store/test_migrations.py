"""Migrations on every backend: one head, up and down, models agree, data survives."""

from __future__ import annotations

import ast
import re
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import CheckConstraint, MetaData, UniqueConstraint, func, inspect, select
from sqlalchemy.exc import IntegrityError

from armstrack.store import migrate
from armstrack.store.base import Base
from armstrack.store.session import make_engine
from armstrack.store.tracker import SchemaError, Tracker

SCRIPTS = ScriptDirectory.from_config(migrate.alembic_config())
REVISIONS = list(reversed(list(SCRIPTS.walk_revisions())))  # base first


def test_single_head() -> None:
    assert len(SCRIPTS.get_heads()) == 1


@pytest.mark.parametrize("path", sorted(Path(SCRIPTS.versions).glob("*.py")), ids=lambda p: p.name)
def test_migration_files_are_named_and_explained(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstring = ast.get_docstring(tree)
    assert docstring, f"{path.name} has no docstring"
    assert "Why:" in docstring, f"{path.name} does not say why"
    revision = next(
        node.value.value
        for node in tree.body
        if isinstance(node, ast.AnnAssign)
        and isinstance(node.target, ast.Name)
        and node.target.id == "revision"
        and isinstance(node.value, ast.Constant)
    )
    assert re.fullmatch(rf"{revision}_[a-z0-9_]+\.py", path.name)


def test_base_to_head_to_base_to_head(empty_url: str) -> None:
    engine = make_engine(empty_url)
    try:
        for target, tables in (("head", True), ("base", False), ("head", True)):
            if target == "head":
                migrate.upgrade_engine(engine)
            else:
                migrate.downgrade_engine(engine, "base")
            with engine.connect() as conn:
                names = set(inspect(conn).get_table_names()) - {"alembic_version"}
                assert bool(names) is tables
                assert migrate.current(conn) == (migrate.head() if tables else None)
    finally:
        engine.dispose()


def test_every_step_up_and_down(empty_url: str) -> None:
    engine = make_engine(empty_url)
    try:
        for script in REVISIONS:
            migrate.upgrade_engine(engine, script.revision)
            migrate.downgrade_engine(engine, script.down_revision or "base")
            migrate.upgrade_engine(engine, script.revision)
            with engine.connect() as conn:
                assert migrate.current(conn) == script.revision
    finally:
        engine.dispose()


def test_models_match_migrations(empty_url: str) -> None:
    engine = make_engine(empty_url)
    try:
        migrate.upgrade_engine(engine)
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def _sample_rows() -> dict[str, list[dict[str, object]]]:
    now = datetime(2024, 5, 1, 12, tzinfo=UTC)
    return {
        "states": [{"code": "KOR", "name": "Korea"}, {"code": "POL", "name": "Poland"}],
        "systems": [
            {
                "id": "k2",
                "name": "K2",
                "designation": "K2",
                "category": "armoured vehicles",
                "origin": "KOR",
                "family_id": None,
            },
        ],
        "organisations": [
            {
                "id": "hyundai-rotem",
                "name": "Hyundai Rotem",
                "state": "KOR",
                "kind": "company",
                "multinational": False,
            },
        ],
        "documents": [
            {
                "id": 1,
                "external_id": "d1",
                "content_hash": "a" * 64,
                "title": None,
                "url": None,
                "published": date(2022, 8, 27),
                "text": "text",
                "ingested_at": now,
            },
        ],
        "deals": [
            {
                "id": 1,
                "supplier": "KOR",
                "buyer": "POL",
                "status": "signed",
                "kind": "sale",
                "deal_date": date(2022, 8, 26),
                "date_precision": "day",
                "year": 2022,
                "confidence": 0.9,
                "source_count": 1,
            },
        ],
        "sources": [{"id": 1, "deal_id": 1, "document_id": 1, "position": 0, "reported": {}}],
        "deal_lines": [
            {
                "id": 1,
                "deal_id": 1,
                "position": 0,
                "name": "K2",
                "name_key": "k2",
                "system_id": "k2",
                "family_id": "k2",
                "category": "armoured vehicles",
                "quantity": 180,
            },
        ],
        "deal_keys": [{"deal_id": 1, "match_key": "KOR>POL|s:k2"}],
        "deal_values": [
            {
                "id": 1,
                "deal_id": 1,
                "source_id": 1,
                "amount": Decimal("3370000000"),
                "currency": "USD",
                "approximate": False,
                "upper": None,
                "chosen": True,
            },
        ],
        "status_history": [
            {
                "id": 1,
                "deal_id": 1,
                "source_id": 1,
                "status": "signed",
                "observed_on": date(2022, 8, 26),
            },
        ],
        "evidence": [
            {
                "id": 1,
                "source_id": 1,
                "field": "value",
                "span_start": 3,
                "span_end": 9,
                "sentence": "s",
                "rule": "money",
            },
        ],
    }


def test_upgrading_a_database_with_data_keeps_every_row(empty_url: str) -> None:
    engine = make_engine(empty_url)
    first = REVISIONS[0].revision
    try:
        migrate.upgrade_engine(engine, first)
        with engine.begin() as conn:
            reflected = MetaData()
            reflected.reflect(conn)
            for name, rows in _sample_rows().items():
                conn.execute(reflected.tables[name].insert(), rows)
        before = _dump(engine)
        migrate.upgrade_engine(engine)
        after = _dump(engine)
        assert set(before) <= set(after)
        for name, rows in before.items():
            kept = [{k: row[k] for k in rows[0]} for row in after[name]] if rows else []
            assert kept == rows, name
    finally:
        engine.dispose()


def _dump(engine: object) -> dict[str, list[dict[str, object]]]:
    assert hasattr(engine, "connect")
    with engine.connect() as conn:
        reflected = MetaData()
        reflected.reflect(conn)
        dump = {}
        for name, table in reflected.tables.items():
            if name == "alembic_version":
                continue
            order = list(table.primary_key.columns)
            dump[name] = [dict(r._mapping) for r in conn.execute(select(table).order_by(*order))]
            assert conn.scalar(select(func.count()).select_from(table)) == len(dump[name])
        return dump


def test_open_creates_the_schema_of_a_fresh_database(empty_url: str) -> None:
    with Tracker.open(empty_url) as tracker, tracker.sessions() as session:
        assert migrate.current(session.connection()) == migrate.head()


def test_open_asks_to_upgrade_an_older_schema(empty_url: str) -> None:
    migrate.upgrade_database(empty_url, REVISIONS[0].revision)
    if len(REVISIONS) > 1:
        with pytest.raises(SchemaError, match="armstrack db upgrade"):
            Tracker.open(empty_url)


def test_named_constraints_agree(empty_url: str) -> None:
    """Autogenerate does not compare check constraints and unique names; this does."""
    migrate.upgrade_database(empty_url)
    engine = make_engine(empty_url)
    try:
        with engine.connect() as conn:
            inspector = inspect(conn)
            for table in Base.metadata.sorted_tables:
                model_checks = {
                    str(c.name) for c in table.constraints if isinstance(c, CheckConstraint)
                }
                stored = {c["name"] for c in inspector.get_check_constraints(table.name)}
                assert model_checks == stored, table.name
                model_uniques = {
                    str(c.name) for c in table.constraints if isinstance(c, UniqueConstraint)
                }
                stored = {c["name"] for c in inspector.get_unique_constraints(table.name)}
                assert model_uniques == stored, table.name
    finally:
        engine.dispose()


def test_enum_columns_refuse_other_values(empty_url: str) -> None:
    migrate.upgrade_database(empty_url)
    engine = make_engine(empty_url)
    try:
        with engine.begin() as conn:
            states = Base.metadata.tables["states"]
            conn.execute(states.insert(), [{"code": "POL", "name": "Poland"}])
        bad = (
            "INSERT INTO deals (supplier, buyer, status, kind, confidence, source_count) "
            "VALUES ('POL', 'POL', 'rumoured', 'sale', 1.0, 1)"
        )
        with engine.begin() as conn, pytest.raises(IntegrityError):
            conn.exec_driver_sql(bad)
    finally:
        engine.dispose()

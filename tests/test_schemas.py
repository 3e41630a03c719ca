"""schemas/ is generated from the models and must match them exactly."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import jsonschema

from armstrack import schemas
from armstrack.model import Deal, Money, SystemLine

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


def test_committed_schemas_match_the_models() -> None:
    generated = schemas.generate()
    committed = {p.name: p.read_text(encoding="utf-8") for p in SCHEMAS.glob("*.json")}
    assert sorted(committed) == sorted(generated), "run: python -m armstrack.schemas"
    for name, text in generated.items():
        assert committed[name] == text, f"{name} is stale: run python -m armstrack.schemas"


def test_a_deal_validates_against_its_schema() -> None:
    schema = json.loads((SCHEMAS / "Deal.json").read_text(encoding="utf-8"))
    deal = Deal(
        supplier="KOR",
        buyer="POL",
        systems=[SystemLine(name="K239 Chunmoo", category="artillery", quantity=218)],
        value=Money(amount=Decimal("1640000000"), currency="USD"),
        status="signed",
    )
    jsonschema.validate(deal.model_dump(mode="json"), schema)
    bad = deal.model_dump(mode="json") | {"status": "done"}
    try:
        jsonschema.validate(bad, schema)
    except jsonschema.ValidationError:
        pass
    else:  # pragma: no cover - the assertion below reports it
        raise AssertionError("a deal with an unknown status validated")


def _sections(page: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for chunk in page.split("\n## ")[1:]:
        title, _, body = chunk.partition("\n")
        out[title.strip()] = body
    return out


def test_the_data_model_page_documents_every_schema_field() -> None:
    page = (SCHEMAS.parent / "docs" / "model.md").read_text(encoding="utf-8")
    sections = _sections(page)
    for text in schemas.generate().values():
        title = json.loads(text)["title"]
        if title in (
            "Deal",
            "Document",
            "Evidence",
            "Money",
            "SystemLine",
            "State",
            "Organisation",
            "WeaponSystem",
            "StateRecord",
            "StateForm",
            "ClassNoun",
        ):
            assert title in sections, f"docs/model.md has no section for {title}"
            for field in json.loads(text)["properties"]:
                assert f"`{field}`" in sections[title], f"docs/model.md: {title}.{field} missing"

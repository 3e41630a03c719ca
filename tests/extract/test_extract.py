"""Tests for armstrack.extract.extract: the entry point, its robustness and its rule files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import armstrack
from armstrack.catalogue import default_catalogue, seeds_dir
from armstrack.extract import extract
from armstrack.extract.rules import RuleError, load_rules
from armstrack.model import Deal

SAMPLE = seeds_dir() / "articles" / "000_10bd444617be5644.txt"
RULES = Path(armstrack.__file__).parent / "extract" / "rules"


@pytest.fixture(scope="module")
def sample_deals() -> list[Deal]:
    return extract(SAMPLE.read_text(encoding="utf-8"), document_id="sample")


# The project's sample article (seeds/articles): what a reader must find in it.
def test_sample_rocket_artillery_deal(sample_deals: list[Deal]) -> None:
    deals = [d for d in sample_deals if d.value is not None]
    assert len(deals) == 1
    (deal,) = deals
    assert (deal.supplier, deal.buyer, deal.status.value) == ("KOR", "POL", "signed")
    assert int(deal.value.amount) == 1_640_000_000
    assert deal.value.currency == "USD"
    assert any(s.category is not None and s.category.value == "artillery" for s in deal.systems)


def test_sample_k2_deal(sample_deals: list[Deal]) -> None:
    k2 = [d for d in sample_deals if any("K2" in s.name for s in d.systems)]
    assert [(d.supplier, d.buyer) for d in k2] == [("KOR", "POL")]


def test_sample_has_no_deal_from_troops(sample_deals: list[Deal]) -> None:
    assert all("PRK" not in (d.supplier, d.buyer) for d in sample_deals)


def test_extract_is_reexported() -> None:
    assert armstrack.extract is extract


def test_deterministic() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    first = [d.model_dump_json() for d in extract(text)]
    assert [d.model_dump_json() for d in extract(text)] == first


def test_empty_text() -> None:
    assert extract("") == []


# Robustness: any text, any size.
@given(st.text(max_size=400))
def test_arbitrary_unicode_never_raises(text: str) -> None:
    for deal in extract(text):
        Deal.model_validate_json(deal.model_dump_json())


_WORDS = st.sampled_from(
    [
        "Poland",
        "South",
        "Korea",
        "will",
        "buy",
        "signed",
        "sold",
        "to",
        "from",
        "with",
        "the",
        "deal",
        "contract",
        "K2",
        "tanks",
        "180",
        "$3",
        "billion",
        "Seoul's",
        "U.S.-made",
        "F-16s",
        ",",
        ".",
        "\n",
        "and",
        "Hanwha",
        "Aerospace",
        "approved",
        "delivered",
        "allegedly",
        "could",
        "consider",
        "sending",
    ]
)


@given(st.lists(_WORDS, max_size=80).map(" ".join))
def test_arms_trade_word_salad_validates(text: str) -> None:
    for deal in extract(text):
        Deal.model_validate(deal.model_dump(mode="json"))
        assert deal.supplier != deal.buyer


@pytest.mark.timeout(60)
def test_one_megabyte_of_adversarial_text() -> None:
    pieces = [
        "a" * 200_000,
        " " * 100_000,
        "." * 100_000,
        "U.S." * 25_000,
        "K2" * 50_000,
        "Poland's " * 20_000,
        "sold to from with " * 10_000,
        "$1" * 50_000,
        "\n" * 50_000,
    ]
    text = "".join(pieces)
    assert len(text) >= 1_000_000
    for deal in extract(text):
        Deal.model_validate_json(deal.model_dump_json())


@pytest.mark.timeout(60)
def test_one_long_sentence_of_names() -> None:
    text = ("Poland signed a deal with Hanwha Aerospace for 180 K2 tanks and " * 5000) + "."
    deals = extract(text)
    assert all(d.supplier == "KOR" and d.buyer == "POL" for d in deals)


# Rule files: validated at load, errors name file and line.
def test_shipped_rules_load() -> None:
    rules = load_rules()
    assert rules.triggers
    assert rules.cues


BAD_TRIGGER_LINES = [
    ('{"id": "x", "forms": ["Buy"], "pos": "verb", "frame": "buy", "status": "signed"}', "forms"),
    ('{"id": "x", "forms": ["buy"], "pos": "adverb", "frame": "buy", "status": "signed"}', "pos"),
    ('{"id": "x", "forms": ["buy"], "pos": "verb", "frame": "buy", "status": "done"}', "status"),
    ('{"id": "X Y", "forms": ["buy"], "pos": "verb", "frame": "buy", "status": "signed"}', "id"),
    ('{"id": "x", "forms": [], "pos": "verb", "frame": "buy", "status": "signed"}', "forms"),
    ("{not json", "not JSON"),
]


@pytest.mark.parametrize(
    ("line", "where"), BAD_TRIGGER_LINES, ids=[w for _, w in BAD_TRIGGER_LINES]
)
def test_bad_rule_names_file_and_line(tmp_path: Path, line: str, where: str) -> None:
    good = (RULES / "triggers.jsonl").read_text(encoding="utf-8").splitlines()[0]
    (tmp_path / "triggers.jsonl").write_text(f"{good}\n{line}\n", encoding="utf-8")
    (tmp_path / "cues.jsonl").write_text((RULES / "cues.jsonl").read_text(encoding="utf-8"))
    with pytest.raises(RuleError, match=rf"triggers\.jsonl:2: .*{where}"):
        load_rules(tmp_path)


def test_duplicate_rule_id_fails(tmp_path: Path) -> None:
    good = (RULES / "triggers.jsonl").read_text(encoding="utf-8").splitlines()[0]
    (tmp_path / "triggers.jsonl").write_text(f"{good}\n{good}\n", encoding="utf-8")
    (tmp_path / "cues.jsonl").write_text((RULES / "cues.jsonl").read_text(encoding="utf-8"))
    with pytest.raises(RuleError, match=r"triggers\.jsonl:2: id"):
        load_rules(tmp_path)


def test_rule_ids_are_unique_across_files() -> None:
    ids = [
        json.loads(line)["id"]
        for name in ("triggers.jsonl", "cues.jsonl")
        for line in (RULES / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert len(ids) == len(set(ids))


def test_default_catalogue_compiles() -> None:
    from armstrack.extract.mentions import gazetteer_for

    assert gazetteer_for(default_catalogue()) is gazetteer_for()
